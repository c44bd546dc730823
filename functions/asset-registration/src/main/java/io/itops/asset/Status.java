package io.itops.asset;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.EnumSet;
import java.util.Set;
import io.itops.shared.json.Wire;

/**
 * The lifecycle of a piece of equipment and the moves allowed between its stages. Acceptance
 * (commissioning sign-off, 验收) and the deployed stages after it need a custodian and a location;
 * a deployed asset handed back goes to stock (accepted once, no holder) and is deployed again from there.
 */
public enum Status {
    ORDERED("ordered"), RECEIVED("received"), INSTALLED("installed"), ACCEPTED("accepted"),
    IN_SERVICE("in-service"), UNDER_MAINTENANCE("under-maintenance"), IN_STOCK("in-stock"), RETIRED("retired"),
    DISPOSED("disposed");

    private final String wire;

    Status(String wire) {
        this.wire = wire;
    }

    @JsonValue
    @Override
    public String toString() {
        return wire;
    }

    @JsonCreator
    public static Status parse(String value) {
        return Wire.parse(Status.class, value);
    }

    public Set<Status> next() {
        return switch (this) {
            case ORDERED -> EnumSet.of(RECEIVED, RETIRED);
            case RECEIVED -> EnumSet.of(INSTALLED, ACCEPTED, RETIRED);
            case INSTALLED -> EnumSet.of(ACCEPTED, RECEIVED, RETIRED);
            case ACCEPTED -> EnumSet.of(IN_SERVICE, IN_STOCK, RETIRED);
            case IN_SERVICE -> EnumSet.of(UNDER_MAINTENANCE, IN_STOCK, RETIRED);
            case UNDER_MAINTENANCE -> EnumSet.of(IN_SERVICE, IN_STOCK, RETIRED);
            case IN_STOCK -> EnumSet.of(IN_SERVICE, RETIRED);
            case RETIRED -> EnumSet.of(DISPOSED);
            case DISPOSED -> EnumSet.noneOf(Status.class);
        };
    }

    public boolean canMoveTo(Status target) {
        return next().contains(target);
    }

    /** Stages reached only after acceptance: the asset must have a custodian and a location. */
    public boolean needsCustodianAndLocation() {
        return this == ACCEPTED || this == IN_SERVICE || this == UNDER_MAINTENANCE;
    }

    /** Retiring and disposing are decisions for admins. */
    public boolean adminOnly() {
        return this == RETIRED || this == DISPOSED;
    }

    /** Stages without a holder: moving there ends the custody (returned to stock, retired, disposed). */
    public boolean endsCustody() {
        return this == IN_STOCK || this == RETIRED || this == DISPOSED;
    }

    public boolean isActive() {
        return this != RETIRED && this != DISPOSED;
    }
}
