package io.itops.desk;

import static io.itops.desk.DeskFixture.EMMA;
import static io.itops.desk.DeskFixture.SAM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.itops.shared.chat.ChatCommand;
import io.itops.shared.events.Notice;
import io.itops.testing.HttpEvent;
import io.itops.testing.Invoker;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The bus side: tickets from faults and people events (deduplicated), TicketResolved, the SLA sweep, chat, metrics. */
class DeskEventsTest {
    private final DeskFixture fx = new DeskFixture();

    static Map<String, Object> fault(String faultId) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("assetId", "01JB2Z5V3QK8N6R4T7W9X0Y1Z2");
        f.put("assetTag", "LT-0042");
        f.put("department", "Finance");
        f.put("faultId", faultId);
        f.put("summary", "Screen flickers");
        f.put("severity", "high");
        f.put("reportedBy", "emma.employee");
        f.put("asset", Map.of("assetId", "01JB2Z5V3QK8N6R4T7W9X0Y1Z2", "assetTag", "LT-0042"));
        return f;
    }

    private List<JsonNode> tickets(Map<String, Object> who) {
        List<JsonNode> out = new java.util.ArrayList<>();
        fx.call(HttpEvent.of("GET /me/tickets").as(who)).body().path("items").forEach(out::add);
        return out;
    }

    @Test
    void aReportedFaultOpensOneLinkedTicket_andResolvingItCanResolveTheFault() {
        fx.deliver("AssetFaultReported", "itops.asset", "ev-1", fault("01JB3F0000000000000000FAUL"));
        fx.deliver("AssetFaultReported", "itops.asset", "ev-1", fault("01JB3F0000000000000000FAUL"));
        fx.deliver("AssetFaultReported", "itops.asset", "ev-2-redelivered-by-another-id", fault("01JB3F0000000000000000FAUL"));
        List<JsonNode> mine = tickets(EMMA);
        assertEquals(1, mine.size(), "one fault, one ticket");
        JsonNode t = mine.getFirst();
        assertEquals("asset-fault", t.path("source").asText());
        assertEquals("hardware", t.path("category").asText());
        assertEquals("p2", t.path("priority").asText(), "a high fault is high impact, medium urgency");
        assertEquals("01JB2Z5V3QK8N6R4T7W9X0Y1Z2", t.path("assetId").asText());
        assertTrue(t.path("title").asText().contains("LT-0042"));
        List<Notice> opened = notices(DeskEvents.TICKET_OPENED);
        assertEquals(1, opened.size(), "the unassigned fault ticket is announced once, to the IT staff channel");
        assertEquals(List.of(), opened.getFirst().to());
        assertEquals(null, opened.getFirst().department());
        String id = t.path("ticketId").asText();
        fx.action(SAM, id, "take", null);
        fx.action(SAM, id, "status", Map.of("status", "resolved", "resolution", "Replaced the display cable", "resolveFault", true));
        @SuppressWarnings("unchecked")
        Map<String, Object> resolved = (Map<String, Object>) fx.events.ofType(DeskEvents.TICKET_RESOLVED).getFirst().detail();
        assertEquals(Map.of("ticketId", id, "number", t.path("number").asText(), "assetId", "01JB2Z5V3QK8N6R4T7W9X0Y1Z2",
                "faultId", "01JB3F0000000000000000FAUL", "resolution", "Replaced the display cable", "resolvedBy", "sam.staff",
                "resolveFault", true), resolved);
    }

    @Test
    void joinersAndLeaversOpenOneChecklistTicketEach() {
        Map<String, Object> person = new LinkedHashMap<>();
        person.put("personId", "nina.new");
        person.put("name", "Nina New");
        person.put("department", "Finance");
        person.put("manager", "emma.employee");
        person.put("status", "active");
        person.put("startDate", "2026-12-07");
        person.put("leaveDate", null);
        for (int i = 0; i < 3; i++) {
            fx.deliver("PersonJoined", "itops.people", "join-1", Map.of("person", person));
        }
        fx.deliver("PersonLeft", "itops.people", "left-1", Map.of("person", person));
        fx.deliver("PersonLeft", "itops.people", "left-2", Map.of("person", person));
        List<JsonNode> mine = tickets(EMMA);
        assertEquals(2, mine.size(), "one onboarding and one offboarding ticket, to the manager");
        JsonNode offboarding = mine.get(0);
        JsonNode onboarding = mine.get(1);
        assertEquals("joiner", onboarding.path("source").asText());
        assertEquals("access", onboarding.path("category").asText());
        assertEquals("Create the directory account", onboarding.path("checklist").get(0).asText());
        assertTrue(onboarding.path("title").asText().contains("Nina New"));
        assertEquals("leaver", offboarding.path("source").asText());
        assertEquals("Disable the directory account", offboarding.path("checklist").get(0).asText());
    }

    @Test
    void theSweepWarnsTheAssigneeBeforeABreach_thenTellsTheItLead_onceEach() {
        String id = fx.open(EMMA, Map.of("title", "Cannot log in", "category", "account-password", "impact", "high", "urgency", "high"))
                .path("ticketId").asText();
        fx.action(SAM, id, "take", null);
        fx.clock.advance(Duration.ofMinutes(10));
        fx.schedule("sla-sweep");
        assertEquals(0, notices(DeskEvents.SLA_WARNING).size(), "10 of 30 minutes is not yet 75%");
        fx.clock.advance(Duration.ofMinutes(13));
        fx.schedule("sla-sweep");
        List<Notice> warnings = notices(DeskEvents.SLA_WARNING);
        assertEquals(1, warnings.size());
        assertEquals(List.of("sam.staff"), warnings.getFirst().to());
        assertTrue(warnings.getFirst().en().contains("first response"), warnings.getFirst().en());
        fx.clock.advance(Duration.ofMinutes(1));
        fx.schedule("sla-sweep");
        assertEquals(1, notices(DeskEvents.SLA_WARNING).size(), "warned once");
        fx.clock.advance(Duration.ofMinutes(10));
        fx.schedule("sla-sweep");
        List<Notice> breaches = notices(DeskEvents.SLA_BREACHED);
        assertEquals(1, breaches.size());
        assertEquals(List.of(), breaches.getFirst().to(), "no IT lead configured: the IT staff channel");
        assertEquals(null, breaches.getFirst().department());
        fx.clock.advance(Duration.ofMinutes(5));
        fx.schedule("sla-sweep");
        assertEquals(1, notices(DeskEvents.SLA_BREACHED).size(), "told once");
        JsonNode t = fx.get(SAM, id).body();
        assertTrue(t.path("sla").path("responseBreached").asBoolean());
        assertTrue(t.path("sla").path("breached").asBoolean());
    }

    @Test
    void outsideBusinessHoursTheClockStands() {
        // Friday 2026-12-04 17:30 Shanghai: 30 business minutes that day, the rest on Monday
        fx.clock.set(java.time.Instant.parse("2026-12-04T09:30:00Z"));
        JsonNode t = fx.open(EMMA, Map.of("title", "Cannot log in", "category", "account-password", "impact", "high", "urgency", "high"));
        assertEquals("2026-12-04T10:00:00Z", t.path("sla").path("responseDueAt").asText(), "30 minutes, all on Friday");
        assertEquals("2026-12-07T04:30:00Z", t.path("sla").path("resolutionDueAt").asText(), "240 minutes: 30 Friday, 210 Monday from 09:00");
        fx.clock.set(java.time.Instant.parse("2026-12-06T12:00:00Z"));
        assertEquals(30, fx.get(EMMA, t.path("ticketId").asText()).body().path("sla").path("elapsedMinutes").asInt(), "the weekend does not count");
    }

    @Test
    void chatRaisesTicketsAndListsThem_inTheCommandsLanguage() {
        fx.deliver(ChatCommand.DETAIL_TYPE, "itops.chat", "cmd-1", chat("help-me", List.of("VPN 连不上"), "zh", "emma.employee"));
        fx.deliver(ChatCommand.DETAIL_TYPE, "itops.chat", "cmd-1", chat("help-me", List.of("VPN 连不上"), "zh", "emma.employee"));
        fx.deliver(ChatCommand.DETAIL_TYPE, "itops.chat", "cmd-2", chat("report-phishing", List.of("Mail asking for my password"), "en", "emma.employee"));
        fx.deliver(ChatCommand.DETAIL_TYPE, "itops.chat", "cmd-3", chat("my-tickets", List.of(), "en", "emma.employee"));
        fx.deliver(ChatCommand.DETAIL_TYPE, "itops.chat", "cmd-4", chat("help-me", List.of("x"), "en", null));
        List<String> replies = fx.events.ofType(ChatCommand.REPLY_DETAIL_TYPE).stream()
                .map(e -> ((ChatCommand.ChatReply) e.detail()).text()).toList();
        assertEquals(4, replies.size(), "the repeated command was answered once: " + replies);
        assertTrue(replies.get(0).startsWith("工单 SD-000001 已创建"), replies.get(0));
        assertTrue(replies.get(1).contains("Security ticket SD-000002"), replies.get(1));
        assertTrue(replies.get(2).contains("SD-000001") && replies.get(2).contains("SD-000002"), replies.get(2));
        assertTrue(replies.get(3).contains("Link your chat account"), replies.get(3));
        List<JsonNode> mine = tickets(EMMA);
        assertEquals(2, mine.size());
        assertEquals("security", mine.get(0).path("category").asText());
        assertEquals("p1", mine.get(0).path("priority").asText());
        assertEquals("chat", mine.get(1).path("source").asText());
    }

    static Map<String, Object> chat(String command, List<String> args, String language, String userId) {
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("platform", "slack");
        user.put("chatUserId", "U123");
        user.put("displayName", "Emma");
        user.put("userId", userId);
        user.put("role", "employee");
        user.put("department", "Finance");
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("commandId", "c-" + command + args.hashCode());
        detail.put("command", command);
        detail.put("args", args);
        detail.put("text", command);
        detail.put("language", language);
        detail.put("user", user);
        detail.put("conversation", Map.of("platform", "slack", "channel", "D1"));
        return detail;
    }

    @Test
    void metricsCountOpenedAndResolved_withMediansAndAttainment() {
        String fast = fx.openVpn().path("ticketId").asText();
        String slow = fx.open(EMMA, Map.of("title", "Cannot log in", "category", "account-password", "impact", "high", "urgency", "high"))
                .path("ticketId").asText();
        fx.open(EMMA, Map.of("title", "Printer jams", "category", "hardware"));
        fx.action(SAM, fast, "take", null);
        fx.action(SAM, slow, "take", null);
        fx.clock.advance(Duration.ofMinutes(20));
        fx.action(SAM, fast, "status", Map.of("status", "resolved", "resolution", "Reset"));
        fx.clock.advance(Duration.ofMinutes(40));
        fx.action(SAM, slow, "status", Map.of("status", "resolved", "resolution", "Unlocked"));
        Invoker.Response r = fx.call(HttpEvent.of("GET /service-desk/metrics").query("from", "2026-12").query("to", "2026-12").as(SAM));
        assertEquals(200, r.status(), r.toString());
        JsonNode all = r.body().path("rows").get(0);
        assertTrue(all.path("category").isMissingNode(), "the first row of a month is over all categories");
        assertEquals(3, all.path("opened").asInt());
        assertEquals(2, all.path("resolved").asInt());
        assertEquals(40, all.path("medianResolutionMinutes").asInt(), "(20 + 60) / 2");
        assertEquals(50, all.path("slaAttainmentPercent").asInt(), "the p1 missed its 30-minute response");
        assertEquals(400, fx.call(HttpEvent.of("GET /service-desk/metrics").query("from", "2026-12").as(SAM)).status());
        assertEquals(400, fx.call(HttpEvent.of("GET /service-desk/metrics").query("from", "2026-01").query("to", "2027-06").as(SAM)).status());
        assertEquals(403, fx.call(HttpEvent.of("GET /service-desk/metrics").query("from", "2026-12").query("to", "2026-12").as(EMMA)).status());
    }

    private List<Notice> notices(String kind) {
        return fx.events.ofType(Notice.DETAIL_TYPE).stream().map(e -> (Notice) e.detail()).filter(n -> n.kind().equals(kind)).toList();
    }
}
