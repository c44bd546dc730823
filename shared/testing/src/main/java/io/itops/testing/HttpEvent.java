package io.itops.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.itops.shared.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds API Gateway HTTP API (payload 2.0) events the way API Gateway does: route key, raw path
 * with parameters filled in, headers, query, claims, and a body (base64 when asked).
 */
public final class HttpEvent {
    private static final Pattern PARAM = Pattern.compile("\\{([A-Za-z0-9_]+)}");
    private final String method;
    private final String pathTemplate;
    private final Map<String, String> pathParameters = new LinkedHashMap<>();
    private final Map<String, String> query = new LinkedHashMap<>();
    private final Map<String, String> headers = new LinkedHashMap<>();
    private Map<String, Object> claims;
    private byte[] body;
    private boolean base64;

    private HttpEvent(String method, String pathTemplate) {
        this.method = method;
        this.pathTemplate = pathTemplate;
        headers.put("content-type", "application/json");
    }

    /** {@code routeKey} as in template.yaml, e.g. {@code "GET /assets/{assetId}"}. */
    public static HttpEvent of(String routeKey) {
        int space = routeKey.indexOf(' ');
        return new HttpEvent(routeKey.substring(0, space), routeKey.substring(space + 1));
    }

    /** A sample event from events/, as stored. */
    public static byte[] sample(String relativePath) {
        try {
            return Files.readAllBytes(TemplateModel.projectRoot().resolve("events").resolve(relativePath));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public HttpEvent path(String name, String value) {
        pathParameters.put(name, value);
        return this;
    }

    public HttpEvent query(String name, String value) {
        query.put(name, value);
        return this;
    }

    public HttpEvent header(String name, String value) {
        if (value == null) {
            headers.remove(name.toLowerCase());
        } else {
            headers.put(name.toLowerCase(), value);
        }
        return this;
    }

    public HttpEvent as(Map<String, Object> claims) {
        this.claims = claims;
        return this;
    }

    public HttpEvent body(Object value) {
        this.body = value instanceof byte[] bytes ? bytes
                : value instanceof String text ? text.getBytes(StandardCharsets.UTF_8)
                : Json.bytes(value);
        return this;
    }

    public HttpEvent base64() {
        this.base64 = true;
        return this;
    }

    public String rawPath() {
        Matcher m = PARAM.matcher(pathTemplate);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(pathParameters.getOrDefault(m.group(1), m.group(0))));
        }
        m.appendTail(out);
        return out.toString();
    }

    public JsonNode json() {
        ObjectNode event = Json.mapper().createObjectNode();
        event.put("version", "2.0");
        event.put("routeKey", method + " " + pathTemplate);
        event.put("rawPath", rawPath());
        StringBuilder raw = new StringBuilder();
        query.forEach((k, v) -> raw.append(raw.isEmpty() ? "" : "&").append(k).append('=').append(v));
        event.put("rawQueryString", raw.toString());
        ObjectNode h = event.putObject("headers");
        headers.forEach(h::put);
        if (!query.isEmpty()) {
            ObjectNode q = event.putObject("queryStringParameters");
            query.forEach(q::put);
        }
        if (!pathParameters.isEmpty()) {
            ObjectNode p = event.putObject("pathParameters");
            pathParameters.forEach(p::put);
        }
        ObjectNode context = event.putObject("requestContext");
        context.put("accountId", "123456789012");
        context.put("apiId", "local");
        context.put("domainName", "localhost");
        context.put("requestId", UUID.randomUUID().toString());
        context.put("routeKey", method + " " + pathTemplate);
        context.put("stage", "$default");
        context.put("time", Instant.now().toString());
        context.put("timeEpoch", Instant.now().toEpochMilli());
        ObjectNode http = context.putObject("http");
        http.put("method", method);
        http.put("path", rawPath());
        http.put("protocol", "HTTP/1.1");
        http.put("sourceIp", "127.0.0.1");
        http.put("userAgent", "itops-test");
        if (claims != null) {
            ObjectNode jwt = context.putObject("authorizer").putObject("jwt");
            jwt.set("claims", Json.mapper().valueToTree(claims));
            jwt.putArray("scopes");
        }
        if (body != null) {
            event.put("body", base64 ? Base64.getEncoder().encodeToString(body) : new String(body, StandardCharsets.UTF_8));
            event.put("isBase64Encoded", base64);
        } else {
            event.put("isBase64Encoded", false);
        }
        return event;
    }

    public byte[] bytes() {
        return Json.bytes(json());
    }
}
