package io.itops.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.itops.shared.auth.Role;
import io.itops.shared.aws.AwsClients;
import io.itops.shared.config.Env;
import io.itops.shared.http.ApiRequest;
import io.itops.shared.http.ApiResponse;
import io.itops.shared.json.Json;
import io.itops.shared.runtime.Dispatcher;
import io.itops.shared.runtime.Platform;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the dispatcher enforces for every route: declared query parameters only, every body error reported. */
class DispatcherContractTest {
    private final TestSystem system = TestSystem.create();
    private final List<String> handled = new ArrayList<>();

    record Thing(String name, Integer size) {}

    private Dispatcher dispatcher() {
        Env env = system.env("AssetRegistrationFunction");
        Platform platform = new Platform(env, new AwsClients(env), Clock.systemUTC());
        return Dispatcher.builder(platform)
                .route("GET /things", Role.STAFF, (r, caller) -> {
                    handled.add(r.routeKey());
                    return ApiResponse.ok(Map.of());
                })
                .route("GET /things/{thingId}", Role.STAFF, (r, caller) -> {
                    handled.add(r.routeKey());
                    return ApiResponse.ok(Map.of());
                })
                .route("POST /things", Role.STAFF, (r, caller) -> {
                    Thing thing = r.json(Thing.class); // a route whose rules never call validate()
                    handled.add(r.routeKey() + " " + thing);
                    return ApiResponse.ok(Map.of());
                })
                .queryParameters("GET /things", Dispatcher.PAGE, "colour")
                .build();
    }

    private static ApiRequest request(String routeKey, Map<String, String> query, String body) {
        return new ApiRequest(routeKey, routeKey.substring(0, routeKey.indexOf(' ')), "/things", Map.of(), query,
                Map.of("content-type", "application/json"), body.getBytes(StandardCharsets.UTF_8), "req-1",
                Claims.staff(), 1000);
    }

    private static JsonNode problem(ApiResponse response) {
        return Json.tree(response.body().getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void declaredQueryParametersPass_anyOtherIsRefusedByName_beforeTheRouteRuns() {
        Dispatcher dispatcher = dispatcher();
        assertEquals(200, dispatcher.handle(request("GET /things", Map.of("limit", "5", "cursor", "c", "colour", "red"), "")).status());

        ApiResponse refused = dispatcher.handle(request("GET /things", Map.of("assetTag", "x", "limit", "5", "zz", "1"), ""));
        assertEquals(400, refused.status());
        assertEquals(List.of("query.assetTag", "query.zz"), fields(problem(refused)));
        assertEquals("is not a query parameter of this route; it takes colour, cursor, limit",
                problem(refused).path("errors").get(0).path("message").asText());

        ApiResponse none = dispatcher.handle(request("GET /things/{thingId}", Map.of("limit", "5"), ""));
        assertEquals(400, none.status());
        assertEquals("is not a query parameter of this route; it takes none", problem(none).path("errors").get(0).path("message").asText());
        assertEquals(List.of("GET /things"), handled, "refused requests reach no route");
        assertEquals(java.util.Set.of("colour", "cursor", "limit"), dispatcher.queryParameters("GET /things"));
    }

    @Test
    void bindingErrorsNoRuleReportedAreStillAnswered() {
        ApiResponse response = dispatcher().handle(request("POST /things", Map.of(), "{\"name\":null,\"size\":\"big\",\"zz\":1}"));
        assertEquals(400, response.status());
        assertEquals(List.of("name", "size", "zz"), fields(problem(response)));
    }

    @Test
    void queryParametersForNoRouteAreAMistakeFoundAtStart() {
        Env env = system.env("AssetRegistrationFunction");
        Platform platform = new Platform(env, new AwsClients(env), Clock.systemUTC());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> Dispatcher.builder(platform)
                .queryParameters("GET /nothing", "limit").build());
    }

    private static List<String> fields(JsonNode problem) {
        List<String> out = new ArrayList<>();
        problem.path("errors").forEach(e -> out.add(e.path("field").asText()));
        return out;
    }
}
