package io.itops.backup;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import io.itops.shared.json.Wire;

/** The closed sets of values backup records use, with their wire names. */
public final class Vocabulary {
    private Vocabulary() {}

    /** How a backup job ended, as the agent reports it. */
    public enum JobStatus {
        SUCCEEDED, FAILED, PARTIAL;

        @JsonValue
        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }

        @JsonCreator
        public static JobStatus parse(String value) {
            return Wire.parse(JobStatus.class, value);
        }
    }

    public enum BackupMethod {
        FULL, INCREMENTAL, DIFFERENTIAL, SNAPSHOT, REPLICATION;

        @JsonValue
        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }

        @JsonCreator
        public static BackupMethod parse(String value) {
            return Wire.parse(BackupMethod.class, value);
        }
    }

    public enum Severity {
        LOW, MEDIUM, HIGH, CRITICAL;

        @JsonValue
        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }

        @JsonCreator
        public static Severity parse(String value) {
            return Wire.parse(Severity.class, value);
        }
    }

    /** Why an audited asset is not compliant; the wire name is the constant's name. */
    public enum FindingCode {
        NO_POLICY("no backup policy", "未配置备份策略"),
        NO_SUCCESSFUL_BACKUP("no successful backup", "没有成功的备份"),
        RPO_BREACHED("last good backup older than the RPO", "最近成功备份超出恢复点目标 (RPO)"),
        LAST_JOB_FAILED("last backup job failed", "最近一次备份失败"),
        RETENTION_BELOW_MINIMUM("retention below the minimum", "保留期低于最低要求"),
        NOT_ENCRYPTED("backups not encrypted", "备份未加密"),
        NO_OFFSITE_COPY("no off-site copy", "没有异地副本"),
        RESTORE_TEST_OVERDUE("restore test overdue", "恢复演练逾期"),
        RESTORE_TEST_FAILED("last restore test failed", "最近一次恢复演练失败"),
        RTO_EXCEEDED("restore took longer than the RTO", "恢复耗时超出恢复时间目标 (RTO)");

        private final String english;
        private final String chinese;

        FindingCode(String english, String chinese) {
            this.english = english;
            this.chinese = chinese;
        }

        public String english() {
            return english;
        }

        public String chinese() {
            return chinese;
        }

        @JsonCreator
        public static FindingCode parse(String value) {
            return Wire.parse(FindingCode.class, value);
        }
    }

    public enum RunStatus {
        RUNNING, COMPLETED, ABANDONED;

        @JsonValue
        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static RunStatus parse(String value) {
            return Wire.parse(RunStatus.class, value);
        }
    }

    public enum Trigger {
        SCHEDULE, MANUAL;

        @JsonValue
        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Trigger parse(String value) {
            return Wire.parse(Trigger.class, value);
        }
    }

    /** A finding compared with the previous audit of the same asset. */
    public enum Change {
        NEW, PERSISTING, RESOLVED;

        @JsonValue
        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }

        @JsonCreator
        public static Change parse(String value) {
            return Wire.parse(Change.class, value);
        }
    }
}
