package io.itops.scan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.itops.shared.aws.AwsClients;
import io.itops.shared.config.Env;
import io.itops.shared.json.Json;
import io.itops.shared.runtime.Platform;
import io.itops.shared.security.MachineSignatures;
import io.itops.shared.store.Ids;
import io.itops.testing.DynamoCalls;
import io.itops.testing.HttpEvent;
import io.itops.testing.Invoker;
import io.itops.testing.MutableClock;
import io.itops.testing.OpenApiContract;
import io.itops.testing.RecordingEvents;
import io.itops.testing.TestSystem;
import io.itops.testing.ThrottlingHttpClient;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The scan function wired to its own table on moto, a movable clock, a recording event sink and the
 * scanners' keys secret holding one scanner's key; helpers deliver asset events and signed scanner results.
 */
final class ScanFixture {
    static final String FUNCTION = "SecurityScanFunction";
    static final String SCANNER = "scanner-01";
    static final String SCANNER_SECRET = "local-scanner-secret-01";
    /** The time the signed sample events were made for (their X-Itops-Timestamp). */
    static final String SAMPLE_TIME = "2026-11-28T09:30:00Z";
    final TestSystem system;
    final MutableClock clock = MutableClock.at("2026-11-28T09:00:00Z");
    final RecordingEvents events = new RecordingEvents();
    final DynamoCalls calls;
    final ThrottlingHttpClient throttling = new ThrottlingHttpClient();
    final Platform platform;
    final ScanStore store;
    final Invoker invoker;
    final OpenApiContract contract = OpenApiContract.load();

    ScanFixture() {
        this(TestSystem.create());
    }

    ScanFixture(TestSystem system) {
        this(system, UnaryOperator.identity());
    }

    /** {@code http} wraps the AWS HTTP client under the throttling one (e.g. to make Secrets Manager fail). */
    ScanFixture(TestSystem system, UnaryOperator<SdkHttpClient> http) {
        this.system = system;
        Env env = system.env(FUNCTION);
        this.calls = new DynamoCalls();
        AwsClients clients = new AwsClients(env, base -> throttling.wrapper().apply(http.apply(base)), List.of(calls));
        this.platform = new Platform(env, clients, clock);
        system.aws().putSecret(env.required("SCANNER_KEYS_SECRET"), Json.write(Map.of(SCANNER, SCANNER_SECRET)));
        this.store = new ScanStore(platform.table(), platform.cursors());
        this.invoker = new Invoker(handler());
    }

    SecurityScanHandler handler() {
        return new SecurityScanHandler(platform, new ScanService(store, events, clock, ScanConfig.from(platform.env())));
    }

    /** Calls the route and checks the response against openapi.yaml. */
    Invoker.Response call(HttpEvent event) {
        Invoker.Response response = invoker.call(event);
        contract.assertValid(event.json().path("routeKey").asText(), response);
        return response;
    }

    Invoker.Response call(byte[] sample) {
        Invoker.Response response = invoker.call(sample);
        contract.assertValid(Json.tree(sample).path("routeKey").asText(), response);
        return response;
    }

    // ------------------------------------------------------------------ the register's events

    /** An asset's state as asset events carry it ({@code detail.asset}). */
    static Map<String, Object> asset(String assetId, String tag, String category, String status, String department,
                                     String custodian, long version) {
        Map<String, Object> asset = new LinkedHashMap<>();
        asset.put("assetId", assetId);
        asset.put("assetTag", tag);
        asset.put("category", category);
        asset.put("status", status);
        asset.put("model", "Model of " + tag);
        asset.put("department", department);
        asset.put("custodian", custodian);
        asset.put("location", "HQ-3F");
        asset.put("holdsBusinessData", true);
        asset.put("version", version);
        return asset;
    }

    /** Delivers an asset event as EventBridge does; returns the handler's answer. */
    JsonNode deliver(String detailType, Map<String, Object> asset) {
        return invoker.invokeRaw(busEvent(detailType, "itops.asset", UUID.randomUUID().toString(), Map.of("asset", asset)));
    }

    static byte[] busEvent(String detailType, String source, String eventId, Map<String, Object> fields) {
        ObjectNode event = Json.mapper().createObjectNode();
        event.put("version", "0");
        event.put("id", UUID.randomUUID().toString());
        event.put("detail-type", detailType);
        event.put("source", source);
        event.put("account", "123456789012");
        event.put("time", "2026-11-28T09:00:00Z");
        event.put("region", "us-east-1");
        event.putArray("resources");
        ObjectNode detail = event.putObject("detail");
        detail.put("eventId", eventId);
        detail.put("occurredAt", "2026-11-28T09:00:00Z");
        detail.setAll((ObjectNode) Json.mapper().valueToTree(fields));
        return Json.bytes(event);
    }

    /**
     * Puts an in-service asset into this function's projection through AssetUpdated (which, unlike
     * AssetRegistered and the move into service, brings no onboarding scan); returns its id.
     */
    String inService(String tag, String category, String department, String custodian) {
        String id = Ids.ulid(clock);
        deliver("AssetUpdated", asset(id, tag, category, "in-service", department, custodian, 3));
        return id;
    }

    /** An asset registered (received, not yet in service) without an onboarding scan: projected through AssetUpdated. */
    String registeredOnly(String tag) {
        String id = Ids.ulid(clock);
        deliver("AssetUpdated", asset(id, tag, "laptop", "received", "Finance", null, 1));
        return id;
    }

    /** The same, written straight through the store (for tests that need many assets quickly). */
    String projected(String tag, String category, String department) {
        String id = Ids.ulid(clock);
        store.project(AssetSnapshots.from(io.itops.shared.json.Json.mapper().valueToTree(
                Map.of("asset", asset(id, tag, category, "in-service", department, null, 3)))), clock.instant());
        return id;
    }

    /** Registers an asset (status received) through AssetRegistered; returns its id. */
    String registered(String tag, String category, String department) {
        String id = Ids.ulid(clock);
        deliver("AssetRegistered", asset(id, tag, category, "received", department, null, 1));
        return id;
    }

    // ------------------------------------------------------------------ scans and results

    Invoker.Response requestScans(Map<String, Object> body) {
        return call(HttpEvent.of("POST /scans").as(io.itops.testing.Claims.staff()).body(body));
    }

    /** Requests one on-demand scan of {@code assetId}; returns the scan id. */
    String scanOf(String assetId, String profile) {
        Invoker.Response response = requestScans(Map.of("targets", Map.of("assetIds", List.of(assetId)),
                "profile", profile, "reason", "test"));
        if (response.status() != 202) {
            throw new AssertionError("scan request failed: " + response);
        }
        return response.body().path("scans").get(0).path("scanId").asText();
    }

    /** A scanner's result, signed with the registered secret at the clock's time. */
    HttpEvent signedResult(String scanId, byte[] body) {
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        String signature = "v1=" + MachineSignatures.sign(SCANNER_SECRET.getBytes(StandardCharsets.UTF_8), timestamp, body);
        return HttpEvent.of("POST /scans/{scanId}/results").path("scanId", scanId)
                .header("X-Itops-Key-Id", SCANNER).header("X-Itops-Timestamp", timestamp).header("X-Itops-Signature", signature)
                .body(body);
    }

    Invoker.Response report(String scanId, Map<String, Object> body) {
        return call(signedResult(scanId, Json.bytes(body)));
    }

    /** A completed result reporting {@code findings}. */
    static Map<String, Object> completed(String scanId, List<Map<String, Object>> findings) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("scanId", scanId);
        body.put("status", "completed");
        body.put("engine", "OpenVAS 23.1");
        body.put("findings", findings);
        return body;
    }

    static Map<String, Object> finding(String ruleId, String severity) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("ruleId", ruleId);
        f.put("title", "Title of " + ruleId);
        f.put("severity", severity);
        f.put("evidence", "seen on port 22");
        f.put("remediation", "Upgrade");
        return f;
    }

    /** Scans a fresh asset and reports {@code findings}; returns the asset id. */
    Invoker.Response completeScan(String assetId, String profile, List<Map<String, Object>> findings) {
        String scanId = scanOf(assetId, profile);
        Invoker.Response response = report(scanId, completed(scanId, findings));
        if (response.status() != 200) {
            throw new AssertionError("result refused: " + response);
        }
        return response;
    }

    JsonNode schedule(String name) {
        ObjectNode run = Json.mapper().createObjectNode();
        run.put("schedule", name);
        run.put("scheduledTime", clock.instant().toString());
        run.put("executionId", UUID.randomUUID().toString());
        return invoker.invokeRaw(Json.bytes(run));
    }

    static final String SAMPLE_ASSET = "01KB8Q3Z4M5N6P7R8S9T0VWXYZ";
    static final String SAMPLE_SCAN = "01KB8R2D7E6F5G4H3J2K1M0N9P";

    /** The asset and the requested scan the sample result events (events/security-scan) answer. */
    Scan sampleScan(Profile profile) {
        deliver("AssetUpdated", asset(SAMPLE_ASSET, "LT-0042", "laptop", "in-service", "Finance", "li.lei", 3));
        java.time.Instant now = clock.instant();
        Scan scan = new Scan.Builder().scanId(SAMPLE_SCAN).assetId(SAMPLE_ASSET).assetTag("LT-0042").category("laptop")
                .department("Finance").location("HQ-3F").model("ThinkPad X1 Carbon Gen 12").profile(profile)
                .trigger(Trigger.ON_DEMAND).reason("sample").requestedBy("sam.staff").requestedAt(now)
                .respondBy(now.plus(java.time.Duration.ofHours(6))).status(ScanStatus.REQUESTED).build();
        store.createScans(List.of(scan));
        return scan;
    }

    // ------------------------------------------------------------------ reading the table

    List<Map<String, AttributeValue>> items(String pkPrefix) {
        return system.items(pkPrefix);
    }

    List<Map<String, AttributeValue>> scanItems() {
        return system.items("SCAN#");
    }

    List<Map<String, AttributeValue>> findingItems() {
        return system.items("FINDING#");
    }

    /** Everything this function writes, without the platform's own marks (processed events, idempotency keys). */
    List<Map<String, AttributeValue>> domainItems() {
        return system.items().stream().filter(i -> {
            String pk = i.get("PK").s();
            return pk.startsWith("SCAN") || pk.startsWith("FINDING");
        }).toList();
    }
}
