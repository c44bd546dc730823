package io.itops.backup;

import com.sun.management.GarbageCollectionNotificationInfo;
import io.itops.backup.AuditRuns.RunState;
import io.itops.backup.Records.AuditMark;
import io.itops.backup.Records.Job;
import io.itops.backup.Records.Policy;
import io.itops.backup.Records.RestoreTest;
import io.itops.backup.Vocabulary.BackupMethod;
import io.itops.backup.Vocabulary.JobStatus;
import io.itops.shared.auth.Caller;
import io.itops.shared.auth.Role;
import io.itops.backup.BackupSchemas.JobEntry;
import io.itops.shared.aws.AwsClients;
import io.itops.shared.config.Env;
import io.itops.shared.events.DomainEvent;
import io.itops.shared.events.EventSink;
import io.itops.shared.events.AssetSnapshot;
import io.itops.shared.json.Json;
import io.itops.shared.runtime.Platform;
import io.itops.shared.store.Attributes;
import io.itops.shared.store.Ids;
import io.itops.shared.store.SingleTable;
import io.itops.testing.DynamoCalls;
import io.itops.testing.TemplateModel;
import io.itops.testing.TestSystem;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.AwsRequest;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Figures for the audit at 1k, 10k and 100k audited assets on moto: DynamoDB read requests and items
 * read per audited asset, wall time, peak heap, and the time the same calls would take at DynamoDB's
 * own latencies; beside it, in the same run, the reference a naive audit would cost (a paged Scan of
 * the whole table). Run with {@code ./itops bench backup-audit} (sizes: {@code -Dbench.sizes=...}).
 */
class BackupAuditBenchmark {
    /** Assumed DynamoDB latencies per call (same region, p50, eventually consistent reads), for the extrapolation. */
    static final Map<String, Double> DYNAMO_MS = Map.of(
            "Query", 12.0, "Scan", 12.0, "BatchWriteItem", 10.0, "UpdateItem", 6.0, "PutItem", 6.0, "GetItem", 4.0,
            "DeleteItem", 6.0, "TransactWriteItems", 12.0, "BatchGetItem", 8.0);
    static final Instant AS_OF = Instant.parse("2026-12-01T18:00:00Z");
    /** Per audited asset, the table also holds other items a Scan would read: job history, register items. */
    static final int OTHER_ITEMS_PER_ASSET = 3;
    static final double OUT_OF_SCOPE_SHARE = 0.2;
    static final double NON_COMPLIANT_SHARE = 0.1;

    /** One audit run's figures. */
    record RunFigures(long readRequests, long itemsRead, double itemsPerAsset, double requestsPerAsset, long writeRequests,
                      long nonCompliantEvents, long newFindings, double wallSeconds, double motoCallSeconds, double ownSeconds,
                      double extrapolatedSeconds, double extrapolatedParallelSeconds, long peakHeapMb, long peakAfterGcMb) {}

    /** The naive reference: a paged Scan of the whole table. */
    record ScanFigures(long requests, long itemsRead, double itemsPerAsset, double wallSeconds, double extrapolatedSeconds) {}

    record Figures(int assets, long tableItems, boolean withOtherItems, double seedSeconds, long audited, long compliant,
                   RunFigures first, RunFigures steady, ScanFigures reference) {}

    @Test
    void auditFigures() throws Exception {
        List<Integer> sizes = new ArrayList<>();
        for (String size : System.getProperty("bench.sizes", "1000,10000,100000").split(",")) {
            sizes.add(Integer.parseInt(size.trim()));
        }
        int referenceUpTo = Integer.getInteger("bench.referenceUpTo", 10_000);
        List<Figures> all = new ArrayList<>();
        for (int size : sizes) {
            Figures f = measure(size, size <= referenceUpTo);
            all.add(f);
            System.out.printf("[bench] %,d assets measured: seeding %.0f s, first run %.1f s, steady run %.1f s%n",
                    size, f.seedSeconds(), f.first().wallSeconds(), f.steady().wallSeconds());
            write(all);
        }
        print(all);
    }

    private Figures measure(int audited, boolean withReference) throws Exception {
        TestSystem system = TestSystem.create();
        Map<String, String> env = new LinkedHashMap<>(system.environment(BackupFixture.FUNCTION));
        env.put("AUDIT_PARALLELISM", "1"); // one segment at a time: call time and our time add up to the wall time exactly
        Env environment = new Env(env);
        Timing timing = new Timing();
        DynamoCalls calls = new DynamoCalls();
        // moto answers a Query or Scan in time proportional to the whole table (it sorts every item on each
        // request), so the benchmark's HTTP client and calls wait longer than the functions' production timeouts.
        AwsClients clients = new AwsClients(environment,
                http -> UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(5)).socketTimeout(Timing.MOTO_TIMEOUT).build(),
                List.of(calls, timing));
        Platform platform = new Platform(environment, clients, Clock.fixed(AS_OF, ZoneOffset.UTC));
        BackupConfig config = BackupConfig.from(platform.env());
        CountingEvents events = new CountingEvents();
        AuditStore store = new AuditStore(platform.table(), platform.cursors());
        AuditService audits = new AuditService(store, events, platform.clock(), config);
        int parallel = Integer.parseInt(system.template().function(BackupFixture.FUNCTION).environment().get("AUDIT_PARALLELISM").toString());
        Caller admin = new Caller("bench", null, null, null, Role.ADMIN, Set.of());

        // The first run is created (one TransactWriteItems) before seeding: moto deep-copies every table on each
        // transaction, which DynamoDB does not. The audit itself uses no transactions.
        String firstRun = audits.startManual(admin).runId();
        long seedStart = System.nanoTime();
        long tableItems = seed(platform.table(), audited, withReference);
        double seedSeconds = (System.nanoTime() - seedStart) / 1e9;

        RunFigures first = run(audits, store, firstRun, calls, timing, events, parallel);
        String steadyRun = audits.startManual(admin).runId(); // nothing changed since: the steady state of a daily audit
        RunFigures steady = run(audits, store, steadyRun, calls, timing, events, parallel);
        RunState last = store.latestCompleted().orElseThrow();

        ScanFigures reference = null;
        if (withReference) {
            timing.reset();
            long scanStart = System.nanoTime();
            long[] scan = scanEverything(platform, system.tableName());
            double scanWall = (System.nanoTime() - scanStart) / 1e9;
            double own = scanWall - timing.totalNanos() / 1e9;
            reference = new ScanFigures(scan[0], scan[1], (double) scan[1] / last.totals().audited(), scanWall,
                    own + scan[0] * DYNAMO_MS.get("Scan") / 1000);
        }
        return new Figures(audited, tableItems, withReference, seedSeconds, last.totals().audited(), last.totals().compliant(),
                first, steady, reference);
    }

    private static RunFigures run(AuditService audits, AuditStore store, String runId, DynamoCalls calls, Timing timing,
                                  CountingEvents events, int parallel) throws Exception {
        calls.reset();
        timing.reset();
        long eventsBefore = events.count(BackupEvents.NON_COMPLIANT);
        HeapWatch heap = new HeapWatch();
        long start = System.nanoTime();
        audits.continueRun(runId, () -> true);
        long wall = System.nanoTime() - start;
        HeapWatch.Peak peak = heap.stop();
        RunState run = store.run(runId).orElseThrow();
        if (run.totals() == null) {
            throw new AssertionError("run " + runId + " did not complete");
        }
        long readRequests = calls.count("Query") + calls.count("GetItem") + calls.count("BatchGetItem") + calls.count("Scan");
        long writes = calls.count("BatchWriteItem") + calls.count("UpdateItem") + calls.count("PutItem")
                + calls.count("TransactWriteItems") + calls.count("DeleteItem");
        double callSeconds = timing.totalNanos() / 1e9;
        double own = wall / 1e9 - callSeconds;
        double modeled = 0;
        for (String op : calls.operations()) {
            modeled += calls.count(op) * DYNAMO_MS.getOrDefault(op, 10.0) / 1000;
        }
        long audited = run.totals().audited();
        return new RunFigures(readRequests, run.totals().itemsRead(), (double) run.totals().itemsRead() / audited,
                (double) readRequests / audited, writes, events.count(BackupEvents.NON_COMPLIANT) - eventsBefore,
                run.totals().newFindings(), wall / 1e9, callSeconds, own, own + modeled,
                own / Math.min(parallel, 2) + modeled / parallel, peak.usedMb(), peak.afterGcMb());
    }

    /** Seeds coverage items (audited ones and out-of-scope ones) and other items, with BatchWriteItem. */
    private static long seed(SingleTable table, int audited, boolean otherItems) throws Exception {
        int outOfScope = (int) (audited * OUT_OF_SCOPE_SHARE);
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        long millis = AS_OF.minus(Duration.ofDays(400)).toEpochMilli();
        AtomicLong written = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<?>> pending = new ArrayList<>();
        for (int i = 0; i < audited + outOfScope; i++) {
            String id = Ids.ulid(millis + i);
            boolean inScope = i < audited;
            Coverage c = coverage(id, i, inScope);
            items.add(SingleTable.item(BackupSchemas.COVERAGE, c));
            if (inScope && otherItems) {
                for (int h = 0; h < OTHER_ITEMS_PER_ASSET; h++) {
                    Job job = new Job("hist-" + i + "-" + h, id, JobStatus.SUCCEEDED, AS_OF.minus(Duration.ofDays(h + 1)),
                            AS_OF.minus(Duration.ofDays(h + 1)).plusSeconds(900), 1L << 30, "s3://b/" + i, true, "sha256:00", null,
                            "bench", AS_OF);
                    items.add(SingleTable.item(BackupSchemas.JOB_ENTRY, new JobEntry(job, Ids.ulid(millis + i))));
                }
            }
            if (items.size() >= 500) {
                List<Map<String, AttributeValue>> chunk = items;
                items = new ArrayList<>();
                pending.add(pool.submit(() -> write(table, chunk, written)));
            }
        }
        write(table, items, written);
        for (Future<?> f : pending) f.get();
        pool.shutdown();
        return written.get();
    }

    private static void write(SingleTable table, List<Map<String, AttributeValue>> items, AtomicLong written) {
        table.batchWrite(items.stream().map(i -> WriteRequest.builder().putRequest(p -> p.item(i)).build()).toList());
        written.addAndGet(items.size());
    }

    /** 90% compliant; the rest break one rule each, in turn. */
    static Coverage coverage(String id, int i, boolean inScope) {
        AssetSnapshot asset = new AssetSnapshot(id, String.format("SRV-%06d", i), inScope ? "server" : "laptop", "in-service",
                "PowerEdge R760", "Dept-" + (i % 20), "user" + (i % 500), "DC-1", inScope, 1);
        if (!inScope) {
            return Coverage.of(asset);
        }
        boolean bad = i % 10 == 0;
        int which = (i / 10) % 5;
        Policy policy = new Policy(24, bad && which == 0 ? 30 : 35, BackupMethod.INCREMENTAL, "nas-01", !(bad && which == 1),
                !(bad && which == 2), 90, 240, AS_OF.minus(Duration.ofDays(300)), AS_OF.minus(Duration.ofDays(300)), "bench");
        Instant finished = AS_OF.minus(bad && which == 3 ? Duration.ofHours(30) : Duration.ofHours(3));
        Job good = new Job("job-" + i, id, JobStatus.SUCCEEDED, finished.minusSeconds(1800), finished, 1L << 30, "s3://b/" + i,
                true, "sha256:00", null, "bench", finished);
        RestoreTest test = new RestoreTest(Ids.ulid(AS_OF.toEpochMilli()), id, AS_OF.minus(Duration.ofDays(bad && which == 4 ? 100 : 20)),
                true, 60, null, null, AS_OF, "bench");
        return new Coverage(asset, policy, good, good, test, 1, AuditMark.NONE);
    }

    /** A naive audit's reads: every item of the table, page by page. Returns {requests, items read}. */
    private static long[] scanEverything(Platform platform, String table) {
        long requests = 0;
        long read = 0;
        Map<String, AttributeValue> start = null;
        do {
            ScanRequest.Builder request = ScanRequest.builder().tableName(table)
                    .filterExpression("SK = :coverage AND attribute_exists(GSI2PK)")
                    .expressionAttributeValues(Map.of(":coverage", Attributes.s(BackupSchemas.COVERAGE_SK)));
            if (start != null) request.exclusiveStartKey(start);
            ScanResponse response = platform.dynamo().scan(request.build());
            requests++;
            read += response.scannedCount();
            start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty() ? response.lastEvaluatedKey() : null;
        } while (start != null);
        return new long[] {requests, read};
    }

    private static void print(List<Figures> all) {
        StringBuilder out = new StringBuilder("\n=== backup-audit benchmark: moto (single-threaded), AUDIT_PARALLELISM=1 while measured ===\n");
        String format = "%-48s" + "%16s".repeat(all.size()) + "%n";
        List<Object> header = new ArrayList<>(List.of("audited assets"));
        all.forEach(f -> header.add(String.format("%,d", f.assets())));
        out.append(String.format(format, header.toArray()));
        row(out, format, all, "table items", f -> String.format("%,d", f.tableItems()));
        row(out, format, all, "  of which history items (3 per audited asset)", f -> f.withOtherItems() ? "yes" : "none (*)");
        row(out, format, all, "seeding on moto (BatchWriteItem) s", f -> String.format("%.0f", f.seedSeconds()));
        row(out, format, all, "audited / compliant", f -> f.audited() + "/" + f.compliant());
        runRows(out, format, all, "-- first run (every finding new: findings, marks, events written)", Figures::first);
        runRows(out, format, all, "-- steady run (next day, nothing changed: no marks, no events)", Figures::steady);
        out.append("-- reference: a naive audit that Scans the whole table (same table, same run)\n");
        row(out, format, all, "Scan requests", f -> f.reference() == null ? "-" : String.format("%,d", f.reference().requests()));
        row(out, format, all, "items read", f -> f.reference() == null ? "-" : String.format("%,d", f.reference().itemsRead()));
        row(out, format, all, "items read per audited asset", f -> f.reference() == null ? "-" : String.format("%.3f", f.reference().itemsPerAsset()));
        row(out, format, all, "wall time on moto s", f -> f.reference() == null ? "-" : String.format("%.1f", f.reference().wallSeconds()));
        row(out, format, all, "extrapolated to DynamoDB latency s", f -> f.reference() == null ? "-" : String.format("%.2f", f.reference().extrapolatedSeconds()));
        out.append("(*) beyond 10k the table holds only coverage items and the reference Scan is not run: moto sorts the whole\n")
                .append("    table on every Query/Scan, so both cost O(N log N) per page there (not on DynamoDB).\n");
        out.append("Assumed DynamoDB latency per call (ms): ").append(new java.util.TreeMap<>(DYNAMO_MS)).append('\n');
        out.append("Extrapolated = our code's time + Σ calls × assumed latency; parallel: our time / min(4, 2 vCPU) + calls / 4.\n");
        System.out.println(out);
    }

    private static void runRows(StringBuilder out, String format, List<Figures> all, String title,
                                java.util.function.Function<Figures, RunFigures> pick) {
        out.append(title).append('\n');
        row(out, format, all, "read requests (Query+Get+BatchGet+Scan)", f -> String.format("%,d", pick.apply(f).readRequests()));
        row(out, format, all, "read requests per audited asset", f -> String.format("%.4f", pick.apply(f).requestsPerAsset()));
        row(out, format, all, "items read (DynamoDB ScannedCount)", f -> String.format("%,d", pick.apply(f).itemsRead()));
        row(out, format, all, "items read per audited asset", f -> String.format("%.3f", pick.apply(f).itemsPerAsset()));
        row(out, format, all, "write requests", f -> String.format("%,d", pick.apply(f).writeRequests()));
        row(out, format, all, "new findings / BackupAssetNonCompliant events",
                f -> pick.apply(f).newFindings() + "/" + pick.apply(f).nonCompliantEvents());
        row(out, format, all, "wall time on moto s", f -> String.format("%.1f", pick.apply(f).wallSeconds()));
        row(out, format, all, "  in moto calls / in our code s",
                f -> String.format("%.1f/%.2f", pick.apply(f).motoCallSeconds(), pick.apply(f).ownSeconds()));
        row(out, format, all, "extrapolated to DynamoDB, 1 segment s", f -> String.format("%.2f", pick.apply(f).extrapolatedSeconds()));
        row(out, format, all, "  4 segments in parallel s", f -> String.format("%.2f", pick.apply(f).extrapolatedParallelSeconds()));
        row(out, format, all, "peak heap used, sampled MB", f -> Long.toString(pick.apply(f).peakHeapMb()));
        row(out, format, all, "peak heap after GC MB", f -> Long.toString(pick.apply(f).peakAfterGcMb()));
    }

    private static void row(StringBuilder out, String format, List<Figures> all, String label,
                            java.util.function.Function<Figures, String> value) {
        List<Object> cells = new ArrayList<>(List.of(label));
        all.forEach(f -> cells.add(value.apply(f)));
        out.append(String.format(format, cells.toArray()));
    }

    private static void write(List<Figures> all) throws Exception {
        Path dir = TemplateModel.projectRoot().resolve("bench-results");
        Files.createDirectories(dir);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("benchmark", "backup-audit");
        doc.put("emulator", "moto (single-threaded)");
        doc.put("assumedDynamoLatencyMs", DYNAMO_MS);
        doc.put("results", all);
        Files.writeString(dir.resolve("backup-audit.json"), Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(doc));
    }

    /**
     * Time spent in AWS round trips: each HTTP attempt, from the SDK's last hook before it sends the
     * request to its first hook after the response arrived. Gives every call moto's long timeouts (see above).
     */
    static final class Timing implements ExecutionInterceptor {
        static final Duration MOTO_TIMEOUT = Duration.ofMinutes(10);
        private static final ExecutionAttribute<Long> SENT_AT = new ExecutionAttribute<>("BenchSentAt");
        private final AtomicLong nanos = new AtomicLong();

        @Override
        public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
            if (!(context.request() instanceof AwsRequest request)) {
                return context.request();
            }
            return request.toBuilder()
                    .overrideConfiguration(o -> o.apiCallTimeout(MOTO_TIMEOUT).apiCallAttemptTimeout(MOTO_TIMEOUT))
                    .build();
        }

        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
            attributes.putAttribute(SENT_AT, System.nanoTime());
        }

        @Override
        public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
            long took = System.nanoTime() - attributes.getAttribute(SENT_AT);
            nanos.addAndGet(took);
            if (took > 500_000_000L) {
                System.out.printf("[bench] slow call %s: %d ms%n", attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME),
                        took / 1_000_000);
            }
        }

        long totalNanos() {
            return nanos.get();
        }

        void reset() {
            nanos.set(0);
        }
    }

    /** Counts events without keeping them, so the heap figure is the audit's own. */
    static final class CountingEvents implements EventSink {
        private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();

        @Override
        public void publish(List<DomainEvent> events) {
            events.forEach(e -> counts.computeIfAbsent(e.detailType(), k -> new AtomicLong()).incrementAndGet());
        }

        long count(String type) {
            AtomicLong n = counts.get(type);
            return n == null ? 0 : n.get();
        }
    }

    /** Peak heap: sampled every 5 ms, and the largest heap left after any collection (the live set). */
    static final class HeapWatch {
        record Peak(long usedMb, long afterGcMb) {}

        private final AtomicLong peakUsed = new AtomicLong();
        private final AtomicLong peakAfterGc = new AtomicLong();
        private final Thread sampler;
        private final List<Runnable> unsubscribe = new ArrayList<>();
        private volatile boolean running = true;

        HeapWatch() {
            System.gc();
            javax.management.NotificationListener listener = (notification, handback) -> {
                if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                    GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
                    long after = info.getGcInfo().getMemoryUsageAfterGc().entrySet().stream()
                            .filter(e -> isHeap(e.getKey())).mapToLong(e -> e.getValue().getUsed()).sum();
                    peakAfterGc.accumulateAndGet(after, Math::max);
                }
            };
            for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                NotificationEmitter emitter = (NotificationEmitter) gc;
                emitter.addNotificationListener(listener, null, null);
                unsubscribe.add(() -> {
                    try {
                        emitter.removeNotificationListener(listener);
                    } catch (Exception ignored) {
                        // already gone
                    }
                });
            }
            peakAfterGc.set(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
            sampler = new Thread(() -> {
                while (running) {
                    MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
                    peakUsed.accumulateAndGet(heap.getUsed(), Math::max);
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "heap-watch");
            sampler.setDaemon(true);
            sampler.start();
        }

        private static boolean isHeap(String pool) {
            return !(pool.contains("Metaspace") || pool.contains("Code") || pool.contains("Compressed") || pool.contains("CodeHeap"));
        }

        Peak stop() throws InterruptedException {
            running = false;
            sampler.join();
            unsubscribe.forEach(Runnable::run);
            return new Peak(peakUsed.get() >> 20, peakAfterGc.get() >> 20);
        }
    }
}
