package io.itops.shared.idempotency;

import io.itops.shared.auth.Caller;
import io.itops.shared.error.ApiException;
import io.itops.shared.http.ApiRequest;
import io.itops.shared.http.ApiResponse;
import io.itops.shared.observability.Log;
import io.itops.shared.store.Attributes;
import io.itops.shared.store.SingleTable;
import io.itops.shared.store.TransactionWrites.Condition;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Idempotency-Key handling for create routes. The first request with a key claims it with a
 * conditional write; its response is stored for 24 hours (DynamoDB TTL). The same key and body
 * replays that response; the same key with another body is a 422; a duplicate arriving while the
 * first is running gets 409 with Retry-After. Keys are scoped to the caller. A failed action
 * releases the key so the client may retry.
 */
public final class Idempotency {
    public static final String HEADER = "idempotency-key";
    static final Duration RETENTION = Duration.ofHours(24);
    static final Duration LOCK = Duration.ofSeconds(30);
    private static final Pattern KEY_FORMAT = Pattern.compile("[A-Za-z0-9_.:-]{8,128}");
    private static final String IN_PROGRESS = "IN_PROGRESS";
    private static final String COMPLETED = "COMPLETED";

    private final SingleTable table;
    private final Clock clock;

    public Idempotency(SingleTable table, Clock clock) {
        this.table = table;
        this.clock = clock;
    }

    public ApiResponse run(ApiRequest request, Caller caller, Supplier<ApiResponse> action) {
        String key = request.header(HEADER);
        if (key == null) {
            return action.get();
        }
        if (!KEY_FORMAT.matcher(key).matches()) {
            throw ApiException.Invalid.field("header.Idempotency-Key", "must be 8-128 characters of A-Z a-z 0-9 _ . : -");
        }
        String pk = "IDEMPOTENCY#" + caller.userId() + "#" + key;
        Map<String, AttributeValue> id = Attributes.key(pk, IdempotencyRecord.SK);
        String fingerprint = fingerprint(request);
        IdempotencyRecord existing = claim(pk, id, fingerprint);
        if (existing != null) {
            return answerFor(existing, fingerprint);
        }
        ApiResponse response;
        try {
            response = action.get();
        } catch (RuntimeException failure) {
            release(id);
            throw failure;
        }
        try {
            complete(id, response);
        } catch (RuntimeException unrecorded) {
            // The action is done: report what happened rather than a 503 that invites a second attempt.
            // The key stays in progress until its lock lapses.
            Log.warn("idempotency response not recorded", "error", unrecorded.getClass().getSimpleName());
        }
        return response;
    }

    /** Claims the key; returns null when claimed, or the record that holds it. */
    private IdempotencyRecord claim(String pk, Map<String, AttributeValue> id, String fingerprint) {
        long now = clock.instant().getEpochSecond();
        IdempotencyRecord record = new IdempotencyRecord.Builder().pk(pk).status(IN_PROGRESS).requestHash(fingerprint)
                .lockedUntil(now + LOCK.toSeconds()).expiresAt(now + RETENTION.toSeconds()).build();
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                table.of(IdempotencyRecord.SCHEMA).putItem(r -> r.item(record).conditionExpression(Condition.of(
                        // moto never expires items, so an expired record counts as absent here too.
                        "attribute_not_exists(PK) OR expiresAt < :now OR (#s = :inProgress AND lockedUntil < :now)",
                        Map.of("#s", "status"), Attributes.values(":now", now, ":inProgress", IN_PROGRESS)).asExpression()));
                return null;
            } catch (ConditionalCheckFailedException held) {
                var current = table.get(IdempotencyRecord.SCHEMA, id);
                if (current.isPresent()) {
                    return current.get();
                }
            }
        }
        throw new ApiException.Conflict("IDEMPOTENCY_IN_PROGRESS", "A request with this Idempotency-Key is in progress", Map.of(), Duration.ofSeconds(1));
    }

    private static ApiResponse answerFor(IdempotencyRecord existing, String fingerprint) {
        if (!fingerprint.equals(existing.requestHash())) {
            throw new ApiException.Unprocessable("IDEMPOTENCY_KEY_REUSED",
                    "This Idempotency-Key was used with a different request");
        }
        if (!COMPLETED.equals(existing.status())) {
            throw new ApiException.Conflict("IDEMPOTENCY_IN_PROGRESS",
                    "A request with this Idempotency-Key is in progress", Map.of(), Duration.ofSeconds(1));
        }
        return new ApiResponse(existing.responseStatus(), existing.responseHeaders(), existing.responseBody())
                .withHeader("idempotency-replayed", "true");
    }

    private void complete(Map<String, AttributeValue> id, ApiResponse response) {
        Map<String, AttributeValue> values = Attributes.values(
                ":done", COMPLETED, ":status", response.status(), ":body", response.body());
        String update = "SET #s = :done, responseStatus = :status, responseBody = :body";
        if (!response.headers().isEmpty()) {
            Map<String, AttributeValue> headers = new java.util.LinkedHashMap<>();
            response.headers().forEach((name, value) -> headers.put(name, Attributes.s(value)));
            values.put(":headers", AttributeValue.fromM(headers));
            update += ", responseHeaders = :headers";
        }
        String expression = update;
        table.dynamo().updateItem(r -> r.tableName(table.name()).key(id)
                .updateExpression(expression)
                .expressionAttributeNames(Map.of("#s", "status"))
                .expressionAttributeValues(values));
    }

    private void release(Map<String, AttributeValue> id) {
        try {
            table.dynamo().deleteItem(r -> r.tableName(table.name()).key(id)
                    .conditionExpression("#s = :inProgress")
                    .expressionAttributeNames(Map.of("#s", "status"))
                    .expressionAttributeValues(Attributes.values(":inProgress", IN_PROGRESS)));
        } catch (ConditionalCheckFailedException ignored) {
            // another request already completed or took over the key
        }
    }

    // package-private so IdempotencyFingerprintTest pins it without DynamoDB
    static String fingerprint(ApiRequest request) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update((request.method() + " " + request.path() + "\n").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest(request.body()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
