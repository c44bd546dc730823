package io.itops.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.itops.backup.Records.AuditMark;
import io.itops.backup.Records.Finding;
import io.itops.backup.Records.Job;
import io.itops.backup.Records.Policy;
import io.itops.backup.Records.RestoreTest;
import io.itops.backup.Vocabulary.BackupMethod;
import io.itops.backup.Vocabulary.FindingCode;
import io.itops.backup.Vocabulary.JobStatus;
import io.itops.backup.Vocabulary.Severity;
import io.itops.shared.events.AssetSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each finding code from the exact situation that causes it, beside the compliant neighbour one fact away. */
class AuditRulesTest {
    static final Instant AS_OF = Instant.parse("2026-12-01T18:00:00Z");
    static final int MINIMUM = 35;

    static AssetSnapshot asset(boolean businessData, String status) {
        return new AssetSnapshot("01JF0000000000000000000001", "SRV-0001", "server", status, "PowerEdge R760", "Finance",
                "li.lei", "DC-1", businessData, 3);
    }

    static Policy policy(int rpoHours, int retentionDays, boolean encrypted, boolean offsite, int intervalDays, int rtoMinutes) {
        return new Policy(rpoHours, retentionDays, BackupMethod.INCREMENTAL, "nas-01", encrypted, offsite, intervalDays,
                rtoMinutes, AS_OF.minus(Duration.ofDays(200)), AS_OF.minus(Duration.ofDays(200)), "sam.staff");
    }

    static Policy goodPolicy() {
        return policy(24, 35, true, true, 90, 240);
    }

    static Job job(String id, JobStatus status, Duration ago, Boolean encrypted) {
        Instant finished = AS_OF.minus(ago);
        return new Job(id, "01JF0000000000000000000001", status, finished.minusSeconds(1800), finished, 1000L, "s3://b/" + id,
                encrypted, "sha256:00", status == JobStatus.FAILED ? "disk full" : null, "veeam-01", finished);
    }

    static RestoreTest test(Duration ago, boolean passed, Integer minutes) {
        return new RestoreTest("01JF0000000000000000000T01", "01JF0000000000000000000001", AS_OF.minus(ago), passed, minutes,
                null, "restored to sandbox", AS_OF.minus(ago), "sam.staff");
    }

    /** Everything in order: a policy, a good encrypted backup 2 hours ago, a passed restore test 10 days ago within the RTO. */
    static Coverage compliant() {
        Job good = job("job-good", JobStatus.SUCCEEDED, Duration.ofHours(2), true);
        return new Coverage(asset(true, "in-service"), goodPolicy(), good, good, test(Duration.ofDays(10), true, 60), 1, AuditMark.NONE);
    }

    static List<Finding> audit(Coverage c) {
        return AuditRules.evaluate(c, AS_OF, MINIMUM);
    }

    static Finding only(Coverage c, FindingCode code) {
        List<Finding> findings = audit(c);
        assertEquals(List.of(code), findings.stream().map(Finding::code).toList(), "exactly " + code + ": " + findings);
        return findings.getFirst();
    }

    static Coverage with(Coverage c, Policy policy, Job last, Job success, RestoreTest test) {
        return new Coverage(c.asset(), policy, last, success, test, c.rev(), c.audit());
    }

    @Test
    void theCompliantBaselineProducesNothing() {
        assertEquals(List.of(), audit(compliant()));
    }

    @Test
    void noPolicy_whenAnAssetWithBusinessDataHasNone() {
        Coverage c = compliant();
        Finding f = only(with(c, null, c.lastJob(), c.lastSuccess(), c.lastRestoreTest()), FindingCode.NO_POLICY);
        assertEquals(Severity.HIGH, f.severity());
        assertEquals("true", f.facts().get("holdsBusinessData"));
    }

    @Test
    void noSuccessfulBackup_whenNoJobWasEverReported_andOneSuccessClearsIt() {
        Coverage c = compliant();
        Finding f = only(with(c, c.policy(), null, null, c.lastRestoreTest()), FindingCode.NO_SUCCESSFUL_BACKUP);
        assertEquals(Severity.CRITICAL, f.severity());
        assertEquals("none reported", f.facts().get("lastJobStatus"));
        assertEquals(List.of(), audit(c), "neighbour with one good job");
    }

    @Test
    void rpoBreached_oneHourPastTheRpo_butNotOneHourBefore() {
        Coverage c = compliant();
        Job late = job("job-25h", JobStatus.SUCCEEDED, Duration.ofHours(25), true);
        Finding f = only(with(c, c.policy(), late, late, c.lastRestoreTest()), FindingCode.RPO_BREACHED);
        assertEquals(Severity.HIGH, f.severity());
        assertEquals(Map.of("rpoHours", "24", "lastSuccessAt", late.finishedAt().toString(), "hoursSinceLastSuccess", "25",
                "lastSuccessJobId", "job-25h"), f.facts());
        Job inTime = job("job-23h", JobStatus.SUCCEEDED, Duration.ofHours(23), true);
        assertEquals(List.of(), audit(with(c, c.policy(), inTime, inTime, c.lastRestoreTest())));
        Job veryLate = job("job-49h", JobStatus.SUCCEEDED, Duration.ofHours(49), true);
        assertEquals(Severity.CRITICAL, only(with(c, c.policy(), veryLate, veryLate, c.lastRestoreTest()), FindingCode.RPO_BREACHED).severity(),
                "more than twice the RPO is critical");
    }

    @Test
    void rpoBreached_notAtExactlyOneRpo_highASecondLater_highAtExactlyTwoRpos_criticalASecondPastThat() {
        Coverage c = compliant();
        Job atOne = job("job-24h", JobStatus.SUCCEEDED, Duration.ofHours(24), true);
        assertEquals(List.of(), audit(with(c, c.policy(), atOne, atOne, c.lastRestoreTest())), "exactly one RPO is still in time");
        Job justPast = job("job-24h1s", JobStatus.SUCCEEDED, Duration.ofHours(24).plusSeconds(1), true);
        Finding high = only(with(c, c.policy(), justPast, justPast, c.lastRestoreTest()), FindingCode.RPO_BREACHED);
        assertEquals(Severity.HIGH, high.severity());
        assertEquals("24", high.facts().get("hoursSinceLastSuccess"));
        Job atTwo = job("job-48h", JobStatus.SUCCEEDED, Duration.ofHours(48), true);
        assertEquals(Severity.HIGH, only(with(c, c.policy(), atTwo, atTwo, c.lastRestoreTest()), FindingCode.RPO_BREACHED).severity(),
                "exactly two RPOs is still high");
        Job pastTwo = job("job-48h1s", JobStatus.SUCCEEDED, Duration.ofHours(48).plusSeconds(1), true);
        assertEquals(Severity.CRITICAL, only(with(c, c.policy(), pastTwo, pastTwo, c.lastRestoreTest()), FindingCode.RPO_BREACHED).severity());
    }

    @Test
    void lastJobFailed_whenTheNewestJobFailedAfterAGoodOne_andPartialIsMedium() {
        Coverage c = compliant();
        Job failed = job("job-failed", JobStatus.FAILED, Duration.ofHours(1), null);
        Finding f = only(with(c, c.policy(), failed, c.lastSuccess(), c.lastRestoreTest()), FindingCode.LAST_JOB_FAILED);
        assertEquals(Severity.HIGH, f.severity());
        assertEquals("job-failed", f.facts().get("jobId"));
        assertEquals("disk full", f.facts().get("message"));
        Job partial = job("job-partial", JobStatus.PARTIAL, Duration.ofHours(1), true);
        assertEquals(Severity.MEDIUM, only(with(c, c.policy(), partial, c.lastSuccess(), c.lastRestoreTest()), FindingCode.LAST_JOB_FAILED).severity());
    }

    @Test
    void retentionBelowMinimum_atOneDayShort_butNotAtTheMinimum() {
        Coverage c = compliant();
        Finding f = only(with(c, policy(24, 34, true, true, 90, 240), c.lastJob(), c.lastSuccess(), c.lastRestoreTest()),
                FindingCode.RETENTION_BELOW_MINIMUM);
        assertEquals(Map.of("retentionDays", "34", "minimumRetentionDays", "35"), f.facts());
        assertEquals(List.of(), audit(with(c, policy(24, 35, true, true, 90, 240), c.lastJob(), c.lastSuccess(), c.lastRestoreTest())));
    }

    @Test
    void notEncrypted_factsNameThePolicyAndTheLastGoodBackup_andOmitWhatIsUnknown() {
        Coverage c = compliant();
        Finding byPolicy = only(with(c, policy(24, 35, false, true, 90, 240), c.lastJob(), c.lastSuccess(), c.lastRestoreTest()),
                FindingCode.NOT_ENCRYPTED);
        assertEquals(Map.of("policyEncrypted", "false", "lastSuccessEncrypted", "true"), byPolicy.facts());
        List<Finding> noBackup = audit(with(c, policy(24, 35, false, true, 90, 240), null, null, c.lastRestoreTest()));
        Finding unencrypted = noBackup.stream().filter(f -> f.code() == FindingCode.NOT_ENCRYPTED).findFirst().orElseThrow();
        assertEquals(Map.of("policyEncrypted", "false"), unencrypted.facts());
    }

    @Test
    void notEncrypted_whenThePolicySaysSo_orTheLastGoodBackupWasNot() {
        Coverage c = compliant();
        Finding byPolicy = only(with(c, policy(24, 35, false, true, 90, 240), c.lastJob(), c.lastSuccess(), c.lastRestoreTest()),
                FindingCode.NOT_ENCRYPTED);
        assertEquals("false", byPolicy.facts().get("policyEncrypted"));
        Job plain = job("job-plain", JobStatus.SUCCEEDED, Duration.ofHours(2), false);
        Finding byJob = only(with(c, c.policy(), plain, plain, c.lastRestoreTest()), FindingCode.NOT_ENCRYPTED);
        assertEquals("job-plain", byJob.facts().get("lastSuccessJobId"));
        assertEquals(Severity.HIGH, byJob.severity());
    }

    @Test
    void noOffsiteCopy_whenThePolicyHasNone() {
        Coverage c = compliant();
        Finding f = only(with(c, policy(24, 35, true, false, 90, 240), c.lastJob(), c.lastSuccess(), c.lastRestoreTest()),
                FindingCode.NO_OFFSITE_COPY);
        assertEquals(Severity.MEDIUM, f.severity());
        assertEquals("nas-01", f.facts().get("target"));
    }

    @Test
    void restoreTestOverdue_aDayPastTheInterval_butNotADayBefore() {
        Coverage c = compliant();
        Finding f = only(with(c, c.policy(), c.lastJob(), c.lastSuccess(), test(Duration.ofDays(91), true, 60)),
                FindingCode.RESTORE_TEST_OVERDUE);
        assertEquals("1", f.facts().get("daysOverdue"));
        assertEquals(List.of(), audit(with(c, c.policy(), c.lastJob(), c.lastSuccess(), test(Duration.ofDays(89), true, 60))));
    }

    @Test
    void restoreTestOverdue_withoutAnyTest_countsFromWhenThePolicyWasSet() {
        Coverage c = compliant();
        Finding f = only(with(c, c.policy(), c.lastJob(), c.lastSuccess(), null), FindingCode.RESTORE_TEST_OVERDUE);
        assertEquals("never", f.facts().get("lastTestAt"));
        Policy recent = new Policy(24, 35, BackupMethod.FULL, "nas-01", true, true, 90, 240, AS_OF.minus(Duration.ofDays(30)),
                AS_OF, "sam.staff");
        assertEquals(List.of(), audit(with(c, recent, c.lastJob(), c.lastSuccess(), null)), "a new policy has a first interval to test in");
    }

    @Test
    void restoreTestFailed_whenTheLatestTestFailed() {
        Coverage c = compliant();
        Finding f = only(with(c, c.policy(), c.lastJob(), c.lastSuccess(), test(Duration.ofDays(1), false, null)),
                FindingCode.RESTORE_TEST_FAILED);
        assertEquals(Severity.HIGH, f.severity());
        assertEquals("restored to sandbox", f.facts().get("notes"));
    }

    @Test
    void rtoExceeded_aMinuteOverTheRto_butNotAtIt() {
        Coverage c = compliant();
        Finding f = only(with(c, c.policy(), c.lastJob(), c.lastSuccess(), test(Duration.ofDays(1), true, 241)), FindingCode.RTO_EXCEEDED);
        assertEquals("241", f.facts().get("restoreMinutes"));
        assertEquals("240", f.facts().get("rtoMinutes"));
        assertEquals(List.of(), audit(with(c, c.policy(), c.lastJob(), c.lastSuccess(), test(Duration.ofDays(1), true, 240))));
    }

    @Test
    void theAuditedSet_isBusinessDataOrAPolicy_exceptRetiredAndDisposed() {
        Coverage c = compliant();
        assertTrue(c.inScope());
        assertTrue(new Coverage(asset(false, "in-service"), goodPolicy(), null, null, null, 1, AuditMark.NONE).inScope(), "policy alone");
        assertTrue(new Coverage(asset(true, "received"), null, null, null, null, 1, AuditMark.NONE).inScope(), "business data alone");
        assertFalse(new Coverage(asset(false, "in-service"), null, null, null, null, 1, AuditMark.NONE).inScope(), "neither");
        assertFalse(new Coverage(asset(true, "retired"), goodPolicy(), null, null, null, 1, AuditMark.NONE).inScope());
        assertFalse(new Coverage(asset(true, "disposed"), goodPolicy(), null, null, null, 1, AuditMark.NONE).inScope());
    }

    @Test
    void latestJobAndLatestSuccessOnlyMoveForward() {
        Coverage c = compliant();
        Job older = job("job-older", JobStatus.FAILED, Duration.ofHours(5), null);
        Coverage after = c.withJob(older);
        assertEquals("job-good", after.lastJob().jobId(), "a report arriving late does not replace a newer job");
        Job newerFail = job("job-newer", JobStatus.FAILED, Duration.ofHours(1), null);
        after = c.withJob(newerFail);
        assertEquals("job-newer", after.lastJob().jobId());
        assertEquals("job-good", after.lastSuccess().jobId(), "a failure never becomes the latest success");
    }
}
