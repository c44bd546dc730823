package io.itops.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.itops.shared.auth.Role;
import io.itops.shared.aws.AwsClients;
import io.itops.shared.config.Env;
import io.itops.shared.http.ApiResponse;
import io.itops.shared.json.Json;
import io.itops.shared.runtime.Dispatcher;
import io.itops.shared.runtime.FunctionHandler;
import io.itops.shared.runtime.Platform;
import io.itops.shared.runtime.Priming;
import io.itops.shared.store.Ids;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The SnapStart priming code path, run locally against moto: beforeCheckpoint really reads
 * DynamoDB and sends a synthetic event through the dispatcher; afterRestore re-seeds the ULIDs.
 */
class PrimingTest {
    private final TestSystem system = TestSystem.create();
    private final DynamoCalls calls = new DynamoCalls();

    private Platform platform(Map<String, String> extra) {
        Map<String, String> vars = new HashMap<>(system.aws().functionEnvironment(system.template(), "AssetRegistrationFunction",
                Map.of("ItopsTable", system.tableName(), "ItopsBus", system.busName(), "CursorKeySecret", system.cursorKeySecret())));
        vars.putAll(extra);
        Env env = new Env(vars);
        return new Platform(env, new AwsClients(env, UnaryOperator.identity(), java.util.List.of(calls)), Clock.systemUTC());
    }

    private final java.util.List<String> primed = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** A route that reads, and one that writes an item and publishes an event, as real routes do. */
    private Dispatcher dispatcher(Platform platform) {
        return Dispatcher.builder(platform)
                .route("GET /things/{thingId}", Role.STAFF, (request, caller) -> {
                    primed.add(request.routeKey() + " " + request.pathParameter("thingId") + " " + caller.role() + " " + request.query());
                    return ApiResponse.ok(Map.of());
                })
                .route("POST /things", Role.ADMIN, (request, caller) -> {
                    primed.add(request.routeKey() + " " + new String(request.body(), StandardCharsets.UTF_8));
                    platform.dynamo().putItem(r -> r.tableName(platform.tableName()).item(io.itops.shared.store.Attributes.key("THING#1", "A")));
                    return ApiResponse.ok(Map.of());
                })
                .queryParameters("GET /things/{thingId}", Dispatcher.PAGE)
                .build();
    }

    @Test
    void beforeCheckpointReadsTheTableAndSendsASyntheticEventThroughTheDispatcher() {
        Platform platform = platform(Map.of());
        Priming priming = new Priming(platform, dispatcher(platform));

        priming.beforeCheckpoint(null);

        assertEquals(1, calls.count("GetItem"), "one real DynamoDB read: " + calls.operations());
        assertEquals(1, calls.count("GetSecretValue"), "one real Secrets Manager read: " + calls.operations());
        assertEquals(java.util.List.of("GET /things/{thingId} 00000000000000000000000000 ADMIN {}",
                        "GET /things/{thingId} 00000000000000000000000000 ADMIN {limit=1}", "POST /things {}"), primed,
                "every authenticated route ran, as an admin, on an id that does not exist; GET routes with and without a query");
        assertEquals(1, calls.count("PutItem"), "the route's write was attempted...");
        assertEquals(0, system.aws().clients().dynamo().scan(r -> r.tableName(system.tableName())).count(),
                "...and refused before it was sent: priming writes nothing");
        platform.dynamo().putItem(r -> r.tableName(platform.tableName()).item(io.itops.shared.store.Attributes.key("AFTER#1", "A")));
        assertEquals(1, system.aws().clients().dynamo().scan(r -> r.tableName(system.tableName())).count(),
                "writes work again once priming is over");
        JsonNode answer = Json.tree(priming.prime().getBytes(StandardCharsets.UTF_8));
        assertEquals(404, answer.path("statusCode").asInt(), answer.toString());
        assertTrue(answer.path("body").asText().contains("ROUTE_NOT_FOUND"), answer.toString());
    }

    @Test
    void afterRestoreDropsCachedSecretsSoTheRestoredCopyReadsItsOwn() {
        Platform platform = platform(Map.of());
        Priming priming = new Priming(platform, dispatcher(platform));
        platform.secrets().require(system.cursorKeySecret());
        platform.secrets().require(system.cursorKeySecret());
        assertEquals(1, calls.count("GetSecretValue"), "cached");

        priming.afterRestore(null);
        platform.secrets().require(system.cursorKeySecret());

        assertEquals(2, calls.count("GetSecretValue"), "fetched again after the restore");
    }

    @Test
    void afterRestoreReseedsTheUlidSequence() {
        Platform platform = platform(Map.of());
        Priming priming = new Priming(platform, dispatcher(platform));
        long millis = 1_764_320_400_000L;
        String before = Ids.ulid(millis);
        String next = Ids.ulid(millis);
        assertEquals(before.substring(0, 18), next.substring(0, 18), "same millisecond: monotonic, same random high bits");

        priming.afterRestore(null);

        String restored = Ids.ulid(millis);
        assertEquals(before.substring(0, 10), restored.substring(0, 10), "same time part");
        assertNotEquals(before.substring(10, 18), restored.substring(10, 18), "fresh random bits after a restore");
    }

    @Test
    void aSnapStartInitialisationRegistersPrimingAndStillServes() throws Exception {
        Platform platform = platform(Map.of("AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start"));
        FunctionHandler handler = new FunctionHandler(dispatcher(platform)) {};
        byte[] event = HttpEvent.of("GET /nowhere").bytes();
        var out = new java.io.ByteArrayOutputStream();
        handler.handleRequest(new java.io.ByteArrayInputStream(event), out, null);
        assertEquals(404, Json.tree(out.toByteArray()).path("statusCode").asInt(), "the handler built during a SnapStart init serves as usual");
    }
}
