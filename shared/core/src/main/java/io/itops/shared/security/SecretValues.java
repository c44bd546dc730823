package io.itops.shared.security;

import io.itops.shared.aws.SecretsClient;
import io.itops.shared.error.ApiException;
import io.itops.shared.observability.Log;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Secrets from AWS Secrets Manager, fetched on first use and cached for a few minutes so rotation
 * takes effect without a deploy. When Secrets Manager cannot be reached the caller gets a 503:
 * signed endpoints fail closed, never open. (Secrets Manager rather than SSM: CloudFormation can
 * generate secrets, so no value is ever typed by hand.)
 */
public final class SecretValues {
    private static final Duration TTL = Duration.ofMinutes(5);
    private final SecretsClient client;
    private final Clock clock;
    private final ConcurrentMap<String, Cached> cache = new ConcurrentHashMap<>();

    public SecretValues(SecretsClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    /** The secret's bytes, or empty when no such secret exists (an unknown key id). */
    public Optional<byte[]> find(String secretId) {
        Instant now = clock.instant();
        Cached cached = cache.get(secretId);
        if (cached != null && cached.expires.isAfter(now)) {
            return cached.value;
        }
        Optional<byte[]> value = fetch(secretId);
        cache.put(secretId, new Cached(value, now.plus(TTL)));
        return value;
    }

    public byte[] require(String secretId) {
        return find(secretId).orElseThrow(() -> {
            Log.error("secret missing", null, "secretId", secretId);
            return new ApiException.Unavailable("A required secret is not configured", Duration.ofSeconds(30));
        });
    }

    private Optional<byte[]> fetch(String secretId) {
        try {
            return client.secretString(secretId).map(v -> v.getBytes(StandardCharsets.UTF_8));
        } catch (SdkException e) {
            Log.warn("secret unavailable", "secretId", secretId, "error", e.getClass().getSimpleName());
            throw new ApiException.Unavailable("Secrets are unavailable; retry later", Duration.ofSeconds(5));
        }
    }

    private record Cached(Optional<byte[]> value, Instant expires) {}
}
