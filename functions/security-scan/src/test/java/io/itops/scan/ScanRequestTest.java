package io.itops.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.itops.shared.events.DomainEvent;
import io.itops.testing.Claims;
import io.itops.testing.HttpEvent;
import io.itops.testing.Invoker;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** On-demand scans (POST /scans) and the scan reads. */
class ScanRequestTest {
    private final ScanFixture fx = new ScanFixture();

    @Test
    void scansByAssetId_createOneScanPerAsset_publishScanRequested_andSkipWhatTheProfileDoesNotFit() {
        String laptop = fx.inService("LT-1", "laptop", "Finance", "li.lei");
        String printer = fx.inService("PR-1", "printer", "Finance", null);
        fx.events.clear();

        Invoker.Response response = fx.requestScans(Map.of("targets", Map.of("assetIds", List.of(laptop, printer)),
                "profile", "antivirus", "reason", "Ransomware advisory"));

        assertEquals(202, response.status(), response.toString());
        JsonNode scan = response.body().path("scans").get(0);
        assertEquals(1, response.body().path("scans").size());
        assertEquals(laptop, scan.path("assetId").asText());
        assertEquals("LT-1", scan.path("assetTag").asText());
        assertEquals("requested", scan.path("status").asText());
        assertEquals("on-demand", scan.path("trigger").asText());
        assertEquals("sam.staff", scan.path("requestedBy").asText());
        assertEquals("2026-11-28T15:00:00Z", scan.path("respondBy").asText(), "requested + SCAN_TIMEOUT_MINUTES (360)");
        assertEquals("profile-not-applicable", response.body().path("skipped").get(0).path("reason").asText());
        assertEquals(printer, response.body().path("skipped").get(0).path("assetId").asText());
        assertEquals(1, fx.scanItems().size());
        List<DomainEvent> requested = fx.events.ofType("ScanRequested");
        assertEquals(1, requested.size());
        @SuppressWarnings("unchecked")
        Map<String, Object> detail = (Map<String, Object>) requested.getFirst().detail();
        assertEquals(scan.path("scanId").asText(), detail.get("scanId"));
        assertEquals("antivirus", detail.get("profile"));
        assertEquals("/scans/" + scan.path("scanId").asText() + "/results", detail.get("resultPath"));
    }

    @Test
    void aSelectorMatchesTheProjection_leavingRetiredAssetsOutUnlessAsked() {
        fx.inService("SRV-1", "server", "Ops", null);
        fx.inService("SRV-2", "server", "Finance", null);
        String retired = fx.inService("SRV-3", "server", "Ops", null);
        fx.deliver("AssetStatusChanged", ScanFixture.asset(retired, "SRV-3", "server", "retired", "Ops", null, 4));
        assertEquals(0, fx.scanItems().size(), "moving out of service brings no scan");

        Invoker.Response all = fx.requestScans(Map.of("targets", Map.of("selector", Map.of("category", "server")),
                "profile", "baseline", "reason", "Hardening review"));
        assertEquals(202, all.status(), all.toString());
        assertEquals(List.of("SRV-1", "SRV-2"), tags(all.body().path("scans")));
        assertEquals(0, all.body().path("skipped").size());

        Invoker.Response ops = fx.requestScans(Map.of("targets", Map.of("selector", Map.of("department", "Ops", "category", "server")),
                "profile", "baseline", "reason", "Hardening review"));
        assertEquals(List.of("SRV-1"), tags(ops.body().path("scans")));

        Invoker.Response retiredOnly = fx.requestScans(Map.of("targets", Map.of("selector", Map.of("status", "retired")),
                "profile", "baseline", "reason", "Hardening review"));
        assertEquals(422, retiredOnly.status());
        assertEquals("NO_SCANNABLE_TARGETS", retiredOnly.body().path("code").asText());
        assertEquals("not-active", retiredOnly.body().path("skipped").get(0).path("reason").asText());
        assertEquals(3, fx.scanItems().size(), "the refused request wrote nothing");
    }

    @Test
    void unknownAssetIds_areRefusedNamingEachOne_andNothingIsWritten() {
        String known = fx.inService("LT-2", "laptop", "Finance", null);
        int before = fx.domainItems().size();

        Invoker.Response response = fx.requestScans(Map.of("targets", Map.of("assetIds",
                List.of(known, "01KB8Q3Z4M5N6P7R8S9T0VWXYZ")), "profile", "vulnerability", "reason", "x"));

        assertEquals(422, response.status(), response.toString());
        assertEquals("UNKNOWN_ASSETS", response.body().path("code").asText());
        assertEquals("targets.assetIds[1]", response.body().path("errors").get(0).path("field").asText());
        assertEquals(before, fx.domainItems().size());
        assertTrue(fx.events.ofType("ScanRequested").isEmpty());
    }

    @Test
    void aSelectorMatchingMoreThan100Assets_isRefusedBeforeAnythingIsWritten() {
        for (int i = 0; i < 101; i++) {
            fx.projected(String.format("DT-%03d", i), "desktop", "Sales");
        }
        Invoker.Response response = fx.requestScans(Map.of("targets", Map.of("selector", Map.of("department", "Sales")),
                "profile", "vulnerability", "reason", "x"));
        assertEquals(422, response.status());
        assertEquals("TOO_MANY_TARGETS", response.body().path("code").asText());
        assertEquals("targets.selector", response.body().path("errors").get(0).path("field").asText());
        assertEquals(0, fx.scanItems().size());
    }

    @Test
    void idempotencyKeyReplaysTheSameScans_andEmployeesMayNotRequestScans() {
        String id = fx.inService("LT-3", "laptop", "Finance", null);
        Map<String, Object> body = Map.of("targets", Map.of("assetIds", List.of(id)), "profile", "vulnerability", "reason", "x");
        Invoker.Response first = fx.call(HttpEvent.of("POST /scans").as(Claims.staff()).header("Idempotency-Key", "scan-key-0001").body(body));
        Invoker.Response again = fx.call(HttpEvent.of("POST /scans").as(Claims.staff()).header("Idempotency-Key", "scan-key-0001").body(body));
        Invoker.Response employee = fx.call(HttpEvent.of("POST /scans").as(Claims.employee()).body(body));

        assertEquals(202, first.status());
        assertEquals(first.rawBody(), again.rawBody());
        assertEquals("true", again.header("idempotency-replayed"));
        assertEquals(1, fx.scanItems().size());
        assertEquals(403, employee.status());
        assertEquals(1, fx.events.ofType("ScanRequested").size());
    }

    @Test
    void scanListsFilterAndPageByQuery_neverScan_andRefuseBadQueryValuesNamingThem() {
        String a = fx.inService("LT-4", "laptop", "Finance", null);
        String b = fx.inService("LT-5", "laptop", "Finance", null);
        String first = fx.scanOf(a, "vulnerability");
        fx.scanOf(b, "vulnerability");
        String third = fx.scanOf(a, "baseline");
        fx.calls.reset();

        Invoker.Response byAsset = fx.call(HttpEvent.of("GET /scans").as(Claims.staff()).query("assetId", a));
        assertEquals(List.of(third, first), ids(byAsset.body().path("items")), "newest first");
        Invoker.Response byProfile = fx.call(HttpEvent.of("GET /scans").as(Claims.staff()).query("profile", "baseline"));
        assertEquals(List.of(third), ids(byProfile.body().path("items")));
        Invoker.Response page1 = fx.call(HttpEvent.of("GET /scans").as(Claims.staff()).query("status", "requested").query("limit", "2"));
        assertEquals(2, page1.body().path("items").size());
        String cursor = page1.body().path("nextCursor").asText();
        Invoker.Response page2 = fx.call(HttpEvent.of("GET /scans").as(Claims.staff()).query("status", "requested")
                .query("limit", "2").query("cursor", cursor));
        assertEquals(List.of(first), ids(page2.body().path("items")));
        Invoker.Response byTrigger = fx.call(HttpEvent.of("GET /scans").as(Claims.staff()).query("trigger", "campaign"));
        assertEquals(0, byTrigger.body().path("items").size());
        Invoker.Response one = fx.call(HttpEvent.of("GET /scans/{scanId}").path("scanId", third).as(Claims.staff()));
        assertEquals("baseline", one.body().path("profile").asText());
        assertEquals(0, fx.calls.count("Scan"), "lists are Queries");
        assertTrue(fx.calls.count("Query") >= 5);

        Invoker.Response badStatus = fx.call(HttpEvent.of("GET /scans").as(Claims.staff()).query("status", "finished"));
        assertEquals(400, badStatus.status());
        assertEquals("query.status", badStatus.body().path("errors").get(0).path("field").asText());
        Invoker.Response badAsset = fx.call(HttpEvent.of("GET /scans").as(Claims.staff()).query("assetId", "LT-4"));
        assertEquals("query.assetId", badAsset.body().path("errors").get(0).path("field").asText());
        Invoker.Response badId = fx.call(HttpEvent.of("GET /scans/{scanId}").path("scanId", "nope").as(Claims.staff()));
        assertEquals(400, badId.status());
        assertEquals("path.scanId", badId.body().path("errors").get(0).path("field").asText());
        Invoker.Response missing = fx.call(HttpEvent.of("GET /scans/{scanId}").path("scanId", "01KB8R2D7E6F5G4H3J2K1M0N9P").as(Claims.staff()));
        assertEquals(404, missing.status());
        Invoker.Response badCursor = fx.call(HttpEvent.of("GET /scans").as(Claims.staff()).query("cursor", "x" + cursor));
        assertEquals("query.cursor", badCursor.body().path("errors").get(0).path("field").asText());
    }

    @Test
    void theSampleRequestEventsAreAnsweredAsDocumented() {
        fx.deliver("AssetUpdated", ScanFixture.asset("01KB8Q3Z4M5N6P7R8S9T0VWXYZ", "LT-0042", "laptop", "in-service",
                "Finance", "li.lei", 3));
        Invoker.Response accepted = fx.call(HttpEvent.sample("security-scan/post-scans.json"));
        assertEquals(202, accepted.status(), accepted.toString());
        Invoker.Response bad = fx.call(HttpEvent.sample("security-scan/post-scans-bad.json"));
        assertEquals(400, bad.status());
        List<String> fields = new ArrayList<>();
        bad.body().path("errors").forEach(e -> fields.add(e.path("field").asText()));
        assertTrue(fields.contains("profile"), fields.toString());
        Invoker.Response employee = fx.call(HttpEvent.sample("security-scan/post-scans-employee.json"));
        assertEquals(403, employee.status());
        Invoker.Response list = fx.call(HttpEvent.sample("security-scan/get-scans.json"));
        assertEquals(1, list.body().path("items").size());
        Invoker.Response badQuery = fx.call(HttpEvent.sample("security-scan/get-scans-bad-query.json"));
        assertEquals(400, badQuery.status());
        assertEquals(1, fx.scanItems().size());
        assertNotNull(accepted.body().path("scans").get(0).path("scanId").asText());
        assertFalse(fx.calls.operations().contains("Scan"));
    }

    private static List<String> tags(JsonNode scans) {
        List<String> out = new ArrayList<>();
        scans.forEach(s -> out.add(s.path("assetTag").asText()));
        return out.stream().sorted().toList();
    }

    private static List<String> ids(JsonNode scans) {
        List<String> out = new ArrayList<>();
        scans.forEach(s -> out.add(s.path("scanId").asText()));
        return out;
    }
}
