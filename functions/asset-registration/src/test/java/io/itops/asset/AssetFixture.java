package io.itops.asset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.itops.shared.json.Json;
import io.itops.shared.runtime.Platform;
import io.itops.testing.Claims;
import io.itops.testing.DynamoCalls;
import io.itops.testing.HttpEvent;
import io.itops.testing.Invoker;
import io.itops.testing.MutableClock;
import io.itops.testing.OpenApiContract;
import io.itops.testing.RecordingEvents;
import io.itops.testing.TestSystem;
import io.itops.testing.ThrottlingHttpClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The asset function wired to its own table on moto, a movable clock and a recording event sink. */
final class AssetFixture {
    static final String FUNCTION = "AssetRegistrationFunction";
    final TestSystem system;
    final MutableClock clock = MutableClock.at("2026-11-28T09:00:00Z");
    final RecordingEvents events = new RecordingEvents();
    final Invoker invoker;
    final OpenApiContract contract = OpenApiContract.load();
    /** Counts the function's DynamoDB calls (only on an {@link #instrumented()} fixture). */
    final DynamoCalls calls;
    /** Throttles the function's DynamoDB calls on demand (only on an {@link #instrumented()} fixture). */
    final ThrottlingHttpClient throttling;

    AssetFixture() {
        this(TestSystem.create());
    }

    AssetFixture(TestSystem system) {
        this.system = system;
        this.calls = null;
        this.throttling = null;
        this.invoker = new Invoker(handler(system.platform(FUNCTION, clock)));
    }

    private AssetFixture(TestSystem system, boolean instrumented) {
        this.system = system;
        TestSystem.Instrumented probe = system.instrumented(FUNCTION, clock);
        this.calls = probe.calls();
        this.throttling = probe.throttling();
        this.invoker = new Invoker(handler(probe.platform()));
    }

    /** A fixture whose function talks to DynamoDB through the call counter and the throttling client. */
    static AssetFixture instrumented() {
        return new AssetFixture(TestSystem.create(), true);
    }

    AssetRegistrationHandler handler(Platform platform) {
        AssetService service = new AssetService(new AssetStore(platform.table(), platform.cursors()),
                events, clock, AssetConfig.from(platform.env()));
        return new AssetRegistrationHandler(platform, service);
    }

    /** Calls the route and checks the response against openapi.yaml. */
    Invoker.Response call(HttpEvent event) {
        Invoker.Response response = invoker.call(event);
        contract.assertValid(event.json().path("routeKey").asText(), response);
        return response;
    }

    Invoker.Response register(Map<String, Object> body) {
        return call(HttpEvent.of("POST /assets").as(Claims.staff()).body(body));
    }

    static Map<String, Object> laptop(String tag) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("assetTag", tag);
        body.put("category", "laptop");
        body.put("model", "ThinkPad X1 Carbon Gen 12");
        body.put("vendor", "Lenovo");
        body.put("department", "Finance");
        body.put("location", "HQ-3F");
        body.put("holdsBusinessData", true);
        body.put("maintenanceIntervalDays", 180);
        body.put("purchase", Map.of("date", "2026-01-15", "cost", 12999.00, "currency", "CNY", "supplier", "JD Enterprise"));
        body.put("warrantyEnd", "2029-01-14");
        return body;
    }

    String registered(String tag) {
        return registered(laptop(tag));
    }

    String registered(Map<String, Object> body) {
        Invoker.Response response = register(body);
        if (response.status() != 201) {
            throw new AssertionError("registration failed: " + response);
        }
        return response.body().path("assetId").asText();
    }

    /** Registers an asset and hands it to {@code custodian} through acceptance (in the "accepted" stage). */
    String heldBy(String tag, String custodian) {
        String id = registered(tag);
        Invoker.Response accepted = call(HttpEvent.of("POST /assets/{assetId}/transitions").path("assetId", id)
                .as(Claims.staff()).body(Map.of("to", "accepted", "custodian", custodian)));
        if (accepted.status() != 200) {
            throw new AssertionError("acceptance failed: " + accepted);
        }
        return id;
    }

    Invoker.Response get(String assetId) {
        return call(HttpEvent.of("GET /assets/{assetId}").path("assetId", assetId).as(Claims.staff()));
    }

    /** Items of one asset's partition whose sort key starts with {@code prefix}. */
    List<Map<String, AttributeValue>> partition(String assetId, String skPrefix) {
        return system.dynamo().queryPaginator(q -> q.tableName(system.tableName()).consistentRead(true)
                        .keyConditionExpression("PK = :pk")
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("ASSET#" + assetId))))
                .items().stream().filter(i -> i.get("SK").s().startsWith(skPrefix)).toList();
    }

    /** The item with this key, if any (read directly, not through the function). */
    Map<String, AttributeValue> item(String pk, String sk) {
        Map<String, AttributeValue> item = system.dynamo().getItem(g -> g.tableName(system.tableName()).consistentRead(true)
                .key(Map.of("PK", AttributeValue.fromS(pk), "SK", AttributeValue.fromS(sk)))).item();
        return item == null || item.isEmpty() ? null : item;
    }

    /** Invokes the handler with a bus event (as EventBridge delivers it) and returns its answer. */
    JsonNode deliver(String source, String detailType, Object detail) {
        return invoker.invokeRaw(Json.bytes(busEvent(source, detailType, detail)));
    }

    static ObjectNode busEvent(String source, String detailType, Object detail) {
        ObjectNode event = Json.mapper().createObjectNode();
        event.put("version", "0");
        event.put("id", UUID.randomUUID().toString());
        event.put("detail-type", detailType);
        event.put("source", source);
        event.put("account", "123456789012");
        event.put("time", "2026-11-28T09:00:00Z");
        event.put("region", "us-east-1");
        event.putArray("resources");
        event.set("detail", Json.mapper().valueToTree(detail));
        return event;
    }

    /** Runs every task on its own thread, released together, and returns the results in task order. */
    static <T> List<T> concurrently(List<Callable<T>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> task : tasks) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
