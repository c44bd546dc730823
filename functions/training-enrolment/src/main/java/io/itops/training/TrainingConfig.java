package io.itops.training;

import io.itops.shared.config.Env;
import java.time.ZoneId;

/**
 * Settings of the training function beyond the common ones: the time zone whose calendar decides
 * "today" for expiry and reminders (the schedules' zone), and how early expiry counts as "expiring".
 */
record TrainingConfig(ZoneId zone, int expiringWithinDays) {
    static TrainingConfig from(Env env) {
        return new TrainingConfig(ZoneId.of(env.optional("TIME_ZONE", "Asia/Shanghai")), env.integer("EXPIRING_WITHIN_DAYS", 30));
    }
}
