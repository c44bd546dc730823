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
        return new Platform(env, new AwsClients(env, UnaryOperator.identity(), calls), Clock.systemUTC());
    }

    private static Dispatcher dispatcher(Platform platform) {
        return Dispatcher.builder(platform).route("GET /things", Role.STAFF, (request, caller) -> ApiResponse.ok(Map.of())).build();
    }

    @Test
    void beforeCheckpointReadsTheTableAndSendsASyntheticEventThroughTheDispatcher() {
        Platform platform = platform(Map.of());
        Priming priming = new Priming(platform, dispatcher(platform));

        priming.beforeCheckpoint(null);

        assertEquals(1, calls.count("GetItem"), "one real DynamoDB read: " + calls.operations());
        assertEquals(0, system.aws().clients().dynamo().scan(r -> r.tableName(system.tableName())).count(),
                "priming writes nothing");
        JsonNode answer = Json.tree(priming.prime().getBytes(StandardCharsets.UTF_8));
        assertEquals(404, answer.path("statusCode").asInt(), answer.toString());
        assertTrue(answer.path("body").asText().contains("ROUTE_NOT_FOUND"), answer.toString());
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
