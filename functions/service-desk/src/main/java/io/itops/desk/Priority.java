package io.itops.desk;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.itops.shared.json.Wire;

/** A ticket's priority, from the impact x urgency matrix; each has its SLA targets. */
public enum Priority {
    P1, P2, P3, P4;

    @JsonValue
    @Override
    public String toString() {
        return Wire.name(this);
    }

    @JsonCreator
    public static Priority parse(String value) {
        return Wire.parse(Priority.class, value);
    }
}
