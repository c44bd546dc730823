package io.itops.backup;

import io.itops.shared.config.Env;

/**
 * Settings of the backup function beyond the common ones.
 *
 * @param agentKeysSecret the one secret holding every backup agent's signing key, {@code {"<agent id>": "<secret>", ...}}
 * @param minimumRetentionDays the organisation's minimum backup retention
 * @param itDepartment the department whose channel gets audit summaries
 * @param auditPageSize coverage items per audit page (one page per segment in memory)
 * @param auditParallelism segments read at once
 */
record BackupConfig(String agentKeysSecret, int minimumRetentionDays, String itDepartment, int auditPageSize,
                    int auditParallelism) {

    static BackupConfig from(Env env) {
        BackupConfig config = new BackupConfig(
                env.required("AGENT_KEYS_SECRET"),
                env.integer("MIN_RETENTION_DAYS", 35),
                env.optional("IT_DEPARTMENT", "IT"),
                env.integer("AUDIT_PAGE_SIZE", 500),
                env.integer("AUDIT_PARALLELISM", 4));
        if (config.minimumRetentionDays < 1 || config.auditPageSize < 1 || config.auditPageSize > 1000
                || config.auditParallelism < 1 || config.auditParallelism > BackupSchemas.SHARDS) {
            throw new IllegalStateException("MIN_RETENTION_DAYS >= 1, AUDIT_PAGE_SIZE 1-1000 and AUDIT_PARALLELISM 1-"
                    + BackupSchemas.SHARDS + " are required");
        }
        return config;
    }
}
