package io.itops.local;

import java.util.Map;

/** Reading template.yaml's nested maps without casts. */
final class Cfn {
    private Cfn() {}

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }
}
