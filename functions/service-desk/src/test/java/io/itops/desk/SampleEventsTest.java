package io.itops.desk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.itops.shared.chat.ChatCommand;
import io.itops.shared.json.Json;
import io.itops.testing.Invoker;
import io.itops.testing.TemplateModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every sample in events/service-desk is handled as it says: routes answer as documented (checked against openapi.yaml), never 5xx. */
class SampleEventsTest {
    /** The ticket the samples act on, raised by emma.employee before they run. */
    static final String SAMPLE_TICKET = "01JC0000000000000000000042";
    private static final Map<String, Integer> EXPECTED = new TreeMap<>(Map.ofEntries(
            Map.entry("get-my-tickets.json", 200), Map.entry("get-service-desk-metrics.json", 200),
            Map.entry("get-service-desk-metrics-bad.json", 400), Map.entry("get-ticket-bad-id.json", 400),
            Map.entry("get-ticket.json", 200), Map.entry("get-tickets.json", 200), Map.entry("get-tickets-bad-query.json", 400),
            Map.entry("get-tickets-breached.json", 200), Map.entry("get-tickets-employee.json", 403),
            Map.entry("post-ticket-1-take.json", 200), Map.entry("post-ticket-2-status.json", 200),
            Map.entry("post-ticket-3-comment.json", 201), Map.entry("post-ticket-4-comment-internal.json", 201),
            Map.entry("post-ticket-5-status-bad.json", 400), Map.entry("post-ticket-6-resolve.json", 200),
            Map.entry("post-ticket-7-reopen.json", 200), Map.entry("post-ticket-assign.json", 200),
            Map.entry("post-tickets.json", 201), Map.entry("post-tickets-bad.json", 400),
            Map.entry("post-ticket-8-escalate.json", 201), Map.entry("post-incidents.json", 201), Map.entry("post-incidents-bad.json", 400),
            Map.entry("get-incidents.json", 200), Map.entry("get-incident-unknown.json", 404),
            Map.entry("post-incident-timeline-unknown.json", 404), Map.entry("post-incident-timeline-bad.json", 400),
            Map.entry("post-incident-actions-unknown.json", 404), Map.entry("post-incident-action-done-unknown.json", 404),
            Map.entry("post-incident-investigation-bad.json", 400)));

    @Test
    void everySampleIsHandled() throws IOException {
        DeskFixture fx = new DeskFixture();
        fx.service.create(fx.service.draft("VPN does not connect", null, Category.NETWORK, Level.MEDIUM, Level.HIGH, Source.API,
                "emma.employee", "Emma", "Finance").ticketId(SAMPLE_TICKET).build(), null);
        List<Path> samples;
        try (Stream<Path> files = Files.list(TemplateModel.projectRoot().resolve("events/service-desk"))) {
            samples = files.sorted().toList();
        }
        int http = 0;
        for (Path file : samples) {
            String name = file.getFileName().toString();
            byte[] sample = Files.readAllBytes(file);
            JsonNode event = Json.tree(sample);
            if (event.has("routeKey")) {
                Invoker.Response response = fx.call(sample);
                assertTrue(EXPECTED.containsKey(name), "expected status listed for " + name);
                assertEquals(EXPECTED.get(name), response.status(), name + ": " + response);
                http++;
            } else {
                JsonNode answer = fx.invoker.invokeRaw(sample);
                assertEquals("ok", answer.path("status").asText(), name + ": " + answer);
            }
        }
        assertEquals(EXPECTED.size(), http, "every HTTP sample was sent");
        assertEquals(4, fx.events.ofType(ChatCommand.REPLY_DETAIL_TYPE).size(), "every chat sample answered");
        JsonNode mine = fx.call(io.itops.testing.HttpEvent.of("GET /me/tickets").as(DeskFixture.EMMA).query("limit", "100")).body();
        // the sample ticket, post-tickets, the fault, the joiner and leaver (manager emma), three from chat
        assertEquals(8, mine.path("items").size(), mine.toString());
        // the critical finding, post-incidents and the escalated sample ticket
        assertEquals(3, fx.call(io.itops.testing.HttpEvent.of("GET /incidents").as(DeskFixture.SAM)).body().path("items").size());
    }
}
