package io.itops.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.itops.shared.store.SingleTable;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Each stored record through its schema and back, with and without its optional parts; and items
 * exactly as the hand-written codec before the schemas wrote them, which must read the same and be
 * written again attribute for attribute.
 */
class ScanSchemasTest {
    private static final Instant T0 = Instant.parse("2026-11-28T09:00:00Z");
    private static final Instant T1 = Instant.parse("2026-11-28T09:30:12.345Z");

    // ------------------------------------------------------------------ targets

    @Test
    void aTargetWithScanTimes_andOneWithOnlyItsRequiredFields_roundTrip() {
        Target full = new Target.Builder().assetId("A1").assetTag("LT-1").category("laptop").status("in-service")
                .model("X1").department("Finance").custodian("li.lei").location("HQ-3F").holdsBusinessData(true)
                .assetVersion(3).projectedAt(T0).requested(Map.of(Profile.VULNERABILITY, T1, Profile.BASELINE, T0))
                .completed(Map.of(Profile.VULNERABILITY, T1)).build();
        Target bare = new Target.Builder().assetId("A2").assetTag("LT-2").category("printer").status("received")
                .assetVersion(1).build();

        assertRoundTrip(Target.SCHEMA, full);
        assertRoundTrip(Target.SCHEMA, bare);
        Map<String, AttributeValue> item = SingleTable.item(Target.SCHEMA, bare);
        assertFalse(item.containsKey("GSI2PK"), "no department, no GSI2");
        assertEquals(AttributeValue.fromM(Map.of()), item.get("requested"), "no scan times: an empty map, as the projection made");
    }

    @Test
    void aTargetAsTheOldCodecWroteIt_readsTheSame_andIsWrittenAgainUnchanged() {
        Map<String, AttributeValue> old = new HashMap<>(Map.ofEntries(
                Map.entry("PK", s("SCANTARGET#A1")), Map.entry("SK", s("SCANTARGET")), Map.entry("type", s("ScanTarget")),
                Map.entry("assetId", s("A1")), Map.entry("assetTag", s("LT-1")), Map.entry("category", s("laptop")),
                Map.entry("status", s("in-service")), Map.entry("model", s("X1")), Map.entry("department", s("Finance")),
                Map.entry("custodian", s("li.lei")), Map.entry("location", s("HQ-3F")),
                Map.entry("holdsBusinessData", AttributeValue.fromBool(true)), Map.entry("assetVersion", n("3")),
                Map.entry("projectedAt", s("2026-11-28T09:00:00Z")),
                Map.entry("GSI1PK", s("SCANTARGET#STATUS#in-service")), Map.entry("GSI1SK", s("LT-1")),
                Map.entry("GSI2PK", s("SCANTARGET#DEPT#Finance")), Map.entry("GSI2SK", s("LT-1")),
                Map.entry("GSI3PK", s("SCANTARGET#CATEGORY#laptop")), Map.entry("GSI3SK", s("in-service#LT-1")),
                Map.entry("GSI4PK", s("SCANTARGET#TAG#LT-1")), Map.entry("GSI4SK", s("SCANTARGET")),
                Map.entry("requested", m(Map.of("vulnerability", s("2026-11-28T09:30:12.345Z"), "firewall-config", s("2026-11-28T09:00:00.000Z")))),
                Map.entry("completed", m(Map.of("vulnerability", s("2026-11-28T09:30:12.345Z"))))));

        Target target = Target.SCHEMA.mapToItem(old);

        assertEquals(new Target.Builder().assetId("A1").assetTag("LT-1").category("laptop").status("in-service").model("X1")
                .department("Finance").custodian("li.lei").location("HQ-3F").holdsBusinessData(true).assetVersion(3)
                .projectedAt(T0).requested(Map.of(Profile.VULNERABILITY, T1, Profile.FIREWALL_CONFIG, T0))
                .completed(Map.of(Profile.VULNERABILITY, T1)).build(), target);
        assertEquals(old, SingleTable.item(Target.SCHEMA, target));
    }

    @Test
    void aTargetWithoutHoldsBusinessDataOrScanTimes_readsAsNotHoldingAndNeverScanned() {
        Target target = Target.SCHEMA.mapToItem(Map.of("PK", s("SCANTARGET#A3"), "SK", s("SCANTARGET"), "assetId", s("A3"),
                "assetTag", s("LT-3"), "category", s("laptop"), "status", s("received"), "assetVersion", n("1")));

        assertFalse(target.holdsBusinessData());
        assertEquals(Map.of(), target.requested());
        assertEquals(Map.of(), target.completed());
    }

    @Test
    void theOnboardingMark_roundTrips_andReadsAsTheOldCodecWroteIt() {
        Onboarding mark = new Onboarding("A1", "S1", "AssetRegistered", T1);
        Map<String, AttributeValue> old = Map.of("PK", s("SCANTARGET#A1"), "SK", s("ONBOARDING"), "type", s("ScanOnboarding"),
                "assetId", s("A1"), "scanId", s("S1"), "cause", s("AssetRegistered"), "at", s("2026-11-28T09:30:12.345Z"));

        assertRoundTrip(Onboarding.SCHEMA, mark);
        assertEquals(mark, Onboarding.SCHEMA.mapToItem(old));
        assertEquals(old, SingleTable.item(Onboarding.SCHEMA, mark));
    }

    // ------------------------------------------------------------------ scans

    private static Scan.Builder requested() {
        return new Scan.Builder().scanId("S1").assetId("A1").assetTag("LT-1").category("laptop").department("Finance")
                .location("HQ-3F").model("X1").profile(Profile.FIREWALL_CONFIG).trigger(Trigger.ON_DEMAND).reason("audit")
                .requestedBy("sam.staff").requestedAt(T0).respondBy(T0.plusSeconds(21_600)).status(ScanStatus.REQUESTED);
    }

    @Test
    void aRequestedScan_aClaimedOne_andACompletedOne_roundTrip() {
        Scan scan = requested().build();
        Scan claimed = scan.reported(ScanStatus.PROCESSING, "scanner-01", T1, T0, T1, "OpenVAS 23.1", null);
        Scan done = claimed.completed(new Scan.Summary(3, 2, 1, 0, 1, new Scan.SeverityCounts(1, 1, 0, 0, 1)), T1);
        Scan bare = new Scan.Builder().scanId("S2").assetId("A2").profile(Profile.BASELINE).trigger(Trigger.COVERAGE)
                .status(ScanStatus.TIMED_OUT).respondBy(T0).build();

        assertRoundTrip(StoredScan.SCHEMA, new StoredScan(scan, null, null));
        assertRoundTrip(StoredScan.SCHEMA, new StoredScan(claimed, "hash", T1.plusSeconds(60)));
        assertRoundTrip(StoredScan.SCHEMA, new StoredScan(done, "hash", null));
        assertRoundTrip(StoredScan.SCHEMA, new StoredScan(bare, null, null));
        assertTrue(SingleTable.item(StoredScan.SCHEMA, new StoredScan(claimed, "hash", T1)).containsKey("GSI5PK"), "open: in GSI5");
        assertFalse(SingleTable.item(StoredScan.SCHEMA, new StoredScan(done, "hash", null)).containsKey("GSI5PK"), "closed: out of GSI5");
    }

    /** A completed scan as the old codec wrote it. */
    private static Map<String, AttributeValue> oldCompletedScan() {
        return new HashMap<>(Map.ofEntries(
                Map.entry("PK", s("SCAN#S1")), Map.entry("SK", s("SCAN")), Map.entry("type", s("Scan")),
                Map.entry("scanId", s("S1")), Map.entry("assetId", s("A1")), Map.entry("assetTag", s("LT-1")),
                Map.entry("category", s("laptop")), Map.entry("department", s("Finance")), Map.entry("location", s("HQ-3F")),
                Map.entry("model", s("X1")), Map.entry("profile", s("firewall-config")), Map.entry("trigger", s("on-demand")),
                Map.entry("reason", s("audit")), Map.entry("requestedBy", s("sam.staff")),
                Map.entry("requestedAt", s("2026-11-28T09:00:00Z")), Map.entry("respondBy", s("2026-11-28T15:00:00Z")),
                Map.entry("status", s("completed")), Map.entry("scanner", s("scanner-01")),
                Map.entry("reportedAt", s("2026-11-28T09:30:12.345Z")), Map.entry("startedAt", s("2026-11-28T09:00:00Z")),
                Map.entry("finishedAt", s("2026-11-28T09:30:12.345Z")), Map.entry("engine", s("OpenVAS 23.1")),
                Map.entry("closedAt", s("2026-11-28T09:30:12.345Z")), Map.entry("resultHash", s("hash")),
                Map.entry("summary", m(Map.of("reported", n("3"), "opened", n("2"), "seenAgain", n("1"), "reopened", n("0"),
                        "resolved", n("1"), "reportedBySeverity", m(Map.of("critical", n("1"), "high", n("1"), "medium", n("0"),
                                "low", n("0"), "info", n("1")))))),
                Map.entry("GSI1PK", s("SCAN#ASSET#A1")), Map.entry("GSI1SK", s("S1")),
                Map.entry("GSI2PK", s("SCAN#STATUS#completed")), Map.entry("GSI2SK", s("S1")),
                Map.entry("GSI3PK", s("SCAN#PROFILE#firewall-config")), Map.entry("GSI3SK", s("S1")),
                Map.entry("GSI4PK", s("SCAN#ALL")), Map.entry("GSI4SK", s("S1"))));
    }

    private static Scan.Builder completedAsOld() {
        return requested().status(ScanStatus.COMPLETED).scanner("scanner-01").reportedAt(T1).startedAt(T0)
                .finishedAt(T1).engine("OpenVAS 23.1").closedAt(T1)
                .summary(new Scan.Summary(3, 2, 1, 0, 1, new Scan.SeverityCounts(1, 1, 0, 0, 1)));
    }

    @Test
    void aCompletedScanAsTheOldCodecWroteIt_readsTheSame_andIsWrittenAgainUnchanged() {
        Map<String, AttributeValue> old = oldCompletedScan();

        StoredScan stored = StoredScan.SCHEMA.mapToItem(old);

        assertEquals(new StoredScan(completedAsOld().build(), "hash", null), stored);
        assertEquals(old, SingleTable.item(StoredScan.SCHEMA, stored));
    }

    @Test
    void aScanBeingAppliedAsTheOldCodecWroteIt_keepsItsLeaseAndItsPlaceInGsi5() {
        Map<String, AttributeValue> old = oldCompletedScan();
        old.remove("closedAt");
        old.remove("summary");
        old.put("status", s("processing"));
        old.put("GSI2PK", s("SCAN#STATUS#processing"));
        old.put("processingUntil", s("2026-11-28T09:31:12.345Z"));
        old.put("GSI5PK", s("SCAN#OPEN"));
        old.put("GSI5SK", s("2026-11-28T15:00:00.000Z#S1"));

        StoredScan stored = StoredScan.SCHEMA.mapToItem(old);

        assertEquals(new StoredScan(completedAsOld().status(ScanStatus.PROCESSING).closedAt(null).summary(null).build(),
                "hash", T1.plusSeconds(60)), stored);
        assertEquals(old, SingleTable.item(StoredScan.SCHEMA, stored));
    }

    // ------------------------------------------------------------------ findings

    private static Finding.Builder openFinding() {
        return new Finding.Builder().findingId("F1").assetId("A1").assetTag("LT-1").department("Finance").custodian("li.lei")
                .profile(Profile.VULNERABILITY).ruleId("CVE-2026-1").title("Old OpenSSH").severity(Severity.HIGH)
                .cvss(new BigDecimal("7.5")).evidence("port 22").remediation("Upgrade").status(FindingStatus.OPEN)
                .firstSeen(T0).lastSeen(T1).openedAt(T0).dueAt(T0.plusSeconds(86_400 * 30)).firstScanId("S0").lastScanId("S1")
                .lastChange(FindingRules.Change.SEEN_AGAIN).version(2).updatedAt(T1);
    }

    @Test
    void anOpenFinding_anAcceptedRisk_andABareInfoFinding_roundTrip() {
        Finding open = openFinding().build();
        Finding accepted = openFinding().status(FindingStatus.ACCEPTED_RISK).reopenCount(1).reopenedAt(T0)
                .overdueNotifiedFor(T0).triage(new Finding.Triage(FindingStatus.ACCEPTED_RISK, "lab only",
                        LocalDate.parse("2026-12-31"), "sam.staff", T1)).build();
        Finding bare = new Finding.Builder().findingId("F2").assetId("A2").profile(Profile.BASELINE).ruleId("R-1")
                .severity(Severity.INFO).status(FindingStatus.OPEN).version(1).updatedAt(T0)
                .triage(new Finding.Triage(FindingStatus.REMEDIATED, null, null, "sam.staff", T0)).build();

        assertRoundTrip(Finding.SCHEMA, open);
        assertRoundTrip(Finding.SCHEMA, accepted);
        assertRoundTrip(Finding.SCHEMA, bare);
        Map<String, AttributeValue> item = SingleTable.item(Finding.SCHEMA, bare);
        assertFalse(item.containsKey("GSI2PK"), "no department, no GSI2");
        assertEquals(s("open#~#F2"), item.get("GSI5SK"), "no deadline sorts last");
        assertEquals(Map.of("status", s("remediated"), "by", s("sam.staff"), "at", s("2026-11-28T09:00:00Z")),
                item.get("triage").m(), "absent triage fields are left out of the nested map");
        assertEquals(s("2027-01-01T00:00:00.000Z#F1"), SingleTable.item(Finding.SCHEMA, accepted.toBuilder()
                .triage(new Finding.Triage(FindingStatus.ACCEPTED_RISK, "lab", LocalDate.parse("2027-01-01"), "sam.staff", T1))
                .build()).get("GSI3SK"), "an accepted risk sorts by the start of its expiry day");
    }

    @Test
    void aTriagedFindingAsTheOldCodecWroteIt_readsTheSame_andIsWrittenAgainUnchanged() {
        Map<String, AttributeValue> old = new HashMap<>(Map.ofEntries(
                Map.entry("PK", s("FINDING#ASSET#A1")), Map.entry("SK", s("FINDING#vulnerability#CVE-2026-1")),
                Map.entry("type", s("Finding")), Map.entry("findingId", s("F1")), Map.entry("assetId", s("A1")),
                Map.entry("assetTag", s("LT-1")), Map.entry("department", s("Finance")), Map.entry("custodian", s("li.lei")),
                Map.entry("profile", s("vulnerability")), Map.entry("ruleId", s("CVE-2026-1")), Map.entry("title", s("Old OpenSSH")),
                Map.entry("severity", s("high")), Map.entry("cvss", n("7.5")), Map.entry("evidence", s("port 22")),
                Map.entry("remediation", s("Upgrade")), Map.entry("status", s("accepted-risk")),
                Map.entry("firstSeen", s("2026-11-28T09:00:00Z")), Map.entry("lastSeen", s("2026-11-28T09:30:12.345Z")),
                Map.entry("openedAt", s("2026-11-28T09:00:00Z")), Map.entry("dueAt", s("2026-12-28T09:00:00Z")),
                Map.entry("reopenCount", n("1")), Map.entry("reopenedAt", s("2026-11-28T09:00:00Z")),
                Map.entry("firstScanId", s("S0")), Map.entry("lastScanId", s("S1")), Map.entry("lastChange", s("seen-again")),
                Map.entry("overdueNotifiedFor", s("2026-11-28T09:00:00Z")), Map.entry("version", n("2")),
                Map.entry("updatedAt", s("2026-11-28T09:30:12.345Z")),
                Map.entry("triage", m(Map.of("status", s("accepted-risk"), "reason", s("lab only"), "expiresOn", s("2026-12-31"),
                        "by", s("sam.staff"), "at", s("2026-11-28T09:30:12.345Z")))),
                Map.entry("GSI1PK", s("FINDING#F1")), Map.entry("GSI1SK", s("FINDING")),
                Map.entry("GSI2PK", s("FINDING#DEPT#Finance")), Map.entry("GSI2SK", s("accepted-risk#2026-12-31T00:00:00.000Z#F1")),
                Map.entry("GSI3PK", s("FINDING#STATUS#accepted-risk")), Map.entry("GSI3SK", s("2026-12-31T00:00:00.000Z#F1")),
                Map.entry("GSI4PK", s("FINDING#SEVERITY#high")), Map.entry("GSI4SK", s("accepted-risk#2026-12-31T00:00:00.000Z#F1")),
                Map.entry("GSI5PK", s("FINDING#ALL")), Map.entry("GSI5SK", s("accepted-risk#2026-12-31T00:00:00.000Z#F1"))));
        Finding expected = openFinding().status(FindingStatus.ACCEPTED_RISK).reopenCount(1).reopenedAt(T0).overdueNotifiedFor(T0)
                .triage(new Finding.Triage(FindingStatus.ACCEPTED_RISK, "lab only", LocalDate.parse("2026-12-31"), "sam.staff", T1))
                .build();

        Finding finding = Finding.SCHEMA.mapToItem(old);

        assertEquals(expected, finding);
        // written again, it gains the per-asset index GSI6 (the asset's findings in the documented order)
        Map<String, AttributeValue> rewritten = new HashMap<>(old);
        rewritten.put("GSI6PK", s("FINDING#ASSET#A1"));
        rewritten.put("GSI6SK", s("accepted-risk#2026-12-31T00:00:00.000Z#F1"));
        assertEquals(rewritten, SingleTable.item(Finding.SCHEMA, finding));
    }

    @Test
    void aFindingWithoutReopenCount_readsAsNeverReopened() {
        Map<String, AttributeValue> old = new HashMap<>(SingleTable.item(Finding.SCHEMA, openFinding().build()));
        old.remove("reopenCount");

        assertEquals(0, Finding.SCHEMA.mapToItem(old).reopenCount());
    }

    private static <T> void assertRoundTrip(TableSchema<T> schema, T record) {
        assertEquals(record, schema.mapToItem(SingleTable.item(schema, record)));
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(String value) {
        return AttributeValue.fromN(value);
    }

    private static AttributeValue m(Map<String, AttributeValue> value) {
        return AttributeValue.fromM(value);
    }
}
