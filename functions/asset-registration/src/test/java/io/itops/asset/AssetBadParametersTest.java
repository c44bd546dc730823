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
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad path ids, query values and headers: a 400 problem naming {@code path.x}, {@code query.x} or {@code header.X}, nothing written. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AssetBadParametersTest {
    private static final List<String> WRITES = List.of("PutItem", "UpdateItem", "DeleteItem", "TransactWriteItems", "BatchWriteItem");
    private final AssetFixture fx = AssetFixture.instrumented();
    private String assetId;
    private String faultId;
    private String historyCursor;
    private int itemsBefore;

    @BeforeAll
    void registerOne() {
        assetId = fx.registered("PARAM-1");
        faultId = fx.call(HttpEvent.of("POST /assets/{assetId}/faults").path("assetId", assetId).as(Claims.staff())
                .body(Map.of("summary", "Noise"))).body().path("faultId").asText();
        historyCursor = fx.call(HttpEvent.of("GET /assets/{assetId}/history").path("assetId", assetId).as(Claims.staff())
                .query("limit", "1")).body().path("nextCursor").asText();
        itemsBefore = fx.system.items().size();
        fx.calls.reset();
    }

    /** Routes with an {assetId}, each with a body that would be accepted. */
    private static final List<String[]> ASSET_ROUTES = List.of(
            new String[] {"GET /assets/{assetId}", null},
            new String[] {"PATCH /assets/{assetId}", "{\"vendor\":\"Dell\"}"},
            new String[] {"POST /assets/{assetId}/transitions", "{\"to\":\"installed\"}"},
            new String[] {"POST /assets/{assetId}/checkout", "{\"custodian\":\"li.lei\"}"},
            new String[] {"POST /assets/{assetId}/checkin", "{}"},
            new String[] {"POST /assets/{assetId}/maintenance", "{\"kind\":\"repair\",\"performedOn\":\"2026-11-20\",\"performedBy\":\"x\"}"},
            new String[] {"GET /assets/{assetId}/maintenance", null},
            new String[] {"POST /assets/{assetId}/faults", "{\"summary\":\"Noise\"}"},
            new String[] {"GET /assets/{assetId}/faults", null},
            new String[] {"POST /assets/{assetId}/faults/{faultId}/resolution",
                    "{\"resolution\":\"x\",\"rootCause\":\"user\",\"causeAnalysis\":\"y\"}"},
            new String[] {"POST /assets/{assetId}/audits", "{\"found\":false}"},
            new String[] {"GET /assets/{assetId}/history", null});

    Stream<Arguments> badPathIds() {
        List<Arguments> cases = new ArrayList<>();
        for (String[] route : ASSET_ROUTES) {
            for (String bad : List.of("not-an-id", "01jdq00000000000000000000a", "01JDQ00000000000000000000", "01JDQ00000000000000000000AA",
                    "01JDQ0000000000000000000IL", "../ASSET")) {
                cases.add(Arguments.of(route[0] + " assetId=" + bad, (Supplier<HttpEvent>) () -> event(route, bad, faultId), "path.assetId"));
            }
        }
        String[] resolution = ASSET_ROUTES.get(9);
        for (String bad : List.of("fault-1", "01JDQ0000000000000000000ZZZ", "")) {
            cases.add(Arguments.of("resolution faultId=" + bad, (Supplier<HttpEvent>) () -> event(resolution, assetId, bad), "path.faultId"));
        }
        return cases.stream();
    }

    Stream<Arguments> badQueries() {
        List<Arguments> cases = new ArrayList<>();
        List<String> pagedRoutes = List.of("GET /assets", "GET /me/assets", "GET /assets/{assetId}/maintenance",
                "GET /assets/{assetId}/faults", "GET /assets/{assetId}/history", "GET /assets/due");
        for (String route : pagedRoutes) {
            for (String limit : List.of("0", "101", "-1", "ten", "2.5", "99999999999")) {
                cases.add(query(route, "limit", limit, "query.limit"));
            }
            for (String cursor : List.of("junk", "x.y", "eyJQSyI6eyJTIjoiQVNTRVQifX0.AAAA", "a".repeat(3000))) {
                cases.add(query(route, "cursor", cursor, "query.cursor"));
            }
        }
        cases.add(query("GET /assets/{assetId}/faults", "cursor", "HISTORY", "query.cursor"));
        cases.add(query("GET /assets/{assetId}/history", "cursor", "TAMPERED", "query.cursor"));
        for (String category : List.of("toaster", "LAPTOP", "network device")) {
            cases.add(query("GET /assets", "category", category, "query.category"));
        }
        for (String status : List.of("broken", "in_service", "IN-SERVICE")) {
            cases.add(query("GET /assets", "status", status, "query.status"));
        }
        for (String name : List.of("department", "custodian", "location")) {
            cases.add(query("GET /assets", name, "x".repeat(201), "query." + name));
            cases.add(query("GET /assets", name, "line\nbreak", "query." + name));
        }
        for (String kind : List.of("maintainance", "MAINTENANCE", "all")) {
            cases.add(query("GET /assets/due", "kind", kind, "query.kind"));
        }
        cases.add(Arguments.of("GET /assets/due without kind",
                (Supplier<HttpEvent>) () -> HttpEvent.of("GET /assets/due").as(Claims.staff()), "query.kind"));
        for (String days : List.of("-1", "366", "soon", "7.5")) {
            cases.add(query("GET /assets/due", "withinDays", days, "query.withinDays"));
        }
        return cases.stream();
    }

    Stream<Arguments> badHeaders() {
        String[] patch = ASSET_ROUTES.get(1);
        return Stream.of(
                Arguments.of("PATCH without If-Match", (Supplier<HttpEvent>) () -> event(patch, assetId, faultId).header("If-Match", null),
                        "header.If-Match"),
                Arguments.of("PATCH with If-Match *", (Supplier<HttpEvent>) () -> event(patch, assetId, faultId).header("If-Match", "*"),
                        "header.If-Match"),
                Arguments.of("PATCH with If-Match abc", (Supplier<HttpEvent>) () -> event(patch, assetId, faultId).header("If-Match", "\"abc\""),
                        "header.If-Match"),
                Arguments.of("registration with a short Idempotency-Key", (Supplier<HttpEvent>) () -> HttpEvent.of("POST /assets")
                        .as(Claims.staff()).header("Idempotency-Key", "short").body(AssetFixture.laptop("PARAM-2")), "header.Idempotency-Key"),
                Arguments.of("maintenance with an Idempotency-Key with spaces", (Supplier<HttpEvent>) () -> event(ASSET_ROUTES.get(5), assetId, faultId)
                        .header("Idempotency-Key", "key with spaces"), "header.Idempotency-Key"),
                Arguments.of("import with an Idempotency-Key of 129 characters", (Supplier<HttpEvent>) () -> HttpEvent.of("POST /assets/import")
                        .as(Claims.staff()).header("Idempotency-Key", "k".repeat(129))
                        .body(Map.of("rows", List.of(AssetFixture.laptop("PARAM-3")))), "header.Idempotency-Key"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badPathIds")
    void badPathIdsAreRefusedNamingTheParameter(String name, Supplier<HttpEvent> event, String field) {
        assertRefused(event.get(), field);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badQueries")
    void badQueryValuesAreRefusedNamingTheParameter(String name, Supplier<HttpEvent> event, String field) {
        assertRefused(event.get(), field);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badHeaders")
    void badHeadersAreRefusedNamingTheHeader(String name, Supplier<HttpEvent> event, String field) {
        assertRefused(event.get(), field);
    }

    @AfterAll
    void nothingWasWritten() {
        assertEquals(itemsBefore, fx.system.items().size());
    }

    private void assertRefused(HttpEvent event, String field) {
        Invoker.Response response = fx.call(event);

        assertEquals(400, response.status(), response.toString());
        assertEquals("application/problem+json", response.header("content-type"));
        JsonNode errors = response.body().path("errors");
        assertEquals(field, errors.get(0).path("field").asText(), response.toString());
        assertTrue(errors.get(0).path("message").asText().length() > 5);
        for (String write : WRITES) {
            assertEquals(0, fx.calls.count(write), "no " + write);
        }
    }

    private Arguments query(String route, String name, String value, String field) {
        return Arguments.of(route + " " + name + "=" + (value.length() > 20 ? value.substring(0, 20) + "..." : value),
                (Supplier<HttpEvent>) () -> {
                    String v = switch (value) {
                        case "HISTORY" -> historyCursor;
                        case "TAMPERED" -> historyCursor.substring(0, historyCursor.length() - 2)
                                + (historyCursor.endsWith("A") ? "BB" : "AA");
                        default -> value;
                    };
                    HttpEvent event = HttpEvent.of(route).path("assetId", assetId)
                            .as(route.equals("GET /me/assets") ? Claims.employee("li.lei") : Claims.staff());
                    if (route.equals("GET /assets/due") && !name.equals("kind")) {
                        event.query("kind", "audit");
                    }
                    return event.query(name, v);
                }, field);
    }

    private HttpEvent event(String[] route, String id, String fault) {
        HttpEvent event = HttpEvent.of(route[0]).path("assetId", id).path("faultId", fault).as(Claims.staff())
                .header("If-Match", "\"1\"");
        return route[1] == null ? event : event.body(route[1]);
    }
}
