package io.itops.asset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.itops.testing.Claims;
import io.itops.testing.HttpEvent;
import io.itops.testing.Invoker;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every list is a Query on a key or an index: the DynamoDB call counter sees no Scan. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AssetQueriesTest {
    private final AssetFixture fx = AssetFixture.instrumented();
    private String held;

    @BeforeAll
    void registerSome() {
        for (int i = 0; i < 4; i++) {
            fx.registered("Q-" + i);
        }
        Map<String, Object> server = AssetFixture.laptop("Q-SRV");
        server.put("category", "server");
        server.put("department", "IT");
        server.put("location", "DC-1");
        fx.registered(server);
        held = fx.heldBy("Q-HELD", "li.lei");
        fx.call(HttpEvent.of("POST /assets/{assetId}/faults").path("assetId", held).as(Claims.employee("li.lei"))
                .body(Map.of("summary", "Battery swells")));
        fx.call(HttpEvent.of("POST /assets/{assetId}/maintenance").path("assetId", held).as(Claims.staff())
                .body(Map.of("kind", "inspection", "performedOn", "2026-11-27", "performedBy", "sam.staff")));
    }

    Stream<Arguments> lists() {
        return Stream.of(
                Arguments.of("all", HttpEvent.of("GET /assets").as(Claims.staff()), 6),
                Arguments.of("by category", HttpEvent.of("GET /assets").as(Claims.staff()).query("category", "server"), 1),
                Arguments.of("by category and status", HttpEvent.of("GET /assets").as(Claims.staff())
                        .query("category", "laptop").query("status", "accepted"), 1),
                Arguments.of("by status", HttpEvent.of("GET /assets").as(Claims.staff()).query("status", "received"), 5),
                Arguments.of("by department", HttpEvent.of("GET /assets").as(Claims.staff()).query("department", "IT"), 1),
                Arguments.of("by custodian", HttpEvent.of("GET /assets").as(Claims.staff()).query("custodian", "li.lei"), 1),
                Arguments.of("by location", HttpEvent.of("GET /assets").as(Claims.staff()).query("location", "DC-1"), 1),
                Arguments.of("by location and category", HttpEvent.of("GET /assets").as(Claims.staff())
                        .query("location", "HQ-3F").query("category", "server"), 0),
                Arguments.of("mine", HttpEvent.of("GET /me/assets").as(Claims.employee("li.lei")), 1),
                Arguments.of("due maintenance", HttpEvent.of("GET /assets/due").as(Claims.staff())
                        .query("kind", "maintenance").query("withinDays", "365"), 6),
                Arguments.of("due warranty", HttpEvent.of("GET /assets/due").as(Claims.staff())
                        .query("kind", "warranty").query("withinDays", "30"), 0),
                Arguments.of("due audit", HttpEvent.of("GET /assets/due").as(Claims.staff())
                        .query("kind", "audit").query("withinDays", "365"), 6),
                Arguments.of("history", HttpEvent.of("GET /assets/{assetId}/history").as(Claims.staff()), 4),
                Arguments.of("faults", HttpEvent.of("GET /assets/{assetId}/faults").as(Claims.staff()), 1),
                Arguments.of("maintenance", HttpEvent.of("GET /assets/{assetId}/maintenance").as(Claims.staff()), 1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lists")
    void listsQueryAKeyOrAnIndex_neverScan(String name, HttpEvent list, int expected) {
        fx.calls.reset();

        Invoker.Response response = fx.call(list.path("assetId", held));

        assertEquals(200, response.status(), response.toString());
        assertEquals(expected, response.body().path("items").size(), name + ": " + response);
        assertEquals(0, fx.calls.count("Scan"), name + " scanned: " + fx.calls.operations());
        assertTrue(fx.calls.count("Query") >= 1, name + " reads through Query: " + fx.calls.operations());
    }

    @Test
    void pagingThroughEveryPageReturnsEachAssetOnce_withoutScan() {
        fx.calls.reset();
        List<String> tags = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            HttpEvent page = HttpEvent.of("GET /assets").as(Claims.staff()).query("limit", "2");
            if (cursor != null) page.query("cursor", cursor);
            JsonNode body = fx.call(page).body();
            body.path("items").forEach(a -> tags.add(a.path("assetTag").asText()));
            cursor = body.path("nextCursor").isTextual() ? body.path("nextCursor").asText() : null;
            pages++;
        } while (cursor != null && pages < 10);

        assertEquals(List.of("Q-0", "Q-1", "Q-2", "Q-3", "Q-HELD", "Q-SRV"), tags, "sorted by tag, each once");
        assertEquals(0, fx.calls.count("Scan"));
    }
}
