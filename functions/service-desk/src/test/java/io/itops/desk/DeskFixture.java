package io.itops.desk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.itops.shared.json.Json;
import io.itops.shared.runtime.Platform;
import io.itops.testing.Claims;
import io.itops.testing.HttpEvent;
import io.itops.testing.Invoker;
import io.itops.testing.MutableClock;
import io.itops.testing.OpenApiContract;
import io.itops.testing.RecordingEvents;
import io.itops.testing.TestSystem;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The service desk wired to its own table on moto with the template's environment (Asia/Shanghai,
 * 09:00-18:00 Monday to Friday), a movable clock starting on Tuesday 2026-12-01 at 09:00 local, and a
 * recording event sink; helpers raise and move tickets through the real routes.
 */
final class DeskFixture {
    static final String FUNCTION = "ServiceDeskFunction";
    /** Tuesday 2026-12-01 09:00 in Asia/Shanghai. */
    static final String START = "2026-12-01T01:00:00Z";
    static final Map<String, Object> EMMA = Claims.employee("emma.employee");
    static final Map<String, Object> OMAR = Claims.employee("omar.other");
    static final Map<String, Object> SAM = Claims.staff();
    static final Map<String, Object> TARA = Claims.of("tara.staff", "IT", List.of("staff"));
    final TestSystem system;
    final MutableClock clock = MutableClock.at(START);
    final RecordingEvents events = new RecordingEvents();
    final io.itops.testing.ThrottlingHttpClient throttling = new io.itops.testing.ThrottlingHttpClient();
    final Platform platform;
    final DeskService service;
    final Invoker invoker;
    final OpenApiContract contract = OpenApiContract.load();

    DeskFixture() {
        this(Map.of());
    }

    /** {@code overrides} replace template environment values (e.g. a category queue). */
    DeskFixture(Map<String, String> overrides) {
        this.system = TestSystem.create();
        Map<String, String> env = new HashMap<>(system.environment(FUNCTION));
        env.putAll(overrides);
        this.platform = new Platform(new io.itops.shared.config.Env(env), new io.itops.shared.aws.AwsClients(
                new io.itops.shared.config.Env(env), throttling.wrapper(), List.of()), clock);
        this.service = new DeskService(new TicketStore(platform.table(), platform.cursors()), events, clock, DeskConfig.from(platform.env()));
        this.invoker = new Invoker(new ServiceDeskHandler(platform, service));
    }

    /** Calls the route and checks the response against openapi.yaml. */
    Invoker.Response call(HttpEvent event) {
        Invoker.Response response = invoker.call(event);
        contract.assertValid(event.json().path("routeKey").asText(), response);
        return response;
    }

    Invoker.Response call(byte[] sample) {
        Invoker.Response response = invoker.call(sample);
        contract.assertValid(Json.tree(sample).path("routeKey").asText(), response);
        return response;
    }

    /** Raises a ticket as {@code who}; returns the ticket body. */
    JsonNode open(Map<String, Object> who, Map<String, Object> body) {
        Invoker.Response r = call(HttpEvent.of("POST /tickets").as(who).body(body));
        if (r.status() != 201) {
            throw new AssertionError("open: " + r);
        }
        return r.body();
    }

    JsonNode openVpn() {
        return open(EMMA, Map.of("title", "VPN does not connect", "description", "Since this morning", "category", "network",
                "impact", "medium", "urgency", "high"));
    }

    Invoker.Response action(Map<String, Object> who, String id, String action, Object body) {
        HttpEvent e = HttpEvent.of("POST /tickets/{ticketId}/" + action).path("ticketId", id).as(who);
        return call(body == null ? e : e.body(body));
    }

    Invoker.Response get(Map<String, Object> who, String id) {
        return call(HttpEvent.of("GET /tickets/{ticketId}").path("ticketId", id).as(who));
    }

    JsonNode status(String id, String status) {
        Invoker.Response r = action(SAM, id, "status", Map.of("status", status));
        if (r.status() != 200) {
            throw new AssertionError("status " + status + ": " + r);
        }
        return r.body();
    }

    JsonNode schedule(String name) {
        return invoker.invokeRaw(Json.bytes(Map.of("schedule", name, "scheduledTime", clock.instant().toString(),
                "executionId", UUID.randomUUID().toString())));
    }

    JsonNode deliver(String detailType, String source, String eventId, Map<String, Object> fields) {
        ObjectNode event = Json.mapper().createObjectNode();
        event.put("version", "0");
        event.put("id", UUID.randomUUID().toString());
        event.put("detail-type", detailType);
        event.put("source", source);
        event.put("account", "123456789012");
        event.put("time", clock.instant().toString());
        event.put("region", "us-east-1");
        event.putArray("resources");
        ObjectNode detail = event.putObject("detail");
        detail.put("eventId", eventId);
        detail.put("occurredAt", clock.instant().toString());
        detail.setAll((ObjectNode) Json.mapper().valueToTree(fields));
        return invoker.invokeRaw(Json.bytes(event));
    }

    List<Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue>> tickets() {
        return system.items("TICKET#");
    }
}
