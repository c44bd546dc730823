package io.itops.chat;

import com.fasterxml.jackson.databind.JsonNode;
import io.itops.shared.error.ApiException;
import io.itops.shared.http.ApiRequest;
import io.itops.shared.json.Json;
import io.itops.shared.observability.Log;
import io.itops.shared.observability.Metrics;
import java.util.regex.Pattern;

/**
 * Reading webhook requests: size first, then (in each platform's class) the signature, then the
 * payload. Platforms add fields to their payloads over time, so payloads are read leniently by path;
 * what we need must be present and of the right type, named in the 400 when it is not.
 */
final class WebhookInput {
    /** Platform event and message ids: printable, bounded; they become part of a table key. */
    private static final Pattern EVENT_ID = Pattern.compile("[A-Za-z0-9_+/=.:@-]{1,128}");

    private WebhookInput() {}

    static void requireSize(ApiRequest request) {
        if (request.body().length > request.maxBodyBytes()) {
            throw new ApiException.TooLarge(request.maxBodyBytes());
        }
    }

    /** A 401 that says no more than that the request was refused; the reason goes to the log. */
    static ApiException.Unauthenticated rejected(ChatPlatform platform, String why) {
        Log.warn("chat webhook rejected", "platform", platform.toString(), "reason", why);
        Metrics.count("ChatWebhookRejected");
        return new ApiException.Unauthenticated("Request signature rejected");
    }

    static JsonNode json(ApiRequest request) {
        request.requireMediaType("application/json");
        if (!request.hasBody()) {
            throw ApiException.Invalid.field("body", "a request body is required");
        }
        JsonNode node = Json.tree(request.body());
        if (!node.isObject()) {
            throw ApiException.Invalid.field("body", "must be a JSON object");
        }
        return node;
    }

    /** The string at a dotted path; null when absent and not required. */
    static String text(JsonNode root, String path, int maxLength, boolean required) {
        JsonNode node = root;
        for (String part : path.split("\\.")) {
            node = node.path(part);
        }
        if (node.isMissingNode() || node.isNull()) {
            if (required) {
                throw ApiException.Invalid.field(path, "is required");
            }
            return null;
        }
        if (!node.isTextual()) {
            throw ApiException.Invalid.field(path, "must be a string");
        }
        String value = node.asText();
        if (value.length() > maxLength) {
            throw ApiException.Invalid.field(path, "must be at most " + maxLength + " characters");
        }
        if (required && value.isBlank()) {
            throw ApiException.Invalid.field(path, "must not be blank");
        }
        return value;
    }

    static String eventId(String value, String field) {
        if (value == null || !EVENT_ID.matcher(value).matches()) {
            throw ApiException.Invalid.field(field, "is not an event id");
        }
        return value;
    }

    /** A signed-header timestamp: digits only, as documented (Long.parseLong alone would take "+1733..."); MIN_VALUE otherwise. */
    static long number(String value) {
        if (value == null || !SIGNED_TIMESTAMP.matcher(value).matches()) {
            return Long.MIN_VALUE;
        }
        return Long.parseLong(value);
    }

    // seconds (Slack, Feishu) or milliseconds (DingTalk)
    private static final java.util.regex.Pattern SIGNED_TIMESTAMP = java.util.regex.Pattern.compile("[0-9]{1,13}");
}
