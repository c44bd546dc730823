package io.itops.asset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.itops.testing.Claims;
import io.itops.testing.HttpEvent;
import io.itops.testing.Invoker;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/** Real threads against single-threaded moto: the store's conditions decide, nothing is lost or doubled. */
class AssetConcurrencyTest {
    private final AssetFixture fx = new AssetFixture();

    @Test
    void hundredConcurrentRegistrationsOfOneTag_createExactlyOneAsset() throws Exception {
        List<Callable<Invoker.Response>> tasks = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            tasks.add(() -> fx.register(AssetFixture.laptop("RACE-0001")));
        }

        List<Invoker.Response> responses = AssetFixture.concurrently(tasks);

        long created = responses.stream().filter(r -> r.status() == 201).count();
        long conflicts = responses.stream().filter(r -> r.status() == 409).count();
        assertEquals(1, created, "exactly one registration wins: " + statuses(responses));
        assertEquals(99, conflicts, "the rest conflict: " + statuses(responses));
        responses.stream().filter(r -> r.status() == 409).forEach(r -> {
            assertEquals("ASSET_TAG_TAKEN", r.body().path("code").asText(), r.toString());
            assertEquals("assetTag", r.body().path("field").asText());
        });
        String winner = responses.stream().filter(r -> r.status() == 201).findFirst().orElseThrow().body().path("assetId").asText();
        List<Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue>> assets = fx.system.items().stream()
                .filter(i -> "ASSET".equals(i.get("SK").s())).toList();
        assertEquals(1, assets.size(), "one asset item");
        assertEquals(winner, assets.getFirst().get("assetId").s());
        assertEquals(1, fx.system.items("ASSETTAG#").size(), "one tag item");
        assertEquals(winner, fx.system.items("ASSETTAG#RACE-0001").getFirst().get("assetId").s());
        assertEquals(1, fx.partition(winner, "HIST#").size(), "one archive entry");
        assertEquals(1, fx.events.ofType("AssetRegistered").size(), "announced once");
    }

    @Test
    void fiftyConcurrentPatchesFromOneVersion_applyExactlyOne() throws Exception {
        String id = fx.registered("RACE-0002");
        List<Callable<Invoker.Response>> tasks = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String location = "ROOM-" + i;
            tasks.add(() -> fx.call(HttpEvent.of("PATCH /assets/{assetId}").path("assetId", id).as(Claims.staff())
                    .header("If-Match", "\"1\"").body(Map.of("location", location))));
        }

        List<Invoker.Response> responses = AssetFixture.concurrently(tasks);

        List<Invoker.Response> applied = responses.stream().filter(r -> r.status() == 200).toList();
        List<Invoker.Response> conflicts = responses.stream().filter(r -> r.status() == 409).toList();
        assertEquals(1, applied.size(), "one update applies: " + statuses(responses));
        assertEquals(49, conflicts.size(), statuses(responses));
        conflicts.forEach(r -> assertEquals("VERSION_CONFLICT", r.body().path("code").asText(), r.toString()));
        Invoker.Response now = fx.get(id);
        assertEquals(2, now.body().path("version").asLong(), "final version is 2");
        assertEquals(applied.getFirst().body().path("location").asText(), now.body().path("location").asText(),
                "the stored asset is the one update that answered 200");
        assertEquals("\"2\"", now.header("etag"));
        assertEquals(2, fx.partition(id, "HIST#").size(), "registration + one update in the archive");
        assertEquals(1, fx.events.ofType("AssetUpdated").size());
    }

    @Test
    void concurrentDuplicatesOfOneIdempotencyKey_createOneAsset_andReplayOrAskToRetry() throws Exception {
        List<Callable<Invoker.Response>> tasks = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            tasks.add(() -> fx.call(HttpEvent.of("POST /assets").as(Claims.staff())
                    .header("Idempotency-Key", "race-key-0003").body(AssetFixture.laptop("RACE-0003"))));
        }

        List<Invoker.Response> responses = AssetFixture.concurrently(tasks);

        List<Invoker.Response> first = responses.stream()
                .filter(r -> r.status() == 201 && r.header("idempotency-replayed") == null).toList();
        assertEquals(1, first.size(), "one request does the work: " + statuses(responses));
        for (Invoker.Response r : responses) {
            if (r.status() == 201) {
                assertEquals(first.getFirst().rawBody(), r.rawBody(), "a replay is the first response");
            } else {
                assertEquals(409, r.status(), "otherwise in progress: " + r);
                assertEquals("IDEMPOTENCY_IN_PROGRESS", r.body().path("code").asText());
                assertNotNull(r.header("retry-after"), "409 says when to retry");
                assertTrue(Integer.parseInt(r.header("retry-after")) >= 1);
            }
        }
        assertEquals(1, fx.system.items().stream().filter(i -> "ASSET".equals(i.get("SK").s())).count(), "one asset item");
        assertEquals(1, fx.system.items("ASSETTAG#").size());
        assertEquals(1, fx.events.ofType("AssetRegistered").size());
    }

    private static String statuses(List<Invoker.Response> responses) {
        Map<Integer, Long> counts = new java.util.TreeMap<>();
        responses.forEach(r -> counts.merge(r.status(), 1L, Long::sum));
        return counts + " first: " + responses.stream().filter(r -> r.status() >= 500).findFirst().map(Object::toString).orElse("");
    }
}
