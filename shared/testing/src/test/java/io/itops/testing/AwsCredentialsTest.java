package io.itops.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.net.httpserver.HttpServer;
import io.itops.shared.aws.AwsCredentials;
import io.itops.shared.config.Env;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;

/** Where the functions' credentials come from: Lambda's variables, or the container endpoint SnapStart uses. */
class AwsCredentialsTest {
    private final MutableClock clock = MutableClock.at("2026-11-28T09:00:00Z");
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final AtomicInteger served = new AtomicInteger();
    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) server.stop(0);
    }

    private String endpoint(int status) throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/creds", exchange -> {
            authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
            int n = served.incrementAndGet();
            byte[] body = ("{\"AccessKeyId\":\"ASIA" + n + "\",\"SecretAccessKey\":\"secret" + n + "\",\"Token\":\"token" + n
                    + "\",\"Expiration\":\"" + clock.instant().plus(Duration.ofHours(1)) + "\"}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/creds";
    }

    @Test
    void lambdaVariablesAreUsedAsGiven() {
        AwsCredentials credentials = AwsCredentials.from(new Env(Map.of("AWS_ACCESS_KEY_ID", "AKIA1", "AWS_SECRET_ACCESS_KEY", "s",
                "AWS_SESSION_TOKEN", "t")), clock).get();

        assertEquals(new AwsCredentials("AKIA1", "s", "t", null), credentials);
    }

    @Test
    void theContainerEndpointIsAskedWithItsTokenAndCachedUntilFiveMinutesBeforeExpiry() throws Exception {
        AwsCredentials.Source source = AwsCredentials.from(new Env(Map.of("AWS_CONTAINER_CREDENTIALS_FULL_URI", endpoint(200),
                "AWS_CONTAINER_AUTHORIZATION_TOKEN", "container-token", "AWS_ACCESS_KEY_ID", "ignored")), clock);

        AwsCredentials first = source.get();
        assertEquals("ASIA1", first.accessKeyId());
        assertEquals("token1", first.sessionToken());
        assertEquals(first, source.get(), "cached");

        clock.advance(Duration.ofMinutes(54));
        assertEquals("ASIA1", source.get().accessKeyId(), "still six minutes to go");
        clock.advance(Duration.ofMinutes(2));
        assertEquals("ASIA2", source.get().accessKeyId(), "refreshed inside the last five minutes");

        source.forget();
        assertEquals("ASIA3", source.get().accessKeyId(), "fetched again after a restore");
        assertEquals(List.of("container-token", "container-token", "container-token"), authorizations);
    }

    @Test
    void anEndpointFailureIsAClientErrorSoRequestsAnswer503() throws Exception {
        AwsCredentials.Source source = AwsCredentials.from(new Env(Map.of("AWS_CONTAINER_CREDENTIALS_FULL_URI", endpoint(500))), clock);

        assertThrows(SdkClientException.class, source::get);
        assertNull(authorizations.get(0), "no token configured, none sent");
    }
}
