package io.itops.scan;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A problem scans found on an asset, tracked across scans by its fingerprint (asset + profile +
 * rule). {@code openedAt} starts the current open period and {@code dueAt} is its remediation
 * deadline (none for info findings); {@code overdue} is computed when read.
 */
public record Finding(
        String findingId,
        String assetId,
        String assetTag,
        String department,
        String custodian,
        Profile profile,
        String ruleId,
        String title,
        Severity severity,
        BigDecimal cvss,
        String evidence,
        String remediation,
        FindingStatus status,
        Instant firstSeen,
        Instant lastSeen,
        Instant openedAt,
        Instant dueAt,
        boolean overdue,
        Instant resolvedAt,
        int reopenCount,
        Instant reopenedAt,
        String firstScanId,
        String lastScanId,
        Triage triage,
        @JsonIgnore Instant overdueNotifiedFor,
        @JsonIgnore FindingRules.Change lastChange,
        long version,
        Instant updatedAt) {

    /** The last triage decision: who set which status, why, and until when (accepted risk). */
    public record Triage(FindingStatus status, String reason, LocalDate expiresOn, String by, Instant at) {}

    boolean overdueAt(Instant now) {
        return status == FindingStatus.OPEN && dueAt != null && dueAt.isBefore(now);
    }

    /** This finding as a reader sees it at {@code now}. */
    Finding at(Instant now) {
        return toBuilder().overdue(overdueAt(now)).build();
    }

    Builder toBuilder() {
        return new Builder(this);
    }

    /** Copies a finding with some fields changed; every rule in {@link FindingRules} goes through it. */
    static final class Builder {
        private String findingId, assetId, assetTag, department, custodian, ruleId, title, evidence, remediation;
        private String firstScanId, lastScanId;
        private Profile profile;
        private Severity severity;
        private BigDecimal cvss;
        private FindingStatus status;
        private Instant firstSeen, lastSeen, openedAt, dueAt, resolvedAt, reopenedAt, overdueNotifiedFor, updatedAt;
        private FindingRules.Change lastChange;
        private boolean overdue;
        private int reopenCount;
        private Triage triage;
        private long version;

        Builder() {}

        private Builder(Finding f) {
            findingId = f.findingId; assetId = f.assetId; assetTag = f.assetTag; department = f.department;
            custodian = f.custodian; profile = f.profile; ruleId = f.ruleId; title = f.title; severity = f.severity;
            cvss = f.cvss; evidence = f.evidence; remediation = f.remediation; status = f.status;
            firstSeen = f.firstSeen; lastSeen = f.lastSeen; openedAt = f.openedAt; dueAt = f.dueAt; overdue = f.overdue;
            resolvedAt = f.resolvedAt; reopenCount = f.reopenCount; reopenedAt = f.reopenedAt;
            firstScanId = f.firstScanId; lastScanId = f.lastScanId; triage = f.triage;
            overdueNotifiedFor = f.overdueNotifiedFor; lastChange = f.lastChange; version = f.version; updatedAt = f.updatedAt;
        }

        Builder findingId(String v) { findingId = v; return this; }
        Builder assetId(String v) { assetId = v; return this; }
        Builder assetTag(String v) { assetTag = v; return this; }
        Builder department(String v) { department = v; return this; }
        Builder custodian(String v) { custodian = v; return this; }
        Builder profile(Profile v) { profile = v; return this; }
        Builder ruleId(String v) { ruleId = v; return this; }
        Builder title(String v) { title = v; return this; }
        Builder severity(Severity v) { severity = v; return this; }
        Builder cvss(BigDecimal v) { cvss = v; return this; }
        Builder evidence(String v) { evidence = v; return this; }
        Builder remediation(String v) { remediation = v; return this; }
        Builder status(FindingStatus v) { status = v; return this; }
        Builder firstSeen(Instant v) { firstSeen = v; return this; }
        Builder lastSeen(Instant v) { lastSeen = v; return this; }
        Builder openedAt(Instant v) { openedAt = v; return this; }
        Builder dueAt(Instant v) { dueAt = v; return this; }
        Builder overdue(boolean v) { overdue = v; return this; }
        Builder resolvedAt(Instant v) { resolvedAt = v; return this; }
        Builder reopenCount(int v) { reopenCount = v; return this; }
        Builder reopenedAt(Instant v) { reopenedAt = v; return this; }
        Builder firstScanId(String v) { firstScanId = v; return this; }
        Builder lastScanId(String v) { lastScanId = v; return this; }
        Builder triage(Triage v) { triage = v; return this; }
        Builder overdueNotifiedFor(Instant v) { overdueNotifiedFor = v; return this; }
        Builder lastChange(FindingRules.Change v) { lastChange = v; return this; }
        Builder version(long v) { version = v; return this; }
        Builder updatedAt(Instant v) { updatedAt = v; return this; }

        Finding build() {
            return new Finding(findingId, assetId, assetTag, department, custodian, profile, ruleId, title, severity, cvss,
                    evidence, remediation, status, firstSeen, lastSeen, openedAt, dueAt, overdue, resolvedAt, reopenCount,
                    reopenedAt, firstScanId, lastScanId, triage, overdueNotifiedFor, lastChange, version, updatedAt);
        }
    }
}
