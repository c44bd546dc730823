package io.itops.training;

import java.time.Instant;

/**
 * A person training knows of, with the department their sign-in or the directory's events last
 * gave: compliance reports count every active person the directory announced, and everyone who
 * enrolled or looked at their own training. {@code status} is the directory's (active, on-leave,
 * left); null for people known only from signing in, who count as active.
 */
record TraineeProfile(String userId, String department, Instant updatedAt, String status) {

    TraineeProfile(String userId, String department, Instant updatedAt) {
        this(userId, department, updatedAt, null);
    }

    /** Whether compliance counts this person. */
    boolean counted() {
        return status == null || "active".equals(status);
    }

    static final class Builder {
        private String userId;
        private String department;
        private Instant updatedAt;
        private String status;

        Builder userId(String v) { userId = v; return this; }
        Builder department(String v) { department = v; return this; }
        Builder updatedAt(Instant v) { updatedAt = v; return this; }
        Builder status(String v) { status = v; return this; }

        TraineeProfile build() {
            return new TraineeProfile(userId, department, updatedAt, status);
        }
    }
}
