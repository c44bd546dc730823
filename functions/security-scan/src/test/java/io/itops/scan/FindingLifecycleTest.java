package io.itops.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.itops.shared.events.DomainEvent;
import io.itops.shared.events.Notice;
import io.itops.testing.Claims;
import io.itops.testing.HttpEvent;
import io.itops.testing.Invoker;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A finding's whole life on one server scanned with two profiles, driven by a movable clock:
 * opened, seen again, resolved, reopened, accepted as a risk until that runs out, overdue and
 * announced once, remediated and confirmed by the next scan.
 */
class FindingLifecycleTest {
    private static final Instant T0 = Instant.parse("2026-11-28T09:00:00Z");
    private final ScanFixture fx = new ScanFixture();

    @Test
    void findingsLiveThroughScansOfTwoProfiles_triage_expiry_andOverdue() {
        String server = fx.inService("SRV-9", "server", "Ops", "li.lei");

        // 1. first scans: a vulnerability scan and a baseline scan of the same server
        Invoker.Response vuln1 = fx.completeScan(server, "vulnerability", List.of(
                ScanFixture.finding("CVE-2024-3094", "critical"), ScanFixture.finding("CVE-2023-48795", "medium"),
                ScanFixture.finding("SSH-BANNER", "info")));
        assertEquals(3, vuln1.body().path("summary").path("opened").asInt());
        fx.completeScan(server, "baseline", List.of(ScanFixture.finding("CIS-5.2.8", "high")));
        Map<String, JsonNode> f = findings(server);
        assertEquals(4, f.size());
        JsonNode xz = f.get("CVE-2024-3094");
        String xzId = xz.path("findingId").asText();
        assertEquals("open", xz.path("status").asText());
        assertEquals(T0.plus(Duration.ofDays(7)).toString(), xz.path("dueAt").asText(), "critical: 7 days");
        assertEquals(T0.plus(Duration.ofDays(90)).toString(), f.get("CVE-2023-48795").path("dueAt").asText(), "medium: 90 days");
        assertTrue(f.get("SSH-BANNER").path("dueAt").isMissingNode(), "info findings have no deadline");
        assertEquals(T0.plus(Duration.ofDays(30)).toString(), f.get("CIS-5.2.8").path("dueAt").asText(), "high: 30 days");
        assertEquals("Ops", xz.path("department").asText());
        assertTrue(xz.path("lastChange").isMissingNode() && xz.path("overdueNotifiedFor").isMissingNode(), "internal fields stay inside");
        List<DomainEvent> opened = fx.events.ofType("FindingOpened");
        assertEquals(2, opened.size(), "critical and high are announced, medium and info are not");
        Notice notice = notices().getFirst();
        assertEquals(List.of("li.lei"), notice.to());
        assertEquals("Ops", notice.department());
        assertTrue(notice.en().startsWith("New critical finding on SRV-9 (vulnerability): CVE-2024-3094"), notice.en());
        assertTrue(notice.zh().contains("严重") && notice.zh().contains("2026-12-05"), notice.zh());

        // 2. a day later the vulnerability scan sees only the xz backdoor
        fx.clock.set(T0.plus(Duration.ofDays(1)));
        Invoker.Response vuln2 = fx.completeScan(server, "vulnerability", List.of(ScanFixture.finding("CVE-2024-3094", "critical")));
        assertEquals(1, vuln2.body().path("summary").path("seenAgain").asInt());
        assertEquals(2, vuln2.body().path("summary").path("resolved").asInt());
        f = findings(server);
        assertEquals(xzId, f.get("CVE-2024-3094").path("findingId").asText(), "the same fingerprint is the same finding");
        assertEquals(T0.plus(Duration.ofDays(1)).toString(), f.get("CVE-2024-3094").path("lastSeen").asText());
        assertEquals(T0.toString(), f.get("CVE-2024-3094").path("firstSeen").asText());
        assertEquals("resolved", f.get("CVE-2023-48795").path("status").asText());
        assertEquals(T0.plus(Duration.ofDays(1)).toString(), f.get("CVE-2023-48795").path("resolvedAt").asText());
        assertEquals("resolved", f.get("SSH-BANNER").path("status").asText());
        assertEquals("open", f.get("CIS-5.2.8").path("status").asText(), "a scan of another profile leaves baseline findings alone");
        assertEquals(T0.toString(), f.get("CIS-5.2.8").path("lastSeen").asText());
        assertEquals(4, fx.findingItems().size(), "no duplicates");

        // 3. the medium finding comes back: reopened, with a fresh deadline, still one item
        fx.clock.set(T0.plus(Duration.ofDays(2)));
        Invoker.Response vuln3 = fx.completeScan(server, "vulnerability", List.of(
                ScanFixture.finding("CVE-2024-3094", "critical"), ScanFixture.finding("CVE-2023-48795", "medium")));
        assertEquals(1, vuln3.body().path("summary").path("reopened").asInt());
        JsonNode terrapin = findings(server).get("CVE-2023-48795");
        String terrapinId = terrapin.path("findingId").asText();
        assertEquals("open", terrapin.path("status").asText());
        assertEquals(1, terrapin.path("reopenCount").asInt());
        assertEquals(T0.plus(Duration.ofDays(2)).toString(), terrapin.path("reopenedAt").asText());
        assertEquals(T0.plus(Duration.ofDays(92)).toString(), terrapin.path("dueAt").asText());
        assertEquals(4, fx.findingItems().size());

        // 4. triage: the terrapin risk is accepted for 8 days, the baseline finding is a false positive
        Invoker.Response tooLong = triage(terrapinId, Map.of("status", "accepted-risk", "reason", "lab host", "expiresOn", "2027-12-31"));
        assertEquals(400, tooLong.status());
        assertEquals("expiresOn", tooLong.body().path("errors").get(0).path("field").asText());
        for (Object notADate : List.of(20_000, List.of(2026, 12, 8), "8 Dec 2026")) {
            Invoker.Response numeric = triage(terrapinId, Map.of("status", "accepted-risk", "reason", "r", "expiresOn", notADate));
            assertEquals(400, numeric.status(), numeric.toString());
            assertEquals("expiresOn", numeric.body().path("errors").get(0).path("field").asText());
        }
        Invoker.Response noReason = triage(terrapinId, Map.of("status", "false-positive"));
        assertEquals("reason", noReason.body().path("errors").get(0).path("field").asText());
        Invoker.Response accepted = triage(terrapinId, Map.of("status", "accepted-risk",
                "reason", "Isolated lab host, replaced in December", "expiresOn", "2026-12-08"));
        assertEquals(200, accepted.status(), accepted.toString());
        assertEquals("accepted-risk", accepted.body().path("status").asText());
        assertEquals("sam.staff", accepted.body().path("triage").path("by").asText());
        assertEquals("\"" + accepted.body().path("version").asLong() + "\"", accepted.header("etag"));
        String baselineId = findings(server).get("CIS-5.2.8").path("findingId").asText();
        assertEquals(200, triage(baselineId, Map.of("status", "false-positive", "reason", "Compensated by the bastion host")).status());
        Invoker.Response risks = fx.call(HttpEvent.of("GET /findings").as(Claims.staff()).query("status", "accepted-risk"));
        assertEquals(List.of(terrapinId), ids(risks.body().path("items")));

        // 5. the xz deadline passes: the daily sweep announces it once
        fx.clock.set(Instant.parse("2026-12-05T09:01:00Z"));
        fx.events.clear();
        fx.schedule("finding-sweep");
        assertEquals(1, fx.events.ofType("FindingOverdue").size());
        assertEquals(xzId, detail(fx.events.ofType("FindingOverdue").getFirst()).get("findingId"));
        assertEquals("FindingOverdue", notices().getFirst().kind());
        Invoker.Response overdue = fx.call(HttpEvent.of("GET /findings").as(Claims.staff()).query("overdue", "true"));
        assertEquals(List.of(xzId), ids(overdue.body().path("items")));
        assertTrue(overdue.body().path("items").get(0).path("overdue").asBoolean());
        Invoker.Response overdueCritical = fx.call(HttpEvent.of("GET /findings").as(Claims.staff())
                .query("overdue", "true").query("severity", "critical"));
        assertEquals(List.of(xzId), ids(overdueCritical.body().path("items")));
        Invoker.Response overdueOps = fx.call(HttpEvent.of("GET /findings").as(Claims.staff())
                .query("overdue", "true").query("department", "Ops"));
        assertEquals(List.of(xzId), ids(overdueOps.body().path("items")));
        fx.clock.set(Instant.parse("2026-12-06T09:01:00Z"));
        fx.schedule("finding-sweep");
        assertEquals(1, fx.events.ofType("FindingOverdue").size(), "an overdue finding is announced once per deadline");

        // 6. the accepted risk runs out when its expiry day starts: open again, with a new deadline
        fx.clock.set(Instant.parse("2026-12-08T00:30:00Z"));
        fx.events.clear();
        fx.schedule("finding-sweep");
        JsonNode reopened = get(terrapinId);
        assertEquals("open", reopened.path("status").asText());
        assertEquals(2, reopened.path("reopenCount").asInt());
        assertEquals(Instant.parse("2026-12-08T00:30:00Z").plus(Duration.ofDays(90)).toString(), reopened.path("dueAt").asText());
        assertEquals("FindingRiskExpired", notices().getFirst().kind());
        assertTrue(fx.events.ofType("FindingOpened").isEmpty(), "a medium finding is not announced as opened");

        // 7. staff remediate xz; the next scan no longer sees it (resolved), a later one does again (reopened)
        assertEquals(200, triage(xzId, Map.of("status", "remediated", "reason", "xz-utils 5.6.1 installed")).status());
        assertFalse(get(xzId).path("overdue").asBoolean(), "a remediated finding is not overdue");
        fx.completeScan(server, "vulnerability", List.of());
        assertEquals("resolved", get(xzId).path("status").asText());
        assertEquals("resolved", get(terrapinId).path("status").asText());
        assertEquals("false-positive", get(baselineId).path("status").asText());
        fx.events.clear();
        fx.clock.set(Instant.parse("2026-12-20T10:00:00Z"));
        fx.completeScan(server, "vulnerability", List.of(ScanFixture.finding("CVE-2024-3094", "critical")));
        JsonNode back = get(xzId);
        assertEquals("open", back.path("status").asText());
        assertEquals("2026-12-27T10:00:00Z", back.path("dueAt").asText());
        assertEquals(true, detail(fx.events.ofType("FindingOpened").getFirst()).get("reopened"));
        assertTrue(notices().getFirst().en().startsWith("Finding reopened on SRV-9"), notices().getFirst().en());
        assertEquals(4, fx.findingItems().size());
    }

    @Test
    void resolvedFindingsCannotBeTriaged_andStaleIfMatchIsAConflict() {
        String server = fx.inService("SRV-8", "server", "Ops", null);
        fx.completeScan(server, "vulnerability", List.of(ScanFixture.finding("CVE-1", "low")));
        String id = findings(server).get("CVE-1").path("findingId").asText();

        Invoker.Response stale = fx.call(HttpEvent.of("PATCH /findings/{findingId}").path("findingId", id).as(Claims.staff())
                .header("If-Match", "\"7\"").body(Map.of("status", "remediated")));
        assertEquals(409, stale.status());
        assertEquals("VERSION_CONFLICT", stale.body().path("code").asText());

        fx.completeScan(server, "vulnerability", List.of());
        Invoker.Response resolved = triage(id, Map.of("status", "remediated"));
        assertEquals(409, resolved.status());
        assertEquals("FINDING_RESOLVED", resolved.body().path("code").asText());
        Invoker.Response toOpen = triage(id, Map.of("status", "open"));
        assertEquals(400, toOpen.status());
        assertEquals("status", toOpen.body().path("errors").get(0).path("field").asText());
    }

    @Test
    void custodiansSeeTheFindingsOfWhatTheyHold_andNobodyElsesDo() {
        String laptop = fx.inService("LT-77", "laptop", "Finance", "li.lei");
        fx.completeScan(laptop, "antivirus", List.of(ScanFixture.finding("EICAR-TEST", "high")));
        String id = findings(laptop).get("EICAR-TEST").path("findingId").asText();

        Invoker.Response mine = fx.call(HttpEvent.of("GET /assets/{assetId}/findings").path("assetId", laptop).as(Claims.employee("li.lei")));
        assertEquals(200, mine.status());
        assertEquals(List.of(id), ids(mine.body().path("items")));
        assertEquals(200, fx.call(HttpEvent.of("GET /findings/{findingId}").path("findingId", id).as(Claims.employee("li.lei"))).status());
        assertEquals(404, fx.call(HttpEvent.of("GET /assets/{assetId}/findings").path("assetId", laptop).as(Claims.employee("eve"))).status());
        assertEquals(404, fx.call(HttpEvent.of("GET /findings/{findingId}").path("findingId", id).as(Claims.employee("eve"))).status());
        assertEquals(403, fx.call(HttpEvent.of("GET /findings").as(Claims.employee("li.lei"))).status());
        assertEquals(403, fx.call(HttpEvent.of("PATCH /findings/{findingId}").path("findingId", id).as(Claims.employee("li.lei"))
                .body(Map.of("status", "remediated"))).status());

        Invoker.Response bySeverity = fx.call(HttpEvent.of("GET /assets/{assetId}/findings").path("assetId", laptop)
                .as(Claims.staff()).query("severity", "low"));
        assertEquals(0, bySeverity.body().path("items").size());
        Invoker.Response badOverdue = fx.call(HttpEvent.of("GET /findings").as(Claims.staff()).query("overdue", "yes"));
        assertEquals("query.overdue", badOverdue.body().path("errors").get(0).path("field").asText());
        Invoker.Response overdueResolved = fx.call(HttpEvent.of("GET /findings").as(Claims.staff())
                .query("overdue", "true").query("status", "resolved"));
        assertEquals("query.overdue", overdueResolved.body().path("errors").get(0).path("field").asText());
        Invoker.Response badSeverity = fx.call(HttpEvent.of("GET /findings").as(Claims.staff()).query("severity", "urgent"));
        assertEquals("query.severity", badSeverity.body().path("errors").get(0).path("field").asText());
        assertEquals(400, fx.call(HttpEvent.of("GET /findings/{findingId}").path("findingId", "x").as(Claims.staff())).status());
        assertEquals(404, fx.call(HttpEvent.of("GET /findings/{findingId}").path("findingId", "01KB8R9Z8Y7X6W5V4T3S2R1Q0P").as(Claims.staff())).status());
        assertEquals(404, fx.call(HttpEvent.of("GET /assets/{assetId}/findings").path("assetId", "01KB8R9Z8Y7X6W5V4T3S2R1Q0P").as(Claims.staff())).status());
        fx.calls.reset();
        fx.call(HttpEvent.of("GET /findings").as(Claims.staff()));
        fx.call(HttpEvent.of("GET /findings").as(Claims.staff()).query("status", "open"));
        fx.call(HttpEvent.of("GET /findings").as(Claims.staff()).query("assetId", laptop).query("severity", "high"));
        assertEquals(0, fx.calls.count("Scan"), "finding lists are Queries");
    }

    private Invoker.Response triage(String findingId, Map<String, Object> body) {
        return fx.call(HttpEvent.of("PATCH /findings/{findingId}").path("findingId", findingId).as(Claims.staff()).body(body));
    }

    private JsonNode get(String findingId) {
        Invoker.Response response = fx.call(HttpEvent.of("GET /findings/{findingId}").path("findingId", findingId).as(Claims.staff()));
        assertEquals(200, response.status(), response.toString());
        return response.body();
    }

    private Map<String, JsonNode> findings(String assetId) {
        Invoker.Response response = fx.call(HttpEvent.of("GET /assets/{assetId}/findings").path("assetId", assetId).as(Claims.staff()));
        assertEquals(200, response.status(), response.toString());
        Map<String, JsonNode> byRule = new LinkedHashMap<>();
        response.body().path("items").forEach(i -> byRule.put(i.path("ruleId").asText(), i));
        return byRule;
    }

    private List<Notice> notices() {
        return fx.events.ofType("Notification").stream().map(e -> (Notice) e.detail()).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> detail(DomainEvent event) {
        return (Map<String, Object>) event.detail();
    }

    private static List<String> ids(JsonNode items) {
        List<String> out = new java.util.ArrayList<>();
        items.forEach(i -> out.add(i.path("findingId").asText()));
        return out;
    }
}
