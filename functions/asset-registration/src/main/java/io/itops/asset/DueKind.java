package io.itops.asset;

import com.fasterxml.jackson.annotation.JsonValue;
import java.time.LocalDate;
import io.itops.shared.json.Wire;

/** The dates the register watches: maintenance due, warranty end, physical audit due. */
enum DueKind {
    MAINTENANCE, WARRANTY, AUDIT;

    @JsonValue
    @Override
    public String toString() {
        return name().toLowerCase();
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
        };
    }
}
