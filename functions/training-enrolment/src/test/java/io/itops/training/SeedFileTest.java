package io.itops.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.itops.shared.json.Json;
import io.itops.testing.Claims;
import io.itops.testing.HttpEvent;
import io.itops.testing.Invoker;
import io.itops.testing.TemplateModel;
import io.itops.training.Statuses.EnrolmentStatus;
import java.nio.file.Files;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * local/seed/20-training.json, replayed the way the dev server reads seed files: each entry is a
 * request ({@code method}, {@code path}, {@code role} or {@code user}, {@code body}); an entry with
 * {@code "as": NAME} saves its response, which later paths and bodies use as {@code ${NAME.field}}.
 */
class SeedFileTest {
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Za-z0-9_]+)\\.([A-Za-z0-9_]+)}");
    private static final Pattern TODAY = Pattern.compile("\\$\\{today([+-]\\d+)?}");
    private final TrainingFixture fx = new TrainingFixture();

    @Test
    void theSeedLoadsCleanly_andLeavesAFullSessionWithAWaitlist() throws Exception {
        JsonNode seed = Json.tree(Files.readAllBytes(TemplateModel.projectRoot().resolve("local/seed/20-training.json")));
        Map<String, JsonNode> saved = new HashMap<>();
        for (JsonNode entry : seed) {
            String path = substitute(entry.path("path").asText(), saved);
            String body = substitute(Json.write(entry.path("body")), saved);
            String route = routeKey(entry.path("method").asText(), path);
            HttpEvent event = HttpEvent.of(route).body(body).as(entry.has("user")
                    ? Claims.of(entry.path("user").path("username").asText(), entry.path("user").path("department").asText(), List.of())
                    : claimsFor(entry.path("role").asText()));
            parameters(route, path).forEach(event::path);
            Invoker.Response response = fx.call(event);
            assertTrue(response.status() >= 200 && response.status() < 300, entry + " -> " + response);
            if (entry.has("as")) {
                saved.put(entry.path("as").asText(), response.body());
            }
        }
        SessionState small = SessionState.read(fx.store, saved.get("secSmall").path("sessionId").asText());
        small.assertConsistent();
        assertEquals(2, small.with(EnrolmentStatus.CONFIRMED).size());
        assertEquals(List.of("chen.jing"), small.with(EnrolmentStatus.WAITLISTED));
        assertTrue(fx.store.findCourse(saved.get("secAware").path("courseId").asText()).orElseThrow().mandatory());
        assertEquals(12, fx.store.findCourse(saved.get("secAware").path("courseId").asText()).orElseThrow().validityMonths());
    }

    private static Map<String, Object> claimsFor(String role) {
        return switch (role) {
            case "admin" -> Claims.admin();
            case "staff" -> Claims.staff();
            default -> Claims.employee();
        };
    }

    private static String substitute(String text, Map<String, JsonNode> saved) {
        // ${today}, ${today+N}, ${today-N}: dates in UTC, as the dev server's seeder resolves them
        Matcher days = TODAY.matcher(text);
        StringBuilder dated = new StringBuilder();
        while (days.find()) {
            long offset = days.group(1) == null ? 0 : Long.parseLong(days.group(1));
            days.appendReplacement(dated, LocalDate.now(ZoneOffset.UTC).plusDays(offset).toString());
        }
        text = days.appendTail(dated).toString();
        Matcher m = REFERENCE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            JsonNode response = saved.get(m.group(1));
            if (response == null || !response.path(m.group(2)).isTextual()) {
                throw new AssertionError("${" + m.group(1) + "." + m.group(2) + "} is not saved by an earlier entry");
            }
            m.appendReplacement(out, response.path(m.group(2)).asText());
        }
        return m.appendTail(out).toString();
    }

    /** The template.yaml route whose path pattern matches the concrete path. */
    private static String routeKey(String method, String path) {
        return TemplateModel.load().function(TrainingFixture.FUNCTION).routes().stream()
                .filter(r -> r.method().equals(method) && path.matches(r.path().replaceAll("\\{[^}]+}", "[^/]+")))
                .map(TemplateModel.HttpRoute::routeKey).findFirst()
                .orElseThrow(() -> new AssertionError("no route for " + method + " " + path));
    }

    private static Map<String, String> parameters(String route, String path) {
        String[] names = route.substring(route.indexOf(' ') + 1).split("/");
        String[] values = path.split("/");
        Map<String, String> out = new HashMap<>();
        for (int i = 0; i < names.length; i++) {
            if (names[i].startsWith("{")) {
                out.put(names[i].substring(1, names[i].length() - 1), values[i]);
            }
        }
        return out;
    }
}
