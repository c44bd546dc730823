package io.itops.asset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.itops.testing.BadInput;
import io.itops.testing.Claims;
import io.itops.testing.HttpEvent;
import io.itops.testing.Invoker;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Every route with a body refuses bad bodies (malformed JSON, wrong types, missing and unknown
 * fields, oversize, deep nesting, invalid UTF-8, wrong content type) with a 4xx problem naming the
 * field, and writes nothing.
 */
class AssetBadInputProperties {
    private static final int MAX_BODY = 1_048_576;
    private static AssetFixture fx;
    private static String assetId;
    private static String faultId;
    private static int itemsBefore;

    @BeforeContainer
    static void setUp() {
        fx = AssetFixture.instrumented();
        assetId = fx.registered("BAD-0001");
        Invoker.Response checkout = fx.call(HttpEvent.of("POST /assets/{assetId}/checkout").path("assetId", assetId)
                .as(Claims.staff()).body(Map.of("custodian", "li.lei")));
        assertEquals(200, checkout.status(), checkout.toString());
        Invoker.Response fault = fx.call(HttpEvent.of("POST /assets/{assetId}/faults").path("assetId", assetId)
                .as(Claims.staff()).body(Map.of("summary", "Fan noise")));
        faultId = fault.body().path("faultId").asText();
        itemsBefore = fx.system.items().size();
        fx.calls.reset();
    }

    private static final List<String> WRITES = List.of("PutItem", "UpdateItem", "DeleteItem", "TransactWriteItems", "BatchWriteItem");

    /** The response refuses the case; the function issued no write (counted on its client), and the table is unchanged. */
    private static void assertRefused(BadInput.Case bad, HttpEvent event) {
        Invoker.Response response = fx.invoker.call(bad.applyTo(event));
        BadInput.assertRefused(bad, response);
        for (String write : WRITES) {
            assertEquals(0, fx.calls.count(write), bad + ": no " + write);
        }
    }

    @AfterProperty
    void theTableIsAsBefore() {
        assertEquals(itemsBefore, fx.system.items().size(), "nothing written");
    }

    private static HttpEvent onAsset(String routeKey) {
        return HttpEvent.of(routeKey).path("assetId", assetId).as(Claims.staff());
    }

    @Property(tries = 1000)
    void registrationRefusesBadBodies(@ForAll("registrations") BadInput.Case bad) {
        assertRefused(bad, HttpEvent.of("POST /assets").as(Claims.staff()));
    }

    @Property(tries = 1000)
    void patchesRefuseBadBodies(@ForAll("patches") BadInput.Case bad) {
        assertRefused(bad, onAsset("PATCH /assets/{assetId}").header("If-Match", "\"2\""));
    }

    @Property(tries = 1000)
    void transitionsRefuseBadBodies(@ForAll("transitions") BadInput.Case bad) {
        assertRefused(bad, onAsset("POST /assets/{assetId}/transitions"));
    }

    @Property(tries = 1000)
    void checkoutsRefuseBadBodies(@ForAll("checkouts") BadInput.Case bad) {
        assertRefused(bad, onAsset("POST /assets/{assetId}/checkout"));
    }

    @Property(tries = 1000)
    void checkinsRefuseBadBodies(@ForAll("checkins") BadInput.Case bad) {
        assertRefused(bad, onAsset("POST /assets/{assetId}/checkin"));
    }

    @Property(tries = 1000)
    void maintenanceRecordsRefuseBadBodies(@ForAll("maintenance") BadInput.Case bad) {
        assertRefused(bad, onAsset("POST /assets/{assetId}/maintenance"));
    }

    @Property(tries = 1000)
    void faultReportsRefuseBadBodies(@ForAll("faults") BadInput.Case bad) {
        assertRefused(bad, HttpEvent.of("POST /assets/{assetId}/faults").path("assetId", assetId).as(Claims.employee("li.lei")));
    }

    @Property(tries = 1000)
    void faultResolutionsRefuseBadBodies(@ForAll("resolutions") BadInput.Case bad) {
        assertRefused(bad, onAsset("POST /assets/{assetId}/faults/{faultId}/resolution").path("faultId", faultId));
    }

    @Property(tries = 1000)
    void auditsRefuseBadBodies(@ForAll("audits") BadInput.Case bad) {
        assertRefused(bad, onAsset("POST /assets/{assetId}/audits"));
    }

    @Property(tries = 1000)
    void jsonImportsRefuseBadBodies(@ForAll("imports") BadInput.Case bad) {
        HttpEvent event = HttpEvent.of("POST /assets/import").as(Claims.staff());
        if (bad.field() != null && bad.field().startsWith(ROW)) {
            assertRowRejected(bad, event);
        } else {
            assertRefused(bad, event);
        }
    }

    private static final String ROW = "rows[0]";

    /**
     * A fault inside a row rejects that row alone (issue 13: the good rows of an import are taken): 200 with
     * the row rejected, naming the field within the row, and nothing written. Faults of the whole body
     * (not UTF-8, too deep) are still refused whole.
     */
    private static void assertRowRejected(BadInput.Case bad, HttpEvent event) {
        Invoker.Response response = fx.invoker.call(bad.applyTo(event));
        if (response.status() != 200) {
            BadInput.assertRefused(bad, response);
        } else {
            assertEquals(1, response.body().path("rejected").asInt(), bad + ": the row is rejected: " + response);
            String field = bad.field().equals(ROW) ? "row" : bad.field().substring(ROW.length() + 1);
            boolean named = false;
            for (com.fasterxml.jackson.databind.JsonNode error : response.body().path("rows").path(0).path("errors")) {
                String named1 = error.path("field").asText();
                named |= named1.equals(field) || named1.startsWith(field + ".") || named1.startsWith(field + "[")
                        || field.startsWith(named1 + ".") || named1.equals("row");
            }
            assertTrue(named, bad + ": the row's errors name " + field + ": " + response);
        }
        for (String write : WRITES) {
            assertEquals(0, fx.calls.count(write), bad + ": no " + write);
        }
    }

    @Provide
    Arbitrary<BadInput.Case> registrations() {
        return BadInput.bodies(AssetFixture.laptop("BAD-0002"), Set.of("assetTag", "category", "model"), MAX_BODY);
    }

    @Provide
    Arbitrary<BadInput.Case> patches() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("location", "HQ-5F");
        body.put("vendor", "Dell");
        body.put("maintenanceIntervalDays", 90);
        body.put("warrantyEnd", "2030-01-01");
        body.put("holdsBusinessData", false);
        body.put("attributes", Map.of("cpu", "i9"));
        return BadInput.bodies("PATCH /assets/{assetId}", body, Set.of(), MAX_BODY);
    }

    @Provide
    Arbitrary<BadInput.Case> transitions() {
        return BadInput.bodies(Map.of("to", "installed", "note", "rack 4"), Set.of("to"), MAX_BODY);
    }

    @Provide
    Arbitrary<BadInput.Case> checkouts() {
        return BadInput.bodies(Map.of("custodian", "han.mei", "expectedReturn", "2026-12-31", "note", "project"),
                Set.of("custodian"), MAX_BODY);
    }

    @Provide
    Arbitrary<BadInput.Case> checkins() {
        return BadInput.bodies(Map.of("location", "IT store", "condition", "scratched", "note", "returned"), Set.of(), MAX_BODY);
    }

    @Provide
    Arbitrary<BadInput.Case> maintenance() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("kind", "repair");
        body.put("performedOn", "2026-11-20");
        body.put("performedBy", "vendor");
        body.put("cost", 120.5);
        body.put("currency", "CNY");
        body.put("notes", "fan replaced");
        body.put("checklist", List.of("fan", "vents"));
        body.put("nextDue", "2027-05-20");
        return BadInput.bodies(body, Set.of("kind", "performedOn", "performedBy"), MAX_BODY);
    }

    @Provide
    Arbitrary<BadInput.Case> faults() {
        return BadInput.bodies(Map.of("summary", "Screen flickers", "description", "since Monday", "severity", "high",
                "occurredAt", "2026-11-27T10:00:00Z"), Set.of("summary"), MAX_BODY);
    }

    @Provide
    Arbitrary<BadInput.Case> resolutions() {
        return BadInput.bodies(Map.of("resolution", "Replaced the fan", "rootCause", "hardware", "causeAnalysis", "Bearing worn",
                "correctiveAction", "New fan", "preventiveAction", "Clean vents"), Set.of("resolution", "rootCause", "causeAnalysis"), MAX_BODY);
    }

    @Provide
    Arbitrary<BadInput.Case> audits() {
        return BadInput.bodies(Map.of("found", true, "location", "HQ-3F", "condition", "good", "notes", "ok",
                "auditedOn", "2026-11-27"), Set.of("found"), MAX_BODY);
    }

    @Provide
    Arbitrary<BadInput.Case> imports() {
        return BadInput.bodies(Map.of("rows", List.of(AssetFixture.laptop("BAD-IMPORT-1"))), Set.of("rows"), MAX_BODY);
    }

    @Property(tries = 300)
    void unknownQueryParametersAreRefusedOnEveryRoute(@ForAll("unknownQueries") BadInput.QueryCase query) {
        assertRefused(query.expected(), query.event(Claims.admin()));
    }

    @Provide
    Arbitrary<BadInput.QueryCase> unknownQueries() {
        return BadInput.unknownQueryParameters(BadInput.routeKeys(AssetFixture.FUNCTION));
    }
}
