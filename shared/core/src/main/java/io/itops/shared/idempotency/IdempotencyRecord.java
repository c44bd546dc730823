package io.itops.shared.idempotency;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;

import java.util.Map;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;

/** A claimed Idempotency-Key: {@code IDEMPOTENCY#<user>#<key>}, its request's hash and, once done, its response. */
record IdempotencyRecord(String pk, String status, String requestHash, Long lockedUntil, Long expiresAt,
                         Integer responseStatus, Map<String, String> responseHeaders, String responseBody) {
    static final String SK = "IDEMPOTENCY";

    static final TableSchema<IdempotencyRecord> SCHEMA = StaticImmutableTableSchema.builder(IdempotencyRecord.class, Builder.class)
            .newItemBuilder(Builder::new, Builder::build)
            .addAttribute(String.class, a -> a.name("PK").getter(IdempotencyRecord::pk).setter(Builder::pk).tags(primaryPartitionKey()))
            .addAttribute(String.class, a -> a.name("SK").getter(r -> SK).setter((b, v) -> {}).tags(primarySortKey()))
            .addAttribute(String.class, a -> a.name("status").getter(IdempotencyRecord::status).setter(Builder::status))
            .addAttribute(String.class, a -> a.name("requestHash").getter(IdempotencyRecord::requestHash).setter(Builder::requestHash))
            .addAttribute(Long.class, a -> a.name("lockedUntil").getter(IdempotencyRecord::lockedUntil).setter(Builder::lockedUntil))
            .addAttribute(Long.class, a -> a.name("expiresAt").getter(IdempotencyRecord::expiresAt).setter(Builder::expiresAt))
            .addAttribute(Integer.class, a -> a.name("responseStatus").getter(IdempotencyRecord::responseStatus).setter(Builder::responseStatus))
            .addAttribute(EnhancedType.mapOf(String.class, String.class),
                    a -> a.name("responseHeaders").getter(IdempotencyRecord::responseHeaders).setter(Builder::responseHeaders))
            .addAttribute(String.class, a -> a.name("responseBody").getter(IdempotencyRecord::responseBody).setter(Builder::responseBody))
            .build();

    static final class Builder {
        private String pk;
        private String status;
        private String requestHash;
        private Long lockedUntil;
        private Long expiresAt;
        private Integer responseStatus;
        private Map<String, String> responseHeaders;
        private String responseBody;

        Builder pk(String v) { pk = v; return this; }
        Builder status(String v) { status = v; return this; }
        Builder requestHash(String v) { requestHash = v; return this; }
        Builder lockedUntil(Long v) { lockedUntil = v; return this; }
        Builder expiresAt(Long v) { expiresAt = v; return this; }
        Builder responseStatus(Integer v) { responseStatus = v; return this; }
        Builder responseHeaders(Map<String, String> v) { responseHeaders = v; return this; }
        Builder responseBody(String v) { responseBody = v; return this; }

        IdempotencyRecord build() {
            return new IdempotencyRecord(pk, status, requestHash, lockedUntil, expiresAt, responseStatus,
                    responseHeaders == null ? Map.of() : responseHeaders, responseBody);
        }
    }
}
