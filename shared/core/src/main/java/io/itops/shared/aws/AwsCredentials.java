package io.itops.shared.aws;

import io.itops.shared.config.Env;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkClientException;

/** One set of AWS credentials; {@code expiration} is null for credentials that do not expire. */
public record AwsCredentials(String accessKeyId, String secretAccessKey, String sessionToken, Instant expiration) {

    @Override
    public String toString() {
        return "AwsCredentials[" + accessKeyId + ", expires " + expiration + "]";
    }

    /** Where a function's credentials come from, refreshed before they expire. */
    public interface Source extends Supplier<AwsCredentials> {
        /** Drops anything cached, e.g. after a SnapStart restore. */
        default void forget() {}
    }

    /**
     * Lambda gives on-demand environments their role's credentials in environment variables and
     * SnapStart environments a container credentials endpoint; locally the variables point at moto.
     */
    public static Source from(Env env, Clock clock) {
        String fullUri = env.runtime("AWS_CONTAINER_CREDENTIALS_FULL_URI");
        if (fullUri != null && !fullUri.isBlank()) {
            return new ContainerSource(URI.create(fullUri), env.runtime("AWS_CONTAINER_AUTHORIZATION_TOKEN"),
                    env.runtime("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"), clock);
        }
        AwsCredentials fixed = new AwsCredentials(orDefault(env.runtime("AWS_ACCESS_KEY_ID"), "local"),
                orDefault(env.runtime("AWS_SECRET_ACCESS_KEY"), "local"), blankToNull(env.runtime("AWS_SESSION_TOKEN")), null);
        return () -> fixed;
    }

    /** The container credentials endpoint, cached until five minutes before the credentials expire. */
    static final class ContainerSource implements Source {
        private static final Duration REFRESH_BEFORE = Duration.ofMinutes(5);
        private final URI uri;
        private final String token;
        private final String tokenFile;
        private final Clock clock;
        private volatile AwsCredentials cached;

        ContainerSource(URI uri, String token, String tokenFile, Clock clock) {
            this.uri = uri;
            this.token = blankToNull(token);
            this.tokenFile = blankToNull(tokenFile);
            this.clock = clock;
        }

        @Override
        public synchronized AwsCredentials get() {
            AwsCredentials current = cached;
            if (current == null || current.expiration() == null
                    || clock.instant().isAfter(current.expiration().minus(REFRESH_BEFORE))) {
                current = fetch();
                cached = current;
            }
            return current;
        }

        @Override
        public void forget() {
            cached = null;
        }

        private AwsCredentials fetch() {
            try {
                HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
                connection.setConnectTimeout(2_000);
                connection.setReadTimeout(5_000);
                String authorization = tokenFile != null ? Files.readString(Path.of(tokenFile)).trim() : token;
                if (authorization != null) {
                    connection.setRequestProperty("Authorization", authorization);
                }
                if (connection.getResponseCode() != 200) {
                    throw SdkClientException.create("credentials endpoint answered HTTP " + connection.getResponseCode());
                }
                try (InputStream in = connection.getInputStream()) {
                    return parse(in.readAllBytes());
                }
            } catch (IOException e) {
                throw SdkClientException.create("credentials endpoint unreachable: " + e.getMessage(), e);
            }
        }

        static AwsCredentials parse(byte[] json) throws IOException {
            Map<String, String> fields = AwsJson.scalars(json);
            String expiration = fields.get("Expiration");
            if (fields.get("AccessKeyId") == null || fields.get("SecretAccessKey") == null) {
                throw SdkClientException.create("credentials endpoint answered without AccessKeyId/SecretAccessKey");
            }
            return new AwsCredentials(fields.get("AccessKeyId"), fields.get("SecretAccessKey"), fields.get("Token"),
                    expiration == null ? null : Instant.parse(expiration));
        }
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
