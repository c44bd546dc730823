package io.itops.desk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.itops.shared.json.Json;
import io.itops.testing.Claims;
import io.itops.testing.HttpEvent;
import io.itops.testing.Invoker;
import io.itops.testing.TemplateModel;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * local/seed/50-service-desk.json, replayed the way the dev server reads seed files ({@code role} or
 * {@code user}, {@code "as"} saves a response for {@code ${NAME.field}}): it loads cleanly and leaves a
 * ticket waiting on its requester, one assigned and one resolved.
 */
class SeedFileTest {
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Za-z0-9_]+)\\.([A-Za-z0-9_]+)}");
    private static final Pattern TODAY = Pattern.compile("\\$\\{today\\+(\\d+)}");

    @Test
    void theSeedLoadsCleanly() throws Exception {
        DeskFixture fx = new DeskFixture();
        JsonNode seed = Json.tree(Files.readAllBytes(TemplateModel.projectRoot().resolve("local/seed/50-service-desk.json")));
        Map<String, JsonNode> saved = new HashMap<>();
        for (JsonNode entry : seed) {
            String path = substitute(entry.path("path").asText(), saved);
            String[] segments = path.split("/");
            String param = segments.length > 2 ? (segments[1].equals("tickets") ? "ticketId" : "incidentId") : null;
            String route = entry.path("method").asText() + " " + (param != null ? path.replace(segments[2], "{" + param + "}") : path);
            Map<String, Object> who = entry.has("user")
                    ? Claims.of(entry.path("user").path("username").asText(), entry.path("user").path("department").asText(), List.of())
                    : switch (entry.path("role").asText()) {
                        case "staff" -> Claims.staff();
                        case "admin" -> Claims.admin();
                        default -> Claims.employee();
                    };
            HttpEvent event = HttpEvent.of(route).as(who);
            if (param != null) {
                event = event.path(param, segments[2]);
            }
            if (entry.has("body")) {
                event = event.body(substitute(Json.write(entry.path("body")), saved));
            }
            Invoker.Response response = fx.call(event);
            assertTrue(response.status() >= 200 && response.status() < 300, entry + " -> " + response);
            if (entry.has("as")) {
                saved.put(entry.path("as").asText(), response.body());
            }
        }
        assertEquals("waiting-on-requester", status(fx, saved, "tVpn"));
        assertEquals("assigned", status(fx, saved, "tPassword"));
        assertEquals("resolved", status(fx, saved, "tHowTo"));
        JsonNode incident = fx.call(HttpEvent.of("GET /incidents/{incidentId}").path("incidentId", saved.get("irPhish").path("incidentId").asText())
                .as(Claims.staff())).body();
        assertEquals("contained", incident.path("stage").asText());
        assertEquals(2, incident.path("actions").size());
    }

    private static String status(DeskFixture fx, Map<String, JsonNode> saved, String name) {
        return fx.get(DeskFixture.SAM, saved.get(name).path("ticketId").asText()).body().path("status").asText();
    }

    private static String substitute(String text, Map<String, JsonNode> saved) {
        // ${today+N}: dates in UTC, as the dev server's seeder resolves them
        Matcher days = TODAY.matcher(text);
        StringBuilder dated = new StringBuilder();
        while (days.find()) {
            days.appendReplacement(dated, java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(Long.parseLong(days.group(1))).toString());
        }
        text = days.appendTail(dated).toString();
        Matcher m = REFERENCE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, saved.get(m.group(1)).path(m.group(2)).asText());
        }
        return m.appendTail(out).toString();
    }
}
