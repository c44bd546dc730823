package io.itops.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.itops.shared.json.Json;
import io.itops.shared.security.MachineSignatures;
import io.itops.testing.HttpEvent;
import io.itops.testing.InterceptingHttpClient;
import io.itops.testing.Invoker;
import io.itops.testing.TestSystem;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.SdkHttpClient;

/** The scanners' callback authenticates itself: anything not signed exactly right is a 401 and changes nothing. */
class ScanResultSignatureTest {
    private static final byte[] SAMPLE = HttpEvent.sample("security-scan/post-scan-results.json");
    private final ScanFixture fx = new ScanFixture();
    private int itemsBefore;

    @BeforeEach
    void aRequestedScan() {
        fx.sampleScan(Profile.VULNERABILITY);
        fx.clock.set(Instant.parse(ScanFixture.SAMPLE_TIME));
        itemsBefore = fx.domainItems().size();
    }

    @Test
    void theSignedSampleIsAccepted_andOpensItsFindings() {
        Invoker.Response response = fx.call(SAMPLE);

        assertEquals(200, response.status(), response.toString());
        assertEquals("completed", response.body().path("status").asText());
        assertEquals(ScanFixture.SCANNER, response.body().path("scanner").asText());
        assertEquals(3, response.body().path("summary").path("opened").asInt());
        assertEquals(1, response.body().path("summary").path("reportedBySeverity").path("critical").asInt());
        assertEquals(3, fx.findingItems().size());
        assertEquals(1, fx.events.ofType("FindingOpened").size(), "only critical and high findings are announced");
        assertEquals(1, fx.events.ofType("Notification").size());
    }

    @Test
    void aOneBitChangeAnywhereInTheBody_isRefused_andWritesNothing() {
        JsonNode sample = Json.tree(SAMPLE);
        byte[] body = sample.path("body").asText().getBytes(StandardCharsets.UTF_8);
        Random random = new Random(7);
        for (int trial = 0; trial < 25; trial++) {
            byte[] changed = body.clone();
            int index = trial == 0 ? 0 : trial == 1 ? body.length - 1 : random.nextInt(body.length);
            changed[index] ^= (byte) (1 << random.nextInt(8));
            Invoker.Response response = fx.call(withHeaders(sample, changed, sample.path("headers").path("x-itops-signature").asText()));
            assertRefused(response, "bit flipped in body byte " + index);
        }
        assertRefused(fx.call(HttpEvent.sample("security-scan/post-scan-results-tampered-body.json")), "tampered sample");
    }

    @Test
    void aOneBitChangeInTheSignature_isRefused() {
        JsonNode sample = Json.tree(SAMPLE);
        byte[] body = sample.path("body").asText().getBytes(StandardCharsets.UTF_8);
        byte[] signature = sample.path("headers").path("x-itops-signature").asText().getBytes(StandardCharsets.US_ASCII);
        for (int index : new int[] {3, 10, signature.length - 1}) {
            for (int bit = 0; bit < 7; bit++) {
                byte[] changed = signature.clone();
                changed[index] ^= (byte) (1 << bit);
                Invoker.Response response = fx.call(withHeaders(sample, body, new String(changed, StandardCharsets.US_ASCII)));
                assertRefused(response, "bit " + bit + " of signature character " + index);
            }
        }
        assertRefused(fx.call(HttpEvent.sample("security-scan/post-scan-results-bad-signature.json")), "bad signature sample");
    }

    @Test
    void aTimestamp301SecondsOldOrAhead_isRefused_while300IsWithinTheWindow() {
        byte[] body = Json.bytes(ScanFixture.completed(ScanFixture.SAMPLE_SCAN, List.of()));
        long now = fx.clock.instant().getEpochSecond();
        assertRefused(fx.call(signedAt(body, now - 301)), "301 s old");
        assertRefused(fx.call(signedAt(body, now + 301)), "301 s ahead");
        assertEquals(200, fx.call(signedAt(body, now - 300)).status(), "300 s old is inside the window");
    }

    @Test
    void anUnknownScannerOrMissingHeaders_areRefused() {
        assertRefused(fx.call(HttpEvent.sample("security-scan/post-scan-results-unknown-scanner.json")), "unknown scanner");
        JsonNode sample = Json.tree(SAMPLE);
        byte[] body = sample.path("body").asText().getBytes(StandardCharsets.UTF_8);
        for (String header : List.of("X-Itops-Key-Id", "X-Itops-Timestamp", "X-Itops-Signature")) {
            HttpEvent event = withHeaders(sample, body, sample.path("headers").path("x-itops-signature").asText()).header(header, null);
            assertRefused(fx.call(event), "without " + header);
        }
        HttpEvent badKey = withHeaders(sample, body, sample.path("headers").path("x-itops-signature").asText())
                .header("X-Itops-Key-Id", "../cursor-key");
        assertRefused(fx.call(badKey), "a key id that is not a name");
    }

    @Test
    void aSignedResultForAnotherScan_isRefusedNamingScanId() {
        Map<String, Object> body = ScanFixture.completed("01KB8R2D7E6F5G4H3J2K1M0N9Q", List.of());
        Invoker.Response response = fx.report(ScanFixture.SAMPLE_SCAN, body);
        assertEquals(400, response.status());
        assertEquals("scanId", response.body().path("errors").get(0).path("field").asText());
        assertEquals(itemsBefore, fx.domainItems().size());
    }

    @Test
    void timesAndDatesMustBeIsoText_notNumbers() {
        Map<String, Object> numeric = new java.util.LinkedHashMap<>(ScanFixture.completed(ScanFixture.SAMPLE_SCAN, List.of()));
        numeric.put("startedAt", 42);
        Invoker.Response response = fx.report(ScanFixture.SAMPLE_SCAN, numeric);
        assertEquals(400, response.status(), response.toString());
        assertEquals("startedAt", response.body().path("errors").get(0).path("field").asText());
        numeric.put("startedAt", "yesterday");
        assertEquals("startedAt", fx.report(ScanFixture.SAMPLE_SCAN, numeric).body().path("errors").get(0).path("field").asText());
        assertEquals(itemsBefore, fx.domainItems().size());
        assertEquals("requested", fx.store.scan(ScanFixture.SAMPLE_SCAN).orElseThrow().scan().status().toString());
    }

    @Test
    void whenSecretsAreUnavailable_theCallbackFailsClosedWith503_andWritesNothing() {
        ScanFixture broken = new ScanFixture(TestSystem.create(), ScanResultSignatureTest::failingSecretsManager);
        broken.sampleScan(Profile.VULNERABILITY);
        broken.clock.set(Instant.parse(ScanFixture.SAMPLE_TIME));
        int before = broken.domainItems().size();

        Invoker.Response response = broken.call(SAMPLE);

        assertEquals(503, response.status(), response.toString());
        assertTrue(response.header("retry-after") != null);
        assertEquals(before, broken.domainItems().size());
        assertEquals("requested", broken.store.scan(ScanFixture.SAMPLE_SCAN).orElseThrow().scan().status().toString());
    }

    private void assertRefused(Invoker.Response response, String why) {
        assertEquals(401, response.status(), why + ": " + response);
        assertEquals("UNAUTHENTICATED", response.body().path("code").asText(), why);
        assertEquals(itemsBefore, fx.domainItems().size(), why + ": nothing written");
        assertEquals("requested", fx.store.scan(ScanFixture.SAMPLE_SCAN).orElseThrow().scan().status().toString(), why);
        assertTrue(fx.events.ofType("FindingOpened").isEmpty(), why);
    }

    private HttpEvent withHeaders(JsonNode sample, byte[] body, String signature) {
        JsonNode headers = sample.path("headers");
        return HttpEvent.of("POST /scans/{scanId}/results").path("scanId", ScanFixture.SAMPLE_SCAN)
                .header("X-Itops-Key-Id", headers.path("x-itops-key-id").asText())
                .header("X-Itops-Timestamp", headers.path("x-itops-timestamp").asText())
                .header("X-Itops-Signature", signature)
                .body(body).base64();
    }

    private HttpEvent signedAt(byte[] body, long timestamp) {
        String signature = "v1=" + MachineSignatures.sign(ScanFixture.SCANNER_SECRET.getBytes(StandardCharsets.UTF_8),
                Long.toString(timestamp), body);
        return HttpEvent.of("POST /scans/{scanId}/results").path("scanId", ScanFixture.SAMPLE_SCAN)
                .header("X-Itops-Key-Id", ScanFixture.SCANNER).header("X-Itops-Timestamp", Long.toString(timestamp))
                .header("X-Itops-Signature", signature).body(body);
    }

    /** Answers every Secrets Manager call with a 500, as an outage would; other services pass through. */
    private static SdkHttpClient failingSecretsManager(SdkHttpClient http) {
        return new InterceptingHttpClient(http, request -> request.targets("secretsmanager.")
                ? InterceptingHttpClient.Answer.error(500, "InternalServiceError", "injected outage") : null);
    }
}
