package io.itops.asset;

import io.itops.shared.config.Env;

/** Settings of the asset function beyond the common ones. */
record AssetConfig(int auditIntervalDays, EndOfLifePolicy endOfLife) {
    AssetConfig(int auditIntervalDays) {
        this(auditIntervalDays, EndOfLifePolicy.parse(EndOfLifePolicy.DEFAULTS));
    }

    static AssetConfig from(Env env) {
        return new AssetConfig(env.integer("AUDIT_INTERVAL_DAYS", 365),
                EndOfLifePolicy.parse(env.optional("END_OF_LIFE_MONTHS", EndOfLifePolicy.DEFAULTS)));
    }
}
