package io.itops.shared.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.itops.shared.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Converts between API Gateway HTTP API payload 2.0 events and {@link ApiRequest}/{@link ApiResponse}. */
public final class HttpEvents {
    private HttpEvents() {}

    public static boolean isHttpEvent(JsonNode event) {
        return event.has("routeKey") && event.has("requestContext");
    }

    public static ApiRequest request(JsonNode event, int maxBodyBytes) {
        JsonNode context = event.path("requestContext");
        Map<String, String> headers = new HashMap<>();
        event.path("headers").properties().forEach(
                e -> headers.put(e.getKey().toLowerCase(Locale.ROOT), e.getValue().asText()));
        if (event.has("cookies") && !headers.containsKey("cookie")) {
            StringBuilder cookies = new StringBuilder();
            event.path("cookies").forEach(c -> cookies.append(cookies.isEmpty() ? "" : "; ").append(c.asText()));
            headers.put("cookie", cookies.toString());
        }
        Map<String, Object> claims = new LinkedHashMap<>();
        context.path("authorizer").path("jwt").path("claims").properties().forEach(
                e -> claims.put(e.getKey(), e.getValue().isTextual() ? e.getValue().asText() : Json.mapper().convertValue(e.getValue(), Object.class)));
        String requestId = context.path("requestId").asText(null);
        return new ApiRequest(
                event.path("routeKey").asText(),
                context.path("http").path("method").asText("GET").toUpperCase(Locale.ROOT),
                event.path("rawPath").asText(context.path("http").path("path").asText("/")),
                strings(event.path("pathParameters")),
                strings(event.path("queryStringParameters")),
                headers,
                body(event),
                requestId == null ? java.util.UUID.randomUUID().toString() : requestId,
                claims,
                maxBodyBytes);
    }

    private static byte[] body(JsonNode event) {
        JsonNode body = event.get("body");
        if (body == null || body.isNull()) {
            return new byte[0];
        }
        if (event.path("isBase64Encoded").asBoolean(false)) {
            return Base64.getDecoder().decode(body.asText());
        }
        return body.asText().getBytes(StandardCharsets.UTF_8);
    }

    private static Map<String, String> strings(JsonNode node) {
        Map<String, String> out = new HashMap<>();
        node.properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    public static ObjectNode response(ApiResponse response, String requestId) {
        ObjectNode out = Json.mapper().createObjectNode();
        out.put("statusCode", response.status());
        ObjectNode headers = out.putObject("headers");
        SecurityHeaders.addTo(response.headers()).forEach(headers::put);
        headers.put("x-request-id", requestId);
        out.put("body", response.body());
        out.put("isBase64Encoded", false);
        return out;
    }
}
