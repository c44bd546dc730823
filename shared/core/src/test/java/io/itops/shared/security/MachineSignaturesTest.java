package io.itops.shared.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.itops.shared.error.ApiException;
import io.itops.shared.http.ApiRequest;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Machine callbacks: every header, the key id format, the ±300 s window at its edges, every bit of the MAC. */
class MachineSignaturesTest {
    private static final String KEYS = "itops/test/scanners";
    private static final byte[] BODY = "{\"findings\":[]}".getBytes(StandardCharsets.UTF_8);
    private final FakeSecrets aws = new FakeSecrets().with(KEYS, "{\"openvas-1\":\"s3cret-one\",\"edr-2\":\"s3cret-two\"}");
    private final FakeSecrets.TestClock clock = new FakeSecrets.TestClock("2026-12-02T09:00:00Z");
    private final MachineSignatures signatures = new MachineSignatures(new SecretValues(aws, clock), KEYS, clock);

    private long now() {
        return clock.instant().getEpochSecond();
    }

    private static String signature(String secret, String timestamp, byte[] body) {
        return "v1=" + MachineSignatures.sign(secret.getBytes(StandardCharsets.UTF_8), timestamp, body);
    }

    private static ApiRequest request(Map<String, String> headers, byte[] body) {
        return new ApiRequest("POST /scans/{scanId}/results", "POST", "/scans/x/results", Map.of(), Map.of(), headers, body,
                "req-1", Map.of(), 1 << 20);
    }

    private static Map<String, String> headers(String keyId, String timestamp, String signature) {
        Map<String, String> h = new HashMap<>();
        if (keyId != null) h.put(MachineSignatures.KEY_ID, keyId);
        if (timestamp != null) h.put(MachineSignatures.TIMESTAMP, timestamp);
        if (signature != null) h.put(MachineSignatures.SIGNATURE, signature);
        return h;
    }

    private ApiRequest signedAt(long epochSeconds) {
        String ts = Long.toString(epochSeconds);
        return request(headers("openvas-1", ts, signature("s3cret-one", ts, BODY)), BODY);
    }

    private static void rejected(String why, Runnable verify) {
        ApiException.Unauthenticated e = assertThrows(ApiException.Unauthenticated.class, verify::run);
        assertEquals("Request signature rejected: " + why, e.getMessage());
        assertEquals("UNAUTHENTICATED", e.code());
    }

    @Test
    void signIsHmacSha256OfTimestampDotBodyInLowerHex() {
        // python3: hmac.new(b'key', b'1700000000.{"a":1}', hashlib.sha256).hexdigest()
        assertEquals(KNOWN, MachineSignatures.sign("key".getBytes(StandardCharsets.US_ASCII), "1700000000",
                "{\"a\":1}".getBytes(StandardCharsets.US_ASCII)));
    }

    private static final String KNOWN = "a438e398bfafc57e4396bb7fc2304422f0f768e965d073ca313cb52e22e6ad03";

    @Test
    void aCorrectSignatureReturnsItsKeyIdForEachKeyOfTheSecret() {
        assertEquals("openvas-1", signatures.verify(signedAt(now())));
        String ts = Long.toString(now());
        assertEquals("edr-2", signatures.verify(request(headers("edr-2", ts, signature("s3cret-two", ts, BODY)), BODY)));
        assertEquals(1, aws.calls.get(), "one secret holds every key");
    }

    @Test
    void surroundingWhitespaceOfTheSignatureHeaderIsIgnored() {
        String ts = Long.toString(now());
        assertEquals("openvas-1", signatures.verify(request(headers("openvas-1", ts, "  " + signature("s3cret-one", ts, BODY) + " "), BODY)));
    }

    @Test
    void theWindowIsThreeHundredSecondsEitherWayInclusive() {
        assertEquals("openvas-1", signatures.verify(signedAt(now() - 300)));
        assertEquals("openvas-1", signatures.verify(signedAt(now() + 300)));
        rejected("timestamp outside the replay window", () -> signatures.verify(signedAt(now() - 301)));
        rejected("timestamp outside the replay window", () -> signatures.verify(signedAt(now() + 301)));
        assertEquals(1, aws.calls.get(), "a stale request costs no further secret fetch");
    }

    @Test
    void aReplayOutsideTheWindowIsRefusedEvenWithAValidSignature() {
        ApiRequest request = signedAt(now());
        clock.advanceSeconds(300);
        assertEquals("openvas-1", signatures.verify(request));
        clock.advanceSeconds(1);
        rejected("timestamp outside the replay window", () -> signatures.verify(request));
    }

    @Test
    void eachMissingHeaderIsRefusedBeforeAnySecretIsRead() {
        String ts = Long.toString(now());
        String sig = signature("s3cret-one", ts, BODY);
        rejected("missing signature headers", () -> signatures.verify(request(headers(null, ts, sig), BODY)));
        rejected("missing signature headers", () -> signatures.verify(request(headers("openvas-1", null, sig), BODY)));
        rejected("missing signature headers", () -> signatures.verify(request(headers("openvas-1", ts, null), BODY)));
        assertEquals(0, aws.calls.get());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "has space", "slash/path", "semi;colon", "\u00e9t\u00e9", "a\nb"})
    void aKeyIdOutsideTheFormatIsUnknownWithoutAnAwsCall(String keyId) {
        String ts = Long.toString(now());
        rejected("unknown key id", () -> signatures.verify(request(headers(keyId, ts, signature("s3cret-one", ts, BODY)), BODY)));
        assertEquals(0, aws.calls.get());
    }

    @Test
    void aKeyIdOfSixtyFourCharactersIsLookedUpAndSixtyFiveIsNot() {
        String ts = Long.toString(now());
        String id64 = "a".repeat(64);
        String id65 = "a".repeat(65);
        aws.with(KEYS, "{\"" + id64 + "\":\"k64\",\"" + id65 + "\":\"k65\",\"A-z_0.9\":\"kx\"}");
        assertEquals(id64, signatures.verify(request(headers(id64, ts, signature("k64", ts, BODY)), BODY)));
        assertEquals("A-z_0.9", signatures.verify(request(headers("A-z_0.9", ts, signature("kx", ts, BODY)), BODY)));
        assertEquals("a", new MachineSignatures(new SecretValues(new FakeSecrets().with(KEYS, "{\"a\":\"k1\"}"), clock), KEYS, clock)
                .verify(request(headers("a", ts, signature("k1", ts, BODY)), BODY)));
        rejected("unknown key id", () -> signatures.verify(request(headers(id65, ts, signature("k65", ts, BODY)), BODY)));
    }

    @Test
    void anIdNotInTheSecretIsUnknown() {
        String ts = Long.toString(now());
        rejected("unknown key id", () -> signatures.verify(request(headers("made-up", ts, signature("guess", ts, BODY)), BODY)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "1.5", "0x10", "99999999999999999999"})
    void aTimestampThatIsNotEpochSecondsIsRefused(String timestamp) {
        rejected("bad timestamp", () -> signatures.verify(request(headers("openvas-1", timestamp, signature("s3cret-one", timestamp, BODY)), BODY)));
    }

    @Test
    void aSignedOrPaddedTimestampIsRefusedBeforeTheSignatureIsChecked_evenWhenItSignsCorrectly() {
        long now = now();
        for (String timestamp : List.of("+" + now, "-" + now, " " + now, now + " ", now + "\n")) {
            rejected("bad timestamp", () -> signatures.verify(request(headers("openvas-1", timestamp, signature("s3cret-one", timestamp, BODY)), BODY)));
        }
        assertEquals(0, aws.calls.get(), "no secret read for a malformed timestamp");
    }

    @Test
    void twelveDigitsAreTheLongestTimestamp() {
        String thirteen = "0" + "0".repeat(11) + "1";
        rejected("bad timestamp", () -> signatures.verify(request(headers("openvas-1", thirteen, signature("s3cret-one", thirteen, BODY)), BODY)));
        String twelve = "0".repeat(12 - Long.toString(now()).length()) + now();
        assertEquals("openvas-1", signatures.verify(request(headers("openvas-1", twelve, signature("s3cret-one", twelve, BODY)), BODY)));
    }

    @Test
    void aOneBitChangeInTheBodyTheTimestampTheSignatureOrTheKeyIsRefused() {
        String ts = Long.toString(now());
        String good = signature("s3cret-one", ts, BODY);
        byte[] flipped = BODY.clone();
        flipped[3] ^= 1;
        rejected("signature mismatch", () -> signatures.verify(request(headers("openvas-1", ts, good), flipped)));
        String otherTs = Long.toString(now() - 1);
        rejected("signature mismatch", () -> signatures.verify(request(headers("openvas-1", otherTs, good), BODY)));
        char[] chars = good.toCharArray();
        chars[chars.length - 1] = chars[chars.length - 1] == '0' ? '1' : '0';
        rejected("signature mismatch", () -> signatures.verify(request(headers("openvas-1", ts, new String(chars)), BODY)));
        rejected("signature mismatch", () -> signatures.verify(request(headers("openvas-1", ts, good.substring(3)), BODY)));
        rejected("signature mismatch", () -> signatures.verify(request(headers("openvas-1", ts, good.toUpperCase()), BODY)));
        rejected("signature mismatch", () -> signatures.verify(request(headers("edr-2", ts, good), BODY)));
        rejected("signature mismatch", () -> signatures.verify(request(headers("openvas-1", ts, good + "00"), BODY)));
    }

    @Test
    void secretsManagerDownFailsClosedWithA503() {
        aws.down = true;
        assertThrows(ApiException.Unavailable.class, () -> signatures.verify(signedAt(now())));
    }
}
