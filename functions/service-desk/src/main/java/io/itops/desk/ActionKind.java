package io.itops.desk;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.itops.shared.json.Wire;

/** An investigation's action items: what fixes this incident, and what prevents the next. */
public enum ActionKind {
    CORRECTIVE, PREVENTIVE;

    @JsonValue
    @Override
    public String toString() {
        return Wire.name(this);
    }

    @JsonCreator
    public static ActionKind parse(String value) {
        return Wire.parse(ActionKind.class, value);
    }
}
