package io.itops.asset;

import io.itops.shared.config.Env;

/** Settings of the asset function beyond the common ones. */
record AssetConfig(int auditIntervalDays) {
    static AssetConfig from(Env env) {
        return new AssetConfig(env.integer("AUDIT_INTERVAL_DAYS", 365));
    }
}
