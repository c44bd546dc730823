package io.itops.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.itops.backup.BackupSchemas.JobClaim;
import io.itops.backup.BackupSchemas.JobEntry;
import io.itops.backup.Records.AuditMark;
import io.itops.backup.Records.Job;
import io.itops.backup.Records.Policy;
import io.itops.backup.Records.RestoreTest;
import io.itops.backup.Vocabulary.BackupMethod;
import io.itops.backup.Vocabulary.JobStatus;
import io.itops.shared.events.AssetSnapshot;
import io.itops.shared.store.SingleTable;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Each backup record through its schema and back, with optional parts absent; and items exactly as
 * the hand-written codec before the Enhanced Client wrote them: they read into the same records, and
 * the schemas write them the same way.
 */
class BackupSchemasTest {
    static final String ASSET_ID = "01JF0000000000000000000001";
    static final Instant T = Instant.parse("2026-12-01T18:00:00Z");

    static AssetSnapshot asset(String tag, boolean businessData, String status) {
        return new AssetSnapshot(ASSET_ID, tag, "server", status, "PowerEdge R760", "Finance", "li.lei", "DC-1", businessData, 3);
    }

    static Policy policy() {
        return Policy.builder().rpoHours(24).retentionDays(35).method(BackupMethod.INCREMENTAL).target("nas-01:/backups")
                .encrypted(true).offsiteCopy(false).restoreTestIntervalDays(90).rtoMinutes(240)
                .since(T.minusSeconds(86_400)).updatedAt(T).updatedBy("sam.staff").build();
    }

    static Job job(JobStatus status) {
        return Job.builder().jobId("veeam-job-1").assetId(ASSET_ID).status(status).startedAt(T.minusSeconds(1800))
                .finishedAt(T.minusMillis(1500)).sizeBytes(52_428_800_000L).location("s3://backups/1").encrypted(true)
                .checksum("sha256:00").agent("veeam-01").receivedAt(T).build();
    }

    static RestoreTest restoreTest(Integer minutes, String notes) {
        return RestoreTest.builder().testId("01JF00000000000000000000T1").assetId(ASSET_ID).testedAt(T.minusSeconds(3600))
                .passed(minutes != null).durationMinutes(minutes).notes(notes).recordedAt(T).recordedBy("sam.staff").build();
    }

    static <R> R roundTrip(TableSchema<R> schema, R record) {
        return schema.mapToItem(SingleTable.item(schema, record));
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    static AttributeValue bool(boolean value) {
        return AttributeValue.fromBool(value);
    }

    static AttributeValue m(Object... nameValues) {
        Map<String, AttributeValue> map = new LinkedHashMap<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            map.put((String) nameValues[i], (AttributeValue) nameValues[i + 1]);
        }
        return AttributeValue.fromM(map);
    }

    // ---------------------------------------------------------------- round trips

    @Test
    void aFullCoverageItemRoundTrips() {
        Job failed = job(JobStatus.FAILED);
        Coverage coverage = new Coverage(asset("SRV-0001", true, "in-service"), policy(), failed, job(JobStatus.SUCCEEDED),
                restoreTest(60, "restored to sandbox"), 7,
                new AuditMark(List.of("LAST_JOB_FAILED", "NO_OFFSITE_COPY"), "01JFRUN", List.of("NO_OFFSITE_COPY")));
        assertEquals(coverage, roundTrip(BackupSchemas.COVERAGE, coverage));
    }

    @Test
    void aBareCoverageItemRoundTrips_withNothingOptionalWritten() {
        Coverage bare = Coverage.of(asset(null, false, "received"));
        Map<String, AttributeValue> item = SingleTable.item(BackupSchemas.COVERAGE, bare);

        assertEquals(bare, BackupSchemas.COVERAGE.mapToItem(item));
        assertEquals(AuditMark.NONE, BackupSchemas.COVERAGE.mapToItem(item).audit());
        for (String absent : List.of("assetTag", "policy", "lastJob", "lastSuccess", "lastRestoreTest", "GSI1PK", "GSI1SK",
                "GSI2PK", "GSI2SK", "auditCodes", "auditChangedRun", "auditPrevCodes")) {
            assertFalse(item.containsKey(absent), absent + " is left out");
        }
    }

    @Test
    void aJobWithoutOptionalFieldsRoundTripsInItsHistoryItem() {
        Job failed = Job.builder().jobId("j-2").assetId(ASSET_ID).status(JobStatus.FAILED).startedAt(T.minusSeconds(60))
                .finishedAt(T).message("VSS snapshot failed").agent("veeam-01").receivedAt(T).build();
        JobEntry entry = new JobEntry(failed, "01JF0000000000000000000E01");
        assertEquals(entry, roundTrip(BackupSchemas.JOB_ENTRY, entry));
        assertNull(roundTrip(BackupSchemas.JOB_ENTRY, entry).job().encrypted(), "unknown encryption stays unknown");
    }

    @Test
    void restoreTestsAndJobClaimsRoundTrip() {
        RestoreTest failed = restoreTest(null, null);
        assertEquals(failed, roundTrip(BackupSchemas.RESTORE_ENTRY, failed));
        RestoreTest passed = restoreTest(95, "month-end report ran");
        assertEquals(passed, roundTrip(BackupSchemas.RESTORE_ENTRY, passed));
        JobClaim claim = new JobClaim("veeam-01", "veeam-job-1", ASSET_ID, "9f86d0", T);
        assertEquals(claim, roundTrip(BackupSchemas.JOB_CLAIM, claim));
    }

    @Test
    void writersOwnEveryCoverageAttributeButTheKeyAndTheAuditsMarks() {
        assertEquals(Set.of("type", "assetId", "assetTag", "category", "assetStatus", "model", "department", "custodian",
                        "location", "holdsBusinessData", "assetVersion", "policy", "lastJob", "lastSuccess", "lastRestoreTest",
                        "rev", "GSI1PK", "GSI1SK", "GSI2PK", "GSI2SK"),
                Set.copyOf(BackupStore.WRITER_OWNED));
        assertEquals(List.of("auditCodes", "auditChangedRun", "auditPrevCodes"), BackupSchemas.AUDIT_MARK.attributeNames());
    }

    // ---------------------------------------------------------------- items as the old codec wrote them

    /** A coverage item of an audited asset as {@code BackupItems.coverage} wrote it: nested jobs without their asset id. */
    static Map<String, AttributeValue> oldCoverageItem() {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put("PK", s("BACKUP#" + ASSET_ID));
        item.put("SK", s("COVERAGE"));
        item.put("type", s("BackupCoverage"));
        item.put("assetId", s(ASSET_ID));
        item.put("assetTag", s("SRV-0001"));
        item.put("category", s("server"));
        item.put("assetStatus", s("in-service"));
        item.put("model", s("PowerEdge R760"));
        item.put("department", s("Finance"));
        item.put("custodian", s("li.lei"));
        item.put("location", s("DC-1"));
        item.put("holdsBusinessData", bool(true));
        item.put("assetVersion", n(3));
        item.put("policy", m("rpoHours", n(24), "retentionDays", n(35), "method", s("incremental"), "target", s("nas-01:/backups"),
                "encrypted", bool(true), "offsiteCopy", bool(false), "restoreTestIntervalDays", n(90), "rtoMinutes", n(240),
                "since", s("2026-11-30T18:00:00Z"), "updatedAt", s("2026-12-01T18:00:00Z"), "updatedBy", s("sam.staff")));
        AttributeValue job = m("jobId", s("veeam-job-1"), "status", s("succeeded"), "startedAt", s("2026-12-01T17:30:00Z"),
                "finishedAt", s("2026-12-01T17:59:58.500Z"), "sizeBytes", n(52_428_800_000L), "location", s("s3://backups/1"),
                "encrypted", bool(true), "checksum", s("sha256:00"), "agent", s("veeam-01"), "receivedAt", s("2026-12-01T18:00:00Z"));
        item.put("lastJob", job);
        item.put("lastSuccess", job);
        item.put("lastRestoreTest", m("testId", s("01JF00000000000000000000T1"), "testedAt", s("2026-12-01T17:00:00Z"),
                "passed", bool(true), "durationMinutes", n(60), "notes", s("restored to sandbox"),
                "recordedAt", s("2026-12-01T18:00:00Z"), "recordedBy", s("sam.staff")));
        item.put("rev", n(7));
        item.put("GSI1PK", s("BACKUPTAG#SRV-0001"));
        item.put("GSI1SK", s("COVERAGE"));
        item.put("GSI2PK", s(BackupSchemas.shardKey(BackupSchemas.shard(ASSET_ID))));
        item.put("GSI2SK", s(ASSET_ID));
        item.put("auditCodes", AttributeValue.fromL(List.of(s("NO_OFFSITE_COPY"))));
        item.put("auditChangedRun", s("01JFRUN"));
        return item;
    }

    @Test
    void aCoverageItemInTheOldFormatReadsTheSame_andIsWrittenTheSameWay() {
        Job good = job(JobStatus.SUCCEEDED);
        Coverage expected = new Coverage(asset("SRV-0001", true, "in-service"), policy(), good, good, restoreTest(60, "restored to sandbox"),
                7, new AuditMark(List.of("NO_OFFSITE_COPY"), "01JFRUN", List.of()));

        Coverage read = BackupSchemas.COVERAGE.mapToItem(oldCoverageItem());

        assertEquals(expected, read);
        assertEquals(ASSET_ID, read.lastJob().assetId(), "nested jobs belong to the item's asset");
        assertEquals(oldCoverageItem(), SingleTable.item(BackupSchemas.COVERAGE, expected));
    }

    @Test
    void anOldCoverageItemMissingOptionalAttributesReadsWithTheOldDefaults() {
        Map<String, AttributeValue> item = new LinkedHashMap<>(Map.of("PK", s("BACKUP#" + ASSET_ID), "SK", s("COVERAGE"),
                "type", s("BackupCoverage"), "assetId", s(ASSET_ID), "assetStatus", s("received")));

        Coverage read = BackupSchemas.COVERAGE.mapToItem(item);

        assertEquals(new AssetSnapshot(ASSET_ID, null, null, "received", null, null, null, null, false, 0), read.asset());
        assertEquals(0, read.rev());
        assertEquals(AuditMark.NONE, read.audit());
        assertNull(read.policy());
        assertNull(read.lastJob());
    }

    @Test
    void historyItemsAndClaimsInTheOldFormatReadTheSame_andAreWrittenTheSameWay() {
        Job failed = Job.builder().jobId("j-2").assetId(ASSET_ID).status(JobStatus.FAILED).startedAt(T.minusSeconds(60))
                .finishedAt(T).message("VSS snapshot failed").agent("veeam-01").receivedAt(T).build();
        Map<String, AttributeValue> history = new LinkedHashMap<>();
        history.put("PK", s("BACKUP#" + ASSET_ID));
        history.put("SK", s("JOB#2026-12-01T18:00:00.000Z#01JF0000000000000000000E01"));
        history.put("type", s("BackupJob"));
        history.put("assetId", s(ASSET_ID));
        history.put("jobId", s("j-2"));
        history.put("status", s("failed"));
        history.put("startedAt", s("2026-12-01T17:59:00Z"));
        history.put("finishedAt", s("2026-12-01T18:00:00Z"));
        history.put("message", s("VSS snapshot failed"));
        history.put("agent", s("veeam-01"));
        history.put("receivedAt", s("2026-12-01T18:00:00Z"));
        JobEntry entry = new JobEntry(failed, "01JF0000000000000000000E01");
        assertEquals(entry, BackupSchemas.JOB_ENTRY.mapToItem(history));
        assertEquals(history, SingleTable.item(BackupSchemas.JOB_ENTRY, entry));

        RestoreTest test = restoreTest(null, null);
        Map<String, AttributeValue> restore = Map.of("PK", s("BACKUP#" + ASSET_ID),
                "SK", s("RESTORE#2026-12-01T17:00:00.000Z#01JF00000000000000000000T1"), "type", s("RestoreTest"),
                "assetId", s(ASSET_ID), "testId", s("01JF00000000000000000000T1"), "testedAt", s("2026-12-01T17:00:00Z"),
                "passed", bool(false), "recordedAt", s("2026-12-01T18:00:00Z"), "recordedBy", s("sam.staff"));
        assertEquals(test, BackupSchemas.RESTORE_ENTRY.mapToItem(restore));
        assertEquals(restore, SingleTable.item(BackupSchemas.RESTORE_ENTRY, test));

        Map<String, AttributeValue> claim = Map.of("PK", s("BACKUPJOB#veeam-01#veeam-job-1"), "SK", s("BACKUPJOB"),
                "type", s("BackupJobClaim"), "assetId", s(ASSET_ID), "jobId", s("veeam-job-1"), "fingerprint", s("9f86d0"),
                "receivedAt", s("2026-12-01T18:00:00Z"));
        JobClaim expected = new JobClaim("veeam-01", "veeam-job-1", ASSET_ID, "9f86d0", T);
        assertEquals(expected, BackupSchemas.JOB_CLAIM.mapToItem(claim));
        assertEquals(claim, SingleTable.item(BackupSchemas.JOB_CLAIM, expected));
        assertEquals(BackupSchemas.claimKey("veeam-01", "veeam-job-1"), Map.of("PK", claim.get("PK"), "SK", claim.get("SK")));
    }
}
