package io.itops.backup;

import static io.itops.backup.BackupSchemasTest.bool;
import static io.itops.backup.BackupSchemasTest.m;
import static io.itops.backup.BackupSchemasTest.n;
import static io.itops.backup.BackupSchemasTest.roundTrip;
import static io.itops.backup.BackupSchemasTest.s;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.itops.backup.AuditRuns.Lock;
import io.itops.backup.AuditRuns.RunState;
import io.itops.backup.AuditRuns.Segment;
import io.itops.backup.AuditRuns.Tally;
import io.itops.backup.AuditSchemas.FindingEntry;
import io.itops.backup.AuditSchemas.SlotClaim;
import io.itops.backup.Records.AuditFinding;
import io.itops.backup.Vocabulary.Change;
import io.itops.backup.Vocabulary.FindingCode;
import io.itops.backup.Vocabulary.RunStatus;
import io.itops.backup.Vocabulary.Severity;
import io.itops.backup.Vocabulary.Trigger;
import io.itops.shared.store.SingleTable;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Audit runs, findings, the lock and slot claims through their schemas and back, and as the old codec wrote them. */
class AuditSchemasTest {
    static final Instant AS_OF = Instant.parse("2026-12-01T18:00:00Z");
    static final String RUN_ID = "01JF0000000000000000000R01";

    static Tally tally() {
        return new Tally(12, 2, Map.of("NO_POLICY", 1L, "RPO_BREACHED", 9L), Map.of("high", 10L), 10, 0, 10, 12, 3);
    }

    static RunState running() {
        RunState started = RunState.start(RUN_ID, Trigger.SCHEDULE, "schedule:backup-audit", AS_OF, 35, null, 3);
        List<Segment> segments = List.of(started.segments().get(0).advance("{\"GSI2PK\":\"BACKUPAUDIT#00\"}", tally()),
                started.segments().get(1).advance(null, Tally.ZERO), started.segments().get(2));
        return new RunState(RUN_ID, RunStatus.RUNNING, Trigger.SCHEDULE, "schedule:backup-audit", AS_OF, null, 35, null, 2, false,
                segments, null);
    }

    static AuditFinding finding(Change change, Map<String, String> facts) {
        return AuditFinding.builder().runId(RUN_ID).assetId("01JF0000000000000000000001").assetTag("SRV-0001")
                .category("server").department("Finance").custodian("li.lei").code(FindingCode.RPO_BREACHED)
                .severity(Severity.HIGH).change(change).facts(facts).build();
    }

    @Test
    void runsRoundTrip_runningAndCompleted_withEmptyAndFullTallies() {
        RunState running = running();
        assertEquals(running, roundTrip(AuditSchemas.RUN, running));
        RunState completed = running.completed(AS_OF.plusSeconds(90));
        assertEquals(completed, roundTrip(AuditSchemas.RUN, completed));

        Map<String, AttributeValue> runningItem = SingleTable.item(AuditSchemas.RUN, running);
        assertFalse(runningItem.containsKey("GSI4PK"), "only completed runs are on GSI4");
        assertFalse(runningItem.containsKey("totals"));
        assertEquals(Map.of("GSI4PK", s("AUDITRUN#COMPLETED"), "GSI4SK", s(RUN_ID)), Map.of(
                "GSI4PK", SingleTable.item(AuditSchemas.RUN, completed).get("GSI4PK"),
                "GSI4SK", SingleTable.item(AuditSchemas.RUN, completed).get("GSI4SK")));

        RunState noSegments = new RunState(RUN_ID, RunStatus.ABANDONED, Trigger.MANUAL, "sam.admin", AS_OF, null, 35, "01JFPREV",
                0, false, List.of(), Tally.ZERO);
        assertEquals(noSegments, roundTrip(AuditSchemas.RUN, noSegments));
    }

    @Test
    void findingsRoundTrip_withAndWithoutFacts_andAreReadByTheFindingSchemaAlone() {
        FindingEntry persisting = new FindingEntry(finding(Change.PERSISTING, Map.of("rpoHours", "24", "hoursSinceLastSuccess", "25")),
                AS_OF.plusSeconds(400L * 86_400));
        assertEquals(persisting, roundTrip(AuditSchemas.FINDING_ENTRY, persisting));
        FindingEntry resolved = new FindingEntry(finding(Change.RESOLVED, Map.of()), AS_OF);
        assertEquals(resolved, roundTrip(AuditSchemas.FINDING_ENTRY, resolved));
        Map<String, AttributeValue> item = SingleTable.item(AuditSchemas.FINDING_ENTRY, resolved);
        assertEquals(s("RESOLVED#RPO_BREACHED#01JF0000000000000000000001"), item.get("SK"));
        assertFalse(item.containsKey("facts"), "no facts: left out");
        assertEquals(resolved.finding(), AuditSchemas.FINDING.mapToItem(item));
    }

    @Test
    void theLockAndSlotClaimsRoundTrip() {
        Lock lock = new Lock(RUN_ID, AS_OF.plusSeconds(1200));
        assertEquals(lock, roundTrip(AuditSchemas.LOCK, lock));
        SlotClaim slot = new SlotClaim("backup-audit@2026-12-01T18:00:00Z", RUN_ID, AS_OF.plusSeconds(30L * 86_400));
        assertEquals(slot, roundTrip(AuditSchemas.SLOT_CLAIM, slot));
    }

    // ---------------------------------------------------------------- items as the old codec wrote them

    static AttributeValue oldTally() {
        return m("audited", n(12), "compliant", n(2), "byCode", m("NO_POLICY", n(1), "RPO_BREACHED", n(9)),
                "bySeverity", m("high", n(10)), "newFindings", n(10), "resolvedFindings", n(0), "newlyNonCompliant", n(10),
                "itemsRead", n(12), "readRequests", n(3));
    }

    static AttributeValue oldZeroTally() {
        return m("audited", n(0), "compliant", n(0), "newFindings", n(0), "resolvedFindings", n(0), "newlyNonCompliant", n(0),
                "itemsRead", n(0), "readRequests", n(0));
    }

    @Test
    void aRunInTheOldFormatReadsTheSame_andIsWrittenTheSameWay() {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put("PK", s("AUDITRUN#" + RUN_ID));
        item.put("SK", s("RUN"));
        item.put("type", s("BackupAuditRun"));
        item.put("runId", s(RUN_ID));
        item.put("status", s("running"));
        item.put("trigger", s("schedule"));
        item.put("triggeredBy", s("schedule:backup-audit"));
        item.put("asOf", s("2026-12-01T18:00:00Z"));
        item.put("minimumRetentionDays", n(35));
        item.put("invocations", n(2));
        item.put("announced", bool(false));
        item.put("segments", m(
                "s00", m("cursor", s("{\"GSI2PK\":\"BACKUPAUDIT#00\"}"), "done", bool(false), "pages", n(1), "tally", oldTally()),
                "s01", m("done", bool(true), "pages", n(1), "tally", oldZeroTally()),
                "s02", m("done", bool(false), "pages", n(0), "tally", oldZeroTally())));
        item.put("GSI3PK", s("AUDITRUN#ALL"));
        item.put("GSI3SK", s(RUN_ID));

        assertEquals(running(), AuditSchemas.RUN.mapToItem(item));
        assertEquals(item, SingleTable.item(AuditSchemas.RUN, running()));

        Map<String, AttributeValue> segment = Map.of("done", bool(true), "pages", n(4));
        assertEquals(new Segment(0, null, true, 4, Tally.ZERO), AuditSchemas.SEGMENT.mapToItem(segment), "a missing tally is zero");
    }

    @Test
    void findingsLocksAndSlotClaimsInTheOldFormatReadTheSame_andAreWrittenTheSameWay() {
        Map<String, AttributeValue> finding = new LinkedHashMap<>();
        finding.put("PK", s("AUDITRUN#" + RUN_ID));
        finding.put("SK", s("FINDING#RPO_BREACHED#01JF0000000000000000000001"));
        finding.put("type", s("BackupAuditFinding"));
        finding.put("runId", s(RUN_ID));
        finding.put("assetId", s("01JF0000000000000000000001"));
        finding.put("assetTag", s("SRV-0001"));
        finding.put("category", s("server"));
        finding.put("department", s("Finance"));
        finding.put("custodian", s("li.lei"));
        finding.put("code", s("RPO_BREACHED"));
        finding.put("severity", s("high"));
        finding.put("change", s("new"));
        finding.put("facts", m("rpoHours", s("24")));
        finding.put("expiresAt", n(1_831_111_200L));
        FindingEntry entry = new FindingEntry(finding(Change.NEW, Map.of("rpoHours", "24")), Instant.ofEpochSecond(1_831_111_200L));
        assertEquals(entry, AuditSchemas.FINDING_ENTRY.mapToItem(finding));
        assertEquals(finding, SingleTable.item(AuditSchemas.FINDING_ENTRY, entry));

        Map<String, AttributeValue> lock = Map.of("PK", s("AUDITRUN#LOCK"), "SK", s("LOCK"), "type", s("BackupAuditLock"),
                "runId", s(RUN_ID), "leaseUntil", n(1_796_150_400L));
        assertEquals(new Lock(RUN_ID, Instant.ofEpochSecond(1_796_150_400L)), AuditSchemas.LOCK.mapToItem(lock));
        assertEquals(lock, SingleTable.item(AuditSchemas.LOCK, new Lock(RUN_ID, Instant.ofEpochSecond(1_796_150_400L))));
        assertEquals(AuditSchemas.lockKey(), Map.of("PK", lock.get("PK"), "SK", lock.get("SK")));

        Map<String, AttributeValue> slot = Map.of("PK", s("AUDITRUN#TRIGGER#backup-audit@2026-12-01T18:00:00Z"), "SK", s("TRIGGER"),
                "type", s("BackupAuditTrigger"), "runId", s(RUN_ID), "expiresAt", n(1_798_740_000L));
        SlotClaim claim = new SlotClaim("backup-audit@2026-12-01T18:00:00Z", RUN_ID, Instant.ofEpochSecond(1_798_740_000L));
        assertEquals(claim, AuditSchemas.SLOT_CLAIM.mapToItem(slot));
        assertEquals(slot, SingleTable.item(AuditSchemas.SLOT_CLAIM, claim));
        assertEquals(AuditSchemas.slotKey(claim.slotId()), Map.of("PK", slot.get("PK"), "SK", slot.get("SK")));
    }
}
