package io.itops.training;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.itops.shared.json.Wire;

/** The states of the training records, as they travel on the wire. */
public final class Statuses {
    private Statuses() {}

    /** Who a course is for: everyone, or the departments it lists. */
    public enum AudienceScope {
        ALL, DEPARTMENTS;

        @JsonValue
        @Override
        public String toString() {
            return Wire.name(this);
        }

        @JsonCreator
        public static AudienceScope parse(String value) {
            return Wire.parse(AudienceScope.class, value);
        }
    }

    public enum SessionStatus {
        SCHEDULED, CANCELLED;

        @JsonValue
        @Override
        public String toString() {
            return Wire.name(this);
        }

        public static SessionStatus parse(String value) {
            return Wire.parse(SessionStatus.class, value);
        }
    }

    /** An enrolment holds a seat (confirmed), waits for one (waitlisted), was used (attended) or given up (cancelled). */
    public enum EnrolmentStatus {
        CONFIRMED, WAITLISTED, ATTENDED, CANCELLED;

        @JsonValue
        @Override
        public String toString() {
            return Wire.name(this);
        }

        public static EnrolmentStatus parse(String value) {
            return Wire.parse(EnrolmentStatus.class, value);
        }

        boolean active() {
            return this != CANCELLED;
        }
    }

    /** Where a person stands on a mandatory course on a given day. */
    public enum ComplianceStatus {
        VALID, EXPIRING, EXPIRED, NEVER_DONE;

        @JsonValue
        @Override
        public String toString() {
            return Wire.name(this);
        }

        boolean compliant() {
            return this == VALID || this == EXPIRING;
        }
    }

    /** Which sessions a list shows: those still to come (soonest first) or those begun (latest first). */
    public enum When {
        UPCOMING, PAST;

        @Override
        public String toString() {
            return Wire.name(this);
        }

        public static When parse(String value) {
            return Wire.parse(When.class, value);
        }
    }
}
