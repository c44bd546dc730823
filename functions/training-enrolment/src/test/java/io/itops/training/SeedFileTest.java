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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * local/seed/20-training.json, replayed the way the dev server reads seed files: each entry is a
 * request ({@code method}, {@code path}, {@code role} or {@code user}, {@code body}); an entry with
 * {@code name} and {@code idField} lets later paths and bodies say {@code ${name}}.
 */
class SeedFileTest {
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Za-z0-9_]+)}");
    private final TrainingFixture fx = new TrainingFixture();

    @Test
    void theSeedLoadsCleanly_andLeavesAFullSessionWithAWaitlist() throws Exception {
        JsonNode seed = Json.tree(Files.readAllBytes(TemplateModel.projectRoot().resolve("local/seed/20-training.json")));
        Map<String, String> ids = new HashMap<>();
        for (JsonNode entry : seed) {
            String path = substitute(entry.path("path").asText(), ids);
            String body = substitute(Json.write(entry.path("body")), ids);
            String route = routeKey(entry.path("method").asText(), path);
            HttpEvent event = HttpEvent.of(route).body(body).as(entry.has("user")
                    ? Claims.employee(entry.path("user").asText()) : claimsFor(entry.path("role").asText()));
            parameters(route, path).forEach(event::path);
            Invoker.Response response = fx.call(event);
            assertTrue(response.status() >= 200 && response.status() < 300, entry + " -> " + response);
            if (entry.has("name")) {
                ids.put(entry.path("name").asText(), response.body().path(entry.path("idField").asText()).asText());
            }
        }
        SessionState small = SessionState.read(fx.store, ids.get("secSmall"));
        small.assertConsistent();
        assertEquals(2, small.with(EnrolmentStatus.CONFIRMED).size());
        assertEquals(List.of("chen.jing"), small.with(EnrolmentStatus.WAITLISTED));
        assertTrue(fx.store.findCourse(ids.get("secAware")).orElseThrow().mandatory());
        assertEquals(12, fx.store.findCourse(ids.get("secAware")).orElseThrow().validityMonths());
    }

    private static Map<String, Object> claimsFor(String role) {
        return switch (role) {
            case "admin" -> Claims.admin();
            case "staff" -> Claims.staff();
            default -> Claims.employee();
        };
    }

    private static String substitute(String text, Map<String, String> ids) {
        Matcher m = REFERENCE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String id = ids.get(m.group(1));
            if (id == null) {
                throw new AssertionError("${" + m.group(1) + "} is not named by an earlier entry");
            }
            m.appendReplacement(out, id);
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
