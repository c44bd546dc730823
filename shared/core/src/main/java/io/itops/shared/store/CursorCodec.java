package io.itops.shared.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.itops.shared.error.ApiException;
import io.itops.shared.json.Json;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Opaque, tamper-evident pagination cursors: DynamoDB's LastEvaluatedKey, base64url-encoded and
 * signed with HMAC-SHA256 over the query it belongs to, so a cursor edited by hand or replayed
 * against another query is refused with a 400 on field {@code query.cursor}.
 */
public final class CursorCodec {
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private final Supplier<byte[]> key;

    public CursorCodec(Supplier<byte[]> key) {
        this.key = key;
    }

    public String encode(Map<String, AttributeValue> lastKey, String scope) {
        if (lastKey == null || lastKey.isEmpty()) {
            return null;
        }
        ObjectNode payload = Json.mapper().createObjectNode();
        lastKey.forEach((name, value) -> {
            ObjectNode typed = payload.putObject(name);
            if (value.s() != null) typed.put("S", value.s());
            else typed.put("N", value.n());
        });
        String body = ENCODER.encodeToString(Json.bytes(payload));
        return body + "." + ENCODER.encodeToString(sign(scope, body));
    }

    public Map<String, AttributeValue> decode(String cursor, String scope) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        int dot = cursor.indexOf('.');
        if (dot <= 0 || cursor.length() > 2048) {
            throw invalid();
        }
        String body = cursor.substring(0, dot);
        byte[] signature;
        try {
            signature = DECODER.decode(cursor.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        if (!MessageDigest.isEqual(signature, sign(scope, body))) {
            throw invalid();
        }
        JsonNode payload = Json.tree(DECODER.decode(body));
        Map<String, AttributeValue> key = new HashMap<>();
        payload.properties().forEach(e -> key.put(e.getKey(), e.getValue().has("S")
                ? AttributeValue.fromS(e.getValue().get("S").asText())
                : AttributeValue.fromN(e.getValue().get("N").asText())));
        return key;
    }

    private byte[] sign(String scope, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.get(), "HmacSHA256"));
            mac.update(scope.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return mac.doFinal(body.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ApiException.Invalid invalid() {
        return ApiException.Invalid.field("query.cursor", "is not a cursor this list issued");
    }
}
