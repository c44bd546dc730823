package io.itops.shared.security;

import com.fasterxml.jackson.databind.JsonNode;
import io.itops.shared.error.ApiException;
import io.itops.shared.json.Json;
import io.itops.shared.observability.Log;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/**
 * Secrets from AWS Secrets Manager, fetched on first use and cached for a few minutes so rotation
 * takes effect without a deploy. When Secrets Manager cannot be reached the caller gets a 503:
 * signed endpoints fail closed, never open. Secret ids come from configuration only (never from a
 * request), and the cache is bounded all the same. (Secrets Manager rather than SSM: CloudFormation
 * can generate secrets, so no value is ever typed by hand.)
 */
public final class SecretValues {
    private static final Duration TTL = Duration.ofMinutes(5);
    static final int MAX_CACHED = 32;
    private final SecretsManagerClient client;
    private final Clock clock;
    private final ConcurrentMap<String, Cached> cache = new ConcurrentHashMap<>();

    public SecretValues(SecretsManagerClient client, Clock clock) {
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
        if (cache.size() >= MAX_CACHED) {
            cache.values().removeIf(c -> !c.expires.isAfter(now));
            if (cache.size() >= MAX_CACHED) cache.clear();
        }
        cache.put(secretId, new Cached(value, now.plus(TTL)));
        return value;
    }

    /**
     * One entry of a secret holding a JSON object of strings ({@code {"<id>": "<value>"}}); empty when
     * the secret or the entry does not exist. The entry's name never reaches AWS.
     */
    public Optional<byte[]> entry(String secretId, String name) {
        return find(secretId).map(bytes -> {
            try {
                JsonNode value = Json.tree(bytes).get(name);
                return value != null && value.isTextual() && !value.asText().isEmpty()
                        ? value.asText().getBytes(StandardCharsets.UTF_8) : null;
            } catch (RuntimeException notAnObject) {
                Log.error("secret is not a JSON object of strings", null, "secretId", secretId);
                return null;
            }
        });
    }

    /** After a SnapStart restore, or a rotation: every secret is fetched again on its next use. */
    public void forget() {
        cache.clear();
    }

    public byte[] require(String secretId) {
        return find(secretId).orElseThrow(() -> {
            Log.error("secret missing", null, "secretId", secretId);
            return new ApiException.Unavailable("A required secret is not configured", Duration.ofSeconds(30));
        });
    }

    private Optional<byte[]> fetch(String secretId) {
        try {
            return Optional.ofNullable(client.getSecretValue(r -> r.secretId(secretId)).secretString())
                    .map(v -> v.getBytes(StandardCharsets.UTF_8));
        } catch (ResourceNotFoundException e) {
            return Optional.empty();
        } catch (SdkException e) {
            Log.warn("secret unavailable", "secretId", secretId, "error", e.getClass().getSimpleName());
            throw new ApiException.Unavailable("Secrets are unavailable; retry later", Duration.ofSeconds(5));
        }
    }

    private record Cached(Optional<byte[]> value, Instant expires) {}
}
