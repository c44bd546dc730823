package io.itops.scan;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondarySortKey;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.itops.shared.store.Ids;
import io.itops.shared.store.PlainDecimal;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;

/**
 * A problem scans found on an asset, tracked across scans by its fingerprint (asset + profile +
 * rule). {@code openedAt} starts the current open period and {@code dueAt} is its remediation
 * deadline (none for info findings); {@code overdue} is computed when read. Stored under
 * {@code FINDING#ASSET#<assetId>}, keyed by the fingerprint {@code FINDING#<profile>#<ruleId>}, so a
 * fingerprint can exist only once.
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

    // ------------------------------------------------------------------ as stored

    static final String NO_DEADLINE = "~";

    static String partition(String assetId) {
        return "FINDING#ASSET#" + assetId;
    }

    static String sortPrefix(Profile profile) {
        return "FINDING#" + profile + "#";
    }

    /**
     * The time a finding's lists sort by: the deadline while open (none sorts last), the end of an
     * accepted risk, else the time of the last change.
     */
    String keyTime() {
        return switch (status) {
            case OPEN -> dueAt == null ? NO_DEADLINE : Ids.sortable(dueAt);
            case ACCEPTED_RISK -> Ids.sortable(FindingRules.expiry(triage.expiresOn()));
            default -> Ids.sortable(updatedAt);
        };
    }

    /** The sort key of the lists by department, severity and all: status first, then {@link #keyTime}. */
    private String statusKey() {
        return status + "#" + keyTime() + "#" + findingId;
    }

    private static final TableSchema<Triage> TRIAGE = StaticImmutableTableSchema.builder(Triage.class, TriageBuilder.class)
            .newItemBuilder(TriageBuilder::new, TriageBuilder::build)
            .addAttribute(FindingStatus.class, a -> a.name("status").getter(Triage::status).setter((b, v) -> b.status = v))
            .addAttribute(String.class, a -> a.name("reason").getter(Triage::reason).setter((b, v) -> b.reason = v))
            .addAttribute(LocalDate.class, a -> a.name("expiresOn").getter(Triage::expiresOn).setter((b, v) -> b.expiresOn = v))
            .addAttribute(String.class, a -> a.name("by").getter(Triage::by).setter((b, v) -> b.by = v))
            .addAttribute(Instant.class, a -> a.name("at").getter(Triage::at).setter((b, v) -> b.at = v))
            .build();

    static final TableSchema<Finding> SCHEMA = StaticImmutableTableSchema.builder(Finding.class, Builder.class)
            .newItemBuilder(Builder::new, Builder::build)
            .addAttribute(String.class, a -> a.name("PK").getter(f -> partition(f.assetId())).setter((b, v) -> {})
                    .tags(primaryPartitionKey()))
            .addAttribute(String.class, a -> a.name("SK").getter(f -> sortPrefix(f.profile()) + f.ruleId()).setter((b, v) -> {})
                    .tags(primarySortKey()))
            .addAttribute(String.class, a -> a.name("type").getter(f -> "Finding").setter((b, v) -> {}))
            .addAttribute(String.class, a -> a.name("findingId").getter(Finding::findingId).setter(Builder::findingId))
            .addAttribute(String.class, a -> a.name("assetId").getter(Finding::assetId).setter(Builder::assetId))
            .addAttribute(String.class, a -> a.name("assetTag").getter(Finding::assetTag).setter(Builder::assetTag))
            .addAttribute(String.class, a -> a.name("department").getter(Finding::department).setter(Builder::department))
            .addAttribute(String.class, a -> a.name("custodian").getter(Finding::custodian).setter(Builder::custodian))
            .addAttribute(Profile.class, a -> a.name("profile").getter(Finding::profile).setter(Builder::profile))
            .addAttribute(String.class, a -> a.name("ruleId").getter(Finding::ruleId).setter(Builder::ruleId))
            .addAttribute(String.class, a -> a.name("title").getter(Finding::title).setter(Builder::title))
            .addAttribute(Severity.class, a -> a.name("severity").getter(Finding::severity).setter(Builder::severity))
            .addAttribute(BigDecimal.class, a -> a.name("cvss").getter(Finding::cvss).setter(Builder::cvss).attributeConverter(PlainDecimal.CONVERTER))
            .addAttribute(String.class, a -> a.name("evidence").getter(Finding::evidence).setter(Builder::evidence))
            .addAttribute(String.class, a -> a.name("remediation").getter(Finding::remediation).setter(Builder::remediation))
            .addAttribute(FindingStatus.class, a -> a.name("status").getter(Finding::status).setter(Builder::status))
            .addAttribute(Instant.class, a -> a.name("firstSeen").getter(Finding::firstSeen).setter(Builder::firstSeen))
            .addAttribute(Instant.class, a -> a.name("lastSeen").getter(Finding::lastSeen).setter(Builder::lastSeen))
            .addAttribute(Instant.class, a -> a.name("openedAt").getter(Finding::openedAt).setter(Builder::openedAt))
            .addAttribute(Instant.class, a -> a.name("dueAt").getter(Finding::dueAt).setter(Builder::dueAt))
            .addAttribute(Instant.class, a -> a.name("resolvedAt").getter(Finding::resolvedAt).setter(Builder::resolvedAt))
            .addAttribute(Integer.class, a -> a.name("reopenCount").getter(Finding::reopenCount).setter(Builder::reopenCount))
            .addAttribute(Instant.class, a -> a.name("reopenedAt").getter(Finding::reopenedAt).setter(Builder::reopenedAt))
            .addAttribute(String.class, a -> a.name("firstScanId").getter(Finding::firstScanId).setter(Builder::firstScanId))
            .addAttribute(String.class, a -> a.name("lastScanId").getter(Finding::lastScanId).setter(Builder::lastScanId))
            .addAttribute(FindingRules.Change.class, a -> a.name("lastChange").getter(Finding::lastChange).setter(Builder::lastChange))
            .addAttribute(EnhancedType.documentOf(Triage.class, TRIAGE, d -> d.ignoreNulls(true)),
                    a -> a.name("triage").getter(Finding::triage).setter(Builder::triage))
            .addAttribute(Instant.class, a -> a.name("overdueNotifiedFor").getter(Finding::overdueNotifiedFor)
                    .setter(Builder::overdueNotifiedFor))
            .addAttribute(Long.class, a -> a.name("version").getter(Finding::version).setter(Builder::version))
            .addAttribute(Instant.class, a -> a.name("updatedAt").getter(Finding::updatedAt).setter(Builder::updatedAt))
            .addAttribute(String.class, a -> a.name("GSI1PK").getter(f -> "FINDING#" + f.findingId()).setter((b, v) -> {})
                    .tags(secondaryPartitionKey("GSI1")))
            .addAttribute(String.class, a -> a.name("GSI1SK").getter(f -> "FINDING").setter((b, v) -> {})
                    .tags(secondarySortKey("GSI1")))
            .addAttribute(String.class, a -> a.name("GSI2PK").getter(f -> f.department() == null ? null : "FINDING#DEPT#" + f.department())
                    .setter((b, v) -> {}).tags(secondaryPartitionKey("GSI2")))
            .addAttribute(String.class, a -> a.name("GSI2SK").getter(f -> f.department() == null ? null : f.statusKey())
                    .setter((b, v) -> {}).tags(secondarySortKey("GSI2")))
            .addAttribute(String.class, a -> a.name("GSI3PK").getter(f -> "FINDING#STATUS#" + f.status()).setter((b, v) -> {})
                    .tags(secondaryPartitionKey("GSI3")))
            .addAttribute(String.class, a -> a.name("GSI3SK").getter(f -> f.keyTime() + "#" + f.findingId()).setter((b, v) -> {})
                    .tags(secondarySortKey("GSI3")))
            .addAttribute(String.class, a -> a.name("GSI4PK").getter(f -> "FINDING#SEVERITY#" + f.severity()).setter((b, v) -> {})
                    .tags(secondaryPartitionKey("GSI4")))
            .addAttribute(String.class, a -> a.name("GSI4SK").getter(Finding::statusKey).setter((b, v) -> {})
                    .tags(secondarySortKey("GSI4")))
            .addAttribute(String.class, a -> a.name("GSI5PK").getter(f -> "FINDING#ALL").setter((b, v) -> {})
                    .tags(secondaryPartitionKey("GSI5")))
            .addAttribute(String.class, a -> a.name("GSI5SK").getter(Finding::statusKey).setter((b, v) -> {})
                    .tags(secondarySortKey("GSI5")))
            // one asset's findings in the documented order (the table's key orders them by fingerprint)
            .addAttribute(String.class, a -> a.name("GSI6PK").getter(f -> partition(f.assetId())).setter((b, v) -> {})
                    .tags(secondaryPartitionKey("GSI6")))
            .addAttribute(String.class, a -> a.name("GSI6SK").getter(Finding::statusKey).setter((b, v) -> {})
                    .tags(secondarySortKey("GSI6")))
            .build();

    private static final class TriageBuilder {
        private FindingStatus status;
        private String reason, by;
        private LocalDate expiresOn;
        private Instant at;

        Triage build() {
            return new Triage(status, reason, expiresOn, by, at);
        }
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
