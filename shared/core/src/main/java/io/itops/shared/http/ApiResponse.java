package io.itops.shared.http;

import io.itops.shared.json.Json;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a route returns: status, headers and a UTF-8 body, mapped to the API Gateway 2.0 response. */
public record ApiResponse(int status, Map<String, String> headers, String body) {
    public static final String JSON = "application/json";

    public static ApiResponse json(int status, Object value) {
        return new ApiResponse(status, Map.of("content-type", JSON), Json.write(value));
    }

    public static ApiResponse ok(Object value) {
        return json(200, value);
    }

    public static ApiResponse created(String location, Object value) {
        return json(201, value).withHeader("location", location);
    }

    public static ApiResponse accepted(Object value) {
        return json(202, value);
    }

    public static ApiResponse noContent() {
        return new ApiResponse(204, Map.of(), "");
    }

    public ApiResponse withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new ApiResponse(status, Map.copyOf(copy), body);
    }
}
