package io.itops.desk;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.itops.shared.json.Wire;

/** Where a ticket is in its flow; the SLA clock runs only in the first three. */
public enum TicketStatus {
    NEW, ASSIGNED, IN_PROGRESS, WAITING_ON_REQUESTER, RESOLVED, CLOSED;

    /** The SLA clock runs: IT owes the next step. */
    public boolean clockRuns() {
        return this == NEW || this == ASSIGNED || this == IN_PROGRESS;
    }

    public boolean open() {
        return this != RESOLVED && this != CLOSED;
    }

    @JsonValue
    @Override
    public String toString() {
        return Wire.name(this);
    }

    @JsonCreator
    public static TicketStatus parse(String value) {
        return Wire.parse(TicketStatus.class, value);
    }
}
