package io.itops.training;

import io.itops.shared.config.Env;
import java.time.ZoneId;

/**
 * Settings of the training function beyond the common ones: the time zone whose calendar decides
 * "today" for expiry and reminders (the schedules' zone), how early expiry counts as "expiring", and how many days after their start a joiner has to complete
 * their mandatory courses.
 */
record TrainingConfig(ZoneId zone, int expiringWithinDays, int joinerDueDays) {
    static TrainingConfig from(Env env) {
        return new TrainingConfig(ZoneId.of(env.optional("TIME_ZONE", "Asia/Shanghai")), env.integer("EXPIRING_WITHIN_DAYS", 30),
                env.integer("JOINER_TRAINING_DUE_DAYS", 30));
    }
}
