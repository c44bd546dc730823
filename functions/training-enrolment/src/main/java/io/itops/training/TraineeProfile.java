package io.itops.training;

import java.time.Instant;

/**
 * A person training knows of, with the department their sign-in last gave: compliance reports count
 * everyone who enrolled or looked at their own training.
 */
record TraineeProfile(String userId, String department, Instant updatedAt) {}
