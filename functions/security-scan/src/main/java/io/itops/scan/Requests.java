package io.itops.scan;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import io.itops.shared.json.Wire;

/** Bodies the scan routes accept. Null means "not given"; the service decides what is required. */
public final class Requests {
    private Requests() {}

    /** POST /scans: what to scan (asset ids or a selector), with which check, and why. */
    public record ScanRequest(Targets targets, Profile profile, String reason) {}

    /** Exactly one of the two. */
    public record Targets(List<String> assetIds, Selector selector) {}

    /** Register fields to match; all given ones must match. Without a status, every active asset matches. */
    public record Selector(String category, String department, String status) {}

    /** POST /scans/{scanId}/results: a scanner's answer. */
    public record ScanResult(String scanId, ResultStatus status,
                             Instant startedAt,
                             Instant finishedAt,
                             String engine, String error, List<ReportedFinding> findings) {}

    public enum ResultStatus {
        COMPLETED, FAILED;

        @JsonValue
        @Override
        public String toString() {
            return Wire.name(this);
        }

        @JsonCreator
        public static ResultStatus parse(String value) {
            return Wire.parse(ResultStatus.class, value);
        }
    }

    /** One problem a scanner found; {@code ruleId} is the rule or CVE id. */
    public record ReportedFinding(String ruleId, String title, Severity severity, BigDecimal cvss, String evidence,
                                  String remediation) {}

    /** PATCH /findings/{findingId}: staff triage. */
    public record TriageRequest(FindingStatus status, String reason,
                                LocalDate expiresOn) {}
}
