package io.itops.backup;

import io.itops.backup.Vocabulary.BackupMethod;
import io.itops.backup.Vocabulary.JobStatus;
import io.itops.shared.error.FieldError;
import java.time.Instant;
import java.util.List;

/** Bodies the backup routes accept and the report results they return. */
public final class Requests {
    private Requests() {}

    public record PolicyInput(Integer rpoHours, Integer retentionDays, BackupMethod method, String target, Boolean encrypted,
                              Boolean offsiteCopy, Integer restoreTestIntervalDays, Integer rtoMinutes) {}

    public record RestoreTestInput(Instant testedAt, Boolean passed, Integer durationMinutes, String jobId, String notes) {}

    /** One job as a backup agent reports it; the asset is named by id or by tag. */
    public record ReportInput(String assetId, String assetTag, String jobId, JobStatus status, Instant startedAt,
                              Instant finishedAt, Long sizeBytes, String location, Boolean encrypted, String checksum,
                              String message) {}

    /** What happened to one reported job: accepted, duplicate (already stored), rejected (see errors) or retry. */
    public record RowResult(int index, String jobId, String assetId, String result, List<FieldError> errors) {}

    public record ReportResults(int accepted, int duplicates, int rejected, int retry, List<RowResult> results) {}
}
