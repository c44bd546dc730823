package io.itops.desk;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.itops.shared.json.Wire;

/** How bad a security incident is. */
public enum IncidentSeverity {
    CRITICAL, HIGH, MEDIUM, LOW;

    @JsonValue
    @Override
    public String toString() {
        return Wire.name(this);
    }

    @JsonCreator
    public static IncidentSeverity parse(String value) {
        return Wire.parse(IncidentSeverity.class, value);
    }
}
