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
        return toBuilder().status(next).error(why).closedAt(at).build();
    }

    /** A scanner answered: processing a completed result, or failed. */
    Scan reported(ScanStatus next, String scannerKey, Instant at, Instant started, Instant finished, String engineName,
                  String failure) {
        return toBuilder().status(next).scanner(scannerKey).reportedAt(at).startedAt(started).finishedAt(finished)
                .engine(engineName).error(failure).closedAt(next.isOpen() ? null : at).build();
    }

    /** The result is applied to the findings. */
    Scan completed(Summary result, Instant at) {
        return toBuilder().status(ScanStatus.COMPLETED).error(null).summary(result).closedAt(at).build();
    }

    Builder toBuilder() {
        return new Builder(this);
    }

    /** Builds a scan field by field (new scans, their changes, and the schema reading a stored one). */
    static final class Builder {
        private String scanId, assetId, assetTag, category, department, location, model, reason, requestedBy;
        private String scanner, engine, error;
        private Profile profile;
        private Trigger trigger;
        private ScanStatus status;
        private Instant requestedAt, respondBy, reportedAt, startedAt, finishedAt, closedAt;
        private Summary summary;

        Builder() {}

        private Builder(Scan s) {
            scanId = s.scanId; assetId = s.assetId; assetTag = s.assetTag; category = s.category; department = s.department;
            location = s.location; model = s.model; profile = s.profile; trigger = s.trigger; reason = s.reason;
            requestedBy = s.requestedBy; requestedAt = s.requestedAt; respondBy = s.respondBy; status = s.status;
            scanner = s.scanner; reportedAt = s.reportedAt; startedAt = s.startedAt; finishedAt = s.finishedAt;
            engine = s.engine; error = s.error; summary = s.summary; closedAt = s.closedAt;
        }

        Builder scanId(String v) { scanId = v; return this; }
        Builder assetId(String v) { assetId = v; return this; }
        Builder assetTag(String v) { assetTag = v; return this; }
        Builder category(String v) { category = v; return this; }
        Builder department(String v) { department = v; return this; }
        Builder location(String v) { location = v; return this; }
        Builder model(String v) { model = v; return this; }
        Builder profile(Profile v) { profile = v; return this; }
        Builder trigger(Trigger v) { trigger = v; return this; }
        Builder reason(String v) { reason = v; return this; }
        Builder requestedBy(String v) { requestedBy = v; return this; }
        Builder requestedAt(Instant v) { requestedAt = v; return this; }
        Builder respondBy(Instant v) { respondBy = v; return this; }
        Builder status(ScanStatus v) { status = v; return this; }
        Builder scanner(String v) { scanner = v; return this; }
        Builder reportedAt(Instant v) { reportedAt = v; return this; }
        Builder startedAt(Instant v) { startedAt = v; return this; }
        Builder finishedAt(Instant v) { finishedAt = v; return this; }
        Builder engine(String v) { engine = v; return this; }
        Builder error(String v) { error = v; return this; }
        Builder summary(Summary v) { summary = v; return this; }
        Builder closedAt(Instant v) { closedAt = v; return this; }

        Scan build() {
            return new Scan(scanId, assetId, assetTag, category, department, location, model, profile, trigger, reason,
                    requestedBy, requestedAt, respondBy, status, scanner, reportedAt, startedAt, finishedAt, engine, error,
                    summary, closedAt);
        }
    }
}
