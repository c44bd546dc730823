package io.itops.backup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.itops.shared.aws.AwsClients;
import io.itops.shared.config.Env;
import io.itops.shared.events.DomainEvent;
import io.itops.shared.json.Json;
import io.itops.shared.runtime.Platform;
import io.itops.shared.security.MachineSignatures;
import io.itops.shared.store.Ids;
import io.itops.testing.Claims;
import io.itops.testing.DynamoCalls;
import io.itops.testing.HttpEvent;
import io.itops.testing.Invoker;
import io.itops.testing.MutableClock;
import io.itops.testing.OpenApiContract;
import io.itops.testing.RecordingEvents;
import io.itops.testing.TestSystem;
import io.itops.testing.ThrottlingHttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The backup function wired to its own table on moto, a movable clock, a recording event sink that
 * the test delivers onward like the bus, and an audit time budget the test controls.
 */
final class BackupFixture {
    static final String FUNCTION = "BackupAuditFunction";
    static final String AGENT = "veeam-01";
    static final String AGENT_SECRET = "agent-secret-veeam-01";

    final TestSystem system;
    final MutableClock clock = MutableClock.at("2026-12-01T00:00:00Z");
    final RecordingEvents events = new RecordingEvents();
    /** The audit's event sink: records, and can fail once like a crash between a page's writes and its checkpoint. */
    final FlakyEvents auditEvents = new FlakyEvents(events);
    final Invoker invoker;
    final DynamoCalls calls = new DynamoCalls();
    final ThrottlingHttpClient throttling = new ThrottlingHttpClient();
    final OpenApiContract contract = OpenApiContract.load();
    final BackupConfig config;
    /** Pages an audit invocation may read before its time runs out; unlimited when negative. */
    volatile int pagesPerInvocation = -1;
    /** Use the production budget (the Lambda context's remaining time) instead of {@link #pagesPerInvocation}. */
    volatile boolean lambdaDeadline;
    final BackupAuditHandler handler;

    BackupFixture() {
        this(TestSystem.create(), Map.of());
    }

    /** {@code overrides}: environment values replacing the template's (e.g. a small AUDIT_PAGE_SIZE). */
    BackupFixture(TestSystem system, Map<String, String> overrides) {
        this.system = system;
        Map<String, String> env = new LinkedHashMap<>(system.environment(FUNCTION));
        env.putAll(overrides);
        // one secret holds every agent's key: {"<agent id>": "<secret>"}
        system.aws().putSecret(env.get("AGENT_KEYS_SECRET"), Json.write(Map.of(AGENT, AGENT_SECRET)));
        Env environment = new Env(env);
        Platform platform = new Platform(environment, new AwsClients(environment, throttling.wrapper(), List.of(calls)), clock);
        this.config = BackupConfig.from(platform.env());
        this.handler = handler(platform);
        this.invoker = new Invoker(handler);
    }

    BackupAuditHandler handler(Platform platform) {
        BackupService backups = new BackupService(new BackupStore(platform.table(), platform.cursors()), clock);
        AuditService audits = new AuditService(new AuditStore(platform.table(), platform.cursors()), auditEvents, clock, config);
        Supplier<TimeBudget> budget = () -> {
            if (lambdaDeadline) {
                return TimeBudget.untilTimeout();
            }
            int allowed = pagesPerInvocation;
            if (allowed < 0) {
                return () -> true;
            }
            AtomicInteger left = new AtomicInteger(allowed);
            return () -> left.getAndDecrement() > 0;
        };
        return new BackupAuditHandler(platform, config, backups, audits, budget);
    }

    /** Calls the route and checks the response against openapi.yaml. */
    Invoker.Response call(HttpEvent event) {
        Invoker.Response response = invoker.call(event);
        contract.assertValid(event.json().path("routeKey").asText(), response);
        return response;
    }

    /** Records events; {@link #failOnce} makes the next publish of a detail-type throw (a crash at that moment). */
    static final class FlakyEvents implements io.itops.shared.events.EventSink {
        private final RecordingEvents delegate;
        private volatile String failOn;

        FlakyEvents(RecordingEvents delegate) {
            this.delegate = delegate;
        }

        void failOnce(String detailType) {
            failOn = detailType;
        }

        @Override
        public synchronized void publish(List<DomainEvent> list) {
            if (failOn != null && list.stream().anyMatch(e -> e.detailType().equals(failOn))) {
                failOn = null;
                throw new IllegalStateException("injected crash before publishing");
            }
            delegate.publish(list);
        }
    }

    // ---------------------------------------------------------------- the register's events

    /** Announces an asset as the register would (AssetRegistered with detail.asset) and returns its id. */
    String asset(String tag, String category, boolean holdsBusinessData) {
        return asset(tag, category, holdsBusinessData, "Finance");
    }

    String asset(String tag, String category, boolean holdsBusinessData, String department) {
        String id = Ids.ulid(clock);
        assetEvent("AssetRegistered", snapshot(id, tag, category, "in-service", holdsBusinessData, department, "li.lei", 1));
        return id;
    }

    static Map<String, Object> snapshot(String id, String tag, String category, String status, boolean holdsBusinessData,
                                        String department, String custodian, long version) {
        Map<String, Object> asset = new LinkedHashMap<>();
        asset.put("assetId", id);
        asset.put("assetTag", tag);
        asset.put("category", category);
        asset.put("status", status);
        asset.put("model", "PowerEdge R760");
        asset.put("department", department);
        asset.put("custodian", custodian);
        asset.put("location", "DC-1");
        asset.put("holdsBusinessData", holdsBusinessData);
        asset.put("version", version);
        return asset;
    }

    JsonNode assetEvent(String detailType, Map<String, Object> asset) {
        return assetEvent(detailType, asset, UUID.randomUUID().toString());
    }

    JsonNode assetEvent(String detailType, Map<String, Object> asset, String eventId) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("eventId", eventId);
        detail.put("occurredAt", clock.instant().toString());
        detail.put("assetId", asset.get("assetId"));
        detail.put("asset", asset);
        return bus("itops.asset", detailType, Json.mapper().valueToTree(detail));
    }

    /** Delivers an event to the function as EventBridge does. */
    JsonNode bus(String source, String detailType, JsonNode detail) {
        return invoker.invokeRaw(busEvent(source, detailType, detail));
    }

    byte[] busEvent(String source, String detailType, JsonNode detail) {
        ObjectNode event = Json.mapper().createObjectNode();
        event.put("version", "0");
        event.put("id", UUID.randomUUID().toString());
        event.put("detail-type", detailType);
        event.put("source", source);
        event.put("account", "123456789012");
        event.put("time", clock.instant().toString());
        event.put("region", "us-east-1");
        event.putArray("resources");
        event.set("detail", detail);
        return Json.bytes(event);
    }

    /** Invokes the handler as the Lambda runtime does, with {@code remainingMillis} left before the timeout. */
    void invokeWithRemaining(byte[] event, int remainingMillis) {
        io.itops.testing.TestContext base = new io.itops.testing.TestContext();
        com.amazonaws.services.lambda.runtime.Context context = new com.amazonaws.services.lambda.runtime.Context() {
            @Override public String getAwsRequestId() { return base.getAwsRequestId(); }
            @Override public String getLogGroupName() { return base.getLogGroupName(); }
            @Override public String getLogStreamName() { return base.getLogStreamName(); }
            @Override public String getFunctionName() { return base.getFunctionName(); }
            @Override public String getFunctionVersion() { return base.getFunctionVersion(); }
            @Override public String getInvokedFunctionArn() { return base.getInvokedFunctionArn(); }
            @Override public com.amazonaws.services.lambda.runtime.CognitoIdentity getIdentity() { return null; }
            @Override public com.amazonaws.services.lambda.runtime.ClientContext getClientContext() { return null; }
            @Override public int getRemainingTimeInMillis() { return remainingMillis; }
            @Override public int getMemoryLimitInMB() { return base.getMemoryLimitInMB(); }
            @Override public com.amazonaws.services.lambda.runtime.LambdaLogger getLogger() { return base.getLogger(); }
        };
        handler.handleRequest(new java.io.ByteArrayInputStream(event), new java.io.ByteArrayOutputStream(), context);
    }

    /** Delivers a recorded event of this function back to it, as the bus rule for its own source would. */
    JsonNode deliver(DomainEvent event) {
        return bus("itops.backup", event.detailType(), Json.mapper().valueToTree(event.detail()));
    }

    // ---------------------------------------------------------------- policies, reports, restore tests

    static Map<String, Object> policy() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("rpoHours", 24);
        body.put("retentionDays", 35);
        body.put("method", "incremental");
        body.put("target", "nas-01:/backups");
        body.put("encrypted", true);
        body.put("offsiteCopy", true);
        body.put("restoreTestIntervalDays", 90);
        body.put("rtoMinutes", 240);
        return body;
    }

    Invoker.Response putPolicy(String assetId, Map<String, Object> body) {
        return call(HttpEvent.of("PUT /assets/{assetId}/backup-policy").path("assetId", assetId).as(Claims.staff()).body(body));
    }

    void policy(String assetId, Map<String, Object> body) {
        Invoker.Response response = putPolicy(assetId, body);
        if (response.status() != 200) {
            throw new AssertionError("policy failed: " + response);
        }
    }

    static Map<String, Object> report(String assetId, String jobId, String status, Instant finishedAt) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("assetId", assetId);
        body.put("jobId", jobId);
        body.put("status", status);
        body.put("startedAt", finishedAt.minusSeconds(1800).toString());
        body.put("finishedAt", finishedAt.toString());
        if (!status.equals("failed")) {
            body.put("sizeBytes", 52_428_800_000L);
            body.put("location", "s3://backups/" + jobId);
            body.put("encrypted", true);
            body.put("checksum", "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
        } else {
            body.put("message", "VSS snapshot failed");
        }
        return body;
    }

    /** A report signed now by {@link #AGENT}. */
    HttpEvent signed(Object body) {
        byte[] bytes = body instanceof byte[] b ? b : Json.bytes(body);
        return signed(bytes, AGENT, AGENT_SECRET, Long.toString(clock.instant().getEpochSecond()));
    }

    static HttpEvent signed(byte[] body, String keyId, String secret, String timestamp) {
        String signature = "v1=" + MachineSignatures.sign(secret.getBytes(StandardCharsets.UTF_8), timestamp, body);
        return HttpEvent.of("POST /backup-reports").body(body)
                .header("X-Itops-Key-Id", keyId).header("X-Itops-Timestamp", timestamp).header("X-Itops-Signature", signature);
    }

    Invoker.Response sendReport(Object body) {
        return call(signed(body));
    }

    void reportJob(String assetId, String jobId, String status, Instant finishedAt) {
        Invoker.Response response = sendReport(report(assetId, jobId, status, finishedAt));
        if (response.status() != 200 || response.body().path("accepted").asInt() != 1) {
            throw new AssertionError("report failed: " + response);
        }
    }

    void restoreTest(String assetId, Instant testedAt, boolean passed, Integer minutes) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("testedAt", testedAt.toString());
        body.put("passed", passed);
        if (minutes != null) body.put("durationMinutes", minutes);
        Invoker.Response response = call(HttpEvent.of("POST /assets/{assetId}/restore-tests").path("assetId", assetId)
                .as(Claims.staff()).body(body));
        if (response.status() != 201) {
            throw new AssertionError("restore test failed: " + response);
        }
    }

    // ---------------------------------------------------------------- audits

    static byte[] schedule(String scheduledTime) {
        return Json.bytes(Map.of("schedule", "backup-audit", "scheduledTime", scheduledTime,
                "executionId", "exec-" + scheduledTime));
    }

    /**
     * Fires the schedule, then delivers every continuation the function publishes, like the bus, until
     * none is left. Returns the number of invocations used.
     */
    int runScheduledAudit(String scheduledTime) {
        int before = events.ofType(BackupEvents.CONTINUED).size();
        invoker.invokeRaw(schedule(scheduledTime));
        return 1 + deliverContinuations(before);
    }

    int deliverContinuations(int alreadyDelivered) {
        int delivered = alreadyDelivered;
        int invocations = 0;
        while (events.ofType(BackupEvents.CONTINUED).size() > delivered) {
            deliver(events.ofType(BackupEvents.CONTINUED).get(delivered++));
            invocations++;
            if (invocations > 10_000) {
                throw new AssertionError("the audit never finished");
            }
        }
        return invocations;
    }

    Invoker.Response latest() {
        return call(HttpEvent.of("GET /backup-audits/latest").as(Claims.staff()));
    }

    List<String> findingCodes(String runId, String assetId) {
        List<String> codes = new ArrayList<>();
        String cursor = null;
        do {
            HttpEvent event = HttpEvent.of("GET /backup-audits/{runId}").path("runId", runId).as(Claims.staff()).query("limit", "100");
            if (cursor != null) event.query("cursor", cursor);
            Invoker.Response response = call(event);
            for (JsonNode f : response.body().path("findings")) {
                if (f.path("assetId").asText().equals(assetId)) codes.add(f.path("code").asText());
            }
            cursor = response.body().path("nextCursor").isTextual() ? response.body().path("nextCursor").asText() : null;
        } while (cursor != null);
        return codes;
    }
}
