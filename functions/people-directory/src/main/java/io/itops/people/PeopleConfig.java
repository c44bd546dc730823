package io.itops.people;

import io.itops.shared.config.Env;
import java.time.ZoneId;

/**
 * Settings of the directory beyond the common ones: the user pool to sync from (empty where the
 * deployment uses another identity provider, and on the dev server), and the zone whose calendar
 * gives a leaver without a leave date "today".
 */
record PeopleConfig(String userPoolId, ZoneId zone) {
    static PeopleConfig from(Env env) {
        return new PeopleConfig(env.optional("USER_POOL_ID", null), ZoneId.of(env.optional("TIME_ZONE", "Asia/Shanghai")));
    }
}
