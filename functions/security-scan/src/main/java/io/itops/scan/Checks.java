package io.itops.scan;

import io.itops.scan.Requests.ReportedFinding;
import io.itops.scan.Requests.ResultStatus;
import io.itops.scan.Requests.ScanRequest;
import io.itops.scan.Requests.ScanResult;
import io.itops.scan.Requests.Selector;
import io.itops.scan.Requests.TriageRequest;
import io.itops.shared.validation.Validator;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Validation of the bodies the scan routes accept: every field error at once, named as the client wrote it. */
final class Checks {
    static final int MAX_TARGETS = 100;
    static final int MAX_FINDINGS = 1000;
    static final int MAX_ACCEPTANCE_DAYS = 365;
    static final Pattern ID = Pattern.compile("[0-9A-HJKMNP-TV-Z]{26}");
    static final Pattern RULE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/+-]{0,127}");
    /** The register's vocabulary (asset-registration owns it; selectors are checked against it). */
    static final Set<String> CATEGORIES = Set.of("laptop", "desktop", "server", "network-device", "firewall", "printer",
            "storage", "phone", "software-licence", "other");
    static final Set<String> STATUSES = Set.of("ordered", "received", "installed", "accepted", "in-service",
            "under-maintenance", "in-stock", "retired", "disposed");

    private Checks() {}

    static void scanRequest(ScanRequest r) {
        Validator v = Validator.check().required("targets", r.targets()).required("profile", r.profile())
                .requiredText("reason", r.reason(), 500);
        if (r.targets() != null) {
            List<String> ids = r.targets().assetIds();
            Selector selector = r.targets().selector();
            v.rule(ids != null || selector != null, "targets", "must give assetIds or a selector");
            v.rule(ids == null || selector == null, "targets", "must give assetIds or a selector, not both");
            if (ids != null) {
                v.rule(!ids.isEmpty(), "targets.assetIds", "must list at least one asset id");
                v.size("targets.assetIds", ids, MAX_TARGETS);
                Set<String> seen = new HashSet<>();
                for (int i = 0; i < ids.size(); i++) {
                    String id = ids.get(i);
                    String field = "targets.assetIds[" + i + "]";
                    v.rule(id != null && ID.matcher(id).matches(), field, "must be an asset id (a ULID)");
                    v.rule(id == null || seen.add(id), field, "appears twice");
                }
            }
            if (selector != null) {
                v.rule(selector.category() != null || selector.department() != null || selector.status() != null,
                        "targets.selector", "must name a category, department or status");
                v.rule(selector.category() == null || CATEGORIES.contains(selector.category()), "targets.selector.category",
                        "must be one of " + sorted(CATEGORIES));
                v.rule(selector.status() == null || STATUSES.contains(selector.status()), "targets.selector.status",
                        "must be one of " + sorted(STATUSES));
                v.text("targets.selector.department", selector.department(), 200);
            }
        }
        v.validate();
    }

    static void scanResult(ScanResult r, String scanId, Instant now) {
        Validator v = Validator.check().required("scanId", r.scanId()).required("status", r.status())
                .rule(r.scanId() == null || r.scanId().equals(scanId), "scanId", "must be the scan id in the path")
                .text("engine", r.engine(), 100)
                .rule(r.startedAt() == null || !r.startedAt().isAfter(now.plusSeconds(300)), "startedAt", "must not be in the future")
                .rule(r.finishedAt() == null || !r.finishedAt().isAfter(now.plusSeconds(300)), "finishedAt", "must not be in the future")
                .rule(r.startedAt() == null || r.finishedAt() == null || !r.finishedAt().isBefore(r.startedAt()),
                        "finishedAt", "must not be before startedAt");
        if (r.status() == ResultStatus.COMPLETED) {
            v.required("findings", r.findings())
                    .rule(r.error() == null, "error", "is only for a failed scan");
        } else if (r.status() == ResultStatus.FAILED) {
            v.requiredText("error", r.error(), 2000)
                    .rule(r.findings() == null || r.findings().isEmpty(), "findings", "must be empty for a failed scan");
        }
        List<ReportedFinding> findings = r.findings();
        if (findings != null) {
            v.size("findings", findings, MAX_FINDINGS);
            Set<String> rules = new HashSet<>();
            for (int i = 0; i < findings.size() && i <= MAX_FINDINGS; i++) {
                String prefix = "findings[" + i + "].";
                ReportedFinding f = findings.get(i);
                if (f == null) {
                    v.rule(false, "findings[" + i + "]", "must be an object");
                    continue;
                }
                v.required(prefix + "ruleId", f.ruleId())
                        .pattern(prefix + "ruleId", f.ruleId(), RULE_ID, "a rule or CVE id (1-128 letters, digits or . _ : / + -)")
                        .rule(f.ruleId() == null || rules.add(f.ruleId()), prefix + "ruleId", "appears twice in this result")
                        .requiredText(prefix + "title", f.title(), 300)
                        .required(prefix + "severity", f.severity())
                        .rule(f.cvss() == null || cvss(f.cvss()), prefix + "cvss", "must be a score from 0.0 to 10.0 with one decimal")
                        .text(prefix + "evidence", f.evidence(), 4000)
                        .text(prefix + "remediation", f.remediation(), 4000);
            }
        }
        v.validate();
    }

    static void triage(TriageRequest r, LocalDate today) {
        Validator v = Validator.check().required("status", r.status())
                .rule(r.status() == null || r.status().isTriage(), "status", "must be accepted-risk, false-positive or remediated")
                .text("reason", r.reason(), 1000);
        if (r.status() == FindingStatus.ACCEPTED_RISK || r.status() == FindingStatus.FALSE_POSITIVE) {
            v.required("reason", r.reason());
        }
        if (r.status() == FindingStatus.ACCEPTED_RISK) {
            v.required("expiresOn", r.expiresOn())
                    .rule(r.expiresOn() == null || r.expiresOn().isAfter(today), "expiresOn", "must be after today")
                    .rule(r.expiresOn() == null || !r.expiresOn().isAfter(today.plusDays(MAX_ACCEPTANCE_DAYS)), "expiresOn",
                            "must be at most " + MAX_ACCEPTANCE_DAYS + " days from today");
        } else {
            v.rule(r.expiresOn() == null, "expiresOn", "is only for accepted-risk");
        }
        v.validate();
    }

    private static boolean cvss(BigDecimal score) {
        return score.signum() >= 0 && score.compareTo(BigDecimal.TEN) <= 0 && score.stripTrailingZeros().scale() <= 1;
    }

    private static List<String> sorted(Set<String> values) {
        return values.stream().sorted().toList();
    }
}
