package io.itops.scan;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.itops.shared.json.Wire;

/** Why a scan was requested. */
public enum Trigger {
    ON_DEMAND, CAMPAIGN, COVERAGE, ONBOARDING, CHAT;

    @JsonValue
    @Override
    public String toString() {
        return Wire.name(this);
    }

    @JsonCreator
    public static Trigger parse(String value) {
        return Wire.parse(Trigger.class, value);
    }
}
