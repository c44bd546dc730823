package io.itops.people;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.itops.shared.json.Wire;

/** Where a person stands with the company: working, on leave, or gone. */
enum PersonStatus {
    ACTIVE, ON_LEAVE, LEFT;

    @JsonCreator
    static PersonStatus parse(String value) {
        return Wire.parse(PersonStatus.class, value);
    }

    @JsonValue
    @Override
    public String toString() {
        return Wire.name(this);
    }
}
