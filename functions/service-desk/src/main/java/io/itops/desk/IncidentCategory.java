package io.itops.desk;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.itops.shared.json.Wire;

/** What kind of security incident it is. */
public enum IncidentCategory {
    MALWARE, PHISHING, UNAUTHORISED_ACCESS, DATA_LEAK, DENIAL_OF_SERVICE, LOST_OR_STOLEN_DEVICE, OTHER;

    @JsonValue
    @Override
    public String toString() {
        return Wire.name(this);
    }

    @JsonCreator
    public static IncidentCategory parse(String value) {
        return Wire.parse(IncidentCategory.class, value);
    }
}
