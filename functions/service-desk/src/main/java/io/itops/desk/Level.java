package io.itops.desk;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.itops.shared.json.Wire;

/** Impact or urgency of a ticket, the two inputs of the priority matrix. */
public enum Level {
    HIGH, MEDIUM, LOW;

    @JsonValue
    @Override
    public String toString() {
        return Wire.name(this);
    }

    @JsonCreator
    public static Level parse(String value) {
        return Wire.parse(Level.class, value);
    }
}
