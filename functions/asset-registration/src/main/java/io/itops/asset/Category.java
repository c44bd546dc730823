package io.itops.asset;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.itops.shared.json.Wire;

/** Kinds of equipment the department registers. */
public enum Category {
    LAPTOP("laptop"), DESKTOP("desktop"), SERVER("server"), NETWORK_DEVICE("network-device"), FIREWALL("firewall"),
    PRINTER("printer"), STORAGE("storage"), PHONE("phone"), SOFTWARE_LICENCE("software-licence"), OTHER("other");

    private final String wire;

    Category(String wire) {
        this.wire = wire;
    }

    @JsonValue
    @Override
    public String toString() {
        return wire;
    }

    @JsonCreator
    public static Category parse(String value) {
        return Wire.parse(Category.class, value);
    }
}
