package io.itops.training;

import java.util.Arrays;
import java.util.Locale;

/** Enums travel as their lower-case, hyphenated names; anything else is refused with the choices. */
final class Wire {
    private Wire() {}

    static String name(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static <E extends Enum<E>> E parse(Class<E> type, String value) {
        for (E constant : type.getEnumConstants()) {
            if (constant.toString().equals(value)) {
                return constant;
            }
        }
        throw new IllegalArgumentException("must be one of " + Arrays.toString(type.getEnumConstants()));
    }
}
