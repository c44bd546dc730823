package io.itops.scan;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.itops.shared.json.Wire;

/**
 * Where a finding is. Scans move it between open and resolved; staff triage an unresolved one to
 * accepted-risk (until an expiry), false-positive or remediated.
 */
public enum FindingStatus {
    OPEN, RESOLVED, ACCEPTED_RISK, FALSE_POSITIVE, REMEDIATED;

    /** The statuses staff may set by triage. */
    public boolean isTriage() {
        return this == ACCEPTED_RISK || this == FALSE_POSITIVE || this == REMEDIATED;
    }

    @JsonValue
    @Override
    public String toString() {
        return Wire.name(this);
    }

    @JsonCreator
    public static FindingStatus parse(String value) {
        return Wire.parse(FindingStatus.class, value);
    }
}
