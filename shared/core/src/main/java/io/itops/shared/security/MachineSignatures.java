package io.itops.shared.security;

import io.itops.shared.error.ApiException;
import io.itops.shared.http.ApiRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies machine callbacks (backup agents, scanners): {@code X-Itops-Key-Id} names the
 * integration, {@code X-Itops-Timestamp} is epoch seconds, and {@code X-Itops-Signature} is
 * {@code v1=<hex HMAC-SHA256(secret, timestamp + "." + raw body)>}. One Secrets Manager secret per
 * kind of integration holds every key, {@code {"<key id>": "<secret>", ...}}: the key id arrives on
 * an unauthenticated route, so it selects an entry of a secret already in memory and never names a
 * secret to fetch (an unknown id costs no AWS call, and a flood of made-up ids grows no cache).
 * Rotation: add the new key beside the old one, move the agent over, remove the old one. Any failure
 * is a 401 and the caller must write nothing.
 */
public final class MachineSignatures {
    public static final String KEY_ID = "x-itops-key-id";
    public static final String TIMESTAMP = "x-itops-timestamp";
    public static final String SIGNATURE = "x-itops-signature";
    public static final Duration WINDOW = Duration.ofSeconds(300);
    private static final Pattern KEY_ID_FORMAT = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    /** Epoch seconds as openapi.yaml documents them: digits only (Long.parseLong would take "+1733..."). */
    public static final Pattern TIMESTAMP_FORMAT = Pattern.compile("[0-9]{1,12}");

    private final SecretValues secrets;
    private final String keysSecret;
    private final Clock clock;

    public MachineSignatures(SecretValues secrets, String keysSecret, Clock clock) {
        this.secrets = secrets;
        this.keysSecret = keysSecret;
        this.clock = clock;
    }

    /** Returns the verified key id. */
    public String verify(ApiRequest request) {
        String keyId = request.header(KEY_ID);
        String timestamp = request.header(TIMESTAMP);
        String signature = request.header(SIGNATURE);
        if (keyId == null || timestamp == null || signature == null) {
            throw unauthenticated("missing signature headers");
        }
        if (!KEY_ID_FORMAT.matcher(keyId).matches()) {
            throw unauthenticated("unknown key id");
        }
        if (!TIMESTAMP_FORMAT.matcher(timestamp).matches()) {
            throw unauthenticated("bad timestamp");
        }
        long seconds = Long.parseLong(timestamp);
        if (Math.abs(clock.instant().getEpochSecond() - seconds) > WINDOW.toSeconds()) {
            throw unauthenticated("timestamp outside the replay window");
        }
        byte[] secret = secrets.entry(keysSecret, keyId).orElseThrow(() -> unauthenticated("unknown key id"));
        byte[] expected = ("v1=" + sign(secret, timestamp, request.body())).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, signature.trim().getBytes(StandardCharsets.US_ASCII))) {
            throw unauthenticated("signature mismatch");
        }
        return keyId;
    }

    /** The hex signature a client computes; used by agents, scanners and tests. */
    public static String sign(byte[] secret, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update(timestamp.getBytes(StandardCharsets.US_ASCII));
            mac.update((byte) '.');
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ApiException.Unauthenticated unauthenticated(String why) {
        return new ApiException.Unauthenticated("Request signature rejected: " + why);
    }
}
