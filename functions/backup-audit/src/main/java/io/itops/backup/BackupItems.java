package io.itops.backup;

import io.itops.backup.Records.AuditMark;
import io.itops.backup.Records.Job;
import io.itops.backup.Records.Policy;
import io.itops.backup.Records.RestoreTest;
import io.itops.backup.Vocabulary.BackupMethod;
import io.itops.backup.Vocabulary.JobStatus;
import io.itops.shared.events.AssetSnapshot;
import io.itops.shared.store.Ids;
import io.itops.shared.store.Item;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * How backup records sit in the one table (docs/table/backup-audit.md). An asset's coverage item,
 * its job history and its restore tests share the partition {@code BACKUP#<assetId>}; a job id
 * claimed by an agent owns {@code BACKUPJOB#<agent>#<jobId>}. The coverage item carries GSI1 keys for
 * tag lookups and, only while the asset is audited, GSI2 keys in one of {@link #SHARDS} audit shards:
 * that sparse index is what an audit reads.
 */
final class BackupItems {
    /** Audit segments. Changing it needs every coverage item rewritten, so it is fixed here. */
    static final int SHARDS = 16;
    static final String COVERAGE = "COVERAGE";
    static final String JOB_PREFIX = "JOB#";
    static final String RESTORE_PREFIX = "RESTORE#";

    /** Attributes writers own on the coverage item; the audit's marks (audit*) are left to the audit. */
    private static final List<String> OWNED = List.of("type", "assetId", "assetTag", "category", "assetStatus", "model",
            "department", "custodian", "location", "holdsBusinessData", "assetVersion", "policy", "lastJob",
            "lastSuccess", "lastRestoreTest", "rev", "GSI1PK", "GSI1SK", "GSI2PK", "GSI2SK");
    private static final List<String> AUDIT_MARKS = List.of("auditCodes", "auditChangedRun", "auditPrevCodes");

    private BackupItems() {}

    static String partition(String assetId) {
        return "BACKUP#" + assetId;
    }

    static Map<String, AttributeValue> coverageKey(String assetId) {
        return Map.of("PK", Item.s(partition(assetId)), "SK", Item.s(COVERAGE));
    }

    static int shard(String assetId) {
        CRC32 crc = new CRC32();
        crc.update(assetId.getBytes(StandardCharsets.UTF_8));
        return (int) (crc.getValue() % SHARDS);
    }

    static String shardKey(int shard) {
        return String.format("BACKUPAUDIT#%02d", shard);
    }

    static String tagKey(String tag) {
        return "BACKUPTAG#" + tag;
    }

    /** The writer-owned attributes of a coverage item (everything but its key and the audit's marks). */
    static Item coverageFields(Coverage c) {
        AssetSnapshot a = c.asset();
        Item item = Item.create()
                .put("type", "BackupCoverage")
                .put("assetId", a.assetId())
                .put("assetTag", a.assetTag())
                .put("category", a.category())
                .put("assetStatus", a.status())
                .put("model", a.model())
                .put("department", a.department())
                .put("custodian", a.custodian())
                .put("location", a.location())
                .put("holdsBusinessData", a.holdsBusinessData())
                .put("assetVersion", a.version())
                .putItem("policy", policy(c.policy()))
                .putItem("lastJob", jobFields(c.lastJob()))
                .putItem("lastSuccess", jobFields(c.lastSuccess()))
                .putItem("lastRestoreTest", restoreFields(c.lastRestoreTest()))
                .put("rev", c.rev());
        if (a.assetTag() != null) {
            item.put("GSI1PK", tagKey(a.assetTag())).put("GSI1SK", COVERAGE);
        }
        if (c.inScope()) {
            item.put("GSI2PK", shardKey(shard(a.assetId()))).put("GSI2SK", a.assetId());
        }
        return item;
    }

    /** A whole coverage item, audit marks included (tests and the benchmark seed items with it). */
    static Item coverage(Coverage c) {
        Item item = Item.of(new HashMap<>(coverageKey(c.assetId())));
        item.values().putAll(coverageFields(c).values());
        return item.putList("auditCodes", c.audit().codes()).put("auditChangedRun", c.audit().changedRun())
                .putList("auditPrevCodes", c.audit().prevCodes());
    }

    /**
     * An update that makes the stored coverage equal {@code after} in its writer-owned attributes,
     * bumping {@code rev}; attributes {@code after} lacks are removed. Leaving the audited set also
     * forgets what the audits found, so returning later counts as new.
     */
    static Update coverageUpdate(Coverage after) {
        Item fields = coverageFields(after);
        Map<String, String> names = new LinkedHashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        StringBuilder set = new StringBuilder();
        StringBuilder remove = new StringBuilder();
        int i = 0;
        for (String name : OWNED) {
            String placeholder = "#a" + i;
            names.put(placeholder, name);
            AttributeValue value = fields.values().get(name);
            if (value != null) {
                set.append(set.isEmpty() ? "SET " : ", ").append(placeholder).append(" = :a").append(i);
                values.put(":a" + i, value);
            } else {
                remove.append(remove.isEmpty() ? " REMOVE " : ", ").append(placeholder);
            }
            i++;
        }
        if (!after.inScope()) {
            for (String name : AUDIT_MARKS) {
                String placeholder = "#a" + i++;
                names.put(placeholder, name);
                remove.append(remove.isEmpty() ? " REMOVE " : ", ").append(placeholder);
            }
        }
        return new Update(set + remove.toString(), names, values);
    }

    /** An update expression with its placeholders. */
    record Update(String expression, Map<String, String> names, Map<String, AttributeValue> values) {}

    static Coverage coverage(Item i) {
        AssetSnapshot asset = new AssetSnapshot(i.string("assetId"), i.string("assetTag"), i.string("category"),
                i.string("assetStatus"), i.string("model"), i.string("department"), i.string("custodian"),
                i.string("location"), Boolean.TRUE.equals(i.bool("holdsBusinessData")),
                i.longValue("assetVersion") == null ? 0 : i.longValue("assetVersion"));
        String assetId = asset.assetId();
        Item p = i.item("policy");
        Item last = i.item("lastJob");
        Item success = i.item("lastSuccess");
        Item test = i.item("lastRestoreTest");
        return new Coverage(asset,
                p == null ? null : policy(p),
                last == null ? null : job(assetId, last),
                success == null ? null : job(assetId, success),
                test == null ? null : restoreTest(assetId, test),
                i.longValue("rev") == null ? 0 : i.longValue("rev"),
                new AuditMark(i.list("auditCodes"), i.string("auditChangedRun"), i.list("auditPrevCodes")));
    }

    private static Item policy(Policy p) {
        if (p == null) {
            return null;
        }
        return Item.create()
                .put("rpoHours", p.rpoHours())
                .put("retentionDays", p.retentionDays())
                .put("method", p.method())
                .put("target", p.target())
                .put("encrypted", p.encrypted())
                .put("offsiteCopy", p.offsiteCopy())
                .put("restoreTestIntervalDays", p.restoreTestIntervalDays())
                .put("rtoMinutes", p.rtoMinutes())
                .put("since", p.since())
                .put("updatedAt", p.updatedAt())
                .put("updatedBy", p.updatedBy());
    }

    private static Policy policy(Item p) {
        return new Policy(p.integer("rpoHours"), p.integer("retentionDays"), p.enumValue("method", BackupMethod::parse),
                p.string("target"), Boolean.TRUE.equals(p.bool("encrypted")), Boolean.TRUE.equals(p.bool("offsiteCopy")),
                p.integer("restoreTestIntervalDays"), p.integer("rtoMinutes"), p.instant("since"), p.instant("updatedAt"),
                p.string("updatedBy"));
    }

    private static Item jobFields(Job j) {
        if (j == null) {
            return null;
        }
        return Item.create()
                .put("jobId", j.jobId())
                .put("status", j.status())
                .put("startedAt", j.startedAt())
                .put("finishedAt", j.finishedAt())
                .put("sizeBytes", j.sizeBytes())
                .put("location", j.location())
                .put("encrypted", j.encrypted())
                .put("checksum", j.checksum())
                .put("message", j.message())
                .put("agent", j.agent())
                .put("receivedAt", j.receivedAt());
    }

    private static Job job(String assetId, Item j) {
        return new Job(j.string("jobId"), assetId, j.enumValue("status", JobStatus::parse), j.instant("startedAt"),
                j.instant("finishedAt"), j.longValue("sizeBytes"), j.string("location"), j.bool("encrypted"),
                j.string("checksum"), j.string("message"), j.string("agent"), j.instant("receivedAt"));
    }

    /** A job in the asset's history, newest first by when it finished. */
    static Item jobHistory(Job j, String uniqueId) {
        Item item = Item.create()
                .put("PK", partition(j.assetId()))
                .put("SK", JOB_PREFIX + Ids.sortable(j.finishedAt()) + "#" + uniqueId)
                .put("type", "BackupJob")
                .put("assetId", j.assetId());
        item.values().putAll(jobFields(j).values());
        return item;
    }

    static Job jobHistory(Item i) {
        return job(i.string("assetId"), i);
    }

    /** The claim of a job id by the agent that reported it: the same job reported again is a duplicate. */
    static Map<String, AttributeValue> guardKey(String agent, String jobId) {
        return Map.of("PK", Item.s("BACKUPJOB#" + agent + "#" + jobId), "SK", Item.s("BACKUPJOB"));
    }

    static Item guard(String agent, Job job, String fingerprint) {
        return Item.of(new HashMap<>(guardKey(agent, job.jobId())))
                .put("type", "BackupJobClaim")
                .put("assetId", job.assetId())
                .put("jobId", job.jobId())
                .put("fingerprint", fingerprint)
                .put("receivedAt", job.receivedAt());
    }

    private static Item restoreFields(RestoreTest t) {
        if (t == null) {
            return null;
        }
        return Item.create()
                .put("testId", t.testId())
                .put("testedAt", t.testedAt())
                .put("passed", t.passed())
                .put("durationMinutes", t.durationMinutes())
                .put("jobId", t.jobId())
                .put("notes", t.notes())
                .put("recordedAt", t.recordedAt())
                .put("recordedBy", t.recordedBy());
    }

    private static RestoreTest restoreTest(String assetId, Item t) {
        return new RestoreTest(t.string("testId"), assetId, t.instant("testedAt"), Boolean.TRUE.equals(t.bool("passed")),
                t.integer("durationMinutes"), t.string("jobId"), t.string("notes"), t.instant("recordedAt"),
                t.string("recordedBy"));
    }

    static Item restoreHistory(RestoreTest t) {
        Item item = Item.create()
                .put("PK", partition(t.assetId()))
                .put("SK", RESTORE_PREFIX + Ids.sortable(t.testedAt()) + "#" + t.testId())
                .put("type", "RestoreTest")
                .put("assetId", t.assetId());
        item.values().putAll(restoreFields(t).values());
        return item;
    }
}
