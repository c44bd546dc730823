package io.itops.shared.json;

import java.util.Arrays;
import java.util.Locale;

/**
 * Enums travel as their lower-case, hyphenated names ({@code IN_SERVICE} is {@code in-service});
 * anything else is refused with the choices. Enums use it from their {@code @JsonValue toString()}
 * and {@code @JsonCreator parse(String)}.
 */
public final class Wire {
    private Wire() {}

    public static String name(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static <E extends Enum<E>> E parse(Class<E> type, String value) {
        for (E constant : type.getEnumConstants()) {
            if (constant.toString().equals(value)) {
                return constant;
            }
        }
        throw new IllegalArgumentException("must be one of " + Arrays.toString(type.getEnumConstants()));
    }
}
