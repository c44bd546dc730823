package io.itops.backup;

import io.itops.backup.Records.Finding;
import io.itops.backup.Records.Job;
import io.itops.backup.Records.Policy;
import io.itops.backup.Records.RestoreTest;
import io.itops.backup.Vocabulary.FindingCode;
import io.itops.backup.Vocabulary.JobStatus;
import io.itops.backup.Vocabulary.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The audit's rules: what an asset's coverage must show at a moment {@code asOf}. Each finding names
 * the facts that caused it, so the person who gets it can act without looking anything up.
 */
final class AuditRules {
    private AuditRules() {}

    static List<Finding> evaluate(Coverage c, Instant asOf, int minimumRetentionDays) {
        List<Finding> findings = new ArrayList<>();
        Policy p = c.policy();
        Job success = c.lastSuccess();
        Job last = c.lastJob();
        if (p == null) {
            findings.add(finding(FindingCode.NO_POLICY, Severity.HIGH,
                    "holdsBusinessData", c.asset().holdsBusinessData(), "category", c.asset().category()));
        }
        if (success == null) {
            findings.add(finding(FindingCode.NO_SUCCESSFUL_BACKUP, Severity.CRITICAL,
                    "lastJobStatus", last == null ? "none reported" : last.status(),
                    "lastJobFinishedAt", last == null ? null : last.finishedAt()));
        } else if (p != null) {
            Duration age = Duration.between(success.finishedAt(), asOf);
            if (age.compareTo(Duration.ofHours(p.rpoHours())) > 0) {
                findings.add(finding(FindingCode.RPO_BREACHED, age.compareTo(Duration.ofHours(2L * p.rpoHours())) > 0 ? Severity.CRITICAL : Severity.HIGH,
                        "rpoHours", p.rpoHours(), "lastSuccessAt", success.finishedAt(), "hoursSinceLastSuccess", age.toHours(),
                        "lastSuccessJobId", success.jobId()));
            }
        }
        if (last != null && last.status() != JobStatus.SUCCEEDED) {
            findings.add(finding(FindingCode.LAST_JOB_FAILED, last.status() == JobStatus.FAILED ? Severity.HIGH : Severity.MEDIUM,
                    "jobId", last.jobId(), "status", last.status(), "finishedAt", last.finishedAt(), "message", last.message()));
        }
        if (p != null && p.retentionDays() < minimumRetentionDays) {
            findings.add(finding(FindingCode.RETENTION_BELOW_MINIMUM, Severity.MEDIUM,
                    "retentionDays", p.retentionDays(), "minimumRetentionDays", minimumRetentionDays));
        }
        boolean jobUnencrypted = success != null && Boolean.FALSE.equals(success.encrypted());
        if (p != null && !p.encrypted() || jobUnencrypted) {
            findings.add(finding(FindingCode.NOT_ENCRYPTED, Severity.HIGH,
                    "policyEncrypted", p == null ? null : p.encrypted(),
                    "lastSuccessEncrypted", success == null ? null : success.encrypted(),
                    "lastSuccessJobId", jobUnencrypted ? success.jobId() : null));
        }
        if (p != null && !p.offsiteCopy()) {
            findings.add(finding(FindingCode.NO_OFFSITE_COPY, Severity.MEDIUM, "offsiteCopy", false, "target", p.target()));
        }
        if (p != null) {
            restoreFindings(findings, p, c.lastRestoreTest(), asOf);
        }
        return findings;
    }

    private static void restoreFindings(List<Finding> findings, Policy p, RestoreTest test, Instant asOf) {
        // Without any test, the first one falls due one interval after the policy was set.
        Instant due = (test == null ? p.since() : test.testedAt()).plus(Duration.ofDays(p.restoreTestIntervalDays()));
        if (asOf.isAfter(due)) {
            findings.add(finding(FindingCode.RESTORE_TEST_OVERDUE, Severity.MEDIUM,
                    "restoreTestIntervalDays", p.restoreTestIntervalDays(),
                    "lastTestAt", test == null ? "never" : test.testedAt(), "dueAt", due,
                    "daysOverdue", Duration.between(due, asOf).toDays()));
        }
        if (test != null && !test.passed()) {
            findings.add(finding(FindingCode.RESTORE_TEST_FAILED, Severity.HIGH,
                    "testId", test.testId(), "testedAt", test.testedAt(), "notes", test.notes()));
        } else if (test != null && test.durationMinutes() != null && test.durationMinutes() > p.rtoMinutes()) {
            findings.add(finding(FindingCode.RTO_EXCEEDED, Severity.MEDIUM,
                    "rtoMinutes", p.rtoMinutes(), "restoreMinutes", test.durationMinutes(), "testId", test.testId(),
                    "testedAt", test.testedAt()));
        }
    }

    private static Finding finding(FindingCode code, Severity severity, Object... facts) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i + 1 < facts.length; i += 2) {
            if (facts[i + 1] != null) {
                map.put((String) facts[i], String.valueOf(facts[i + 1]));
            }
        }
        return new Finding(code, severity, map);
    }
}
