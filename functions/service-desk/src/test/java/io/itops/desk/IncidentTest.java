package io.itops.desk;

import static io.itops.desk.DeskFixture.EMMA;
import static io.itops.desk.DeskFixture.SAM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.itops.shared.events.Notice;
import io.itops.testing.HttpEvent;
import io.itops.testing.Invoker;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Security incidents through the real routes: opened from a critical finding, walked through the timeline and actions, the review falls due. */
class IncidentTest {
    private final DeskFixture fx = new DeskFixture();

    static Map<String, Object> finding(String findingId, String severity, String profile) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("findingId", findingId);
        f.put("assetId", "01JB2Z5V3QK8N6R4T7W9X0Y1Z2");
        f.put("assetTag", "SRV-0001");
        f.put("department", "Ops");
        f.put("custodian", "sam.staff");
        f.put("profile", profile);
        f.put("ruleId", "CVE-2024-3094");
        f.put("title", "xz backdoor");
        f.put("severity", severity);
        f.put("cvss", 10.0);
        f.put("dueAt", "2026-12-08T01:00:00Z");
        f.put("reopened", false);
        return f;
    }

    private Invoker.Response post(String incidentId, String what, Object body) {
        HttpEvent e = HttpEvent.of("POST /incidents/{incidentId}/" + what).path("incidentId", incidentId).as(SAM);
        return fx.call(body == null ? e : e.body(body));
    }

    private List<JsonNode> incidents() {
        List<JsonNode> out = new java.util.ArrayList<>();
        fx.call(HttpEvent.of("GET /incidents").as(SAM)).body().path("items").forEach(out::add);
        return out;
    }

    @Test
    void aCriticalFindingOpensOneIncident_walkedThroughItsTimelineAndActions_andItsReviewFallsDue() {
        fx.deliver("FindingOpened", "itops.scan", "f-1", finding("01JC2F0000000000000000000A", "critical", "vulnerability"));
        fx.deliver("FindingOpened", "itops.scan", "f-1", finding("01JC2F0000000000000000000A", "critical", "vulnerability"));
        fx.deliver("FindingOpened", "itops.scan", "f-2-reopened", finding("01JC2F0000000000000000000A", "critical", "vulnerability"));
        fx.deliver("FindingOpened", "itops.scan", "f-3", finding("01JC2F0000000000000000000B", "high", "vulnerability"));
        fx.deliver("FindingOpened", "itops.scan", "f-4", finding("01JC2F0000000000000000000C", "critical", "antivirus"));
        List<JsonNode> all = incidents();
        assertEquals(1, all.size(), "one incident: only the critical vulnerability finding matches the rule, once");
        JsonNode incident = all.getFirst();
        String id = incident.path("incidentId").asText();
        assertEquals("IR-000001", incident.path("number").asText());
        assertEquals("critical", incident.path("severity").asText());
        assertEquals(List.of("01JB2Z5V3QK8N6R4T7W9X0Y1Z2"), List.of(incident.path("affectedAssets").get(0).asText()));
        assertEquals("reported", incident.path("stage").asText());
        assertEquals(1, fx.events.ofType(IncidentService.INCIDENT_OPENED).size());

        fx.clock.advance(Duration.ofMinutes(90));
        JsonNode contained = post(id, "timeline", Map.of("type", "contained", "note", "Host isolated from the network")).body();
        assertEquals(90, contained.path("minutesToContain").asInt());
        assertEquals(409, post(id, "timeline", Map.of("type", "contained")).status(), "each type once");
        Invoker.Response early = post(id, "timeline", Map.of("type", "eradicated", "at", "2026-12-01T00:00:00Z"));
        assertEquals(409, early.status());
        assertEquals("TIMELINE_ORDER", early.body().path("code").asText());
        assertEquals("NOT_RECOVERED", post(id, "timeline", Map.of("type", "closed")).body().path("code").asText());

        JsonNode withAction = post(id, "actions", Map.of("kind", "corrective", "text", "Upgrade xz on every server",
                "owner", "tara.staff", "dueOn", "2026-12-03")).body();
        String actionId = withAction.path("actions").get(0).path("actionId").asText();
        post(id, "actions", Map.of("kind", "preventive", "text", "Pin package versions in the base image", "owner", "sam.staff", "dueOn", "2026-12-20"));
        post(id, "investigation", Map.of("findings", "Backdoored liblzma in the base image", "rootCause", "Unpinned upstream package"));
        fx.clock.advance(Duration.ofHours(3));
        post(id, "timeline", Map.of("type", "eradicated"));
        JsonNode recovered = post(id, "timeline", Map.of("type", "recovered")).body();
        assertEquals(90 + 180, recovered.path("minutesToRecover").asInt());
        assertEquals("2026-12-06", recovered.path("reviewDueOn").asText(), "recovered 2026-12-01 (Shanghai) + 5 days");

        fx.clock.set(Instant.parse("2026-12-04T02:00:00Z"));
        fx.schedule("incident-sweep");
        List<Notice> overdue = notices(IncidentService.ACTION_OVERDUE);
        assertEquals(1, overdue.size(), "the corrective action due 12-03 is overdue; the preventive one is not");
        assertEquals(List.of("tara.staff"), overdue.getFirst().to());
        assertEquals(1, fx.call(HttpEvent.of("GET /incidents/{incidentId}").path("incidentId", id).as(SAM)).body().path("overdueActions").asInt());
        JsonNode done = fx.call(HttpEvent.of("POST /incidents/{incidentId}/actions/{actionId}/done").path("incidentId", id)
                .path("actionId", actionId).as(SAM)).body();
        assertTrue(done.path("actions").get(0).path("done").asBoolean());
        assertEquals(0, done.path("overdueActions").asInt());
        fx.clock.set(Instant.parse("2026-12-06T02:00:00Z"));
        fx.schedule("incident-sweep");
        fx.clock.advance(Duration.ofHours(1));
        fx.schedule("incident-sweep");
        List<Notice> review = notices(IncidentService.REVIEW_DUE);
        assertEquals(1, review.size(), "the review falls due once");
        assertEquals(1, notices(IncidentService.ACTION_OVERDUE).size(), "overdue told once");
        assertTrue(fx.call(HttpEvent.of("GET /incidents/{incidentId}").path("incidentId", id).as(SAM)).body().path("reviewDue").asBoolean());
        JsonNode closed = post(id, "timeline", Map.of("type", "closed")).body();
        assertEquals("closed", closed.path("stage").asText());
    }

    @Test
    void aPhishingTicketEscalatesOnce_andExternalReportingIsSwept() {
        fx.deliver(io.itops.shared.chat.ChatCommand.DETAIL_TYPE, "itops.chat", "c-1",
                DeskEventsTest.chat("report-phishing", List.of("Mail asking for my password"), "en", "emma.employee"));
        String ticketId = fx.call(HttpEvent.of("GET /me/tickets").as(EMMA)).body().path("items").get(0).path("ticketId").asText();
        Invoker.Response escalated = fx.call(HttpEvent.of("POST /tickets/{ticketId}/escalate").path("ticketId", ticketId).as(SAM)
                .body(Map.of("severity", "high", "externalReporting", true)));
        assertEquals(201, escalated.status(), escalated.toString());
        JsonNode incident = escalated.body();
        assertEquals("phishing", incident.path("category").asText(), "a security ticket escalates as phishing by default");
        assertEquals(ticketId, incident.path("ticketId").asText());
        assertEquals("2026-12-04T01:00:00Z", incident.path("externalDeadline").asText(), "72 hours after detection");
        assertFalse(incident.path("externalReportDue").asBoolean());
        Invoker.Response again = fx.call(HttpEvent.of("POST /tickets/{ticketId}/escalate").path("ticketId", ticketId).as(SAM)
                .body(Map.of("severity", "high")));
        assertEquals(409, again.status());
        assertEquals("ALREADY_ESCALATED", again.body().path("code").asText());
        assertEquals(1, incidents().size());
        assertEquals(403, fx.call(HttpEvent.of("POST /tickets/{ticketId}/escalate").path("ticketId", ticketId).as(EMMA)
                .body(Map.of("severity", "high"))).status());

        fx.clock.advance(Duration.ofHours(50));
        fx.schedule("incident-sweep");
        assertEquals(1, notices(IncidentService.EXTERNAL_REPORT_DUE).size(), "within a day of the deadline");
        assertEquals(List.of(), notices(IncidentService.EXTERNAL_REPORT_DUE).getFirst().to(), "no IT lead: the IT staff channel");
        String id = incident.path("incidentId").asText();
        JsonNode reported = post(id, "investigation", Map.of("reportedExternally", true)).body();
        assertTrue(reported.has("externalReportedAt"));
        assertFalse(reported.path("externalReportDue").asBoolean());
    }

    @Test
    void staffOpenIncidentsByHand_withFieldsChecked() {
        Invoker.Response created = fx.call(HttpEvent.of("POST /incidents").as(SAM).body(Map.of("title", "Laptop stolen from a car",
                "severity", "medium", "category", "lost-or-stolen-device", "affectedAssets", List.of("01JB2Z5V3QK8N6R4T7W9X0Y1Z2"),
                "detectedAt", "2026-11-30T20:00:00Z")));
        assertEquals(201, created.status(), created.toString());
        assertEquals("sam.staff", created.body().path("owner").asText());
        assertEquals("2026-11-30T20:00:00Z", created.body().path("timeline").get(0).path("at").asText());
        Invoker.Response bad = fx.call(HttpEvent.of("POST /incidents").as(SAM).body(Map.of("title", "x", "severity", "medium",
                "category", "other", "affectedAssets", List.of("nope"), "detectedAt", "2027-01-01T00:00:00Z")));
        assertEquals(400, bad.status());
        assertEquals(java.util.Set.of("affectedAssets[0]", "detectedAt"), java.util.Set.of(bad.body().path("errors").get(0).path("field").asText(),
                bad.body().path("errors").get(1).path("field").asText()), "every invalid field named");
        assertEquals(403, fx.call(HttpEvent.of("POST /incidents").as(EMMA).body(Map.of("title", "x", "severity", "low", "category", "other"))).status());
        assertEquals(404, fx.call(HttpEvent.of("GET /incidents/{incidentId}").path("incidentId", "01JB0000000000000000000000").as(SAM)).status());
    }

    private List<Notice> notices(String kind) {
        return fx.events.ofType(Notice.DETAIL_TYPE).stream().map(e -> (Notice) e.detail()).filter(n -> n.kind().equals(kind)).toList();
    }
}
