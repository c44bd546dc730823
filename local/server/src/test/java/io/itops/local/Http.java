package io.itops.local;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A small HTTP client for tests: real requests to the dev server's socket. */
final class Http {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    Http(String base) {
        this.base = base;
    }

    record Response(int status, Map<String, List<String>> headers, byte[] bytes) {
        String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        JsonNode json() {
            return LocalJson.read(bytes);
        }

        String header(String name) {
            List<String> values = headers.get(name.toLowerCase());
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        List<String> headers(String name) {
            return headers.getOrDefault(name.toLowerCase(), List.of());
        }

        boolean isGatewayNotFound() {
            return status == 404 && text().equals("{\"message\":\"Not Found\"}");
        }

        @Override
        public String toString() {
            return status + " " + text();
        }
    }

    Response send(String method, String pathAndQuery, String token, byte[] body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + pathAndQuery)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        if (body != null && headers.length == 0) {
            request.header("Content-Type", "application/json");
        }
        try {
            HttpResponse<byte[]> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            Map<String, List<String>> lower = new java.util.TreeMap<>();
            response.headers().map().forEach((k, v) -> lower.put(k.toLowerCase(), v));
            return new Response(response.statusCode(), lower, response.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Response get(String path, String token) {
        return send("GET", path, token, null);
    }

    Response post(String path, String token, Object json) {
        return send("POST", path, token, json == null ? null : LocalJson.bytes(json));
    }

    String token(Map<String, Object> request) {
        Response response = post("/_local/tokens", null, request);
        if (response.status() != 200) {
            throw new AssertionError("minting failed: " + response);
        }
        return response.json().path("token").asText();
    }
}
