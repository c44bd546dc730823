package io.itops.shared.store;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * AttributeValues for what the Enhanced Client cannot say (condition and update expressions, key
 * maps). Whole items are never assembled here: each stored record has its schema.
 */
public final class Attributes {
    private Attributes() {}

    public static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    public static AttributeValue n(Number value) {
        return AttributeValue.fromN(value instanceof BigDecimal d ? d.toPlainString() : value.toString());
    }

    /** The {@code PK}/{@code SK} key of an item in the one table. */
    public static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of("PK", s(pk), "SK", s(sk));
    }

    /** Expression values from name/value pairs, as a mutable map (callers may add to it). */
    public static Map<String, AttributeValue> values(Object... nameValues) {
        Map<String, AttributeValue> out = new HashMap<>();
        for (int i = 0; i + 1 < nameValues.length; i += 2) {
            Object value = nameValues[i + 1];
            out.put((String) nameValues[i], value instanceof AttributeValue av ? av
                    : value instanceof Number num ? n(num)
                    : value instanceof Boolean b ? AttributeValue.fromBool(b)
                    : s(String.valueOf(value)));
        }
        return out;
    }
}
