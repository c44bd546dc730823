package io.itops.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.itops.testing.Invoker;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Agent reports: a result per row, idempotent by job id, nothing lost under concurrency or throttling. */
class BackupReportTest {
    private final BackupFixture fx = new BackupFixture();
    private final Instant hourAgo = fx.clock.instant().minus(Duration.ofHours(1));

    private long history(String assetId) {
        return fx.system.items("BACKUP#" + assetId).stream().filter(i -> i.get("SK").s().startsWith("JOB#")).count();
    }

    private Map<String, AttributeValue> coverage(String assetId) {
        return fx.system.items("BACKUP#" + assetId).stream().filter(i -> i.get("SK").s().equals("COVERAGE")).findFirst().orElseThrow();
    }

    @Test
    void aBatchStoresTheGoodRows_andRejectsUnknownAssetsAndInvalidRows_withAResultPerRow() {
        String server = fx.asset("SRV-0200", "server", true);
        String storage = fx.asset("STO-0200", "storage", true);
        Map<String, Object> byTag = new LinkedHashMap<>(BackupFixture.report(null, "job-b", "succeeded", hourAgo));
        byTag.remove("assetId");
        byTag.put("assetTag", "sto-0200");
        Map<String, Object> badStatus = new LinkedHashMap<>(BackupFixture.report(server, "job-d", "succeeded", hourAgo));
        badStatus.put("status", "done");
        Map<String, Object> noChecksum = new LinkedHashMap<>(BackupFixture.report(server, "job-e", "partial", hourAgo));
        noChecksum.remove("checksum");
        List<Object> rows = List.of(
                BackupFixture.report(server, "job-a", "succeeded", hourAgo),
                byTag,
                BackupFixture.report("01JF00000000000000000000ZZ", "job-c", "succeeded", hourAgo),
                badStatus,
                noChecksum,
                "not a report");

        Invoker.Response response = fx.sendReport(Map.of("reports", rows));

        assertEquals(200, response.status(), response.toString());
        JsonNode body = response.body();
        assertEquals(2, body.path("accepted").asInt());
        assertEquals(4, body.path("rejected").asInt());
        JsonNode results = body.path("results");
        assertEquals(List.of("accepted", "accepted", "rejected", "rejected", "rejected", "rejected"),
                List.of(results.get(0).path("result").asText(), results.get(1).path("result").asText(), results.get(2).path("result").asText(),
                        results.get(3).path("result").asText(), results.get(4).path("result").asText(), results.get(5).path("result").asText()));
        assertEquals(storage, results.get(1).path("assetId").asText(), "tags resolve through the projection, case-insensitively");
        assertEquals("reports[2].assetId", results.get(2).path("errors").get(0).path("field").asText());
        assertEquals("reports[3].status", results.get(3).path("errors").get(0).path("field").asText());
        assertEquals("reports[4].checksum", results.get(4).path("errors").get(0).path("field").asText());
        assertEquals("reports[5]", results.get(5).path("errors").get(0).path("field").asText());
        assertEquals(1, history(server));
        assertEquals(1, history(storage));
        assertEquals(2, fx.system.items("BACKUPJOB#").size());
    }

    @Test
    void theSameReportTwiceIsOneRecord_andReusingAJobIdForOtherContentIsRefused() {
        String id = fx.asset("SRV-0201", "server", true);
        Map<String, Object> report = BackupFixture.report(id, "job-1", "succeeded", hourAgo);

        Invoker.Response first = fx.sendReport(report);
        Invoker.Response again = fx.sendReport(report);

        assertEquals(1, first.body().path("accepted").asInt());
        assertEquals(200, again.status());
        assertEquals("duplicate", again.body().path("results").get(0).path("result").asText());
        assertEquals(1, history(id));
        String rev = coverage(id).get("rev").n();

        Map<String, Object> other = BackupFixture.report(id, "job-1", "failed", hourAgo);
        Invoker.Response reused = fx.sendReport(other);
        assertEquals(409, reused.status(), reused.toString());
        assertEquals("JOB_ID_REUSED", reused.body().path("code").asText());
        Invoker.Response reusedInBatch = fx.sendReport(Map.of("reports", List.of(other)));
        assertEquals("reports[0].jobId", reusedInBatch.body().path("results").get(0).path("errors").get(0).path("field").asText());
        assertEquals(1, history(id));
        assertEquals(rev, coverage(id).get("rev").n());
    }

    @Test
    void aSingleReportForAnUnknownAssetIs422_andAnInvalidOneIs400NamingTheFields() {
        int before = fx.system.items().size();
        Invoker.Response unknown = fx.sendReport(BackupFixture.report("01JF00000000000000000000ZZ", "job-x", "succeeded", hourAgo));
        assertEquals(422, unknown.status(), unknown.toString());
        assertEquals("assetId", unknown.body().path("errors").get(0).path("field").asText());

        Map<String, Object> invalid = new LinkedHashMap<>(BackupFixture.report("01JF00000000000000000000ZZ", "job x", "succeeded", hourAgo));
        invalid.put("finishedAt", fx.clock.instant().plus(Duration.ofHours(1)).toString());
        invalid.put("assetTag", "SRV-1");
        Invoker.Response bad = fx.sendReport(invalid);
        assertEquals(400, bad.status());
        assertEquals("[\"assetTag\",\"jobId\",\"finishedAt\"]", bad.body().path("errors").findValues("field").toString().replace(" ", ""));
        assertEquals(before, fx.system.items().size());
    }

    @Test
    void batchesOfMoreThan100OrNoReportsAreRefusedWhole() {
        String id = fx.asset("SRV-0202", "server", true);
        int before = fx.system.items().size();
        List<Object> rows = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            rows.add(BackupFixture.report(id, "job-" + i, "succeeded", hourAgo));
        }
        Invoker.Response tooMany = fx.sendReport(Map.of("reports", rows));
        assertEquals(400, tooMany.status());
        assertEquals("reports", tooMany.body().path("errors").get(0).path("field").asText());
        assertEquals(400, fx.sendReport(Map.of("reports", List.of())).status());
        Invoker.Response extra = fx.sendReport(Map.of("reports", rows.subList(0, 1), "agent", "x"));
        assertEquals("agent", extra.body().path("errors").get(0).path("field").asText());
        assertEquals(before, fx.system.items().size());

        Invoker.Response hundred = fx.sendReport(Map.of("reports", rows.subList(0, 100)));
        assertEquals(100, hundred.body().path("accepted").asInt(), hundred.toString());
        assertEquals(100, history(id));
    }

    @Test
    void concurrentReportsForOneAsset_loseNothing_andTheNewestJobWins() throws Exception {
        String id = fx.asset("SRV-0203", "server", true);
        int threads = 8;
        int perThread = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Invoker.Response>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            futures.add(pool.submit(() -> {
                List<Object> rows = new ArrayList<>();
                for (int j = 0; j < perThread; j++) {
                    int n = thread * perThread + j;
                    rows.add(BackupFixture.report(id, "job-" + n, n % 5 == 0 ? "failed" : "succeeded",
                            hourAgo.minus(Duration.ofMinutes(n))));
                }
                start.await();
                return fx.sendReport(Map.of("reports", rows));
            }));
        }
        start.countDown();
        for (Future<Invoker.Response> future : futures) {
            Invoker.Response response = future.get();
            assertEquals(200, response.status(), response.toString());
            assertEquals(perThread, response.body().path("accepted").asInt(), response.toString());
        }
        pool.shutdown();

        assertEquals(threads * perThread, history(id));
        Map<String, AttributeValue> item = coverage(id);
        assertEquals("job-0", item.get("lastJob").m().get("jobId").s(), "job-0 finished last");
        assertEquals("job-1", item.get("lastSuccess").m().get("jobId").s(), "job-0 failed; job-1 is the newest success");
    }

    @Test
    void underThrottlingEveryRowEndsStoredOrMarkedForRetry_andResendingCompletesTheBatchOnce() {
        String id = fx.asset("SRV-0204", "server", true);
        List<Object> rows = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            rows.add(BackupFixture.report(id, "job-t" + i, "succeeded", hourAgo.minus(Duration.ofMinutes(i))));
        }
        Set<String> stored = new HashSet<>();
        fx.throttling.throttle(0.3);
        for (int round = 0; round < 20 && stored.size() < rows.size(); round++) {
            Invoker.Response response = fx.sendReport(Map.of("reports", rows));
            assertTrue(response.status() == 200 || response.status() == 503, response.toString());
            if (response.status() == 503) {
                assertEquals("application/problem+json", response.header("content-type"));
                continue;
            }
            for (JsonNode result : response.body().path("results")) {
                String outcome = result.path("result").asText();
                assertTrue(Set.of("accepted", "duplicate", "retry").contains(outcome), result.toString());
                if (!outcome.equals("retry")) stored.add(result.path("jobId").asText());
            }
        }
        fx.throttling.throttle(0);
        assertTrue(fx.throttling.throttledCalls() > 0, "throttling was injected");
        assertEquals(rows.size(), stored.size(), "every row stored after resending");
        assertEquals(rows.size(), history(id), "and stored once");
        assertEquals("job-t0", coverage(id).get("lastJob").m().get("jobId").s());
    }
}
