package io.itops.shared.http;

import io.itops.shared.error.ApiException;
import io.itops.shared.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * An API Gateway HTTP API (payload 2.0) request as the functions see it: header names lower-cased,
 * the body already base64-decoded, the JWT claims the authorizer passed.
 */
public record ApiRequest(
        String routeKey,
        String method,
        String path,
        Map<String, String> pathParameters,
        Map<String, String> query,
        Map<String, String> headers,
        byte[] body,
        String requestId,
        Map<String, Object> claims,
        int maxBodyBytes) {

    private static final java.util.regex.Pattern ID = java.util.regex.Pattern.compile("[0-9A-HJKMNP-TV-Z]{26}");

    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    public String pathParameter(String name) {
        String value = pathParameters.get(name);
        if (value == null || value.isBlank()) {
            throw ApiException.Invalid.field("path." + name, "is required");
        }
        return value;
    }

    /** A path parameter that must be an id this API issued (a ULID). */
    public String idParameter(String name) {
        String value = pathParameter(name);
        if (!ID.matcher(value).matches()) {
            throw ApiException.Invalid.field("path." + name, "is not an id this API issued");
        }
        return value;
    }

    public String queryParameter(String name) {
        String value = query.get(name);
        return value == null || value.isEmpty() ? null : value;
    }

    /** Page size from {@code ?limit=}: 1-100, default 25. */
    public int limit() {
        return intQuery("limit", 1, 100, 25);
    }

    public String cursor() {
        return queryParameter("cursor");
    }

    public int intQuery(String name, int min, int max, int fallback) {
        String value = queryParameter(name);
        if (value == null) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value);
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw ApiException.Invalid.field("query." + name, "must be an integer from " + min + " to " + max);
    }

    /** A query parameter parsed by {@code parse}; its IllegalArgumentException message names the problem. */
    public <T> T query(String name, java.util.function.Function<String, T> parse) {
        String value = queryParameter(name);
        if (value == null) {
            return null;
        }
        try {
            return parse.apply(value);
        } catch (IllegalArgumentException e) {
            throw ApiException.Invalid.field("query." + name, e.getMessage());
        }
    }

    /** A short free-text query value (no control characters, at most 200 characters). */
    public String textQuery(String name) {
        String value = queryParameter(name);
        if (value != null && (value.length() > 200 || value.chars().anyMatch(c -> c < 0x20))) {
            throw ApiException.Invalid.field("query." + name, "must be at most 200 printable characters");
        }
        return value;
    }

    /** The version named by If-Match ({@code "3"}, {@code W/"3"} or {@code 3}); required. */
    public long ifMatchVersion() {
        String value = header("if-match");
        if (value == null) {
            throw ApiException.Invalid.field("header.If-Match", "is required: send the ETag of the version you read");
        }
        String stripped = value.trim().replaceFirst("^W/", "").replace("\"", "");
        try {
            return Long.parseLong(stripped);
        } catch (NumberFormatException e) {
            throw ApiException.Invalid.field("header.If-Match", "must be an ETag this API issued, such as \"3\"");
        }
    }

    public boolean hasBody() {
        return body.length > 0;
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The charset parameter of Content-Type, lower-cased and unquoted; null when absent. */
    public String charset() {
        String value = header("content-type");
        if (value == null) {
            return null;
        }
        for (String parameter : value.split(";")) {
            String[] pair = parameter.trim().split("=", 2);
            if (pair.length == 2 && pair[0].trim().equalsIgnoreCase("charset")) {
                return pair[1].trim().replace("\"", "").toLowerCase(Locale.ROOT);
            }
        }
        return null;
    }

    /** The media type without parameters, lower-cased; null when absent. */
    public String mediaType() {
        String value = header("content-type");
        if (value == null) {
            return null;
        }
        int semicolon = value.indexOf(';');
        return (semicolon < 0 ? value : value.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }

    /**
     * Reads a JSON body into a record: 413 when too large, 415 when not JSON (or a charset other than
     * UTF-8 is declared), 400 naming the field. Field errors wait for the route's rules, so the answer
     * lists every invalid field at once (see {@link Json#bind}).
     */
    public <T> T json(Class<T> type) {
        requireBodyWithin();
        requireMediaType("application/json");
        return Json.bind(body, type);
    }

    /**
     * Reads a JSON body as {@link #json} does, but answers its field errors at once, before any rule
     * runs: for a route whose rules take parts of the body one by one (rows of an import).
     */
    public <T> T jsonAllOrNothing(Class<T> type) {
        requireBodyWithin();
        requireMediaType("application/json");
        Json.Bound<T> bound = Json.bindAll(body, type);
        if (!bound.errors().isEmpty()) {
            throw new ApiException.Invalid(bound.errors());
        }
        return bound.value();
    }

    public void requireBodyWithin() {
        if (body.length > maxBodyBytes) {
            throw new ApiException.TooLarge(maxBodyBytes);
        }
        if (body.length == 0) {
            throw ApiException.Invalid.field("body", "a request body is required");
        }
    }

    public void requireMediaType(String expected) {
        String type = mediaType();
        if (type == null || !(type.equals(expected) || type.endsWith("+json") && expected.equals("application/json"))) {
            throw new ApiException.UnsupportedMediaType(expected);
        }
        String charset = charset();
        if (charset != null && !charset.equals("utf-8")) {
            throw new ApiException.UnsupportedMediaType(expected + " in UTF-8 (charset=" + charset + " is refused)");
        }
    }
}
