package io.itops.desk;

import static io.itops.desk.DeskFixture.EMMA;
import static io.itops.desk.DeskFixture.OMAR;
import static io.itops.desk.DeskFixture.SAM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.itops.shared.events.DomainEvent;
import io.itops.shared.events.Notice;
import io.itops.testing.HttpEvent;
import io.itops.testing.Invoker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tickets through the real routes on moto: who sees what, the flow, comments, reopening and auto-close. */
class TicketApiTest {
    private final DeskFixture fx = new DeskFixture();

    @Test
    void employeeRaisesTicket_itIsNumberedPrioritisedAndOnlyTheyAndStaffSeeIt() {
        JsonNode t = fx.openVpn();
        String id = t.path("ticketId").asText();
        assertEquals("SD-000001", t.path("number").asText());
        assertEquals("p2", t.path("priority").asText(), "medium impact x high urgency");
        assertEquals("new", t.path("status").asText());
        assertEquals("emma.employee", t.path("requester").asText());
        assertEquals(60, t.path("sla").path("responseTargetMinutes").asInt());
        assertFalse(t.path("sla").path("paused").asBoolean());
        assertEquals("2026-12-01T02:00:00Z", t.path("sla").path("responseDueAt").asText(), "one business hour after 09:00");
        assertEquals("SD-000002", fx.openVpn().path("number").asText());

        assertEquals(2, fx.call(HttpEvent.of("GET /me/tickets").as(EMMA)).body().path("items").size());
        assertEquals(0, fx.call(HttpEvent.of("GET /me/tickets").as(OMAR)).body().path("items").size());
        assertEquals(404, fx.get(OMAR, id).status(), "to another employee the ticket does not exist");
        assertEquals(200, fx.get(EMMA, id).status());
        assertEquals(200, fx.get(SAM, id).status());
        assertEquals(403, fx.call(HttpEvent.of("GET /tickets").as(EMMA)).status(), "the queue is for staff");
    }

    @Test
    void staffTakeAnswerAndResolve_requesterSeesPublicRepliesOnly_andIsNotified() {
        String id = fx.openVpn().path("ticketId").asText();
        JsonNode taken = fx.action(SAM, id, "take", null).body();
        assertEquals("assigned", taken.path("status").asText());
        assertEquals("sam.staff", taken.path("assignee").asText());
        fx.status(id, "in-progress");
        fx.clock.advance(Duration.ofMinutes(20));
        assertEquals(201, fx.action(SAM, id, "comments", Map.of("text", "Certificate expired on the gateway", "internal", true)).status());
        assertTrue(fx.events.ofType(Notice.DETAIL_TYPE).stream().noneMatch(e -> ((Notice) e.detail()).kind().equals("TicketReply")),
                "an internal note tells nobody");
        assertEquals(201, fx.action(SAM, id, "comments", Map.of("text", "Please reconnect now")).status());
        Notice reply = notices("TicketReply").getFirst();
        assertEquals(List.of("emma.employee"), reply.to());
        assertTrue(reply.en().contains("Please reconnect now"));

        JsonNode seen = fx.get(EMMA, id).body();
        assertEquals(1, seen.path("comments").size(), "the requester never sees internal notes");
        assertEquals("Please reconnect now", seen.path("comments").get(0).path("text").asText());
        assertEquals(20, seen.path("sla").path("responseMinutes").asInt(), "first response after 20 business minutes");
        assertEquals(2, fx.get(SAM, id).body().path("comments").size());
        assertEquals(400, fx.action(EMMA, id, "comments", Map.of("text", "x", "internal", true)).status(), "employees write no internal notes");

        JsonNode resolved = fx.call(HttpEvent.of("POST /tickets/{ticketId}/status").path("ticketId", id).as(SAM)
                .body(Map.of("status", "resolved", "resolution", "Renewed the gateway certificate"))).body();
        assertEquals("resolved", resolved.path("status").asText());
        assertTrue(resolved.path("sla").path("paused").asBoolean());
        DomainEvent event = fx.events.ofType(DeskEvents.TICKET_RESOLVED).getFirst();
        @SuppressWarnings("unchecked")
        Map<String, Object> detail = (Map<String, Object>) event.detail();
        assertEquals(id, detail.get("ticketId"));
        assertEquals(false, detail.get("resolveFault"));
        assertEquals("sam.staff", detail.get("resolvedBy"));
        assertEquals(List.of("emma.employee"), notices(DeskEvents.TICKET_RESOLVED).getFirst().to());
    }

    @Test
    void waitingOnTheRequesterPausesTheClock_andTheirReplyRestartsIt() {
        String id = fx.openVpn().path("ticketId").asText();
        fx.action(SAM, id, "take", null);
        fx.clock.advance(Duration.ofMinutes(30));
        fx.status(id, "waiting-on-requester");
        fx.clock.advance(Duration.ofHours(5));
        JsonNode waiting = fx.get(SAM, id).body();
        assertEquals(30, waiting.path("sla").path("elapsedMinutes").asInt(), "paused while waiting");
        assertTrue(waiting.path("sla").path("paused").asBoolean());
        assertFalse(waiting.path("sla").has("resolutionDueAt"));
        assertEquals(30, waiting.path("sla").path("responseMinutes").asInt(), "asking the requester is a response");

        fx.action(EMMA, id, "comments", Map.of("text", "It says certificate error"));
        JsonNode back = fx.get(SAM, id).body();
        assertEquals("in-progress", back.path("status").asText(), "the requester's answer puts it back in progress");
        fx.clock.advance(Duration.ofMinutes(10));
        assertEquals(40, fx.get(SAM, id).body().path("sla").path("elapsedMinutes").asInt());
    }

    @Test
    void theFlowRefusesMovesItDoesNotAllow_namingWhy() {
        String id = fx.openVpn().path("ticketId").asText();
        Invoker.Response skip = fx.action(SAM, id, "status", Map.of("status", "in-progress"));
        assertEquals(409, skip.status());
        assertEquals("STATUS_FLOW", skip.body().path("code").asText());
        Invoker.Response noResolution = fx.action(SAM, id, "status", Map.of("status", "resolved"));
        assertEquals(400, noResolution.status());
        assertEquals("resolution", noResolution.body().path("errors").get(0).path("field").asText());
        Invoker.Response noFault = fx.action(SAM, id, "status", Map.of("status", "resolved", "resolution", "ok", "resolveFault", true));
        assertEquals(400, noFault.status(), "no linked fault to resolve");
        assertEquals(403, fx.action(EMMA, id, "status", Map.of("status", "resolved", "resolution", "ok")).status());
        fx.action(SAM, id, "take", null);
        Invoker.Response again = fx.action(DeskFixture.TARA, id, "take", null);
        assertEquals(409, again.status());
        assertEquals("ALREADY_ASSIGNED", again.body().path("code").asText());
    }

    @Test
    void requesterReopensWithinTheWindow_afterItTheScheduleClosesIt() {
        String id = fx.openVpn().path("ticketId").asText();
        fx.action(SAM, id, "take", null);
        fx.action(SAM, id, "status", Map.of("status", "resolved", "resolution", "Restarted"));
        assertEquals(404, fx.action(OMAR, id, "reopen", Map.of("reason", "me too")).status());
        assertEquals(403, fx.action(SAM, id, "reopen", Map.of("reason", "x")).status(), "staff move tickets with /status");
        JsonNode reopened = fx.action(EMMA, id, "reopen", Map.of("reason", "Still broken")).body();
        assertEquals("in-progress", reopened.path("status").asText());
        assertEquals(1, reopened.path("reopenCount").asInt());
        assertFalse(reopened.path("sla").path("paused").asBoolean());

        fx.action(SAM, id, "status", Map.of("status", "resolved", "resolution", "Replaced the token"));
        fx.clock.advance(Duration.ofDays(6));
        fx.schedule("ticket-auto-close");
        assertEquals("resolved", fx.get(SAM, id).body().path("status").asText(), "inside the 7-day window");
        fx.clock.advance(Duration.ofDays(2));
        Invoker.Response late = fx.action(EMMA, id, "reopen", Map.of("reason", "Again"));
        assertEquals(409, late.status());
        assertEquals("REOPEN_WINDOW_PASSED", late.body().path("code").asText());
        fx.schedule("ticket-auto-close");
        JsonNode closed = fx.get(EMMA, id).body();
        assertEquals("closed", closed.path("status").asText());
        assertTrue(closed.has("closedAt"));
        assertEquals(409, fx.action(EMMA, id, "comments", Map.of("text", "hello?")).status());
    }

    @Test
    void createsHonourIdempotencyKeys() {
        HttpEvent post = HttpEvent.of("POST /tickets").as(EMMA).header("Idempotency-Key", "ticket-key-0001")
                .body(Map.of("title", "Printer jams", "category", "hardware"));
        Invoker.Response first = fx.call(post);
        Invoker.Response second = fx.call(post);
        assertEquals(201, first.status());
        assertEquals(first.body().path("ticketId"), second.body().path("ticketId"));
        assertEquals(1, fx.tickets().stream().filter(i -> "Ticket".equals(i.get("type").s())).count());
    }

    @Test
    void aCategoryQueueTakesNewTickets_andAssignWithoutAssigneeUsesIt() {
        DeskFixture queued = new DeskFixture(Map.of("CATEGORY_QUEUES", "network=neil.net"));
        JsonNode t = queued.openVpn();
        assertEquals("assigned", t.path("status").asText());
        assertEquals("neil.net", t.path("assignee").asText());
        assertEquals(List.of("neil.net"), ((Notice) queued.events.ofType(Notice.DETAIL_TYPE).getFirst().detail()).to());
        JsonNode printer = queued.open(EMMA, Map.of("title", "Printer jams", "category", "hardware"));
        Invoker.Response noQueue = queued.action(SAM, printer.path("ticketId").asText(), "assign", Map.of());
        assertEquals(400, noQueue.status());
        assertEquals("assignee", noQueue.body().path("errors").get(0).path("field").asText());
        assertEquals("tara.staff", queued.action(SAM, printer.path("ticketId").asText(), "assign", Map.of("assignee", "tara.staff"))
                .body().path("assignee").asText());
    }

    @Test
    void theQueueFiltersAndPages() {
        String vpn = fx.openVpn().path("ticketId").asText();
        fx.open(EMMA, Map.of("title", "Printer jams", "category", "hardware", "impact", "low", "urgency", "low"));
        fx.open(OMAR, Map.of("title", "Password expired", "category", "account-password", "impact", "high", "urgency", "high"));
        fx.action(SAM, vpn, "take", null);
        assertEquals(3, queue(Map.of()).path("items").size());
        assertEquals(vpn, queue(Map.of("status", "assigned")).path("items").get(0).path("ticketId").asText());
        assertEquals(1, queue(Map.of("status", "assigned")).path("items").size());
        assertEquals(1, queue(Map.of("category", "hardware")).path("items").size());
        assertEquals("p1", queue(Map.of("priority", "p1")).path("items").get(0).path("priority").asText());
        assertEquals(1, queue(Map.of("assignee", "sam.staff", "category", "network")).path("items").size());
        assertEquals(0, queue(Map.of("assignee", "sam.staff", "category", "hardware")).path("items").size());
        assertEquals(0, queue(Map.of("breached", "true")).path("items").size());
        fx.clock.advance(Duration.ofMinutes(31));
        assertEquals("p1", queue(Map.of("breached", "true")).path("items").get(0).path("priority").asText(),
                "the p1 ticket missed its 30-minute response target");
        assertEquals(2, queue(Map.of("breached", "false")).path("items").size());

        JsonNode page1 = queue(Map.of("limit", "2"));
        assertEquals(2, page1.path("items").size());
        JsonNode page2 = queue(Map.of("limit", "2", "cursor", page1.path("nextCursor").asText()));
        assertEquals(1, page2.path("items").size());
        Invoker.Response unknown = fx.call(HttpEvent.of("GET /tickets").query("colour", "red").as(SAM));
        assertEquals(400, unknown.status());
        assertEquals("query.colour", unknown.body().path("errors").get(0).path("field").asText());
        assertEquals(400, fx.call(HttpEvent.of("GET /tickets").query("status", "open").as(SAM)).status());
    }

    private JsonNode queue(Map<String, String> query) {
        HttpEvent e = HttpEvent.of("GET /tickets").as(SAM);
        for (Map.Entry<String, String> q : query.entrySet()) {
            e = e.query(q.getKey(), q.getValue());
        }
        Invoker.Response r = fx.call(e);
        assertEquals(200, r.status(), r.toString());
        return r.body();
    }

    private List<Notice> notices(String kind) {
        return fx.events.ofType(Notice.DETAIL_TYPE).stream().map(e -> (Notice) e.detail()).filter(n -> n.kind().equals(kind)).toList();
    }

    @Test
    void ticketReadOfAnUnknownIdIs404_andABadIdIs400() {
        assertEquals(404, fx.get(SAM, "01JB0000000000000000000000").status());
        assertEquals(400, fx.get(SAM, "not-an-id").status());
    }
}
