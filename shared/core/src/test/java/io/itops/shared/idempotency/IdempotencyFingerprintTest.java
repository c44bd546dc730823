package io.itops.shared.idempotency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.itops.shared.http.ApiRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The request fingerprint an Idempotency-Key is bound to: method, path and body, nothing else. */
class IdempotencyFingerprintTest {
    private static ApiRequest request(String method, String path, String body, Map<String, String> headers) {
        return new ApiRequest(method + " " + path, method, path, Map.of(), Map.of(), headers,
                body.getBytes(StandardCharsets.UTF_8), "req-1", Map.of(), 1 << 20);
    }

    private static String fingerprint(String method, String path, String body) {
        return Idempotency.fingerprint(request(method, path, body, Map.of()));
    }

    @Test
    void itIsSha256OfMethodSpacePathNewlineBodyInLowerHex() {
        // python3: hashlib.sha256(b'POST /assets\n{"tag":"IT-1"}').hexdigest()
        assertEquals(KNOWN, fingerprint("POST", "/assets", "{\"tag\":\"IT-1\"}"));
    }

    private static final String KNOWN = "9eeab4693c2c670427e423581155c8f5380044e1d0c26a048ebc1ac18444e452";

    @Test
    void theSameRequestHasTheSameFingerprintWhateverItsHeadersOrRequestId() {
        ApiRequest a = request("POST", "/assets", "{}", Map.of("idempotency-key", "key-00001"));
        ApiRequest b = new ApiRequest("POST /assets", "POST", "/assets", Map.of(), Map.of("x", "y"),
                Map.of("idempotency-key", "key-00001", "user-agent", "other"), "{}".getBytes(StandardCharsets.UTF_8),
                "req-2", Map.of("sub", "someone"), 1 << 20);
        assertEquals(Idempotency.fingerprint(a), Idempotency.fingerprint(b));
    }

    @Test
    void aDifferentMethodPathOrBodyChangesIt() {
        String base = fingerprint("POST", "/assets", "{\"a\":1}");
        assertNotEquals(base, fingerprint("PUT", "/assets", "{\"a\":1}"));
        assertNotEquals(base, fingerprint("POST", "/assets/1", "{\"a\":1}"));
        assertNotEquals(base, fingerprint("POST", "/assets", "{\"a\":2}"));
        assertNotEquals(base, fingerprint("POST", "/assets", "{\"a\":1} "));
        // the separators keep "method path" and body apart
        assertNotEquals(fingerprint("POST", "/a", "b"), fingerprint("POST", "/ab", ""));
    }
}
