package io.itops.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.itops.shared.aws.AwsClients;
import io.itops.shared.config.Env;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Where the functions' AWS credentials come from: the container endpoint on a SnapStart init (a
 * loopback stand-in for Lambda's), environment keys on an on-demand init, and never a made-up
 * default. After a restore, credentials are resolved afresh.
 */
class AwsCredentialsTest {
    private final TestSystem system = TestSystem.create();
    private final AtomicReference<String> servedKey = new AtomicReference<>("ASIAFIRSTENVIRONMENT");
    private final AtomicInteger served = new AtomicInteger();
    private final List<String> signedWith = new CopyOnWriteArrayList<>();
    private HttpServer container;

    @AfterEach
    void stop() {
        if (container != null) container.stop(0);
        System.clearProperty(CONTAINER_URI_PROPERTY);
    }

    // Lambda sets AWS_CONTAINER_CREDENTIALS_FULL_URI in the process environment, where the SDK's provider
    // reads it; a test cannot set a process variable, so it sets the SDK's equivalent system property.
    private static final String CONTAINER_URI_PROPERTY = "aws.containerCredentialsFullUri";

    private String containerEndpoint() throws Exception {
        container = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        container.createContext("/credentials", exchange -> {
            served.incrementAndGet();
            byte[] body = ("{\"AccessKeyId\":\"" + servedKey.get() + "\",\"SecretAccessKey\":\"secret\",\"Token\":\"token\","
                    + "\"Expiration\":\"" + Instant.now().plus(6, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS) + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        container.start();
        return "http://127.0.0.1:" + container.getAddress().getPort() + "/credentials";
    }

    private AwsClients clients(Map<String, String> vars) {
        return new AwsClients(new Env(vars), http -> new InterceptingHttpClient(http, request -> {
            request.http().firstMatchingHeader("Authorization")
                    .ifPresent(auth -> signedWith.add(auth.replaceAll(".*Credential=([A-Z0-9]+)/.*", "$1")));
            return null;
        }), List.of());
    }

    private void read(DynamoDbClient dynamo) {
        dynamo.getItem(r -> r.tableName(system.tableName()).key(Map.of("PK", AttributeValue.fromS("X"), "SK", AttributeValue.fromS("X"))));
    }

    @Test
    void aSnapStartInitSignsWithContainerCredentialsAndResolvesThemAgainAfterARestore() throws Exception {
        Map<String, String> vars = new HashMap<>(LocalAws.baseEnvironment(system.aws().endpoint()));
        vars.remove("AWS_ACCESS_KEY_ID");
        vars.remove("AWS_SECRET_ACCESS_KEY");
        String endpoint = containerEndpoint();
        vars.put("AWS_CONTAINER_CREDENTIALS_FULL_URI", endpoint);
        System.setProperty(CONTAINER_URI_PROPERTY, endpoint);
        AwsClients clients = clients(vars);

        read(clients.dynamo());
        read(clients.dynamo());
        assertEquals(1, served.get(), "fetched once, then cached by the SDK's provider");
        assertEquals(List.of("ASIAFIRSTENVIRONMENT", "ASIAFIRSTENVIRONMENT"), signedWith);

        servedKey.set("ASIARESTOREDCOPY");
        clients.renewCredentials();
        read(clients.dynamo());

        assertEquals(2, served.get(), "a restored environment asks the endpoint again");
        assertEquals("ASIARESTOREDCOPY", signedWith.get(2), "and signs with what it was given, not the snapshot's");
    }

    @Test
    void anOnDemandInitSignsWithTheEnvironmentKeys() {
        Map<String, String> vars = new HashMap<>(LocalAws.baseEnvironment(system.aws().endpoint()));
        vars.put("AWS_ACCESS_KEY_ID", "AKIAONDEMANDKEY");
        vars.put("AWS_SESSION_TOKEN", "session");

        read(clients(vars).dynamo());

        assertEquals(List.of("AKIAONDEMANDKEY"), signedWith);
    }

    @Test
    void withoutCredentialsTheFirstCallFailsSayingSoAndNothingIsSent() {
        Map<String, String> vars = new HashMap<>(LocalAws.baseEnvironment(system.aws().endpoint()));
        vars.remove("AWS_ACCESS_KEY_ID");
        vars.remove("AWS_SECRET_ACCESS_KEY");
        AwsClients clients = clients(vars);

        RuntimeException e = assertThrows(RuntimeException.class, () -> read(clients.dynamo()));

        StringBuilder messages = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) messages.append(t.getMessage()).append('\n');
        assertTrue(messages.toString().contains("No AWS credentials"), messages.toString());
        assertEquals(List.of(), signedWith, "no request left unsigned or signed with a made-up key");
    }
}
