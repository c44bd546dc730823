package io.itops.asset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.itops.shared.json.Json;
import io.itops.testing.Claims;
import io.itops.testing.HttpEvent;
import io.itops.testing.Invoker;
import io.itops.testing.TemplateModel;
import java.nio.file.Files;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * local/seed/10-assets.json, replayed as the dev server's seeder does: each entry a request; an entry
 * with {@code "as": NAME} saves its response, used later as {@code ${NAME}} (its first field ending in
 * {@code Id}) or {@code ${NAME.field}}. The seed shows each workflow: a loan due back, an asset in
 * stock with its acceptance record, an end of life ahead, a missing printer.
 */
class AssetSeedFileTest {
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Za-z0-9_.-]+?)(?:\\.([a-z][A-Za-z0-9]*))?}");
    private static final Pattern TODAY = Pattern.compile("\\$\\{today([+-]\\d+)?}");
    private final AssetFixture fx = new AssetFixture();

    @Test
    void theSeedLoadsCleanly_andShowsEveryWorkflow() throws Exception {
        fx.clock.set(Instant.now());
        JsonNode seed = Json.tree(Files.readAllBytes(TemplateModel.projectRoot().resolve("local/seed/10-assets.json")));
        Map<String, JsonNode> saved = new HashMap<>();
        for (JsonNode entry : seed) {
            String path = substitute(entry.path("path").asText(), saved);
            String body = substitute(Json.write(entry.path("body")), saved);
            String route = routeKey(entry.path("method").asText(), path);
            HttpEvent event = HttpEvent.of(route).body(body).as(entry.has("user")
                    ? Claims.of(entry.path("user").path("username").asText(), entry.path("user").path("department").asText(), List.of())
                    : switch (entry.path("role").asText()) {
                        case "admin" -> Claims.admin();
                        case "staff" -> Claims.staff();
                        default -> Claims.employee();
                    });
            parameters(route, path).forEach(event::path);
            Invoker.Response response = fx.call(event);
            assertTrue(response.status() >= 200 && response.status() < 300, entry + " -> " + response);
            if (entry.has("as")) {
                saved.put(entry.path("as").asText(), response.body());
            }
        }

        assertTrue(tags(due("return", "0")).contains("LT-0004"), "a loan due back today");
        assertTrue(tags(due("end-of-life", "60")).contains("DT-0002"));
        assertEquals(List.of("PR-0002"), tags(due("missing", "0")));
        JsonNode inStock = fx.get(saved.get("asset.LT-0005").path("assetId").asText()).body();
        assertEquals("in-stock", inStock.path("status").asText());
        assertEquals("ACC-2026-0117", inStock.path("acceptance").path("documentRef").asText());
    }

    private JsonNode due(String kind, String withinDays) {
        return fx.call(HttpEvent.of("GET /assets/due").as(Claims.staff()).query("kind", kind).query("withinDays", withinDays))
                .body().path("items");
    }

    private static List<String> tags(JsonNode items) {
        List<String> tags = new ArrayList<>();
        items.forEach(i -> tags.add(i.path("assetTag").asText()));
        return tags;
    }

    private static String substitute(String text, Map<String, JsonNode> saved) {
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
            if (response == null) {
                throw new AssertionError("${" + m.group(1) + "} is not saved by an earlier entry");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(2) != null ? response.path(m.group(2)).asText() : id(response)));
        }
        return m.appendTail(out).toString();
    }

    private static String id(JsonNode response) {
        for (Iterator<String> names = response.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (name.endsWith("Id")) {
                return response.path(name).asText();
            }
        }
        throw new AssertionError("no id in " + response);
    }

    private static String routeKey(String method, String path) {
        return TemplateModel.load().function(AssetFixture.FUNCTION).routes().stream()
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
