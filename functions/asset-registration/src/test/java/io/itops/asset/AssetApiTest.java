package io.itops.asset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.itops.testing.Claims;
import io.itops.testing.HttpEvent;
import io.itops.testing.Invoker;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AssetApiTest {
    private final AssetFixture fx = new AssetFixture();

    @Test
    void registrationStoresTheAssetItsUniquenessItemsAndArchive_andAnnouncesIt() {
        Invoker.Response response = fx.register(AssetFixture.laptop("lt-0001"));

        assertEquals(201, response.status(), response.toString());
        JsonNode asset = response.body();
        String id = asset.path("assetId").asText();
        assertEquals("LT-0001", asset.path("assetTag").asText(), "tags are normalised to upper case");
        assertEquals("received", asset.path("status").asText());
        assertEquals(1, asset.path("version").asLong());
        assertEquals("2027-05-27", asset.path("nextMaintenanceDue").asText(), "registration day + 180 days");
        assertEquals("/assets/" + id, response.header("location"));
        assertEquals("\"1\"", response.header("etag"));
        assertEquals(1, fx.system.items("ASSET#" + id).stream().filter(i -> i.get("SK").s().equals("ASSET")).count());
        assertEquals(1, fx.system.items("ASSETTAG#LT-0001").size());
        assertEquals(1, fx.system.items("ASSET#" + id).stream().filter(i -> i.get("SK").s().startsWith("HIST#")).count());
        assertEquals(1, fx.events.ofType("AssetRegistered").size());
    }

    @Test
    void secondRegistrationOfATag_isAConflictNamingTheField_andWritesNothing() {
        fx.registered("LT-0002");
        int before = fx.system.items().size();

        Invoker.Response response = fx.register(AssetFixture.laptop("lt-0002"));

        assertEquals(409, response.status());
        assertEquals("application/problem+json", response.header("content-type"));
        assertEquals("ASSET_TAG_TAKEN", response.body().path("code").asText());
        assertEquals("assetTag", response.body().path("field").asText());
        assertEquals(before, fx.system.items().size());
    }

    @Test
    void getReturnsTheAssetToStaff_andHidesItFromEmployeesWhoDoNotHoldIt() {
        String id = fx.registered("LT-0003");

        Invoker.Response staff = fx.call(HttpEvent.of("GET /assets/{assetId}").path("assetId", id).as(Claims.staff()));
        Invoker.Response stranger = fx.call(HttpEvent.of("GET /assets/{assetId}").path("assetId", id).as(Claims.employee("eve")));

        assertEquals(200, staff.status());
        assertEquals("LT-0003", staff.body().path("assetTag").asText());
        assertEquals(404, stranger.status());
    }

    @Test
    void patchWithTheCurrentVersionApplies_andAStaleVersionIsAConflict() {
        String id = fx.registered("LT-0004");

        Invoker.Response applied = fx.call(HttpEvent.of("PATCH /assets/{assetId}").path("assetId", id).as(Claims.staff())
                .header("If-Match", "\"1\"").body(Map.of("location", "HQ-5F")));
        Invoker.Response stale = fx.call(HttpEvent.of("PATCH /assets/{assetId}").path("assetId", id).as(Claims.staff())
                .header("If-Match", "\"1\"").body(Map.of("location", "HQ-6F")));

        assertEquals(200, applied.status(), applied.toString());
        assertEquals("HQ-5F", applied.body().path("location").asText());
        assertEquals(2, applied.body().path("version").asLong());
        assertEquals(409, stale.status());
        assertEquals("VERSION_CONFLICT", stale.body().path("code").asText());
        Invoker.Response now = fx.call(HttpEvent.of("GET /assets/{assetId}").path("assetId", id).as(Claims.staff()));
        assertEquals("HQ-5F", now.body().path("location").asText());
    }

    @Test
    void lifecycleFollowsTheAllowedMoves_andAnInvalidMoveListsTheAllowedOnes() {
        String id = fx.registered("LT-0005");

        Invoker.Response invalid = transition(id, Map.of("to", "in-service"), Claims.staff());
        assertEquals(409, invalid.status());
        assertEquals("INVALID_TRANSITION", invalid.body().path("code").asText());
        assertEquals("[\"installed\",\"accepted\",\"retired\"]", invalid.body().path("allowed").toString());

        Invoker.Response noCustodian = transition(id, Map.of("to", "accepted"), Claims.staff());
        assertEquals(400, noCustodian.status());
        assertEquals("custodian", noCustodian.body().path("errors").get(0).path("field").asText());

        Invoker.Response accepted = transition(id, Map.of("to", "accepted", "custodian", "li.lei"), Claims.staff());
        assertEquals(200, accepted.status(), accepted.toString());
        assertEquals("li.lei", accepted.body().path("custodian").asText());
        assertEquals(1, fx.events.ofType("AssetStatusChanged").size());
        assertEquals(1, fx.events.ofType("AssetCustodyChanged").size());

        assertEquals(200, transition(id, Map.of("to", "in-service"), Claims.staff()).status());
        Invoker.Response retireByStaff = transition(id, Map.of("to", "retired"), Claims.staff());
        assertEquals(403, retireByStaff.status());
        assertEquals(200, transition(id, Map.of("to", "retired"), Claims.admin()).status());
    }

    @Test
    void theHolderSeesTheirAsset_reportsAFault_andStaffResolveItWithACauseAnalysis() {
        String id = fx.registered("LT-0006");
        transition(id, Map.of("to", "accepted", "custodian", "li.lei"), Claims.staff());

        Invoker.Response mine = fx.call(HttpEvent.of("GET /me/assets").as(Claims.employee("li.lei")));
        assertEquals(1, mine.body().path("items").size());

        Invoker.Response fault = fx.call(HttpEvent.of("POST /assets/{assetId}/faults").path("assetId", id)
                .as(Claims.employee("li.lei")).body(Map.of("summary", "Screen flickers", "severity", "high")));
        assertEquals(201, fault.status(), fault.toString());
        String faultId = fault.body().path("faultId").asText();

        Invoker.Response resolved = fx.call(HttpEvent.of("POST /assets/{assetId}/faults/{faultId}/resolution")
                .path("assetId", id).path("faultId", faultId).as(Claims.staff())
                .body(Map.of("resolution", "Replaced display cable", "rootCause", "hardware",
                        "causeAnalysis", "Cable worn at the hinge after 2 years of daily use")));
        assertEquals(200, resolved.status(), resolved.toString());
        assertEquals("resolved", resolved.body().path("status").asText());

        Invoker.Response again = fx.call(HttpEvent.of("POST /assets/{assetId}/faults/{faultId}/resolution")
                .path("assetId", id).path("faultId", faultId).as(Claims.staff())
                .body(Map.of("resolution", "x", "rootCause", "hardware", "causeAnalysis", "y")));
        assertEquals(409, again.status());
    }

    @Test
    void maintenanceMovesTheNextDueDate_andAuditsSetTheNextAudit_andHistoryKeepsEverythingInOrder() {
        String id = fx.registered("LT-0007");
        Invoker.Response maintenance = fx.call(HttpEvent.of("POST /assets/{assetId}/maintenance").path("assetId", id)
                .as(Claims.staff()).body(Map.of("kind", "preventive", "performedOn", "2026-11-27", "performedBy", "sam.staff")));
        assertEquals(201, maintenance.status(), maintenance.toString());
        assertEquals("2027-05-26", maintenance.body().path("nextDue").asText());

        Invoker.Response audit = fx.call(HttpEvent.of("POST /assets/{assetId}/audits").path("assetId", id)
                .as(Claims.staff()).body(Map.of("found", true, "location", "HQ-4F", "condition", "good")));
        assertEquals(201, audit.status(), audit.toString());
        assertFalse(audit.body().path("locationMatches").asBoolean());
        assertEquals("2027-11-28", audit.body().path("nextAuditDue").asText());

        Invoker.Response history = fx.call(HttpEvent.of("GET /assets/{assetId}/history").path("assetId", id).as(Claims.staff()));
        assertEquals(200, history.status());
        assertEquals("REGISTERED", history.body().path("items").get(0).path("type").asText());
        assertEquals("MAINTENANCE_RECORDED", history.body().path("items").get(1).path("type").asText());
        assertEquals("AUDITED", history.body().path("items").get(2).path("type").asText());
    }

    @Test
    void listsFilterByIndexedFields_andPageWithATamperEvidentCursor() {
        for (int i = 0; i < 5; i++) {
            fx.registered("PG-" + i);
        }
        Invoker.Response first = fx.call(HttpEvent.of("GET /assets").as(Claims.staff())
                .query("department", "Finance").query("limit", "2"));
        assertEquals(200, first.status());
        assertEquals(2, first.body().path("items").size());
        String cursor = first.body().path("nextCursor").asText();
        assertNotNull(cursor);

        Invoker.Response second = fx.call(HttpEvent.of("GET /assets").as(Claims.staff())
                .query("department", "Finance").query("limit", "2").query("cursor", cursor));
        assertEquals("PG-2", second.body().path("items").get(0).path("assetTag").asText());

        Invoker.Response tampered = fx.call(HttpEvent.of("GET /assets").as(Claims.staff())
                .query("department", "Finance").query("cursor", "x" + cursor));
        assertEquals(400, tampered.status());
        assertEquals("query.cursor", tampered.body().path("errors").get(0).path("field").asText());
        Invoker.Response otherQuery = fx.call(HttpEvent.of("GET /assets").as(Claims.staff())
                .query("department", "Sales").query("limit", "2").query("cursor", cursor));
        assertEquals(400, otherQuery.status(), "a cursor only works for the query that issued it");
    }

    @Test
    void dueListShowsMaintenanceComingUp_andTheDailyScheduleAnnouncesIt() {
        String id = fx.registered("DU-1");
        fx.call(HttpEvent.of("PATCH /assets/{assetId}").path("assetId", id).as(Claims.staff())
                .header("If-Match", "\"1\"").body(Map.of("nextMaintenanceDue", "2026-12-01")));

        Invoker.Response due = fx.call(HttpEvent.of("GET /assets/due").as(Claims.staff())
                .query("kind", "maintenance").query("withinDays", "7"));
        assertEquals(200, due.status(), due.toString());
        assertEquals("DU-1", due.body().path("items").get(0).path("assetTag").asText());

        fx.invoker.invokeRaw(HttpEvent.sample("asset-registration/schedule-asset-reminders.json"));
        assertEquals(1, fx.events.ofType("AssetMaintenanceDue").size());
        fx.invoker.invokeRaw(HttpEvent.sample("asset-registration/schedule-asset-reminders.json"));
        assertEquals(1, fx.events.ofType("AssetMaintenanceDue").size(), "the same slot delivered twice runs once");
    }

    @Test
    void importUpsertsByTag_reportsEachRow_andRepeatingItChangesNothing() {
        fx.registered("IM-1");
        String csv = "assetTag,category,model,department,purchaseCost,purchaseCurrency,attr.cpu\n"
                + "IM-1,laptop,ThinkPad X1 Carbon Gen 12,Sales,,,\n"
                + "IM-2,desktop,OptiPlex 7010,Sales,4999.50,CNY,i7\n"
                + "IM-3,toaster,Bread 2000,Sales,,,\n";
        Invoker.Response first = fx.call(HttpEvent.of("POST /assets/import").as(Claims.staff())
                .header("content-type", "text/csv").body(csv));
        assertEquals(200, first.status(), first.toString());
        assertEquals(1, first.body().path("updated").asInt());
        assertEquals(1, first.body().path("created").asInt());
        assertEquals(1, first.body().path("rejected").asInt());
        assertEquals("category", first.body().path("rows").get(2).path("errors").get(0).path("field").asText());

        Invoker.Response again = fx.call(HttpEvent.of("POST /assets/import").as(Claims.staff())
                .header("content-type", "text/csv").body(csv));
        assertEquals(2, again.body().path("unchanged").asInt(), again.toString());
        assertEquals(0, again.body().path("created").asInt());
    }

    @Test
    void idempotencyKeyReplaysTheFirstResponse_andRefusesADifferentBody() {
        HttpEvent first = HttpEvent.of("POST /assets").as(Claims.staff()).header("Idempotency-Key", "key-00000001")
                .body(AssetFixture.laptop("ID-1"));
        Invoker.Response created = fx.call(first);
        Invoker.Response replay = fx.call(HttpEvent.of("POST /assets").as(Claims.staff()).header("Idempotency-Key", "key-00000001")
                .body(AssetFixture.laptop("ID-1")));
        Invoker.Response different = fx.call(HttpEvent.of("POST /assets").as(Claims.staff()).header("Idempotency-Key", "key-00000001")
                .body(AssetFixture.laptop("ID-2")));

        assertEquals(201, created.status());
        assertEquals(201, replay.status());
        assertEquals(created.rawBody(), replay.rawBody());
        assertEquals("true", replay.header("idempotency-replayed"));
        assertEquals(422, different.status());
        assertEquals("IDEMPOTENCY_KEY_REUSED", different.body().path("code").asText());
        assertEquals(1, fx.system.items("ASSETTAG#").size());
        fx.clock.advance(Duration.ofHours(25));
        Invoker.Response afterExpiry = fx.call(HttpEvent.of("POST /assets").as(Claims.staff()).header("Idempotency-Key", "key-00000001")
                .body(AssetFixture.laptop("ID-2")));
        assertEquals(201, afterExpiry.status(), "an expired key is free again");
        assertTrue(afterExpiry.header("idempotency-replayed") == null);
    }

    private Invoker.Response transition(String id, Map<String, Object> body, Map<String, Object> claims) {
        return fx.call(HttpEvent.of("POST /assets/{assetId}/transitions").path("assetId", id).as(claims).body(body));
    }
}
