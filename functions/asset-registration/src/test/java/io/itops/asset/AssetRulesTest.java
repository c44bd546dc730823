package io.itops.asset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.itops.shared.error.FieldError;
import io.itops.shared.validation.Validator;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The field rules of an asset: each broken rule is reported against its own field. */
class AssetRulesTest {

    /** A valid asset whose fields a case changes. */
    static final class Draft {
        String tag = "LT-0001";
        String serial = "SN-1";
        Category category = Category.LAPTOP;
        Status status = Status.RECEIVED;
        String model = "ThinkPad";
        String vendor = "Lenovo";
        String location = "HQ-3F";
        String department = "Finance";
        String custodian;
        Purchase purchase = new Purchase(LocalDate.parse("2026-01-15"), new BigDecimal("12999.00"), "CNY", "JD", "PO-1");
        LocalDate warrantyEnd = LocalDate.parse("2029-01-14");
        Integer interval = 180;
        Map<String, String> attributes = new HashMap<>(Map.of("cpu", "i7"));

        Asset build() {
            Instant now = Instant.parse("2026-11-28T09:00:00Z");
            return Asset.builder().assetId("01JDQ00000000000000000000A").assetTag(tag).serialNumber(serial).category(category)
                    .status(status).model(model).vendor(vendor).location(location).department(department).custodian(custodian)
                    .purchase(purchase).warrantyEnd(warrantyEnd).holdsBusinessData(true).maintenanceIntervalDays(interval)
                    .attributes(attributes).version(1).createdAt(now).createdBy("sam").updatedAt(now).updatedBy("sam").build();
        }
    }

    static List<FieldError> errors(Consumer<Draft> change, String prefix) {
        Draft draft = new Draft();
        change.accept(draft);
        Validator v = Validator.check();
        AssetRules.check(v, prefix, draft.build());
        return v.errors();
    }

    @Test
    void aCompleteAssetPasses() {
        assertEquals(List.of(), errors(d -> { }, ""));
    }

    static Stream<Arguments> brokenRules() {
        return Stream.of(
                Arguments.of("no tag", (Consumer<Draft>) d -> d.tag = null, "assetTag"),
                Arguments.of("tag with a space", (Consumer<Draft>) d -> d.tag = "LT 1", "assetTag"),
                Arguments.of("tag in lower case (not normalised)", (Consumer<Draft>) d -> d.tag = "lt-1", "assetTag"),
                Arguments.of("tag of 33 characters", (Consumer<Draft>) d -> d.tag = "A".repeat(33), "assetTag"),
                Arguments.of("serial with a space", (Consumer<Draft>) d -> d.serial = "SN 1", "serialNumber"),
                Arguments.of("no category", (Consumer<Draft>) d -> d.category = null, "category"),
                Arguments.of("no model", (Consumer<Draft>) d -> d.model = null, "model"),
                Arguments.of("blank model", (Consumer<Draft>) d -> d.model = "  ", "model"),
                Arguments.of("model of 201 characters", (Consumer<Draft>) d -> d.model = "m".repeat(201), "model"),
                Arguments.of("vendor with a control character", (Consumer<Draft>) d -> d.vendor = "Len\u0007ovo", "vendor"),
                Arguments.of("blank location", (Consumer<Draft>) d -> d.location = " ", "location"),
                Arguments.of("department of 201 characters", (Consumer<Draft>) d -> d.department = "d".repeat(201), "department"),
                Arguments.of("custodian with a space", (Consumer<Draft>) d -> d.custodian = "li lei", "custodian"),
                Arguments.of("maintenance every 0 days", (Consumer<Draft>) d -> d.interval = 0, "maintenanceIntervalDays"),
                Arguments.of("maintenance every 3651 days", (Consumer<Draft>) d -> d.interval = 3651, "maintenanceIntervalDays"),
                Arguments.of("21 attributes", (Consumer<Draft>) d -> {
                    for (int i = 0; i < 21; i++) d.attributes.put("a" + i, "v");
                }, "attributes"),
                Arguments.of("attribute named with a space", (Consumer<Draft>) d -> d.attributes.put("bad key", "v"), "attributes"),
                Arguments.of("attribute value of 257 characters", (Consumer<Draft>) d -> d.attributes.put("cpu", "x".repeat(257)), "attributes.cpu"),
                Arguments.of("negative cost", (Consumer<Draft>) d -> d.purchase = new Purchase(null, new BigDecimal("-1"), "CNY", null, null), "purchase.cost"),
                Arguments.of("cost with 3 decimals", (Consumer<Draft>) d -> d.purchase = new Purchase(null, new BigDecimal("1.005"), "CNY", null, null), "purchase.cost"),
                Arguments.of("cost of 13 digits", (Consumer<Draft>) d -> d.purchase = new Purchase(null, new BigDecimal("1234567890123"), "CNY", null, null), "purchase.cost"),
                Arguments.of("currency in lower case", (Consumer<Draft>) d -> d.purchase = new Purchase(null, BigDecimal.TEN, "cny", null, null), "purchase.currency"),
                Arguments.of("cost without currency", (Consumer<Draft>) d -> d.purchase = new Purchase(null, BigDecimal.TEN, null, null, null), "purchase.currency"),
                Arguments.of("order number of 65 characters", (Consumer<Draft>) d -> d.purchase = new Purchase(null, null, null, null, "o".repeat(65)), "purchase.orderNumber"),
                Arguments.of("warranty ending before the purchase", (Consumer<Draft>) d -> d.warrantyEnd = LocalDate.parse("2025-12-31"), "warrantyEnd"),
                Arguments.of("accepted without a custodian", (Consumer<Draft>) d -> d.status = Status.ACCEPTED, "custodian"),
                Arguments.of("in service without a location", (Consumer<Draft>) d -> {
                    d.status = Status.IN_SERVICE;
                    d.custodian = "li.lei";
                    d.location = null;
                }, "location"),
                Arguments.of("registered as disposed", (Consumer<Draft>) d -> d.status = Status.DISPOSED, "status"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenRules")
    void eachBrokenRuleNamesItsField(String name, Consumer<Draft> change, String field) {
        List<FieldError> errors = errors(change, "");

        assertEquals(1, errors.size(), name + ": " + errors);
        assertEquals(field, errors.getFirst().field(), name);
    }

    @Test
    void importRowsPrefixTheirFields_andEveryErrorIsReportedAtOnce() {
        List<FieldError> errors = errors(d -> {
            d.tag = "bad tag";
            d.model = null;
            d.interval = -1;
        }, "rows[7].");

        assertEquals(List.of("rows[7].assetTag", "rows[7].model", "rows[7].maintenanceIntervalDays"),
                errors.stream().map(FieldError::field).toList());
    }

    @Test
    void acceptedWithBothCustodianAndLocationPasses() {
        assertEquals(List.of(), errors(d -> {
            d.status = Status.ACCEPTED;
            d.custodian = "li.lei";
        }, ""));
    }

    @Test
    void aNewAssetInAStageWithoutCustody_hasNoCustodian_butItsLaterChangesAreNotJudgedByThat() {
        for (Status ending : List.of(Status.IN_STOCK, Status.RETIRED)) {
            Draft d = new Draft();
            d.status = ending;
            d.custodian = "li.lei";
            Validator fresh = Validator.check();
            AssetRules.checkNew(fresh, "", d.build());
            Validator later = Validator.check();
            AssetRules.check(later, "", d.build());

            assertEquals(List.of("custodian"), fresh.errors().stream().map(FieldError::field).toList(), ending.toString());
            assertEquals(List.of(), later.errors(), ending.toString());
        }
        Draft kept = new Draft();
        kept.status = Status.IN_STOCK;
        Validator none = Validator.check();
        AssetRules.checkNew(none, "", kept.build());
        assertEquals(List.of(), none.errors());
        Draft held = new Draft();
        held.custodian = "li.lei";
        Validator received = Validator.check();
        AssetRules.checkNew(received, "", held.build());
        assertEquals(List.of(), received.errors(), "a received asset may start with a holder");
        Draft untagged = new Draft();
        untagged.tag = null;
        Validator all = Validator.check();
        AssetRules.checkNew(all, "", untagged.build());
        assertEquals(List.of("assetTag"), all.errors().stream().map(FieldError::field).toList(), "and every rule of an asset");
    }

    @Test
    void tagsAreTrimmedAndUpperCased() {
        assertEquals("LT-0001", AssetRules.normaliseTag("  lt-0001 "));
        assertNull(AssetRules.normaliseTag(null));
    }

    @Test
    void theNextMaintenanceIsExplicit_elseTheIntervalAfterTheWork_elseUnchanged() {
        LocalDate done = LocalDate.parse("2026-11-01");
        LocalDate current = LocalDate.parse("2027-01-01");

        assertEquals(LocalDate.parse("2027-03-01"), AssetRules.nextMaintenance(done, 90, LocalDate.parse("2027-03-01"), current));
        assertEquals(LocalDate.parse("2027-01-30"), AssetRules.nextMaintenance(done, 90, null, current));
        assertEquals(current, AssetRules.nextMaintenance(done, null, null, current));
        assertNull(AssetRules.nextMaintenance(done, null, null, null));
    }
}
