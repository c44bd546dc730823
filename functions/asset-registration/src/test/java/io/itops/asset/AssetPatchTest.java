package io.itops.asset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.itops.shared.error.ApiException;
import io.itops.shared.error.FieldError;
import io.itops.shared.http.ApiRequest;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** PATCH bodies are JSON merge patches: named fields change, null clears, the rest stays; some fields have their own routes. */
class AssetPatchTest {
    private static final Instant LATER = Instant.parse("2026-12-01T10:00:00Z");

    private static ApiRequest request(String body, String contentType) {
        return new ApiRequest("PATCH /assets/{assetId}", "PATCH", "/assets/x", Map.of(), Map.of(),
                contentType == null ? Map.of() : Map.of("content-type", contentType),
                body.getBytes(StandardCharsets.UTF_8), "req-1", Map.of(), 4096);
    }

    private static AssetPatch parse(String body) {
        return AssetPatch.parse(request(body, "application/json"));
    }

    private static List<String> refusedFields(String body) {
        return assertThrows(ApiException.Invalid.class, () -> parse(body)).errors().stream().map(FieldError::field).toList();
    }

    static Asset stored() {
        Instant at = Instant.parse("2026-11-28T09:00:00Z");
        return Asset.builder().assetId("01JDQ00000000000000000000A").assetTag("LT-1").serialNumber("SN-1").category(Category.LAPTOP)
                .status(Status.IN_SERVICE).model("X1").vendor("Lenovo").location("HQ-3F").department("Finance").custodian("li.lei")
                .purchase(new Purchase(LocalDate.parse("2026-01-15"), BigDecimal.TEN, "CNY", null, null))
                .warrantyEnd(LocalDate.parse("2029-01-14")).holdsBusinessData(true).maintenanceIntervalDays(180)
                .lastMaintenance(LocalDate.parse("2026-06-01")).nextMaintenanceDue(LocalDate.parse("2026-12-01"))
                .nextAuditDue(LocalDate.parse("2027-11-28")).attributes(Map.of("cpu", "i7")).version(4)
                .createdAt(at).createdBy("sam").updatedAt(at).updatedBy("sam").build();
    }

    @Test
    void namedFieldsChange_nullClears_andEverythingElseStays() {
        AssetPatch patch = parse("{\"location\":\"HQ-9F\",\"vendor\":null,\"serialNumber\":\" sn-9 \",\"attributes\":{\"ram\":\"32GB\"}}");

        Asset after = patch.applyTo(stored(), LATER, "ada.admin");

        assertEquals(Set.of("location", "vendor", "serialNumber", "attributes"), patch.fields());
        assertEquals("HQ-9F", after.location());
        assertNull(after.vendor());
        assertEquals("SN-9", after.serialNumber(), "serial numbers are normalised like tags");
        assertEquals(Map.of("ram", "32GB"), after.attributes(), "attributes are replaced whole");
        Asset before = stored();
        assertEquals(before.model(), after.model());
        assertEquals(before.purchase(), after.purchase());
        assertEquals(before.custodian(), after.custodian());
        assertEquals(before.status(), after.status());
        assertEquals(before.nextMaintenanceDue(), after.nextMaintenanceDue());
        assertEquals(before.createdAt(), after.createdAt());
        assertEquals(5, after.version());
        assertEquals(LATER, after.updatedAt());
        assertEquals("ada.admin", after.updatedBy());
    }

    @Test
    void everyEditableFieldCanBePatched() {
        AssetPatch patch = parse("{\"serialNumber\":\"S2\",\"category\":\"desktop\",\"model\":\"M\",\"vendor\":\"V\",\"location\":\"L\","
                + "\"department\":\"D\",\"purchase\":null,\"warrantyEnd\":\"2030-01-01\",\"holdsBusinessData\":false,"
                + "\"maintenanceIntervalDays\":null,\"nextMaintenanceDue\":\"2027-02-02\",\"endOfLife\":\"2030-06-30\",\"attributes\":null}");

        Asset after = patch.applyTo(stored(), LATER, "sam");

        assertEquals(AssetPatch.EDITABLE, patch.fields());
        assertEquals(Category.DESKTOP, after.category());
        assertNull(after.purchase());
        assertEquals(LocalDate.parse("2030-01-01"), after.warrantyEnd());
        assertEquals(false, after.holdsBusinessData());
        assertNull(after.maintenanceIntervalDays());
        assertEquals(LocalDate.parse("2027-02-02"), after.nextMaintenanceDue());
        assertEquals(LocalDate.parse("2030-06-30"), after.endOfLife());
        assertEquals(Map.of(), after.attributes());
    }

    @Test
    void aPatchOfDepartmentIsReadBack_andEveryOtherPatchKeepsIt() {
        Asset moved = parse("{\"department\":\"Legal\"}").applyTo(stored(), LATER, "sam");
        assertEquals("Legal", moved.department());
        assertEquals(stored().location(), moved.location());
        Asset cleared = parse("{\"department\":null}").applyTo(stored(), LATER, "sam");
        assertNull(cleared.department());

        Asset before = stored();
        for (String field : AssetPatch.EDITABLE) {
            if (field.equals("department")) continue;
            String value = switch (field) {
                case "category" -> "\"desktop\"";
                case "holdsBusinessData" -> "false";
                case "maintenanceIntervalDays" -> "30";
                case "warrantyEnd", "nextMaintenanceDue", "endOfLife" -> "\"2030-01-01\"";
                case "purchase", "attributes" -> "{}";
                default -> "\"NEW-1\"";
            };
            Asset after = parse("{\"" + field + "\":" + value + "}").applyTo(before, LATER, "sam");
            assertEquals("Finance", after.department(), field);
            List<Object> others = new java.util.ArrayList<>(List.of(before.serialNumber(), before.category(), before.model(),
                    before.vendor(), before.location(), before.purchase(), before.warrantyEnd(), before.holdsBusinessData(),
                    before.maintenanceIntervalDays(), before.nextMaintenanceDue(), before.attributes()));
            List<Object> now = new java.util.ArrayList<>(java.util.Arrays.asList(after.serialNumber(), after.category(), after.model(),
                    after.vendor(), after.location(), after.purchase(), after.warrantyEnd(), after.holdsBusinessData(),
                    after.maintenanceIntervalDays(), after.nextMaintenanceDue(), after.attributes()));
            List<String> names = List.of("serialNumber", "category", "model", "vendor", "location", "purchase", "warrantyEnd",
                    "holdsBusinessData", "maintenanceIntervalDays", "nextMaintenanceDue", "attributes");
            for (int i = 0; i < names.size(); i++) {
                if (names.get(i).equals(field)) {
                    assertNotEquals(others.get(i), now.get(i), field + " changes");
                } else {
                    assertEquals(others.get(i), now.get(i), names.get(i) + " stays when " + field + " is patched");
                }
            }
        }
    }

    @Test
    void everyEditableFieldPatchedAtOnceIsReadBack() {
        Asset after = parse("{\"serialNumber\":\"S2\",\"model\":\"M\",\"vendor\":\"V\",\"location\":\"L\",\"department\":\"D\","
                + "\"maintenanceIntervalDays\":90}").applyTo(stored(), LATER, "sam");
        assertEquals(List.of("S2", "M", "V", "L", "D"), List.of(after.serialNumber(), after.model(), after.vendor(), after.location(),
                after.department()));
        assertEquals(90, after.maintenanceIntervalDays());
        assertEquals(Category.LAPTOP, after.category());
    }

    @Test
    void fieldsWithTheirOwnRoutesAreRefusedSayingWhere() {
        ApiException.Invalid e = assertThrows(ApiException.Invalid.class,
                () -> parse("{\"assetTag\":\"X\",\"status\":\"retired\",\"custodian\":\"eve\",\"colour\":\"red\"}"));

        assertEquals(List.of("assetTag", "status", "custodian", "colour"), e.errors().stream().map(FieldError::field).toList());
        assertEquals("changes through POST /assets/{assetId}/transitions", e.errors().get(1).message());
        assertEquals("unknown field", e.errors().get(3).message());
    }

    @Test
    void requiredFieldsCannotBeCleared() {
        assertEquals(List.of("holdsBusinessData", "category"), refusedFields("{\"holdsBusinessData\":null,\"category\":null}"));
    }

    @Test
    void anEmptyOrNonObjectBodyIsRefused() {
        assertEquals(List.of("body"), refusedFields("{}"));
        assertEquals(List.of("body"), refusedFields("[]"));
        assertEquals(List.of("body"), refusedFields("null"));
        assertEquals(List.of("body"), refusedFields("{\"location\":"));
    }

    @Test
    void valuesOfTheWrongTypeNameTheirField() {
        assertEquals(List.of("maintenanceIntervalDays"), refusedFields("{\"maintenanceIntervalDays\":\"ten\"}"));
        assertEquals(List.of("warrantyEnd"), refusedFields("{\"warrantyEnd\":\"soon\"}"));
        assertEquals(List.of("category"), refusedFields("{\"category\":\"toaster\"}"));
        assertEquals(List.of("location"), refusedFields("{\"location\":42}"));
        assertEquals(List.of("purchase.cost"), refusedFields("{\"purchase\":{\"cost\":\"cheap\"}}"));
        assertEquals(List.of("location"), refusedFields("{\"location\":\"a\",\"location\":\"b\"}"));
        assertEquals(List.of("warrantyEnd"), refusedFields("{\"warrantyEnd\":20300101}"), "dates are ISO text, not numbers");
        assertEquals(List.of("nextMaintenanceDue"), refusedFields("{\"nextMaintenanceDue\":[2027,1,1]}"), "nor arrays");
    }

    @Test
    void mergePatchAndJsonMediaTypesAreAccepted_othersAreNot() {
        assertEquals(Set.of("model"), AssetPatch.parse(request("{\"model\":\"M\"}", "application/merge-patch+json")).fields());
        assertEquals(Set.of("model"), AssetPatch.parse(request("{\"model\":\"M\"}", "application/json; charset=utf-8")).fields());
        assertThrows(ApiException.UnsupportedMediaType.class, () -> AssetPatch.parse(request("{\"model\":\"M\"}", "text/plain")));
        assertThrows(ApiException.UnsupportedMediaType.class, () -> AssetPatch.parse(request("{\"model\":\"M\"}", null)));
        assertThrows(ApiException.TooLarge.class, () -> AssetPatch.parse(request("{\"model\":\"" + "m".repeat(5000) + "\"}", "application/json")));
    }
}
