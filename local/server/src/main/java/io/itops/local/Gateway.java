package io.itops.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * API Gateway HTTP API in front of the functions: picks the route, runs the JWT authorizer where
 * the template puts it, builds the payload-2.0 event (rawPath, rawQueryString, comma-joined
 * query parameters and headers, cookies, path parameters, request context, base64 for bodies that
 * are not text), invokes the function, and maps its answer back the way API Gateway does.
 * Gateway-made answers use API Gateway's own bodies: 404 {"message":"Not Found"}, 401
 * {"message":"Unauthorized"}, 500 {"message":"Internal Server Error"}, 503 {"message":"Service Unavailable"}.
 */
final class Gateway {
    /** Lambda's synchronous invocation payload limit. */
    static final int MAX_EVENT_BYTES = 6 * 1024 * 1024;
    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final RouteTable routes;
    private final Map<String, LocalFunction> functions;
    private final Map<String, JwtAuthorizer> authorizers;
    private final String apiId;

    /** A request as it reached the server. Header names keep the client's case; repeats are separate entries. */
    record Call(String method, String rawPath, String rawQuery, List<Map.Entry<String, String>> headers, byte[] body,
                String sourceIp, String protocol) {}

    /** The answer, with what the request log needs. */
    record Result(int status, List<Map.Entry<String, String>> headers, byte[] body, String routeKey, String function, String note) {
        String header(String name) {
            return headers.stream().filter(h -> h.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue).findFirst().orElse(null);
        }
    }

    Gateway(RouteTable routes, Map<String, LocalFunction> functions, Map<String, JwtAuthorizer> authorizers, String apiId) {
        this.routes = routes;
        this.functions = functions;
        this.authorizers = authorizers;
        this.apiId = apiId;
    }

    RouteTable routes() {
        return routes;
    }

    Result handle(Call call) {
        String requestId = requestId();
        Optional<RouteTable.Match> match = routes.match(call.method(), call.rawPath());
        if (match.isEmpty()) {
            String note = routes.knowsPath(call.rawPath()) ? "no " + call.method() + " route on this path" : "no route";
            return gatewayError(404, "Not Found", requestId, null, null, note, List.of());
        }
        RouteTable.Route route = match.get().route();
        LocalFunction function = functions.get(route.functionId());
        Map<String, String> headers = joinedHeaders(call.headers());
        JwtAuthorizer.Allowed allowed = null;
        if (route.authorized()) {
            JwtAuthorizer authorizer = authorizers.get(route.authorizer());
            JwtAuthorizer.Verdict verdict = authorizer.authorize(headers, route.scopes());
            if (verdict instanceof JwtAuthorizer.Denied denied) {
                List<Map.Entry<String, String>> extra = new ArrayList<>();
                if (denied.description() != null) {
                    extra.add(Map.entry("www-authenticate", "Bearer scope=\"" + String.join(" ", route.scopes())
                            + "\" error=\"invalid_token\" error_description=\"" + denied.description() + "\""));
                }
                return gatewayError(denied.status(), denied.status() == 401 ? "Unauthorized" : "Forbidden", requestId,
                        route.routeKey(), function.name(), denied.description() == null ? "no token" : denied.description(), extra);
            }
            allowed = (JwtAuthorizer.Allowed) verdict;
        }
        byte[] event = LocalJson.bytes(event(call, route, match.get().pathParameters(), headers, allowed, requestId));
        if (event.length > MAX_EVENT_BYTES) {
            return gatewayError(413, "Request Entity Too Large", requestId, route.routeKey(), function.name(), "event over 6 MB", List.of());
        }
        long started = System.nanoTime();
        byte[] output;
        try {
            output = function.invoke(event, requestId);
        } catch (LocalFunction.InvocationError error) {
            return gatewayError(500, "Internal Server Error", requestId, route.routeKey(), function.name(),
                    error.errorType() + ": " + error.getMessage(), List.of());
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        if (millis > function.timeoutSeconds() * 1000L) {
            // Lambda would have stopped the function at its Timeout; API Gateway then answers 503.
            return gatewayError(503, "Service Unavailable", requestId, route.routeKey(), function.name(),
                    "ran " + millis + " ms, over its Timeout of " + function.timeoutSeconds() + " s", List.of());
        }
        return response(output, requestId, route.routeKey(), function.name());
    }

    /** The event API Gateway sends for this request (payload format 2.0). */
    ObjectNode event(Call call, RouteTable.Route route, Map<String, String> pathParameters, Map<String, String> headers,
                     JwtAuthorizer.Allowed allowed, String requestId) {
        ObjectNode event = LocalJson.object();
        event.put("version", "2.0");
        event.put("routeKey", route.routeKey());
        event.put("rawPath", call.rawPath());
        event.put("rawQueryString", call.rawQuery() == null ? "" : call.rawQuery());
        List<String> cookies = cookies(call.headers());
        if (!cookies.isEmpty()) {
            var array = event.putArray("cookies");
            cookies.forEach(array::add);
        }
        ObjectNode h = event.putObject("headers");
        headers.forEach((name, value) -> {
            if (!name.equals("cookie")) {
                h.put(name, value);
            }
        });
        Map<String, String> query = query(call.rawQuery());
        if (!query.isEmpty()) {
            ObjectNode q = event.putObject("queryStringParameters");
            query.forEach(q::put);
        }
        ObjectNode context = event.putObject("requestContext");
        context.put("accountId", LocalResources.ACCOUNT);
        context.put("apiId", apiId);
        if (allowed != null) {
            ObjectNode jwt = context.putObject("authorizer").putObject("jwt");
            ObjectNode claims = jwt.putObject("claims");
            allowed.claims().forEach(claims::put);
            if (allowed.scopes().isEmpty()) {
                jwt.putNull("scopes");
            } else {
                var scopes = jwt.putArray("scopes");
                allowed.scopes().forEach(scopes::add);
            }
        }
        String host = headers.getOrDefault("host", "localhost");
        context.put("domainName", host);
        context.put("domainPrefix", host.split("[.:]")[0]);
        ObjectNode http = context.putObject("http");
        http.put("method", call.method());
        http.put("path", call.rawPath());
        http.put("protocol", call.protocol());
        http.put("sourceIp", call.sourceIp());
        http.put("userAgent", headers.getOrDefault("user-agent", ""));
        context.put("requestId", requestId);
        context.put("routeKey", route.routeKey());
        context.put("stage", "$default");
        Instant now = Instant.now();
        context.put("time", REQUEST_TIME.format(now));
        context.put("timeEpoch", now.toEpochMilli());
        if (!pathParameters.isEmpty()) {
            ObjectNode p = event.putObject("pathParameters");
            pathParameters.forEach(p::put);
        }
        boolean hasBody = call.body() != null && call.body().length > 0;
        if (hasBody) {
            boolean base64 = !isText(headers.get("content-type"), call.body());
            event.put("body", base64 ? Base64.getEncoder().encodeToString(call.body()) : new String(call.body(), StandardCharsets.UTF_8));
            event.put("isBase64Encoded", base64);
        } else {
            event.put("isBase64Encoded", false);
        }
        return event;
    }

    /** Header names lower-cased, repeated headers joined with commas, as API Gateway passes them. */
    static Map<String, String> joinedHeaders(List<Map.Entry<String, String>> raw) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Map.Entry<String, String> header : raw) {
            headers.merge(header.getKey().toLowerCase(Locale.ROOT), header.getValue(), (a, b) -> a + "," + b);
        }
        return headers;
    }

    private static List<String> cookies(List<Map.Entry<String, String>> raw) {
        List<String> cookies = new ArrayList<>();
        for (Map.Entry<String, String> header : raw) {
            if (header.getKey().equalsIgnoreCase("cookie")) {
                for (String cookie : header.getValue().split(";")) {
                    if (!cookie.isBlank()) {
                        cookies.add(cookie.trim());
                    }
                }
            }
        }
        return cookies;
    }

    /** Decoded query parameters; a repeated name has its values joined with commas. */
    static Map<String, String> query(String rawQuery) {
        Map<String, String> query = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return query;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decodeQuery(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decodeQuery(pair.substring(eq + 1));
            query.merge(name, value, (a, b) -> a + "," + b);
        }
        return query;
    }

    private static String decodeQuery(String value) {
        try {
            return URLDecoder.decode(value, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return value;
        }
    }

    /** API Gateway passes text media types as they are and base64-encodes everything else. */
    static boolean isText(String contentType, byte[] body) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
        boolean text = type.startsWith("text/") || type.equals("application/json") || type.endsWith("+json")
                || type.equals("application/xml") || type.endsWith("+xml") || type.equals("application/javascript");
        return text && isUtf8(body);
    }

    private static boolean isUtf8(byte[] body) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /**
     * Maps the function's output like API Gateway (payload 2.0): an object with statusCode gives
     * status, headers, multiValueHeaders, cookies (each a Set-Cookie) and body (base64-decoded when
     * isBase64Encoded); any other JSON is returned as a 200 application/json body; output that is
     * not JSON is a 500.
     */
    Result response(byte[] output, String requestId, String routeKey, String function) {
        JsonNode node = LocalJson.readOrNull(output);
        if (node == null) {
            return gatewayError(500, "Internal Server Error", requestId, routeKey, function, "the function's output is not JSON", List.of());
        }
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        if (!node.isObject() || !node.has("statusCode")) {
            headers.add(Map.entry("content-type", "application/json"));
            headers.add(Map.entry("apigw-requestid", requestId));
            return new Result(200, headers, output, routeKey, function, null);
        }
        int status = node.path("statusCode").asInt(500);
        node.path("headers").properties().forEach(e -> headers.add(Map.entry(e.getKey().toLowerCase(Locale.ROOT), e.getValue().asText())));
        node.path("multiValueHeaders").properties().forEach(e -> {
            for (JsonNode value : e.getValue()) {
                headers.add(Map.entry(e.getKey().toLowerCase(Locale.ROOT), value.asText()));
            }
        });
        for (JsonNode cookie : node.path("cookies")) {
            headers.add(Map.entry("set-cookie", cookie.asText()));
        }
        headers.add(Map.entry("apigw-requestid", requestId));
        JsonNode body = node.get("body");
        byte[] bytes;
        if (body == null || body.isNull()) {
            bytes = new byte[0];
        } else if (node.path("isBase64Encoded").asBoolean(false)) {
            try {
                bytes = Base64.getDecoder().decode(body.asText());
            } catch (IllegalArgumentException e) {
                return gatewayError(500, "Internal Server Error", requestId, routeKey, function, "isBase64Encoded body is not base64", List.of());
            }
        } else {
            bytes = (body.isTextual() ? body.asText() : LocalJson.write(body)).getBytes(StandardCharsets.UTF_8);
        }
        return new Result(status, headers, bytes, routeKey, function, null);
    }

    static Result gatewayError(int status, String message, String requestId, String routeKey, String function, String note,
                               List<Map.Entry<String, String>> extraHeaders) {
        List<Map.Entry<String, String>> headers = new ArrayList<>(extraHeaders);
        headers.add(Map.entry("content-type", "application/json"));
        headers.add(Map.entry("apigw-requestid", requestId));
        return new Result(status, headers, ("{\"message\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8), routeKey, function, note);
    }

    /** An id in API Gateway's style (base64, 16 characters). */
    static String requestId() {
        byte[] bytes = new byte[11];
        RANDOM.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes).substring(0, 15) + "=";
    }
}
