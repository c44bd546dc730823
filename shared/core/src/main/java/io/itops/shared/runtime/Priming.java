package io.itops.shared.runtime;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.itops.shared.json.Json;
import io.itops.shared.observability.Log;
import io.itops.shared.store.Attributes;
import io.itops.shared.store.Ids;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * SnapStart priming. Lambda snapshots a SnapStart function's memory after init; whatever init did
 * not touch is loaded, linked and interpreted on the first request of every restored environment.
 * Before the snapshot ({@link #beforeCheckpoint}) this does the work of first requests through the
 * same SDK clients the function uses: a DynamoDB GetItem of a key that never exists (credentials,
 * signing, HTTP, protocol, the client's interceptors), a Secrets Manager read of the cursor key
 * (through the client, not into the cache: no secret value is kept in the snapshot), and one
 * synthetic request per authenticated route, as an admin, on ids that do not exist: event parsing,
 * routing, validation, the store's schemas and queries, problem+json and response writing. Writes are
 * refused while it runs ({@code AwsClients.refuseWrites}), so a route that would write runs its code
 * up to the write and changes nothing. After a restore ({@link #afterRestore}) it redoes what must
 * differ between environments: the ULID random state is re-seeded, the credentials provider is built
 * anew, and cached secrets are dropped. Time is never cached (the {@link java.time.Clock} reads it
 * on every call). A pooled HTTP connection from the snapshot is dead after a restore; the client's
 * retries reopen it.
 */
public final class Priming implements Resource {
    /** The partition key the priming read asks for; no domain uses it, so the read finds nothing. */
    public static final String PRIMING_KEY = "PRIMING#snapstart";
    /** An id in the ULID alphabet that no record has (ids are minted from the clock). */
    static final String PRIMING_ID = "00000000000000000000000000";
    private static final String PRIMING_USER = "snapstart-priming";
    private static final Pattern PATH_PARAMETER = Pattern.compile("\\{([^}+]+)\\+?}");
    // CRaC contexts may hold resources weakly: keep them reachable for the environment's lifetime.
    private static final Set<Priming> REGISTERED = ConcurrentHashMap.newKeySet();

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
     * The priming work, callable without CRaC (tests): returns the dispatcher's answer to a request
     * for a route that does not exist. Fails if the AWS reads fail: a snapshot must not be taken of a
     * broken setup.
     */
    public String prime() {
        platform.table().getItem(Attributes.key(PRIMING_KEY, PRIMING_KEY));
        platform.aws().secrets().getSecretValue(r -> r.secretId(platform.config().cursorKeySecret()));
        platform.aws().refuseWrites(true);
        try {
            Map<Integer, Integer> statuses = new TreeMap<>();
            for (String routeKey : dispatcher.authenticatedRouteKeys()) {
                statuses.merge(status(send(routeKey, Map.of())), 1, Integer::sum);
                if (routeKey.startsWith("GET ") && dispatcher.queryParameters(routeKey).contains("limit")) {
                    // and once with a query, as list routes are mostly called (paging, filters)
                    statuses.merge(status(send(routeKey, Map.of("limit", "1"))), 1, Integer::sum);
                }
            }
            Log.info("snapstart priming requests", "statuses", statuses.toString());
            return send("GET /_priming", Map.of());
        } finally {
            platform.aws().refuseWrites(false);
        }
    }

    /** What a restored environment must redo so that it shares no per-environment state with its siblings. */
    public void restored() {
        Ids.reseed();
        platform.aws().renewCredentials();
        platform.secrets().forget();
    }

    private String send(String routeKey, Map<String, String> query) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        dispatcher.handle(new ByteArrayInputStream(event(routeKey, query)), out, null);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static int status(String response) {
        return Json.tree(response.getBytes(StandardCharsets.UTF_8)).path("statusCode").asInt();
    }

    /** An API Gateway v2 event for {@code routeKey}: path parameters filled with ids that do not exist, an admin caller. */
    byte[] event(String routeKey, Map<String, String> query) {
        String method = routeKey.substring(0, routeKey.indexOf(' '));
        String template = routeKey.substring(routeKey.indexOf(' ') + 1);
        ObjectNode parameters = Json.mapper().createObjectNode();
        Matcher matcher = PATH_PARAMETER.matcher(template);
        StringBuilder path = new StringBuilder();
        while (matcher.find()) {
            String value = matcher.group(1).endsWith("Id") ? PRIMING_ID : "priming";
            parameters.put(matcher.group(1), value);
            matcher.appendReplacement(path, value);
        }
        matcher.appendTail(path);
        ObjectNode event = Json.mapper().createObjectNode();
        event.put("version", "2.0").put("routeKey", routeKey).put("rawPath", path.toString());
        StringJoiner rawQuery = new StringJoiner("&");
        query.forEach((name, value) -> rawQuery.add(name + "=" + value));
        event.put("rawQueryString", rawQuery.toString());
        if (!query.isEmpty()) {
            event.set("queryStringParameters", Json.mapper().valueToTree(query));
        }
        event.putObject("headers").put("accept", "application/json").put("content-type", "application/json");
        if (!parameters.isEmpty()) {
            event.set("pathParameters", parameters);
        }
        ObjectNode context = event.putObject("requestContext");
        context.put("requestId", "snapstart-priming").put("routeKey", routeKey).put("timeEpoch", 0);
        context.putObject("http").put("method", method).put("path", path.toString()).put("protocol", "HTTP/1.1")
                .put("sourceIp", "127.0.0.1").put("userAgent", "priming");
        context.putObject("authorizer").putObject("jwt").putObject("claims")
                .put("sub", PRIMING_USER).put("username", PRIMING_USER)
                .put(platform.config().groupsClaim(), "[" + platform.config().adminGroup() + "]");
        if (!method.equals("GET") && !method.equals("DELETE")) {
            event.put("body", "{}");
        }
        event.put("isBase64Encoded", false);
        return Json.write(event).getBytes(StandardCharsets.UTF_8);
    }
}
