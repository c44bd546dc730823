package io.itops.backup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import io.itops.shared.store.Item;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * How audit runs sit in the table: a run and its findings share {@code AUDITRUN#<runId>} (findings
 * sorted by code, then asset); runs are listed newest first on GSI3 ({@code AUDITRUN#ALL}) and
 * completed runs on GSI4 ({@code AUDITRUN#COMPLETED}); one lock item names the run in progress and
 * one item per schedule slot names the run it started.
 */
final class AuditItems {
    static final String RUN = "RUN";
    static final String FINDING_PREFIX = "FINDING#";
    static final String RESOLVED_PREFIX = "RESOLVED#";

    private AuditItems() {}

    static String partition(String runId) {
        return "AUDITRUN#" + runId;
    }

    static Map<String, AttributeValue> runKey(String runId) {
        return Map.of("PK", Item.s(partition(runId)), "SK", Item.s(RUN));
    }

    static Map<String, AttributeValue> lockKey() {
        return Map.of("PK", Item.s("AUDITRUN#LOCK"), "SK", Item.s("LOCK"));
    }

    static Map<String, AttributeValue> triggerKey(String slotId) {
        return Map.of("PK", Item.s("AUDITRUN#TRIGGER#" + slotId), "SK", Item.s("TRIGGER"));
    }

    static Item lock(String runId, Instant leaseUntil) {
        return Item.of(new HashMap<>(lockKey())).put("type", "BackupAuditLock").put("runId", runId)
                .put("leaseUntil", leaseUntil.getEpochSecond());
    }

    static Item trigger(String slotId, String runId, Instant expires) {
        return Item.of(new HashMap<>(triggerKey(slotId))).put("type", "BackupAuditTrigger").put("runId", runId)
                .put("expiresAt", expires.getEpochSecond());
    }

    static Item run(RunState r) {
        Item segments = Item.create();
        r.segments().forEach(s -> segments.putItem(s.name(), segment(s)));
        Item item = Item.of(new HashMap<>(runKey(r.runId())))
                .put("type", "BackupAuditRun")
                .put("runId", r.runId())
                .put("status", r.status().toString())
                .put("trigger", r.trigger().toString())
                .put("triggeredBy", r.triggeredBy())
                .put("asOf", r.asOf())
                .put("completedAt", r.completedAt())
                .put("minimumRetentionDays", r.minimumRetentionDays())
                .put("previousRunId", r.previousRunId())
                .put("invocations", r.invocations())
                .put("announced", r.announced())
                .putItem("segments", segments)
                .putItem("totals", r.totals() == null ? null : tally(r.totals()))
                .put("GSI3PK", "AUDITRUN#ALL")
                .put("GSI3SK", r.runId());
        if (r.status() == RunStatus.COMPLETED) {
            item.put("GSI4PK", "AUDITRUN#COMPLETED").put("GSI4SK", r.runId());
        }
        return item;
    }

    static RunState run(Item i) {
        Item segments = i.item("segments");
        List<Segment> list = new ArrayList<>();
        if (segments != null) {
            new TreeMap<>(segments.values()).forEach((name, value) ->
                    list.add(segment(Integer.parseInt(name.substring(1)), Item.of(value.m()))));
        }
        Item totals = i.item("totals");
        return new RunState(i.string("runId"), RunStatus.parse(i.string("status")), Trigger.parse(i.string("trigger")),
                i.string("triggeredBy"), i.instant("asOf"), i.instant("completedAt"), i.integer("minimumRetentionDays"),
                i.string("previousRunId"), i.longValue("invocations") == null ? 0 : i.longValue("invocations"),
                Boolean.TRUE.equals(i.bool("announced")), list, totals == null ? null : tally(totals));
    }

    static Item segment(Segment s) {
        return Item.create().put("cursor", s.cursor()).put("done", s.done()).put("pages", s.pages()).putItem("tally", tally(s.tally()));
    }

    private static Segment segment(int index, Item i) {
        Item tally = i.item("tally");
        return new Segment(index, i.string("cursor"), Boolean.TRUE.equals(i.bool("done")), i.longValue("pages"),
                tally == null ? Tally.ZERO : tally(tally));
    }

    static Item tally(Tally t) {
        // every attribute is written, zero included: a tally map is never empty
        return Item.create()
                .put("audited", t.audited())
                .put("compliant", t.compliant())
                .putItem("byCode", counts(t.byCode()))
                .putItem("bySeverity", counts(t.bySeverity()))
                .put("newFindings", t.newFindings())
                .put("resolvedFindings", t.resolvedFindings())
                .put("newlyNonCompliant", t.newlyNonCompliant())
                .put("itemsRead", t.itemsRead())
                .put("readRequests", t.readRequests());
    }

    static Tally tally(Item i) {
        return new Tally(i.longValue("audited"), i.longValue("compliant"), counts(i.item("byCode")), counts(i.item("bySeverity")),
                i.longValue("newFindings"), i.longValue("resolvedFindings"), i.longValue("newlyNonCompliant"),
                i.longValue("itemsRead"), i.longValue("readRequests"));
    }

    private static Item counts(Map<String, Long> counts) {
        Item item = Item.create();
        counts.forEach(item::put);
        return item;
    }

    private static Map<String, Long> counts(Item item) {
        Map<String, Long> out = new TreeMap<>();
        if (item != null) {
            item.values().forEach((k, v) -> out.put(k, Long.parseLong(v.n())));
        }
        return out;
    }

    static Item finding(AuditFinding f, Instant expires) {
        String prefix = f.change() == Change.RESOLVED ? RESOLVED_PREFIX : FINDING_PREFIX;
        return Item.create()
                .put("PK", partition(f.runId()))
                .put("SK", prefix + f.code().name() + "#" + f.assetId())
                .put("type", "BackupAuditFinding")
                .put("runId", f.runId())
                .put("assetId", f.assetId())
                .put("assetTag", f.assetTag())
                .put("category", f.category())
                .put("department", f.department())
                .put("custodian", f.custodian())
                .put("code", f.code().name())
                .put("severity", f.severity().toString())
                .put("change", f.change().toString())
                .putStrings("facts", f.facts())
                .put("expiresAt", expires.getEpochSecond());
    }

    static AuditFinding finding(Item i) {
        return new AuditFinding(i.string("runId"), i.string("assetId"), i.string("assetTag"), i.string("category"),
                i.string("department"), i.string("custodian"), FindingCode.parse(i.string("code")),
                Severity.parse(i.string("severity")), Change.parse(i.string("change")), i.strings("facts"));
    }

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
