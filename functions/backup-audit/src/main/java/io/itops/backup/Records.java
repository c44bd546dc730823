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
                         Instant since, Instant updatedAt, String updatedBy) {
        static Builder builder() {
            return new Builder();
        }

        static final class Builder {
            private int rpoHours, retentionDays, restoreTestIntervalDays, rtoMinutes;
            private BackupMethod method;
            private String target, updatedBy;
            private boolean encrypted, offsiteCopy;
            private Instant since, updatedAt;

            Builder rpoHours(int v) { rpoHours = v; return this; }
            Builder retentionDays(int v) { retentionDays = v; return this; }
            Builder method(BackupMethod v) { method = v; return this; }
            Builder target(String v) { target = v; return this; }
            Builder encrypted(boolean v) { encrypted = v; return this; }
            Builder offsiteCopy(boolean v) { offsiteCopy = v; return this; }
            Builder restoreTestIntervalDays(int v) { restoreTestIntervalDays = v; return this; }
            Builder rtoMinutes(int v) { rtoMinutes = v; return this; }
            Builder since(Instant v) { since = v; return this; }
            Builder updatedAt(Instant v) { updatedAt = v; return this; }
            Builder updatedBy(String v) { updatedBy = v; return this; }

            Policy build() {
                return new Policy(rpoHours, retentionDays, method, target, encrypted, offsiteCopy, restoreTestIntervalDays,
                        rtoMinutes, since, updatedAt, updatedBy);
            }
        }
    }

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

        Job ofAsset(String id) {
            return new Job(jobId, id, status, startedAt, finishedAt, sizeBytes, location, encrypted, checksum, message, agent,
                    receivedAt);
        }

        static Builder builder() {
            return new Builder();
        }

        static final class Builder {
            private String jobId, assetId, location, checksum, message, agent;
            private JobStatus status;
            private Instant startedAt, finishedAt, receivedAt;
            private Long sizeBytes;
            private Boolean encrypted;

            Builder jobId(String v) { jobId = v; return this; }
            Builder assetId(String v) { assetId = v; return this; }
            Builder status(JobStatus v) { status = v; return this; }
            Builder startedAt(Instant v) { startedAt = v; return this; }
            Builder finishedAt(Instant v) { finishedAt = v; return this; }
            Builder sizeBytes(Long v) { sizeBytes = v; return this; }
            Builder location(String v) { location = v; return this; }
            Builder encrypted(Boolean v) { encrypted = v; return this; }
            Builder checksum(String v) { checksum = v; return this; }
            Builder message(String v) { message = v; return this; }
            Builder agent(String v) { agent = v; return this; }
            Builder receivedAt(Instant v) { receivedAt = v; return this; }

            Job build() {
                return new Job(jobId, assetId, status, startedAt, finishedAt, sizeBytes, location, encrypted, checksum, message,
                        agent, receivedAt);
            }
        }
    }

    /** Evidence that a restore from backup was tried: when, whether it worked, how long it took. */
    public record RestoreTest(String testId, String assetId, Instant testedAt, boolean passed, Integer durationMinutes,
                              String jobId, String notes, Instant recordedAt, String recordedBy) {
        RestoreTest ofAsset(String id) {
            return new RestoreTest(testId, id, testedAt, passed, durationMinutes, jobId, notes, recordedAt, recordedBy);
        }

        static Builder builder() {
            return new Builder();
        }

        static final class Builder {
            private String testId, assetId, jobId, notes, recordedBy;
            private Instant testedAt, recordedAt;
            private boolean passed;
            private Integer durationMinutes;

            Builder testId(String v) { testId = v; return this; }
            Builder assetId(String v) { assetId = v; return this; }
            Builder testedAt(Instant v) { testedAt = v; return this; }
            Builder passed(boolean v) { passed = v; return this; }
            Builder durationMinutes(Integer v) { durationMinutes = v; return this; }
            Builder jobId(String v) { jobId = v; return this; }
            Builder notes(String v) { notes = v; return this; }
            Builder recordedAt(Instant v) { recordedAt = v; return this; }
            Builder recordedBy(String v) { recordedBy = v; return this; }

            RestoreTest build() {
                return new RestoreTest(testId, assetId, testedAt, passed, durationMinutes, jobId, notes, recordedAt, recordedBy);
            }
        }
    }

    /**
     * What the audits last found for an asset, kept on its coverage item so each run compares with the
     * previous one without reading anything else. {@code prevCodes} are the codes before run
     * {@code changedRun} changed them, so a page processed twice in one run compares the same way.
     */
    public record AuditMark(List<String> codes, String changedRun, List<String> prevCodes) {
        static final AuditMark NONE = new AuditMark(List.of(), null, List.of());

        static final class Builder {
            private List<String> codes = List.of();
            private String changedRun;
            private List<String> prevCodes = List.of();

            Builder codes(List<String> v) { codes = List.copyOf(v); return this; }
            Builder changedRun(String v) { changedRun = v; return this; }
            Builder prevCodes(List<String> v) { prevCodes = List.copyOf(v); return this; }

            AuditMark build() {
                return new AuditMark(codes, changedRun, prevCodes);
            }
        }
    }

    /** One rule an asset breaks, its severity and the facts that caused it. */
    public record Finding(FindingCode code, Severity severity, Map<String, String> facts) {}

    /** A finding of one audit run, about one asset. */
    public record AuditFinding(String runId, String assetId, String assetTag, String category, String department,
                               String custodian, FindingCode code, Severity severity, Change change,
                               Map<String, String> facts) {
        static Builder builder() {
            return new Builder();
        }

        static final class Builder {
            private String runId, assetId, assetTag, category, department, custodian;
            private FindingCode code;
            private Severity severity;
            private Change change;
            private Map<String, String> facts = Map.of();

            Builder runId(String v) { runId = v; return this; }
            Builder assetId(String v) { assetId = v; return this; }
            Builder assetTag(String v) { assetTag = v; return this; }
            Builder category(String v) { category = v; return this; }
            Builder department(String v) { department = v; return this; }
            Builder custodian(String v) { custodian = v; return this; }
            Builder code(FindingCode v) { code = v; return this; }
            Builder severity(Severity v) { severity = v; return this; }
            Builder change(Change v) { change = v; return this; }
            Builder facts(Map<String, String> v) { facts = v; return this; }

            /** The asset part, from its coverage. */
            Builder asset(Coverage c) {
                return assetId(c.assetId()).assetTag(c.asset().assetTag()).category(c.asset().category())
                        .department(c.asset().department()).custodian(c.asset().custodian());
            }

            AuditFinding build() {
                return new AuditFinding(runId, assetId, assetTag, category, department, custodian, code, severity, change, facts);
            }
        }
    }
}
