package io.itops.testing;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import io.itops.shared.json.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Invokes a stream handler with raw event bytes, exactly as the Lambda runtime does. */
public final class Invoker {
    private final RequestStreamHandler handler;

    public Invoker(RequestStreamHandler handler) {
        this.handler = handler;
    }

    public JsonNode invokeRaw(byte[] event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            handler.handleRequest(new ByteArrayInputStream(event), out, new TestContext());
            return Json.mapper().readTree(out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Response call(HttpEvent event) {
        return Response.from(invokeRaw(event.bytes()));
    }

    public Response call(byte[] httpEvent) {
        return Response.from(invokeRaw(httpEvent));
    }

    /** An HTTP response as API Gateway would return it. */
    public record Response(int status, Map<String, String> headers, String rawBody) {
        static Response from(JsonNode result) {
            Map<String, String> headers = new LinkedHashMap<>();
            result.path("headers").properties().forEach(e -> headers.put(e.getKey(), e.getValue().asText()));
            return new Response(result.path("statusCode").asInt(), headers, result.path("body").asText(""));
        }

        public JsonNode body() {
            try {
                return rawBody.isEmpty() ? Json.mapper().missingNode() : Json.mapper().readTree(rawBody);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public String header(String name) {
            return headers.get(name.toLowerCase());
        }

        @Override
        public String toString() {
            return status + " " + rawBody;
        }
    }
}
