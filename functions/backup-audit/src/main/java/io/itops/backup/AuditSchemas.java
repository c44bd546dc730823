package io.itops.backup;

import static io.itops.backup.BackupSchemas.document;
import static io.itops.backup.BackupSchemas.fixed;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondarySortKey;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.itops.backup.AuditRuns.Lock;
import io.itops.backup.AuditRuns.RunState;
import io.itops.backup.AuditRuns.Segment;
import io.itops.backup.AuditRuns.Tally;
import io.itops.backup.Records.AuditFinding;
import io.itops.backup.Vocabulary.Change;
import io.itops.backup.Vocabulary.FindingCode;
import io.itops.backup.Vocabulary.RunStatus;
import io.itops.backup.Vocabulary.Severity;
import io.itops.backup.Vocabulary.Trigger;
import io.itops.shared.json.Json;
import io.itops.shared.store.Attributes;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * How audit runs sit in the table, one schema per stored shape: a run and its findings share
 * {@code AUDITRUN#<runId>} (findings sorted by code, then asset); runs are listed newest first on GSI3
 * ({@code AUDITRUN#ALL}) and completed runs on GSI4 ({@code AUDITRUN#COMPLETED}); one lock item names
 * the run in progress and one item per schedule slot names the run it started. Lease and expiry
 * times are epoch seconds (the table's TTL attribute is {@code expiresAt}).
 */
final class AuditSchemas {
    static final String RUN_SK = "RUN";
    static final String FINDING_PREFIX = "FINDING#";
    static final String RESOLVED_PREFIX = "RESOLVED#";
    static final String ALL_RUNS = "AUDITRUN#ALL";
    static final String COMPLETED_RUNS = "AUDITRUN#COMPLETED";
    static final String LOCK_PK = "AUDITRUN#LOCK";
    static final String LOCK_SK = "LOCK";
    private static final String SLOT_PREFIX = "AUDITRUN#TRIGGER#";

    private AuditSchemas() {}

    static String partition(String runId) {
        return "AUDITRUN#" + runId;
    }

    static Map<String, AttributeValue> runKey(String runId) {
        return Attributes.key(partition(runId), RUN_SK);
    }

    static Map<String, AttributeValue> lockKey() {
        return Attributes.key(LOCK_PK, LOCK_SK);
    }

    static Map<String, AttributeValue> slotKey(String slotId) {
        return Attributes.key(SLOT_PREFIX + slotId, "TRIGGER");
    }

    // ---------------------------------------------------------------- a run

    /** Counts; every attribute is written, zero included, but count maps are left out when empty. */
    static final TableSchema<Tally> TALLY = StaticImmutableTableSchema.builder(Tally.class, Tally.Builder.class)
            .newItemBuilder(Tally.Builder::new, Tally.Builder::build)
            .addAttribute(Long.class, a -> a.name("audited").getter(Tally::audited).setter(Tally.Builder::audited))
            .addAttribute(Long.class, a -> a.name("compliant").getter(Tally::compliant).setter(Tally.Builder::compliant))
            .addAttribute(EnhancedType.mapOf(String.class, Long.class), a -> a.name("byCode")
                    .getter(t -> t.byCode().isEmpty() ? null : t.byCode()).setter(Tally.Builder::byCode))
            .addAttribute(EnhancedType.mapOf(String.class, Long.class), a -> a.name("bySeverity")
                    .getter(t -> t.bySeverity().isEmpty() ? null : t.bySeverity()).setter(Tally.Builder::bySeverity))
            .addAttribute(Long.class, a -> a.name("newFindings").getter(Tally::newFindings).setter(Tally.Builder::newFindings))
            .addAttribute(Long.class, a -> a.name("resolvedFindings").getter(Tally::resolvedFindings).setter(Tally.Builder::resolvedFindings))
            .addAttribute(Long.class, a -> a.name("newlyNonCompliant").getter(Tally::newlyNonCompliant)
                    .setter(Tally.Builder::newlyNonCompliant))
            .addAttribute(Long.class, a -> a.name("itemsRead").getter(Tally::itemsRead).setter(Tally.Builder::itemsRead))
            .addAttribute(Long.class, a -> a.name("readRequests").getter(Tally::readRequests).setter(Tally.Builder::readRequests))
            .build();

    /** One segment, nested in the run's {@code segments} map under its name ({@code s00}...). */
    static final TableSchema<Segment> SEGMENT = StaticImmutableTableSchema.builder(Segment.class, Segment.Builder.class)
            .newItemBuilder(Segment.Builder::new, Segment.Builder::build)
            .addAttribute(String.class, a -> a.name("cursor").getter(Segment::cursor).setter(Segment.Builder::cursor))
            .addAttribute(Boolean.class, a -> a.name("done").getter(Segment::done).setter(Segment.Builder::done))
            .addAttribute(Long.class, a -> a.name("pages").getter(Segment::pages).setter(Segment.Builder::pages))
            .addAttribute(document(Tally.class, TALLY), a -> a.name("tally").getter(Segment::tally).setter(Segment.Builder::tally))
            .build();

    /** {@code AUDITRUN#<runId>} / {@code RUN}, on GSI3 always and on GSI4 once completed. */
    static final TableSchema<RunState> RUN = StaticImmutableTableSchema.builder(RunState.class, RunState.Builder.class)
            .newItemBuilder(RunState.Builder::new, RunState.Builder::build)
            .addAttribute(String.class, a -> a.name("PK").getter(r -> partition(r.runId())).setter((b, v) -> {})
                    .tags(primaryPartitionKey()))
            .addAttribute(String.class, fixed("SK", RUN_SK, primarySortKey()))
            .addAttribute(String.class, fixed("type", "BackupAuditRun"))
            .addAttribute(String.class, a -> a.name("runId").getter(RunState::runId).setter(RunState.Builder::runId))
            .addAttribute(RunStatus.class, a -> a.name("status").getter(RunState::status).setter(RunState.Builder::status))
            .addAttribute(Trigger.class, a -> a.name("trigger").getter(RunState::trigger).setter(RunState.Builder::trigger))
            .addAttribute(String.class, a -> a.name("triggeredBy").getter(RunState::triggeredBy).setter(RunState.Builder::triggeredBy))
            .addAttribute(Instant.class, a -> a.name("asOf").getter(RunState::asOf).setter(RunState.Builder::asOf))
            .addAttribute(Instant.class, a -> a.name("completedAt").getter(RunState::completedAt).setter(RunState.Builder::completedAt))
            .addAttribute(Integer.class, a -> a.name("minimumRetentionDays").getter(RunState::minimumRetentionDays)
                    .setter(RunState.Builder::minimumRetentionDays))
            .addAttribute(String.class, a -> a.name("previousRunId").getter(RunState::previousRunId).setter(RunState.Builder::previousRunId))
            .addAttribute(Long.class, a -> a.name("invocations").getter(RunState::invocations).setter(RunState.Builder::invocations))
            .addAttribute(Boolean.class, a -> a.name("announced").getter(RunState::announced).setter(RunState.Builder::announced))
            .addAttribute(EnhancedType.mapOf(EnhancedType.of(String.class), document(Segment.class, SEGMENT)), a -> a.name("segments")
                    .getter(AuditSchemas::segmentsByName).setter(RunState.Builder::segments))
            .addAttribute(document(Tally.class, TALLY), a -> a.name("totals").getter(RunState::totals).setter(RunState.Builder::totals))
            .addAttribute(String.class, fixed("GSI3PK", ALL_RUNS, secondaryPartitionKey("GSI3")))
            .addAttribute(String.class, a -> a.name("GSI3SK").getter(RunState::runId).setter((b, v) -> {}).tags(secondarySortKey("GSI3")))
            .addAttribute(String.class, a -> a.name("GSI4PK").getter(r -> r.status() == RunStatus.COMPLETED ? COMPLETED_RUNS : null)
                    .setter((b, v) -> {}).tags(secondaryPartitionKey("GSI4")))
            .addAttribute(String.class, a -> a.name("GSI4SK").getter(r -> r.status() == RunStatus.COMPLETED ? r.runId() : null)
                    .setter((b, v) -> {}).tags(secondarySortKey("GSI4")))
            .build();

    private static Map<String, Segment> segmentsByName(RunState run) {
        if (run.segments().isEmpty()) {
            return null;
        }
        Map<String, Segment> byName = new LinkedHashMap<>();
        run.segments().forEach(s -> byName.put(s.name(), s));
        return byName;
    }

    // ---------------------------------------------------------------- findings

    /** A finding's own attributes: how findings are read. */
    static final TableSchema<AuditFinding> FINDING = StaticImmutableTableSchema.builder(AuditFinding.class, AuditFinding.Builder.class)
            .newItemBuilder(AuditFinding.Builder::new, AuditFinding.Builder::build)
            .addAttribute(String.class, a -> a.name("runId").getter(AuditFinding::runId).setter(AuditFinding.Builder::runId))
            .addAttribute(String.class, a -> a.name("assetId").getter(AuditFinding::assetId).setter(AuditFinding.Builder::assetId))
            .addAttribute(String.class, a -> a.name("assetTag").getter(AuditFinding::assetTag).setter(AuditFinding.Builder::assetTag))
            .addAttribute(String.class, a -> a.name("category").getter(AuditFinding::category).setter(AuditFinding.Builder::category))
            .addAttribute(String.class, a -> a.name("department").getter(AuditFinding::department).setter(AuditFinding.Builder::department))
            .addAttribute(String.class, a -> a.name("custodian").getter(AuditFinding::custodian).setter(AuditFinding.Builder::custodian))
            .addAttribute(FindingCode.class, a -> a.name("code").getter(AuditFinding::code).setter(AuditFinding.Builder::code))
            .addAttribute(Severity.class, a -> a.name("severity").getter(AuditFinding::severity).setter(AuditFinding.Builder::severity))
            .addAttribute(Change.class, a -> a.name("change").getter(AuditFinding::change).setter(AuditFinding.Builder::change))
            .addAttribute(EnhancedType.mapOf(String.class, String.class), a -> a.name("facts")
                    .getter(f -> f.facts().isEmpty() ? null : f.facts()).setter(AuditFinding.Builder::facts))
            .build();

    /** A finding as written: {@code FINDING#<code>#<assetId>} ({@code RESOLVED#...} when resolved), expiring (TTL) at {@code expiresAt}. */
    record FindingEntry(AuditFinding finding, Instant expiresAt) {
        static final class Builder {
            private AuditFinding finding;
            private Instant expiresAt;

            Builder finding(AuditFinding v) { finding = v; return this; }
            Builder expiresAt(Instant v) { expiresAt = v; return this; }

            FindingEntry build() {
                return new FindingEntry(finding, expiresAt);
            }
        }
    }

    static final TableSchema<FindingEntry> FINDING_ENTRY = StaticImmutableTableSchema.builder(FindingEntry.class, FindingEntry.Builder.class)
            .newItemBuilder(FindingEntry.Builder::new, FindingEntry.Builder::build)
            .addAttribute(String.class, a -> a.name("PK").getter(e -> partition(e.finding().runId())).setter((b, v) -> {})
                    .tags(primaryPartitionKey()))
            .addAttribute(String.class, a -> a.name("SK").getter(AuditSchemas::findingSortKey).setter((b, v) -> {}).tags(primarySortKey()))
            .addAttribute(String.class, fixed("type", "BackupAuditFinding"))
            .flatten(FINDING, FindingEntry::finding, FindingEntry.Builder::finding)
            .addAttribute(Long.class, a -> a.name("expiresAt").getter(e -> e.expiresAt().getEpochSecond())
                    .setter((b, v) -> b.expiresAt(Instant.ofEpochSecond(v))))
            .build();

    private static String findingSortKey(FindingEntry e) {
        AuditFinding f = e.finding();
        return (f.change() == Change.RESOLVED ? RESOLVED_PREFIX : FINDING_PREFIX) + f.code().name() + "#" + f.assetId();
    }

    // ---------------------------------------------------------------- the lock and schedule slots

    static final TableSchema<Lock> LOCK = StaticImmutableTableSchema.builder(Lock.class, Lock.Builder.class)
            .newItemBuilder(Lock.Builder::new, Lock.Builder::build)
            .addAttribute(String.class, fixed("PK", LOCK_PK, primaryPartitionKey()))
            .addAttribute(String.class, fixed("SK", LOCK_SK, primarySortKey()))
            .addAttribute(String.class, fixed("type", "BackupAuditLock"))
            .addAttribute(String.class, a -> a.name("runId").getter(Lock::runId).setter(Lock.Builder::runId))
            .addAttribute(Long.class, a -> a.name("leaseUntil").getter(l -> l.leaseUntil().getEpochSecond())
                    .setter((b, v) -> b.leaseUntil(Instant.ofEpochSecond(v))))
            .build();

    /** The run a schedule slot started ({@code AUDITRUN#TRIGGER#<schedule@time>}): one run per slot, however often it is delivered. */
    record SlotClaim(String slotId, String runId, Instant expiresAt) {
        static final class Builder {
            private String slotId, runId;
            private Instant expiresAt;

            Builder slotId(String v) { slotId = v; return this; }
            Builder runId(String v) { runId = v; return this; }
            Builder expiresAt(Instant v) { expiresAt = v; return this; }

            SlotClaim build() {
                return new SlotClaim(slotId, runId, expiresAt);
            }
        }
    }

    static final TableSchema<SlotClaim> SLOT_CLAIM = StaticImmutableTableSchema.builder(SlotClaim.class, SlotClaim.Builder.class)
            .newItemBuilder(SlotClaim.Builder::new, SlotClaim.Builder::build)
            .addAttribute(String.class, a -> a.name("PK").getter(c -> SLOT_PREFIX + c.slotId())
                    .setter((b, pk) -> b.slotId(pk.substring(SLOT_PREFIX.length()))).tags(primaryPartitionKey()))
            .addAttribute(String.class, fixed("SK", "TRIGGER", primarySortKey()))
            .addAttribute(String.class, fixed("type", "BackupAuditTrigger"))
            .addAttribute(String.class, a -> a.name("runId").getter(SlotClaim::runId).setter(SlotClaim.Builder::runId))
            .addAttribute(Long.class, a -> a.name("expiresAt").getter(c -> c.expiresAt().getEpochSecond())
                    .setter((b, v) -> b.expiresAt(Instant.ofEpochSecond(v))))
            .build();

    // ---------------------------------------------------------------- checkpoints

    /** A DynamoDB LastEvaluatedKey (string attributes only) as text for a checkpoint; null stays null. */
    static String encodeKey(Map<String, AttributeValue> key) {
        if (key == null || key.isEmpty()) {
            return null;
        }
        ObjectNode node = Json.mapper().createObjectNode();
        new TreeMap<>(key).forEach((name, value) -> node.put(name, value.s()));
        return Json.write(node);
    }

    static Map<String, AttributeValue> decodeKey(String text) {
        if (text == null) {
            return null;
        }
        JsonNode node = Json.tree(text.getBytes(StandardCharsets.UTF_8));
        Map<String, AttributeValue> key = new LinkedHashMap<>();
        node.properties().forEach(e -> key.put(e.getKey(), AttributeValue.fromS(e.getValue().asText())));
        return key;
    }
}
