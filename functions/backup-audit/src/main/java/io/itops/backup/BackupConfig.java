package io.itops.backup;

import io.itops.shared.config.Env;

/**
 * Settings of the backup function beyond the common ones.
 *
 * @param agentSecretPrefix backup agent {@code K} signs with the secret {@code <prefix>K}
 * @param minimumRetentionDays the organisation's minimum backup retention
 * @param itDepartment the department whose channel gets audit summaries
 * @param auditPageSize coverage items per audit page (one page per segment in memory)
 * @param auditParallelism segments read at once
 */
record BackupConfig(String agentSecretPrefix, int minimumRetentionDays, String itDepartment, int auditPageSize,
                    int auditParallelism) {

    static BackupConfig from(Env env) {
        BackupConfig config = new BackupConfig(
                env.required("AGENT_SECRET_PREFIX"),
                env.integer("MIN_RETENTION_DAYS", 35),
                env.optional("IT_DEPARTMENT", "IT"),
                env.integer("AUDIT_PAGE_SIZE", 500),
                env.integer("AUDIT_PARALLELISM", 4));
        if (config.minimumRetentionDays < 1 || config.auditPageSize < 1 || config.auditPageSize > 1000
                || config.auditParallelism < 1 || config.auditParallelism > BackupItems.SHARDS) {
            throw new IllegalStateException("MIN_RETENTION_DAYS >= 1, AUDIT_PAGE_SIZE 1-1000 and AUDIT_PARALLELISM 1-"
                    + BackupItems.SHARDS + " are required");
        }
        return config;
    }
}
