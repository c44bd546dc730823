package io.itops.shared.runtime;

import io.itops.shared.observability.Log;
import io.itops.shared.store.Ids;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * SnapStart priming. Lambda snapshots a SnapStart function's memory after init; whatever init did
 * not touch is loaded, linked and interpreted on the first request of every restored environment.
 * Before the snapshot ({@link #beforeCheckpoint}) this does the work of a first request: a real
 * DynamoDB read (GetItem of a key that never exists: credentials, signing, HTTP, JSON protocol) and a
 * synthetic API event through the dispatcher (event parsing, routing, problem+json, response
 * writing, logging). After a restore ({@link #afterRestore}) it redoes what must differ between
 * environments: the ULID random state is re-seeded and credentials fetched from the container
 * endpoint before the snapshot are dropped. Time is never cached (the {@link java.time.Clock} reads
 * it on every call; secret caches compare against it). A pooled HTTP connection from the snapshot is
 * dead after a restore; the client's retries reopen it.
 */
public final class Priming implements Resource {
    /** The partition key the priming read asks for; no domain uses it, so the read finds nothing. */
    public static final String PRIMING_KEY = "PRIMING#snapstart";
    // CRaC contexts may hold resources weakly: keep them reachable for the environment's lifetime.
    private static final Set<Priming> REGISTERED = ConcurrentHashMap.newKeySet();
    private static final byte[] SYNTHETIC_EVENT = """
            {"version":"2.0","routeKey":"GET /_priming","rawPath":"/_priming","rawQueryString":"",
             "headers":{"accept":"application/json"},
             "requestContext":{"requestId":"snapstart-priming","routeKey":"GET /_priming",
               "http":{"method":"GET","path":"/_priming","protocol":"HTTP/1.1","sourceIp":"127.0.0.1","userAgent":"priming"},
               "timeEpoch":0,"authorizer":{"jwt":{"claims":{"sub":"priming","username":"priming"},"scopes":null}}},
             "isBase64Encoded":false}
            """.getBytes(StandardCharsets.UTF_8);

    private final Platform platform;
    private final Dispatcher dispatcher;

    public Priming(Platform platform, Dispatcher dispatcher) {
        this.platform = platform;
        this.dispatcher = dispatcher;
    }

    /** Keeps {@code priming} reachable and registers it with the global CRaC context (FunctionHandler, on a SnapStart init). */
    static void register(Priming priming) {
        REGISTERED.add(priming);
        Core.getGlobalContext().register(priming);
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        String response = prime();
        Log.info("snapstart priming done", "syntheticResponseBytes", response.length());
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        restored();
    }

    /**
     * The priming work, callable without CRaC (tests): returns the dispatcher's answer to the
     * synthetic event. Fails if the read fails: a snapshot must not be taken of a broken setup.
     */
    public String prime() {
        platform.dynamo().getItem(r -> r.tableName(platform.tableName()).consistentRead(true).key(Map.of(
                "PK", AttributeValue.fromS(PRIMING_KEY), "SK", AttributeValue.fromS(PRIMING_KEY))));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        dispatcher.handle(new ByteArrayInputStream(SYNTHETIC_EVENT), out, null);
        return out.toString(StandardCharsets.UTF_8);
    }

    /** What a restored environment must redo so that it shares no per-environment state with its siblings. */
    public void restored() {
        Ids.reseed();
        platform.aws().forgetCredentials();
    }
}
