package io.itops.desk;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.itops.shared.json.Wire;

/** The typed steps of an incident's timeline, in the order they happen; each at most once. */
public enum TimelineType {
    DETECTED, REPORTED, CONTAINED, ERADICATED, RECOVERED, CLOSED;

    @JsonValue
    @Override
    public String toString() {
        return Wire.name(this);
    }

    @JsonCreator
    public static TimelineType parse(String value) {
        return Wire.parse(TimelineType.class, value);
    }
}
