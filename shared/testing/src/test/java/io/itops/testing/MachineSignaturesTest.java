package io.itops.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.itops.shared.aws.AwsClients;
import io.itops.shared.config.Env;
import io.itops.shared.error.ApiException;
import io.itops.shared.http.ApiRequest;
import io.itops.shared.security.MachineSignatures;
import io.itops.shared.security.SecretValues;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Machine callbacks choose their key id, unauthenticated: an id selects an entry of the one secret
 * that holds the integration's keys, so made-up ids cost no AWS call. Secrets Manager is answered in
 * memory through the SDK's HTTP seam; no network.
 */
class MachineSignaturesTest {
    private static final Instant NOW = Instant.parse("2026-12-02T09:00:00Z");
    private final AtomicInteger fetches = new AtomicInteger();
    private final MutableClock clock = MutableClock.at(NOW.toString());

    private MachineSignatures signatures(String keysJson) {
        Map<String, String> vars = new HashMap<>(LocalAws.baseEnvironment("http://secrets.invalid"));
        AwsClients clients = new AwsClients(new Env(vars), http -> new InterceptingHttpClient(http, request -> {
            fetches.incrementAndGet();
            String json = "{\"Name\":\"itops/test/scanners\",\"SecretString\":" + io.itops.shared.json.Json.write(keysJson) + "}";
            return InterceptingHttpClient.Answer.json(200, json);
        }), List.of());
        return new MachineSignatures(new SecretValues(clients.secrets(), clock), "itops/test/scanners", clock);
    }

    private ApiRequest signed(String keyId, String secret, byte[] body) {
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        Map<String, String> headers = Map.of(MachineSignatures.KEY_ID, keyId, MachineSignatures.TIMESTAMP, timestamp,
                MachineSignatures.SIGNATURE, "v1=" + MachineSignatures.sign(secret.getBytes(StandardCharsets.UTF_8), timestamp, body));
        return new ApiRequest("POST /scans/{scanId}/results", "POST", "/scans/x/results", Map.of(), Map.of(), headers, body,
                "req-1", Map.of(), 1 << 20);
    }

    @Test
    void aKnownKeyVerifiesAndAThousandMadeUpIdsCostNoFurtherCall() {
        MachineSignatures signatures = signatures("{\"openvas-1\":\"s3cret-one\",\"edr-2\":\"s3cret-two\"}");
        byte[] body = "{\"findings\":[]}".getBytes(StandardCharsets.UTF_8);

        assertEquals("openvas-1", signatures.verify(signed("openvas-1", "s3cret-one", body)));
        assertEquals("edr-2", signatures.verify(signed("edr-2", "s3cret-two", body)));
        for (int i = 0; i < 1000; i++) {
            String madeUp = "probe-" + UUID.randomUUID().toString().substring(0, 8);
            ApiException.Unauthenticated e = assertThrows(ApiException.Unauthenticated.class,
                    () -> signatures.verify(signed(madeUp, "guess", body)));
            assertEquals("Request signature rejected: unknown key id", e.getMessage());
        }

        assertEquals(1, fetches.get(), "one GetSecretValue for the integration's keys, however many ids were tried");
    }

    @Test
    void anotherKeysSecretIsNeverAccepted() {
        MachineSignatures signatures = signatures("{\"openvas-1\":\"s3cret-one\"}");
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);

        assertThrows(ApiException.Unauthenticated.class, () -> signatures.verify(signed("openvas-1", "s3cret-two", body)));
        assertThrows(ApiException.Unauthenticated.class, () -> signatures.verify(signed("toString", "x", body)),
                "a key id that is no entry of the object");
    }

    @Test
    void keysAreFetchedAgainAfterTheirFiveMinutes() {
        MachineSignatures signatures = signatures("{\"openvas-1\":\"s3cret-one\"}");
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        signatures.verify(signed("openvas-1", "s3cret-one", body));

        signatures.verify(signed("openvas-1", "s3cret-one", body));
        assertEquals(1, fetches.get(), "cached");

        clock.advance(java.time.Duration.ofMinutes(5).plusSeconds(1));
        assertEquals("openvas-1", signatures.verify(signed("openvas-1", "s3cret-one", body)));

        assertEquals(2, fetches.get(), "rotation takes effect within five minutes");
    }
}
