package io.itops.asset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.itops.shared.events.DomainEvent;
import io.itops.shared.json.Json;
import io.itops.testing.Claims;
import io.itops.testing.HttpEvent;
import io.itops.testing.Invoker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Custody hand-overs, the events every change announces, and the fault and maintenance lists. */
class AssetCustodyTest {
    private final AssetFixture fx = new AssetFixture();

    @Test
    void checkoutHandsTheAssetOver_recordsIt_andAnnouncesTheCustodyChangeWithTheAssetsState() {
        String id = fx.registered("CU-1");

        Invoker.Response out = checkout(id, Map.of("custodian", "li.lei", "expectedReturn", "2026-12-31", "note", "Project X"));

        assertEquals(200, out.status(), out.toString());
        JsonNode asset = out.body();
        assertEquals("li.lei", asset.path("custodian").asText());
        assertEquals("li.lei", asset.path("checkout").path("custodian").asText());
        assertEquals("2026-12-31", asset.path("checkout").path("expectedReturn").asText());
        assertEquals("sam.staff", asset.path("checkout").path("by").asText());
        assertEquals("2026-11-28T09:00:00Z", asset.path("checkout").path("since").asText());
        assertEquals(2, asset.path("version").asLong());
        assertEquals("\"2\"", out.header("etag"));
        JsonNode entry = lastHistory(id);
        assertEquals("CHECKED_OUT", entry.path("type").asText());
        assertEquals("li.lei", entry.path("details").path("to").asText());
        assertEquals("2026-12-31", entry.path("details").path("expectedReturn").asText());

        JsonNode event = detail(fx.events.ofType("AssetCustodyChanged").getLast());
        assertTrue(event.path("from").isMissingNode() || event.path("from").isNull());
        assertEquals("li.lei", event.path("to").asText());
        assertEquals("sam.staff", event.path("by").asText());
        assertEquals(id, event.path("asset").path("assetId").asText());
        assertEquals("li.lei", event.path("asset").path("custodian").asText());
        assertEquals(2, event.path("asset").path("version").asLong());
        assertEquals("received", event.path("asset").path("status").asText());

        Invoker.Response mine = fx.call(HttpEvent.of("GET /me/assets").as(Claims.employee("li.lei")));
        assertEquals(id, mine.body().path("items").get(0).path("assetId").asText());
    }

    @Test
    void checkoutRefusesWhatCannotBeHandedOver() {
        String id = fx.registered("CU-2");
        checkout(id, Map.of("custodian", "li.lei"));
        Map<String, Object> ordered = AssetFixture.laptop("CU-3");
        ordered.put("status", "ordered");
        String onOrder = fx.registered(ordered);

        Invoker.Response again = checkout(id, Map.of("custodian", "li.lei"));
        Invoker.Response notYet = checkout(onOrder, Map.of("custodian", "li.lei"));
        Invoker.Response past = checkout(id, Map.of("custodian", "han.mei", "expectedReturn", "2026-11-27"));
        Invoker.Response badUser = checkout(id, Map.of("custodian", "li lei"));
        Invoker.Response noUser = checkout(id, Map.of("note", "to whom?"));

        assertEquals(409, again.status());
        assertEquals("ALREADY_HELD", again.body().path("code").asText());
        assertEquals(409, notYet.status());
        assertEquals("NOT_AVAILABLE", notYet.body().path("code").asText());
        assertField(past, "expectedReturn");
        assertField(badUser, "custodian");
        assertField(noUser, "custodian");
        assertEquals(2, fx.get(id).body().path("version").asLong(), "refusals change nothing");
        assertEquals(1, fx.events.ofType("AssetCustodyChanged").size());

        retireAsAdmin(onOrder);
        Invoker.Response retired = checkout(onOrder, Map.of("custodian", "li.lei"));
        assertEquals(409, retired.status());
        assertEquals("NOT_AVAILABLE", retired.body().path("code").asText());
    }

    @Test
    void aHandOverToAnotherHolderNamesBoth() {
        String id = fx.registered("CU-4");
        checkout(id, Map.of("custodian", "li.lei"));

        Invoker.Response silent = checkout(id, Map.of("custodian", "han.mei"));
        assertEquals(409, silent.status(), "no silent reassignment");
        assertEquals("HELD_BY_ANOTHER", silent.body().path("code").asText());
        assertEquals("li.lei", silent.body().path("custodian").asText());
        assertEquals("li.lei", fx.get(id).body().path("custodian").asText(), "the refusal changed nothing");

        Invoker.Response handover = checkout(id, Map.of("custodian", "han.mei", "transfer", true));

        assertEquals(200, handover.status(), handover.toString());
        JsonNode entry = lastHistory(id);
        assertEquals("TRANSFERRED", entry.path("type").asText());
        assertEquals("li.lei", entry.path("details").path("from").asText());
        assertEquals("han.mei", entry.path("details").path("to").asText());
        JsonNode event = detail(fx.events.ofType("AssetCustodyChanged").getLast());
        assertEquals("li.lei", event.path("from").asText());
        assertEquals("han.mei", event.path("to").asText());
        assertEquals(0, fx.call(HttpEvent.of("GET /me/assets").as(Claims.employee("li.lei"))).body().path("items").size());
        assertEquals(404, fx.call(HttpEvent.of("GET /assets/{assetId}").path("assetId", id).as(Claims.employee("li.lei"))).status(),
                "the former holder no longer sees it");
    }

    @Test
    void checkinTakesTheAssetBack_andOnlyWhenItCanGoWithoutACustodian() {
        String id = fx.registered("CU-5");
        Invoker.Response notOut = checkin(id, Map.of("location", "IT store"));
        assertEquals(409, notOut.status());
        assertEquals("NOT_CHECKED_OUT", notOut.body().path("code").asText());

        checkout(id, Map.of("custodian", "li.lei", "expectedReturn", "2026-12-31"));
        fx.clock.advance(Duration.ofDays(3));
        Invoker.Response back = checkin(id, Map.of("location", "IT store", "condition", "scratched lid", "note", "returned early"));

        assertEquals(200, back.status(), back.toString());
        assertTrue(back.body().path("custodian").isMissingNode());
        assertTrue(back.body().path("checkout").isMissingNode());
        assertEquals("IT store", back.body().path("location").asText());
        assertEquals(3, back.body().path("version").asLong());
        JsonNode entry = lastHistory(id);
        assertEquals("CHECKED_IN", entry.path("type").asText());
        assertEquals("li.lei", entry.path("details").path("from").asText());
        assertEquals("scratched lid", entry.path("details").path("condition").asText());
        JsonNode event = detail(fx.events.ofType("AssetCustodyChanged").getLast());
        assertEquals("li.lei", event.path("from").asText());
        assertTrue(event.path("to").isNull() || event.path("to").isMissingNode());
        assertEquals("IT store", event.path("asset").path("location").asText());
        assertEquals(0, fx.call(HttpEvent.of("GET /assets").as(Claims.staff()).query("custodian", "li.lei")).body().path("items").size(),
                "the custodian index forgets the former holder");
        assertEquals("received", back.body().path("status").asText(), "not yet deployed: it stays where it was in the lifecycle");
    }

    @Test
    void everyChangeAnnouncesTheAssetsStateAndPatchesListWhatChanged() {
        String id = fx.registered("EV-1");
        JsonNode registered = detail(fx.events.ofType("AssetRegistered").getFirst());
        assertEquals(id, registered.path("asset").path("assetId").asText());
        assertEquals("EV-1", registered.path("asset").path("assetTag").asText());
        assertEquals("laptop", registered.path("asset").path("category").asText());
        assertEquals("received", registered.path("asset").path("status").asText());
        assertEquals("ThinkPad X1 Carbon Gen 12", registered.path("asset").path("model").asText());
        assertEquals("Finance", registered.path("asset").path("department").asText());
        assertEquals("HQ-3F", registered.path("asset").path("location").asText());
        assertTrue(registered.path("asset").path("holdsBusinessData").asBoolean());
        assertEquals(1, registered.path("asset").path("version").asLong());
        assertEquals("received", registered.path("status").asText(), "top-level fields stay for existing consumers");

        fx.call(HttpEvent.of("PATCH /assets/{assetId}").path("assetId", id).as(Claims.staff()).header("If-Match", "\"1\"")
                .body(Map.of("department", "Sales", "vendor", "Lenovo", "holdsBusinessData", false)));
        JsonNode updated = detail(fx.events.ofType("AssetUpdated").getFirst());
        assertEquals("[\"department\",\"holdsBusinessData\"]", updated.path("changed").toString(), "vendor did not change");
        assertEquals("sam.staff", updated.path("by").asText());
        assertEquals("Sales", updated.path("asset").path("department").asText());
        assertFalse(updated.path("asset").path("holdsBusinessData").asBoolean());
        assertEquals(2, updated.path("asset").path("version").asLong());

        fx.call(HttpEvent.of("POST /assets/{assetId}/transitions").path("assetId", id).as(Claims.staff())
                .body(Map.of("to", "accepted", "custodian", "li.lei", "location", "HQ-7F")));
        JsonNode status = detail(fx.events.ofType("AssetStatusChanged").getFirst());
        assertEquals("received", status.path("from").asText());
        assertEquals("accepted", status.path("to").asText());
        assertEquals("accepted", status.path("asset").path("status").asText());
        assertEquals("HQ-7F", status.path("asset").path("location").asText());
        assertEquals(3, status.path("asset").path("version").asLong());
        JsonNode custody = detail(fx.events.ofType("AssetCustodyChanged").getFirst());
        assertEquals("li.lei", custody.path("asset").path("custodian").asText());

        fx.call(HttpEvent.of("POST /assets/{assetId}/faults").path("assetId", id).as(Claims.employee("li.lei"))
                .body(Map.of("summary", "Hinge cracked", "severity", "low")));
        JsonNode fault = detail(fx.events.ofType("AssetFaultReported").getFirst());
        assertEquals("Hinge cracked", fault.path("summary").asText());
        assertEquals("li.lei", fault.path("reportedBy").asText());
        assertEquals(id, fault.path("asset").path("assetId").asText());
    }

    @Test
    void faultsAreListedNewestFirst_withTheirResolution() {
        String id = fx.heldBy("FL-1", "li.lei");
        String first = reportFault(id, "Fan loud");
        fx.clock.advance(Duration.ofHours(1));
        String second = reportFault(id, "Battery drains");
        fx.call(HttpEvent.of("POST /assets/{assetId}/faults/{faultId}/resolution").path("assetId", id).path("faultId", first)
                .as(Claims.staff()).body(Map.of("resolution", "Fan replaced", "rootCause", "hardware",
                        "causeAnalysis", "Bearing worn", "preventiveAction", "Clean vents yearly")));

        Invoker.Response list = fx.call(HttpEvent.of("GET /assets/{assetId}/faults").path("assetId", id).as(Claims.employee("li.lei")));
        Invoker.Response page = fx.call(HttpEvent.of("GET /assets/{assetId}/faults").path("assetId", id).as(Claims.staff()).query("limit", "1"));

        assertEquals(200, list.status());
        JsonNode items = list.body().path("items");
        assertEquals(2, items.size());
        assertEquals(second, items.get(0).path("faultId").asText());
        assertEquals("open", items.get(0).path("status").asText());
        assertEquals(first, items.get(1).path("faultId").asText());
        assertEquals("resolved", items.get(1).path("status").asText());
        assertEquals("hardware", items.get(1).path("resolution").path("rootCause").asText());
        assertEquals("Bearing worn", items.get(1).path("resolution").path("causeAnalysis").asText());
        assertEquals(1, page.body().path("items").size());
        assertTrue(page.body().path("nextCursor").isTextual());
        Invoker.Response rest = fx.call(HttpEvent.of("GET /assets/{assetId}/faults").path("assetId", id).as(Claims.staff())
                .query("limit", "1").query("cursor", page.body().path("nextCursor").asText()));
        assertEquals(first, rest.body().path("items").get(0).path("faultId").asText());
    }

    @Test
    void maintenanceIsListedNewestFirst_andMovesTheNextDueDate() {
        String id = fx.registered("ML-1");
        maintain(id, Map.of("kind", "inspection", "performedOn", "2026-06-01", "performedBy", "vendor"));
        maintain(id, Map.of("kind", "upgrade", "performedOn", "2026-11-20", "performedBy", "sam.staff",
                "cost", 800, "currency", "CNY", "checklist", List.of("RAM 32GB", "BIOS updated")));
        maintain(id, Map.of("kind", "repair", "performedOn", "2026-09-15", "performedBy", "vendor", "nextDue", "2027-01-31"));

        Invoker.Response list = fx.call(HttpEvent.of("GET /assets/{assetId}/maintenance").path("assetId", id).as(Claims.staff()));

        JsonNode items = list.body().path("items");
        assertEquals(3, items.size());
        assertEquals("2026-11-20", items.get(0).path("performedOn").asText());
        assertEquals("[\"RAM 32GB\",\"BIOS updated\"]", items.get(0).path("checklist").toString());
        assertEquals("2026-09-15", items.get(1).path("performedOn").asText());
        assertEquals("2026-06-01", items.get(2).path("performedOn").asText());
        JsonNode asset = fx.get(id).body();
        assertEquals("2026-11-20", asset.path("lastMaintenance").asText(), "an older record does not move the last date back");
        assertEquals("2027-01-31", asset.path("nextMaintenanceDue").asText(), "an explicit next date wins");
        assertEquals("2027-01-31", fx.partition(id, "DUE#MAINTENANCE").getFirst().get("dueDate").s(), "the due item follows");
        Invoker.Response future = maintain(id, Map.of("kind", "repair", "performedOn", "2026-12-01", "performedBy", "x"));
        assertField(future, "performedOn");
    }

    private Invoker.Response checkout(String id, Map<String, Object> body) {
        return fx.call(HttpEvent.of("POST /assets/{assetId}/checkout").path("assetId", id).as(Claims.staff()).body(body));
    }

    private Invoker.Response checkin(String id, Map<String, Object> body) {
        return fx.call(HttpEvent.of("POST /assets/{assetId}/checkin").path("assetId", id).as(Claims.staff()).body(body));
    }

    private Invoker.Response maintain(String id, Map<String, Object> body) {
        return fx.call(HttpEvent.of("POST /assets/{assetId}/maintenance").path("assetId", id).as(Claims.staff()).body(body));
    }

    private String reportFault(String id, String summary) {
        Invoker.Response r = fx.call(HttpEvent.of("POST /assets/{assetId}/faults").path("assetId", id)
                .as(Claims.employee("li.lei")).body(Map.of("summary", summary)));
        assertEquals(201, r.status(), r.toString());
        return r.body().path("faultId").asText();
    }

    private void retireAsAdmin(String id) {
        Invoker.Response r = fx.call(HttpEvent.of("POST /assets/{assetId}/transitions").path("assetId", id).as(Claims.admin())
                .body(Map.of("to", "retired")));
        assertEquals(200, r.status(), r.toString());
    }

    private JsonNode lastHistory(String id) {
        JsonNode items = fx.call(HttpEvent.of("GET /assets/{assetId}/history").path("assetId", id).as(Claims.staff())).body().path("items");
        return items.get(items.size() - 1);
    }

    private static JsonNode detail(DomainEvent event) {
        return Json.mapper().valueToTree(event.detail());
    }

    private static void assertField(Invoker.Response response, String field) {
        assertEquals(400, response.status(), response.toString());
        boolean named = false;
        for (JsonNode error : response.body().path("errors")) {
            named |= field.equals(error.path("field").asText());
        }
        assertTrue(named, "names " + field + ": " + response);
    }
}
