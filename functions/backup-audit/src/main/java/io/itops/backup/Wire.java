package io.itops.backup;

import java.util.Arrays;

/** Enums travel as their wire names; anything else is refused with the choices. */
final class Wire {
    private Wire() {}

    static <E extends Enum<E>> E parse(Class<E> type, String value) {
        for (E constant : type.getEnumConstants()) {
            if (constant.toString().equals(value)) {
                return constant;
            }
        }
        throw new IllegalArgumentException("must be one of " + Arrays.toString(type.getEnumConstants()));
    }
}
