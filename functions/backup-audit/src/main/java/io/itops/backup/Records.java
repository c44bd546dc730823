package io.itops.backup;

import io.itops.backup.Vocabulary.BackupMethod;
import io.itops.backup.Vocabulary.Change;
import io.itops.backup.Vocabulary.FindingCode;
import io.itops.backup.Vocabulary.JobStatus;
import io.itops.backup.Vocabulary.Severity;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The records of the backup domain, as stored and as the API shows them. */
public final class Records {
    private Records() {}

    /**
     * How an asset must be backed up. {@code since} is when a policy was first set (the first restore
     * test falls due one interval after it).
     */
    public record Policy(int rpoHours, int retentionDays, BackupMethod method, String target, boolean encrypted,
                         boolean offsiteCopy, int restoreTestIntervalDays, int rtoMinutes,
                         Instant since, Instant updatedAt, String updatedBy) {}

    /** A policy as the API shows it: with the asset it belongs to. */
    public record PolicyView(String assetId, String assetTag, int rpoHours, int retentionDays, BackupMethod method,
                             String target, boolean encrypted, boolean offsiteCopy, int restoreTestIntervalDays,
                             int rtoMinutes, Instant since, Instant updatedAt, String updatedBy) {
        static PolicyView of(String assetId, String assetTag, Policy p) {
            return new PolicyView(assetId, assetTag, p.rpoHours(), p.retentionDays(), p.method(), p.target(), p.encrypted(),
                    p.offsiteCopy(), p.restoreTestIntervalDays(), p.rtoMinutes(), p.since(), p.updatedAt(), p.updatedBy());
        }
    }

    /** One backup job as an agent reported it. {@code agent} is the key id that signed the report. */
    public record Job(String jobId, String assetId, JobStatus status, Instant startedAt, Instant finishedAt,
                      Long sizeBytes, String location, Boolean encrypted, String checksum, String message,
                      String agent, Instant receivedAt) {
        boolean succeeded() {
            return status == JobStatus.SUCCEEDED;
        }
    }

    /** Evidence that a restore from backup was tried: when, whether it worked, how long it took. */
    public record RestoreTest(String testId, String assetId, Instant testedAt, boolean passed, Integer durationMinutes,
                              String jobId, String notes, Instant recordedAt, String recordedBy) {}

    /**
     * What the audits last found for an asset, kept on its coverage item so each run compares with the
     * previous one without reading anything else. {@code prevCodes} are the codes before run
     * {@code changedRun} changed them, so a page processed twice in one run compares the same way.
     */
    public record AuditMark(List<String> codes, String changedRun, List<String> prevCodes) {
        static final AuditMark NONE = new AuditMark(List.of(), null, List.of());
    }

    /** One rule an asset breaks, its severity and the facts that caused it. */
    public record Finding(FindingCode code, Severity severity, Map<String, String> facts) {}

    /** A finding of one audit run, about one asset. */
    public record AuditFinding(String runId, String assetId, String assetTag, String category, String department,
                               String custodian, FindingCode code, Severity severity, Change change,
                               Map<String, String> facts) {}
}
