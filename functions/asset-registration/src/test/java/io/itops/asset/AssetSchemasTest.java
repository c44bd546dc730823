package io.itops.asset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.itops.asset.Records.ArchiveEntry;
import io.itops.asset.Records.AuditRecord;
import io.itops.asset.Records.Fault;
import io.itops.asset.Records.FaultStatus;
import io.itops.asset.Records.HistoryEntry;
import io.itops.asset.Records.MaintenanceKind;
import io.itops.asset.Records.MaintenanceRecord;
import io.itops.asset.Records.PhysicalCondition;
import io.itops.asset.Records.Resolution;
import io.itops.asset.Records.RootCause;
import io.itops.asset.Records.Severity;
import io.itops.shared.store.SingleTable;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Each stored record through its schema and back, and items as the hand-written codec wrote them
 * before the Enhanced Client: they read into the same record, and the schema writes them the same.
 */
class AssetSchemasTest {
    private static final String ID = "01JDQ00000000000000000000A";
    private static final Instant AT = Instant.parse("2026-11-28T09:00:00Z");
    private static final Instant LATER = Instant.parse("2026-11-29T10:30:00.120Z");

    private static Asset fullAsset() {
        return Asset.builder().assetId(ID).assetTag("LT-1").serialNumber("SN-1").category(Category.NETWORK_DEVICE)
                .status(Status.IN_SERVICE).model("X1").vendor("Lenovo").location("HQ-3F").department("Finance").custodian("li.lei")
                .purchase(new Purchase(LocalDate.parse("2026-01-15"), new BigDecimal("12999.00"), "CNY", "JD", "PO-1"))
                .warrantyEnd(LocalDate.parse("2029-01-14")).holdsBusinessData(true).maintenanceIntervalDays(180)
                .lastMaintenance(LocalDate.parse("2026-06-01")).nextMaintenanceDue(LocalDate.parse("2026-12-01"))
                .lastAudit(LocalDate.parse("2025-11-28")).nextAuditDue(LocalDate.parse("2027-11-28"))
                .checkout(new Checkout("li.lei", LATER, LocalDate.parse("2027-01-31"), "sam.staff"))
                .attributes(Map.of("cpu", "i7", "ram", "32GB")).version(4)
                .createdAt(AT).createdBy("sam.staff").updatedAt(LATER).updatedBy("ada.admin").build();
    }

    /** Only what registration always sets: no serial, purchase, custodian, department, location, checkout or attributes. */
    private static Asset bareAsset() {
        return Asset.builder().assetId(ID).assetTag("LT-2").category(Category.LAPTOP).status(Status.RECEIVED).model("X1")
                .nextAuditDue(LocalDate.parse("2027-11-28")).version(1)
                .createdAt(AT).createdBy("sam.staff").updatedAt(AT).updatedBy("sam.staff").build();
    }

    @Test
    void assetRoundTrips_withEveryField() {
        assertRoundTrip(Asset.SCHEMA, fullAsset());
    }

    @Test
    void assetRoundTrips_withOptionalFieldsAbsent_andLeavesThemOutOfTheItem() {
        Map<String, AttributeValue> item = assertRoundTrip(Asset.SCHEMA, bareAsset());

        for (String absent : List.of("serialNumber", "purchase", "checkout", "attributes", "custodian", "warrantyEnd",
                "maintenanceIntervalDays", "GSI1PK", "GSI1SK", "GSI2PK", "GSI2SK", "GSI5PK", "GSI5SK")) {
            assertTrue(!item.containsKey(absent), absent + " is left out: " + item);
        }
        assertEquals(AttributeValue.fromBool(false), item.get("holdsBusinessData"), "the flag is always written");
        assertEquals(Map.of(), Asset.SCHEMA.mapToItem(item).attributes(), "missing attributes read as none");
    }

    @Test
    void assetOfTheOldCodec_readsTheSame_andIsWrittenTheSame() {
        Map<String, AttributeValue> old = new HashMap<>();
        old.put("PK", s("ASSET#" + ID));
        old.put("SK", s("ASSET"));
        old.put("type", s("Asset"));
        old.put("assetId", s(ID));
        old.put("assetTag", s("LT-1"));
        old.put("serialNumber", s("SN-1"));
        old.put("category", s("network-device"));
        old.put("status", s("in-service"));
        old.put("model", s("X1"));
        old.put("vendor", s("Lenovo"));
        old.put("location", s("HQ-3F"));
        old.put("department", s("Finance"));
        old.put("custodian", s("li.lei"));
        old.put("warrantyEnd", s("2029-01-14"));
        old.put("holdsBusinessData", AttributeValue.fromBool(true));
        old.put("maintenanceIntervalDays", n("180"));
        old.put("lastMaintenance", s("2026-06-01"));
        old.put("nextMaintenanceDue", s("2026-12-01"));
        old.put("lastAudit", s("2025-11-28"));
        old.put("nextAuditDue", s("2027-11-28"));
        old.put("attributes", AttributeValue.fromM(Map.of("cpu", s("i7"), "ram", s("32GB"))));
        old.put("version", n("4"));
        old.put("createdAt", s("2026-11-28T09:00:00Z"));
        old.put("createdBy", s("sam.staff"));
        old.put("updatedAt", s("2026-11-29T10:30:00.120Z"));
        old.put("updatedBy", s("ada.admin"));
        old.put("GSI3PK", s("CATEGORY#network-device"));
        old.put("GSI3SK", s("in-service#LT-1"));
        old.put("GSI4PK", s("STATUS#in-service"));
        old.put("GSI4SK", s("LT-1"));
        old.put("GSI6PK", s("ASSETS"));
        old.put("GSI6SK", s("LT-1"));
        old.put("GSI1PK", s("CUSTODIAN#li.lei"));
        old.put("GSI1SK", s("ASSET#LT-1"));
        old.put("GSI2PK", s("DEPARTMENT#Finance"));
        old.put("GSI2SK", s("LT-1"));
        old.put("GSI5PK", s("LOCATION#HQ-3F"));
        old.put("GSI5SK", s("LT-1"));
        old.put("purchase", AttributeValue.fromM(Map.of("date", s("2026-01-15"), "cost", n("12999.00"), "currency", s("CNY"),
                "supplier", s("JD"), "orderNumber", s("PO-1"))));
        old.put("checkout", AttributeValue.fromM(Map.of("custodian", s("li.lei"), "since", s("2026-11-29T10:30:00.120Z"),
                "expectedReturn", s("2027-01-31"), "by", s("sam.staff"))));

        assertOldFormat(Asset.SCHEMA, old, fullAsset());
    }

    @Test
    void oldAssetWithoutTheOptionalAttributes_readsWithDefaults() {
        Map<String, AttributeValue> old = Map.of("PK", s("ASSET#" + ID), "SK", s("ASSET"), "assetId", s(ID), "assetTag", s("LT-2"),
                "category", s("laptop"), "status", s("received"), "model", s("X1"), "version", n("1"));

        Asset read = Asset.SCHEMA.mapToItem(old);

        assertEquals(false, read.holdsBusinessData());
        assertEquals(Map.of(), read.attributes());
        assertEquals(null, read.purchase());
        assertEquals(null, read.checkout());
        assertEquals(1, read.version());
    }

    @Test
    void anEmptyPurchaseIsLeftOut_asTheOldCodecDid() {
        Map<String, AttributeValue> item = SingleTable.item(Asset.SCHEMA, bareAsset().toBuilder().purchase(Purchase.NONE).build());

        assertTrue(!item.containsKey("purchase"), "no purchase map: " + item);
        assertEquals(null, Asset.SCHEMA.mapToItem(item).purchase());
    }

    @Test
    void costsAreStoredWithoutAnExponent() {
        Purchase purchase = new Purchase(null, new BigDecimal("1E+3"), "CNY", null, null);

        Map<String, AttributeValue> item = SingleTable.item(Purchase.SCHEMA, purchase);

        assertEquals(Map.of("cost", n("1000"), "currency", s("CNY")), item);
        assertEquals(0, new BigDecimal("1000").compareTo(Purchase.SCHEMA.mapToItem(item).cost()));
    }

    @Test
    void tagAndSerialItems_roundTrip_andReadTheOldCodec() {
        UniqueValue tag = new UniqueValue("LT-1", ID);
        UniqueValue serial = new UniqueValue("SN-1", ID);

        assertRoundTrip(UniqueValue.TAG, tag);
        assertRoundTrip(UniqueValue.SERIAL, serial);
        assertOldFormat(UniqueValue.TAG, Map.of("PK", s("ASSETTAG#LT-1"), "SK", s("ASSETTAG"), "type", s("AssetTag"),
                "assetId", s(ID)), tag);
        assertOldFormat(UniqueValue.SERIAL, Map.of("PK", s("ASSETSERIAL#SN-1"), "SK", s("ASSETSERIAL"), "type", s("AssetSerial"),
                "assetId", s(ID)), serial);
        assertEquals(UniqueValue.tagKey("LT-1"), keyOf(SingleTable.item(UniqueValue.TAG, tag)));
        assertEquals(UniqueValue.serialKey("SN-1"), keyOf(SingleTable.item(UniqueValue.SERIAL, serial)));
    }

    @Test
    void dueItems_roundTrip_andReadTheOldCodec() {
        Asset asset = fullAsset();
        DueDate due = DueDate.of(asset, DueKind.MAINTENANCE);

        assertEquals(new DueItem(ID, "LT-1", "network-device", "in-service", "X1", "HQ-3F", "li.lei", "Finance", true, 4,
                LocalDate.parse("2026-12-01")), due.item());
        for (DueKind kind : DueKind.values()) {
            assertRoundTrip(DueDate.SCHEMA, DueDate.of(asset, kind));
        }
        assertRoundTrip(DueDate.SCHEMA, DueDate.of(bareAsset(), DueKind.AUDIT));
        Map<String, AttributeValue> old = new HashMap<>();
        old.put("PK", s("ASSET#" + ID));
        old.put("SK", s("DUE#MAINTENANCE"));
        old.put("type", s("AssetDue"));
        old.put("assetId", s(ID));
        old.put("assetTag", s("LT-1"));
        old.put("category", s("network-device"));
        old.put("status", s("in-service"));
        old.put("model", s("X1"));
        old.put("location", s("HQ-3F"));
        old.put("custodian", s("li.lei"));
        old.put("department", s("Finance"));
        old.put("holdsBusinessData", AttributeValue.fromBool(true));
        old.put("version", n("4"));
        old.put("dueDate", s("2026-12-01"));
        old.put("GSI1PK", s("DUE#MAINTENANCE"));
        old.put("GSI1SK", s("2026-12-01#" + ID));
        assertOldFormat(DueDate.SCHEMA, old, due);
        assertEquals(DueDate.key(ID, DueKind.MAINTENANCE), keyOf(old));
    }

    @Test
    void archiveEntries_roundTrip_withAndWithoutDetails_andReadTheOldCodec() {
        ArchiveEntry entry = ArchiveEntry.of(ID, new HistoryEntry(AT, "STATUS_CHANGED", "sam.staff", "received -> installed",
                Map.of("from", "received", "to", "installed")));
        ArchiveEntry bare = ArchiveEntry.of(ID, new HistoryEntry(LATER, "REGISTERED", "sam.staff", "Registered", Map.of()));

        assertRoundTrip(ArchiveEntry.SCHEMA, entry);
        assertTrue(!assertRoundTrip(ArchiveEntry.SCHEMA, bare).containsKey("details"), "no details, no attribute");
        String ulid = "01JDQ7Z0000000000000000000";
        Map<String, AttributeValue> old = Map.of("PK", s("ASSET#" + ID), "SK", s("HIST#2026-11-28T09:00:00.000Z#" + ulid),
                "type", s("AssetHistory"), "at", s("2026-11-28T09:00:00Z"), "event", s("STATUS_CHANGED"), "actor", s("sam.staff"),
                "summary", s("received -> installed"),
                "details", AttributeValue.fromM(Map.of("from", s("received"), "to", s("installed"))));
        assertOldFormat(ArchiveEntry.SCHEMA, old, new ArchiveEntry(ID, ulid, entry.entry()));
    }

    @Test
    void maintenanceRecords_roundTrip_andReadTheOldCodec() {
        MaintenanceRecord full = MaintenanceRecord.builder().recordId("01JDQ00000000000000000000M").assetId(ID)
                .kind(MaintenanceKind.PREVENTIVE).performedOn(LocalDate.parse("2026-11-20")).performedBy("Lenovo service")
                .cost(new BigDecimal("350.50")).currency("CNY").notes("Fan cleaned").checklist(List.of("fan", "thermal paste"))
                .nextDue(LocalDate.parse("2027-05-19")).recordedAt(AT).recordedBy("sam.staff").build();
        MaintenanceRecord bare = MaintenanceRecord.builder().recordId("01JDQ00000000000000000000N").assetId(ID)
                .kind(MaintenanceKind.INSPECTION).performedOn(LocalDate.parse("2026-11-20")).performedBy("sam.staff")
                .recordedAt(AT).recordedBy("sam.staff").build();

        assertRoundTrip(MaintenanceRecord.SCHEMA, full);
        Map<String, AttributeValue> bareItem = assertRoundTrip(MaintenanceRecord.SCHEMA, bare);
        assertTrue(!bareItem.containsKey("checklist") && !bareItem.containsKey("cost"), "empty checklist and no cost left out");
        assertEquals(List.of(), MaintenanceRecord.SCHEMA.mapToItem(bareItem).checklist());
        Map<String, AttributeValue> old = new HashMap<>();
        old.put("PK", s("ASSET#" + ID));
        old.put("SK", s("MAINT#2026-11-20#01JDQ00000000000000000000M"));
        old.put("type", s("MaintenanceRecord"));
        old.put("recordId", s("01JDQ00000000000000000000M"));
        old.put("assetId", s(ID));
        old.put("kind", s("preventive"));
        old.put("performedOn", s("2026-11-20"));
        old.put("performedBy", s("Lenovo service"));
        old.put("cost", n("350.50"));
        old.put("currency", s("CNY"));
        old.put("notes", s("Fan cleaned"));
        old.put("checklist", AttributeValue.fromL(List.of(s("fan"), s("thermal paste"))));
        old.put("nextDue", s("2027-05-19"));
        old.put("recordedAt", s("2026-11-28T09:00:00Z"));
        old.put("recordedBy", s("sam.staff"));
        assertOldFormat(MaintenanceRecord.SCHEMA, old, full);
    }

    @Test
    void faults_roundTrip_openAndResolved_andReadTheOldCodec() {
        Fault open = Fault.builder().faultId("01JDQ00000000000000000000F").assetId(ID).assetTag("LT-1").summary("No display")
                .severity(Severity.HIGH).status(FaultStatus.OPEN).occurredAt(AT).reportedAt(AT).reportedBy("li.lei").build();
        Fault resolved = open.toBuilder().description("Black screen after boot").status(FaultStatus.RESOLVED)
                .resolution(new Resolution("Replaced the cable", RootCause.HARDWARE, "Cable worn", null, null, LATER, "sam.staff"))
                .build();

        assertRoundTrip(Records.Fault.SCHEMA, open);
        assertRoundTrip(Records.Fault.SCHEMA, resolved);
        Map<String, AttributeValue> old = new HashMap<>();
        old.put("PK", s("ASSET#" + ID));
        old.put("SK", s("FAULT#01JDQ00000000000000000000F"));
        old.put("type", s("Fault"));
        old.put("faultId", s("01JDQ00000000000000000000F"));
        old.put("assetId", s(ID));
        old.put("assetTag", s("LT-1"));
        old.put("summary", s("No display"));
        old.put("description", s("Black screen after boot"));
        old.put("severity", s("high"));
        old.put("status", s("resolved"));
        old.put("occurredAt", s("2026-11-28T09:00:00Z"));
        old.put("reportedAt", s("2026-11-28T09:00:00Z"));
        old.put("reportedBy", s("li.lei"));
        old.put("resolution", AttributeValue.fromM(Map.of("resolution", s("Replaced the cable"), "rootCause", s("hardware"),
                "causeAnalysis", s("Cable worn"), "resolvedAt", s("2026-11-29T10:30:00.120Z"), "resolvedBy", s("sam.staff"))));
        assertOldFormat(Records.Fault.SCHEMA, old, resolved);
        assertEquals(Records.Fault.key(ID, "01JDQ00000000000000000000F"), keyOf(old));
    }

    @Test
    void auditRecords_roundTrip_andReadTheOldCodec() {
        AuditRecord found = AuditRecord.builder().auditId("01JDQ00000000000000000000U").assetId(ID).found(true).location("HQ-3F")
                .condition(PhysicalCondition.GOOD).locationMatches(true).notes("Sticker renewed")
                .auditedOn(LocalDate.parse("2026-11-28")).nextAuditDue(LocalDate.parse("2027-11-28"))
                .recordedAt(AT).recordedBy("sam.staff").build();
        AuditRecord missing = AuditRecord.builder().auditId("01JDQ00000000000000000000V").assetId(ID).found(false)
                .auditedOn(LocalDate.parse("2026-11-28")).nextAuditDue(LocalDate.parse("2027-11-28"))
                .recordedAt(AT).recordedBy("sam.staff").build();

        assertRoundTrip(AuditRecord.SCHEMA, found);
        assertRoundTrip(AuditRecord.SCHEMA, missing);
        Map<String, AttributeValue> old = new HashMap<>();
        old.put("PK", s("ASSET#" + ID));
        old.put("SK", s("AUDIT#2026-11-28#01JDQ00000000000000000000U"));
        old.put("type", s("AuditRecord"));
        old.put("auditId", s("01JDQ00000000000000000000U"));
        old.put("assetId", s(ID));
        old.put("found", AttributeValue.fromBool(true));
        old.put("location", s("HQ-3F"));
        old.put("condition", s("good"));
        old.put("locationMatches", AttributeValue.fromBool(true));
        old.put("notes", s("Sticker renewed"));
        old.put("auditedOn", s("2026-11-28"));
        old.put("nextAuditDue", s("2027-11-28"));
        old.put("recordedAt", s("2026-11-28T09:00:00Z"));
        old.put("recordedBy", s("sam.staff"));
        assertOldFormat(AuditRecord.SCHEMA, old, found);
    }

    /** record -> item -> record gives the record back; returns the item. */
    private static <T> Map<String, AttributeValue> assertRoundTrip(TableSchema<T> schema, T record) {
        Map<String, AttributeValue> item = SingleTable.item(schema, record);
        assertEquals(record, schema.mapToItem(item), "round trip of " + item);
        return item;
    }

    /** An item as the old codec wrote it reads into {@code record}, and the schema writes {@code record} as that item. */
    private static <T> void assertOldFormat(TableSchema<T> schema, Map<String, AttributeValue> old, T record) {
        assertEquals(record, schema.mapToItem(old));
        assertEquals(old, SingleTable.item(schema, record));
    }

    private static Map<String, AttributeValue> keyOf(Map<String, AttributeValue> item) {
        Map<String, AttributeValue> key = new HashMap<>(item);
        key.keySet().retainAll(Set.of("PK", "SK"));
        return key;
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(String value) {
        return AttributeValue.fromN(value);
    }
}
