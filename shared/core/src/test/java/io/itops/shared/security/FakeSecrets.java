package io.itops.shared.security;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/** A Secrets Manager in memory (no network) that counts its calls, and a clock the test moves. */
final class FakeSecrets implements SecretsManagerClient {
    final Map<String, String> values = new HashMap<>();
    final AtomicInteger calls = new AtomicInteger();
    volatile boolean down;

    FakeSecrets with(String id, String value) {
        values.put(id, value);
        return this;
    }

    @Override
    public GetSecretValueResponse getSecretValue(GetSecretValueRequest request) {
        calls.incrementAndGet();
        if (down) {
            throw SdkClientException.create("connection refused");
        }
        if (!values.containsKey(request.secretId())) {
            throw ResourceNotFoundException.builder().message("no such secret").build();
        }
        return GetSecretValueResponse.builder().name(request.secretId()).secretString(values.get(request.secretId())).build();
    }

    @Override
    public String serviceName() {
        return "secretsmanager";
    }

    @Override
    public void close() {}

    /** A clock that stands still until the test moves it. */
    static final class TestClock extends Clock {
        private volatile Instant now;

        TestClock(String instant) {
            now = Instant.parse(instant);
        }

        void advanceSeconds(long seconds) {
            now = now.plusSeconds(seconds);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
