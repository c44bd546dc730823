package io.itops.desk;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.itops.shared.json.Wire;

/** How a ticket was raised. */
public enum Source {
    API, CHAT, ASSET_FAULT, JOINER, LEAVER;

    @JsonValue
    @Override
    public String toString() {
        return Wire.name(this);
    }

    @JsonCreator
    public static Source parse(String value) {
        return Wire.parse(Source.class, value);
    }
}
