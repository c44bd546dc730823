package io.itops.training;

import java.time.Instant;

/**
 * A person training knows of, with the department their sign-in last gave: compliance reports count
 * everyone who enrolled or looked at their own training.
 */
record TraineeProfile(String userId, String department, Instant updatedAt) {

    static final class Builder {
        private String userId;
        private String department;
        private Instant updatedAt;

        Builder userId(String v) { userId = v; return this; }
        Builder department(String v) { department = v; return this; }
        Builder updatedAt(Instant v) { updatedAt = v; return this; }

        TraineeProfile build() {
            return new TraineeProfile(userId, department, updatedAt);
        }
    }
}
