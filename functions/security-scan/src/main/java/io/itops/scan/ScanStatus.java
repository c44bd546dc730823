package io.itops.scan;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.itops.shared.json.Wire;

/**
 * Where a scan is: requested (published for scanners), processing (a result is being applied),
 * then one of completed, failed (the scanner said so) or timed-out (no result in time).
 */
public enum ScanStatus {
    REQUESTED, PROCESSING, COMPLETED, FAILED, TIMED_OUT;

    public boolean isOpen() {
        return this == REQUESTED || this == PROCESSING;
    }

    @JsonValue
    @Override
    public String toString() {
        return Wire.name(this);
    }

    @JsonCreator
    public static ScanStatus parse(String value) {
        return Wire.parse(ScanStatus.class, value);
    }
}
