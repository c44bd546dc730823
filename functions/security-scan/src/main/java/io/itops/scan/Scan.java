package io.itops.scan;

import java.time.Instant;

/**
 * One scan of one asset with one check, as stored and as returned by the API. {@code respondBy} is
 * when it times out if no scanner has answered.
 */
public record Scan(
        String scanId,
        String assetId,
        String assetTag,
        String category,
        String department,
        String location,
        String model,
        Profile profile,
        Trigger trigger,
        String reason,
        String requestedBy,
        Instant requestedAt,
        Instant respondBy,
        ScanStatus status,
        String scanner,
        Instant reportedAt,
        Instant startedAt,
        Instant finishedAt,
        String engine,
        String error,
        Summary summary,
        Instant closedAt) {

    /** What a completed scan changed. */
    public record Summary(int reported, int opened, int seenAgain, int reopened, int resolved, SeverityCounts reportedBySeverity) {}

    /** Counts per severity. */
    public record SeverityCounts(int critical, int high, int medium, int low, int info) {
        static SeverityCounts of(java.util.Map<Severity, Integer> counts) {
            return new SeverityCounts(counts.getOrDefault(Severity.CRITICAL, 0), counts.getOrDefault(Severity.HIGH, 0),
                    counts.getOrDefault(Severity.MEDIUM, 0), counts.getOrDefault(Severity.LOW, 0),
                    counts.getOrDefault(Severity.INFO, 0));
        }
    }

    /** Closed without a result: timed out, or failed by the sweep. */
    Scan closed(ScanStatus next, Instant at, String why) {
        return new Scan(scanId, assetId, assetTag, category, department, location, model, profile, trigger, reason,
                requestedBy, requestedAt, respondBy, next, scanner, reportedAt, startedAt, finishedAt, engine,
                why, summary, at);
    }

    /** A scanner answered: processing a completed result, or failed. */
    Scan reported(ScanStatus next, String scannerKey, Instant at, Instant started, Instant finished, String engineName,
                  String failure) {
        return new Scan(scanId, assetId, assetTag, category, department, location, model, profile, trigger, reason,
                requestedBy, requestedAt, respondBy, next, scannerKey, at, started, finished, engineName, failure, summary,
                next.isOpen() ? null : at);
    }

    /** The result is applied to the findings. */
    Scan completed(Summary result, Instant at) {
        return new Scan(scanId, assetId, assetTag, category, department, location, model, profile, trigger, reason,
                requestedBy, requestedAt, respondBy, ScanStatus.COMPLETED, scanner, reportedAt, startedAt, finishedAt,
                engine, null, result, at);
    }
}
