package io.itops.scan;

import io.itops.scan.Requests.ReportedFinding;
import io.itops.scan.Requests.TriageRequest;
import io.itops.shared.auth.Caller;
import io.itops.shared.error.ApiException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import io.itops.shared.json.Wire;

/**
 * The lifecycle of findings, in plain Java. A completed scan of one profile on one asset is compared
 * with that asset's findings of the same profile (fingerprint = asset + profile + rule): a new rule
 * opens a finding with a deadline by severity; a rule seen again moves {@code lastSeen}; an open
 * (or accepted, or remediated) finding the scan no longer reports is resolved; a resolved or
 * remediated one reported again is reopened. Findings this scan already changed are left alone, so
 * applying the same result again changes nothing.
 */
final class FindingRules {
    /** What one scan did to a finding. */
    enum Change {
        OPENED, SEEN_AGAIN, REOPENED, RESOLVED;

        @Override
        public String toString() {
            return Wire.name(this);
        }

        static Change parse(String value) {
            return Wire.parse(Change.class, value);
        }
    }

    /** One finding written by a scan: {@code before} is null for a new one. */
    record Update(Finding before, Finding after, Change change) {}

    record Outcome(List<Update> updates, Scan.Summary summary) {}

    private final ScanConfig config;

    FindingRules(ScanConfig config) {
        this.config = config;
    }

    /** The remediation deadline of a finding of {@code severity} opened at {@code from}; null for info. */
    Instant deadline(Instant from, Severity severity) {
        Integer days = config.daysFor(severity);
        return days == null ? null : from.plus(Duration.ofDays(days));
    }

    /**
     * Applies a completed scan's findings to the existing findings of its asset and profile.
     * {@code target} (the asset now, may be null) refreshes tag, department and custodian.
     */
    Outcome apply(Scan scan, Target target, List<ReportedFinding> reported, List<Finding> existing, Instant now,
                  Supplier<String> newId) {
        Map<String, Finding> byRule = new LinkedHashMap<>();
        existing.forEach(f -> byRule.put(f.ruleId(), f));
        String tag = target != null ? target.assetTag() : scan.assetTag();
        String department = target != null ? target.department() : scan.department();
        String custodian = target != null ? target.custodian() : null;
        List<Update> updates = new ArrayList<>();
        Map<Change, Integer> counts = new EnumMap<>(Change.class);
        Map<Severity, Integer> severities = new EnumMap<>(Severity.class);
        for (ReportedFinding r : reported) {
            severities.merge(r.severity(), 1, Integer::sum);
            Finding e = byRule.remove(r.ruleId());
            if (e != null && scan.scanId().equals(e.lastScanId())) {
                count(counts, e.lastChange());
                continue;
            }
            Update update = e == null ? opened(scan, r, tag, department, custodian, now, newId.get())
                    : seen(scan, e, r, tag, department, custodian, now);
            updates.add(update);
            count(counts, update.change());
        }
        for (Finding e : byRule.values()) {
            if (scan.scanId().equals(e.lastScanId())) {
                count(counts, e.lastChange());
                continue;
            }
            if (e.status() == FindingStatus.OPEN || e.status() == FindingStatus.ACCEPTED_RISK
                    || e.status() == FindingStatus.REMEDIATED) {
                Finding after = e.toBuilder().status(FindingStatus.RESOLVED).resolvedAt(now).lastScanId(scan.scanId())
                        .lastChange(Change.RESOLVED).version(e.version() + 1).updatedAt(now).build();
                updates.add(new Update(e, after, Change.RESOLVED));
                count(counts, Change.RESOLVED);
            }
        }
        Scan.Summary summary = new Scan.Summary(reported.size(), counts.getOrDefault(Change.OPENED, 0),
                counts.getOrDefault(Change.SEEN_AGAIN, 0), counts.getOrDefault(Change.REOPENED, 0),
                counts.getOrDefault(Change.RESOLVED, 0), Scan.SeverityCounts.of(severities));
        return new Outcome(updates, summary);
    }

    private Update opened(Scan scan, ReportedFinding r, String tag, String department, String custodian, Instant now,
                          String findingId) {
        Finding created = new Finding.Builder()
                .findingId(findingId).assetId(scan.assetId()).assetTag(tag).department(department).custodian(custodian)
                .profile(scan.profile()).ruleId(r.ruleId()).title(r.title()).severity(r.severity()).cvss(r.cvss())
                .evidence(r.evidence()).remediation(r.remediation()).status(FindingStatus.OPEN)
                .firstSeen(now).lastSeen(now).openedAt(now).dueAt(deadline(now, r.severity()))
                .firstScanId(scan.scanId()).lastScanId(scan.scanId()).lastChange(Change.OPENED)
                .version(1).updatedAt(now).build();
        return new Update(null, created, Change.OPENED);
    }

    private Update seen(Scan scan, Finding e, ReportedFinding r, String tag, String department, String custodian, Instant now) {
        Finding.Builder next = e.toBuilder().assetTag(tag).department(department).custodian(custodian)
                .title(r.title()).severity(r.severity()).cvss(r.cvss()).evidence(r.evidence()).remediation(r.remediation())
                .lastSeen(now).lastScanId(scan.scanId()).version(e.version() + 1).updatedAt(now);
        if (e.status() == FindingStatus.RESOLVED || e.status() == FindingStatus.REMEDIATED) {
            Finding after = next.status(FindingStatus.OPEN).openedAt(now).dueAt(deadline(now, r.severity()))
                    .resolvedAt(null).reopenCount(e.reopenCount() + 1).reopenedAt(now).overdueNotifiedFor(null)
                    .lastChange(Change.REOPENED).build();
            return new Update(e, after, Change.REOPENED);
        }
        // a change of severity moves the deadline of the current open period
        Finding after = next.dueAt(deadline(e.openedAt(), r.severity())).lastChange(Change.SEEN_AGAIN).build();
        return new Update(e, after, Change.SEEN_AGAIN);
    }

    private static void count(Map<Change, Integer> counts, Change change) {
        if (change != null) {
            counts.merge(change, 1, Integer::sum);
        }
    }

    /** Staff triage of an unresolved finding; the request is already validated. */
    Finding triage(Finding f, TriageRequest request, Caller caller, Instant now) {
        if (f.status() == FindingStatus.RESOLVED) {
            throw new ApiException.Conflict("FINDING_RESOLVED",
                    "Finding " + f.findingId() + " is resolved: the last scan no longer reports it", Map.of());
        }
        Finding.Triage decision = new Finding.Triage(request.status(), request.reason(),
                request.status() == FindingStatus.ACCEPTED_RISK ? request.expiresOn() : null, caller.userId(), now);
        return f.toBuilder().status(request.status()).triage(decision).version(f.version() + 1).updatedAt(now).build();
    }

    /** An accepted risk whose acceptance ran out opens again with a fresh deadline. */
    Finding expire(Finding f, Instant now) {
        return f.toBuilder().status(FindingStatus.OPEN).openedAt(now).dueAt(deadline(now, f.severity()))
                .reopenCount(f.reopenCount() + 1).reopenedAt(now).overdueNotifiedFor(null)
                .version(f.version() + 1).updatedAt(now).build();
    }

    /** Whether the acceptance of {@code f} has run out at {@code now} (it lasts until the start of its expiry day, UTC). */
    static boolean acceptanceExpired(Finding f, Instant now) {
        return f.status() == FindingStatus.ACCEPTED_RISK && f.triage() != null && f.triage().expiresOn() != null
                && !expiry(f.triage().expiresOn()).isAfter(now);
    }

    static Instant expiry(java.time.LocalDate expiresOn) {
        return expiresOn.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** An overdue open finding not yet announced for its current deadline. */
    static boolean overdueUnannounced(Finding f, Instant now) {
        return f.overdueAt(now) && !Objects.equals(f.overdueNotifiedFor(), f.dueAt());
    }

    Finding announcedOverdue(Finding f, Instant now) {
        return f.toBuilder().overdueNotifiedFor(f.dueAt()).version(f.version() + 1).updatedAt(now).build();
    }
}
