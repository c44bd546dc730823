package io.itops.asset;

import io.itops.shared.json.Json;
import java.math.BigDecimal;
import java.util.Map;

/** A field's value as the archive shows it: plain text for scalars, JSON for objects, null for empty. */
final class FieldText {
    private FieldText() {}

    static String of(Object value) {
        if (value == null || Purchase.NONE.equals(value) || value instanceof Map<?, ?> map && map.isEmpty()) {
            return null;
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (value instanceof Purchase || value instanceof Map<?, ?>) {
            return Json.write(value);
        }
        return value.toString();
    }
}
