package io.itops.asset;

import com.fasterxml.jackson.annotation.JsonValue;
import java.time.LocalDate;
import io.itops.shared.json.Wire;

/**
 * The dates the register watches: maintenance due, warranty end, physical audit due, a loan's
 * expected return, the planned end of life, and the day an audit first missed the asset.
 */
enum DueKind {
    MAINTENANCE, WARRANTY, AUDIT, RETURN, END_OF_LIFE, MISSING;

    @JsonValue
    @Override
    public String toString() {
        return Wire.name(this);
    }

    static DueKind parse(String value) {
        return Wire.parse(DueKind.class, value);
    }

    LocalDate of(Asset asset) {
        if (!asset.status().isActive()) {
            return null;
        }
        return switch (this) {
            case MAINTENANCE -> asset.nextMaintenanceDue();
            case WARRANTY -> asset.warrantyEnd();
            case AUDIT -> asset.nextAuditDue();
            case RETURN -> asset.checkout() == null ? null : asset.checkout().expectedReturn();
            case END_OF_LIFE -> asset.endOfLife();
            case MISSING -> asset.missingSince();
        };
    }
}
