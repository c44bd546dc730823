package io.itops.asset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.itops.testing.Claims;
import io.itops.testing.HttpEvent;
import io.itops.testing.Invoker;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * DynamoDB throttles half of the function's calls (enough that some outlive the client's four
 * attempts): every request ends complete (2xx) or 503 with Retry-After and no change, never 500,
 * and the table never holds half of a change.
 */
class AssetThrottlingTest {
    private static final int ASSETS = 40;
    private final AssetFixture fx = AssetFixture.instrumented();
    private final Map<Integer, Integer> statuses = new ConcurrentSkipListMap<>();

    @Test
    void underThrottlingEveryRequestEndsCompleteOr503_andNoChangeIsHalfWritten() throws Exception {
        fx.throttling.throttle(0.5);
        // requests run on parallel threads so the SDK's back-off pauses overlap
        List<Callable<Invoker.Response>> registrations = new ArrayList<>();
        for (int i = 0; i < ASSETS; i++) {
            Map<String, Object> body = AssetFixture.laptop("TH-" + i);
            body.put("serialNumber", "SN-" + i);
            String key = "throttle-" + i;
            registrations.add(() -> answered(HttpEvent.of("POST /assets").as(Claims.staff())
                    .header("Idempotency-Key", key).body(body), 201));
        }
        List<String> ids = AssetFixture.concurrently(registrations).stream().filter(r -> r.status() == 201)
                .map(r -> r.body().path("assetId").asText()).toList();
        // each step on each asset happens once; its answer says whether the table changed
        Map<String, Boolean> patched = new ConcurrentHashMap<>();
        Map<String, Boolean> installed = new ConcurrentHashMap<>();
        List<Callable<Invoker.Response>> changes = new ArrayList<>();
        for (String id : ids) {
            changes.add(() -> {
                patched.put(id, answered(HttpEvent.of("PATCH /assets/{assetId}").path("assetId", id).as(Claims.staff())
                        .header("If-Match", "\"1\"").body(Map.of("location", "MOVED")), 200).status() == 200);
                installed.put(id, answered(HttpEvent.of("POST /assets/{assetId}/transitions").path("assetId", id)
                        .as(Claims.staff()).body(Map.of("to", "installed")), 200).status() == 200);
                answered(HttpEvent.of("POST /assets/{assetId}/faults").path("assetId", id).as(Claims.staff())
                        .body(Map.of("summary", "Fan noise")), 201);
                return answered(HttpEvent.of("GET /assets/{assetId}/history").path("assetId", id).as(Claims.staff()), 200);
            });
        }
        AssetFixture.concurrently(changes);
        answered(HttpEvent.of("GET /assets").as(Claims.staff()).query("department", "Finance"), 200);
        answered(HttpEvent.of("GET /assets/due").as(Claims.staff()).query("kind", "audit").query("withinDays", "365"), 200);
        fx.throttling.throttle(0);

        assertTrue(fx.throttling.throttledCalls() > 50, "throttling was really injected: " + fx.throttling.throttledCalls());
        assertTrue(statuses.getOrDefault(503, 0) > 0, "some requests gave up: " + statuses);
        assertTrue(!ids.isEmpty() && patched.containsValue(true) && installed.containsValue(true),
                "and others got through: " + statuses);
        assertEquals(Set.of(), Set.copyOf(statuses.keySet().stream().filter(s -> s != 200 && s != 201 && s != 503).toList()),
                "only 2xx and 503: " + statuses);

        List<Map<String, AttributeValue>> items = fx.system.items();
        Map<String, Map<String, AttributeValue>> assets = new HashMap<>();
        Map<String, String> tags = new HashMap<>();
        Map<String, String> serials = new HashMap<>();
        Map<String, Integer> history = new HashMap<>();
        Map<String, Integer> faults = new HashMap<>();
        for (Map<String, AttributeValue> item : items) {
            String pk = item.get("PK").s();
            String sk = item.get("SK").s();
            if (sk.equals("ASSET")) assets.put(item.get("assetId").s(), item);
            else if (sk.equals("ASSETTAG")) tags.put(pk.substring("ASSETTAG#".length()), item.get("assetId").s());
            else if (sk.equals("ASSETSERIAL")) serials.put(pk.substring("ASSETSERIAL#".length()), item.get("assetId").s());
            else if (sk.startsWith("HIST#")) history.merge(pk.substring("ASSET#".length()), 1, Integer::sum);
            else if (sk.startsWith("FAULT#")) faults.merge(pk.substring("ASSET#".length()), 1, Integer::sum);
        }
        assertEquals(ids.size(), assets.size(), "an asset item for each 201, none for a 503");
        assertEquals(Set.copyOf(ids), assets.keySet());
        for (Map.Entry<String, Map<String, AttributeValue>> entry : assets.entrySet()) {
            String id = entry.getKey();
            Map<String, AttributeValue> asset = entry.getValue();
            String tag = asset.get("assetTag").s();
            assertEquals(id, tags.get(tag), "the tag item of " + tag);
            assertEquals(id, serials.get(asset.get("serialNumber").s()), "the serial item of " + tag);
            long version = Long.parseLong(asset.get("version").n());
            long expectedVersion = 1 + (patched.get(id) ? 1 : 0) + (installed.get(id) ? 1 : 0);
            assertEquals(expectedVersion, version, tag + ": one version per change answered 200");
            assertEquals(patched.get(id) ? "MOVED" : "HQ-3F", asset.get("location").s(), tag + ": PATCH applied iff it answered 200");
            assertEquals(installed.get(id) ? "installed" : "received", asset.get("status").s(), tag + ": transition applied iff 200");
            assertEquals(version + faults.getOrDefault(id, 0), (long) history.getOrDefault(id, 0),
                    tag + ": one archive entry per change and per fault");
        }
        assertEquals(assets.size(), tags.size(), "no tag item without its asset");
        assertEquals(assets.size(), serials.size(), "no serial item without its asset");
        assertEquals(assets.keySet(), Set.copyOf(history.keySet()), "no archive without its asset");
    }

    /** Calls a route under throttling: the answer must be {@code expected} or a 503 that says when to retry. */
    private Invoker.Response answered(HttpEvent event, int expected) {
        Invoker.Response r = fx.call(event);
        statuses.merge(r.status(), 1, Integer::sum);
        if (r.status() == 503) {
            assertNotNull(r.header("retry-after"), "503 carries Retry-After: " + r);
            assertEquals("application/problem+json", r.header("content-type"));
            assertEquals("SERVICE_UNAVAILABLE", r.body().path("code").asText());
        } else {
            assertEquals(expected, r.status(), r.toString());
        }
        return r;
    }
}
