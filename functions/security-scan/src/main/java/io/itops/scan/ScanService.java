package io.itops.scan;

import io.itops.scan.Requests.ResultStatus;
import io.itops.scan.Requests.ScanRequest;
import io.itops.scan.Requests.ScanResult;
import io.itops.scan.Requests.TriageRequest;
import io.itops.shared.auth.Caller;
import io.itops.shared.error.ApiException;
import io.itops.shared.error.FieldError;
import io.itops.shared.events.AssetSnapshot;
import io.itops.shared.events.DomainEvent;
import io.itops.shared.events.EventSink;
import io.itops.shared.observability.Log;
import io.itops.shared.observability.Metrics;
import io.itops.shared.store.Ids;
import io.itops.shared.store.Page;
import io.itops.shared.store.PagedQuery;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The rules of security scans: what to scan and when (on demand, weekly campaigns, the coverage
 * sweep, onboarding), what a scanner's answer does to the scan and to the asset's findings, triage,
 * and the sweeps that time scans out, end accepted risks and announce overdue findings.
 */
final class ScanService {
    /** How long one attempt may hold a result it is applying before a retry may take over. */
    static final Duration LEASE = Duration.ofSeconds(60);
    /** After this, a result whose application never finished is given up. */
    static final Duration STUCK = Duration.ofHours(1);
    static final String ASSET_REGISTERED = "AssetRegistered";
    static final String ASSET_UPDATED = "AssetUpdated";
    static final String ASSET_STATUS_CHANGED = "AssetStatusChanged";
    static final String ASSET_CUSTODY_CHANGED = "AssetCustodyChanged";
    /**
     * Registered in one of these stages, an asset is already connected and gets its onboarding scan at
     * once; one registered still ordered or in its box gets it when it goes into service (a scan of a
     * device nobody can reach would only time out and use up its onboarding).
     */
    static final Set<String> ON_THE_NETWORK = Set.of("installed", "accepted", "in-service");

    private final ScanStore store;
    private final EventSink events;
    private final Clock clock;
    private final ScanConfig config;
    private final FindingRules rules;

    ScanService(ScanStore store, EventSink events, Clock clock, ScanConfig config) {
        this.store = store;
        this.events = events;
        this.clock = clock;
        this.config = config;
        this.rules = new FindingRules(config);
    }

    // ------------------------------------------------------------------ requesting scans

    /** Scans created by one request, and the matched assets that were not scanned, with why. */
    record Batch(List<Scan> scans, List<Skipped> skipped) {}

    record Skipped(String assetId, String assetTag, String reason) {}

    /** On demand: one scan per target asset, all written in one transaction, then published. */
    Batch request(ScanRequest request, Caller caller) {
        Checks.scanRequest(request);
        List<Target> targets = resolve(request.targets());
        List<Scan> scans = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        Instant now = clock.instant();
        for (Target t : targets) {
            if (!t.active()) {
                skipped.add(new Skipped(t.assetId(), t.assetTag(), "not-active"));
            } else if (!request.profile().appliesTo(t.category())) {
                skipped.add(new Skipped(t.assetId(), t.assetTag(), "profile-not-applicable"));
            } else {
                scans.add(newScan(t, request.profile(), Trigger.ON_DEMAND, request.reason(), caller.userId(), now));
            }
        }
        if (scans.isEmpty()) {
            throw new ApiException.Unprocessable("NO_SCANNABLE_TARGETS",
                    targets.isEmpty() ? "No asset matches the targets" : "None of the matched assets can take " + Articles.a(request.profile()) + " scan",
                    Map.of("skipped", skipped));
        }
        store.createScans(scans);
        events.publish(scans.stream().map(ScanEvents::requested).toList());
        return new Batch(scans, skipped);
    }

    private List<Target> resolve(Requests.Targets targets) {
        if (targets.assetIds() != null) {
            Map<String, Target> found = store.targets(targets.assetIds());
            List<FieldError> unknown = new ArrayList<>();
            List<Target> ordered = new ArrayList<>();
            for (int i = 0; i < targets.assetIds().size(); i++) {
                Target t = found.get(targets.assetIds().get(i));
                if (t == null) {
                    unknown.add(new FieldError("targets.assetIds[" + i + "]", "is not an asset the scanner knows"));
                } else {
                    ordered.add(t);
                }
            }
            if (!unknown.isEmpty()) {
                throw new ApiException.Unprocessable("UNKNOWN_ASSETS", unknown.size() + (unknown.size() == 1 ? " of the assets is unknown" : " of the assets are unknown"),
                        Map.of("errors", unknown));
            }
            return ordered;
        }
        List<Target> matched = store.select(targets.selector(), Checks.MAX_TARGETS);
        if (matched.size() > Checks.MAX_TARGETS) {
            throw new ApiException.Unprocessable("TOO_MANY_TARGETS", "The selector matches more than " + Checks.MAX_TARGETS
                    + " assets; narrow it (the weekly campaigns cover the whole fleet)",
                    Map.of("errors", List.of(new FieldError("targets.selector", "matches more than " + Checks.MAX_TARGETS + " assets"))));
        }
        return matched;
    }

    /** Weekly campaign of one profile: every in-service asset it applies to, unless a scan of it is pending. */
    int campaign(Profile profile) {
        Instant now = clock.instant();
        return sweepInService((t, created) -> {
            if (profile.appliesTo(t.category()) && !t.pending(profile, now, config.scanTimeout())) {
                tracked(t, profile, Trigger.CAMPAIGN, "weekly " + profile + " campaign", null, now).ifPresent(created::add);
            }
        }, "campaign-" + profile);
    }

    /** Daily coverage sweep: each in-service asset gets each applicable check it has not completed within N days. */
    int coverage() {
        Instant now = clock.instant();
        int requested = sweepInService((t, created) -> {
            for (Profile profile : Profile.values()) {
                if (profile.appliesTo(t.category()) && t.coverageDue(profile, now, config.coverageDays())
                        && !t.pending(profile, now, config.scanTimeout())) {
                    tracked(t, profile, Trigger.COVERAGE, "no completed " + profile + " scan in " + config.coverageDays() + " days",
                            null, now).ifPresent(created::add);
                }
            }
        }, "coverage");
        // the completion the ScanCoverageMissed alarm waits for (missing for 26 h = breaching)
        Metrics.count("ScanCoverageCompleted");
        return requested;
    }

    private interface TargetVisit {
        void visit(Target target, List<Scan> created);
    }

    private int sweepInService(TargetVisit visit, String name) {
        int total = 0;
        String cursor = null;
        do {
            Page<Target> page = store.inService(PagedQuery.MAX_LIMIT, cursor);
            List<Scan> created = new ArrayList<>();
            page.items().forEach(t -> visit.visit(t, created));
            events.publish(created.stream().map(ScanEvents::requested).toList());
            total += created.size();
            cursor = page.nextCursor();
        } while (cursor != null);
        Log.info("scans requested", "by", name, "count", total);
        Metrics.count("ScansRequested", total);
        return total;
    }

    private Optional<Scan> tracked(Target t, Profile profile, Trigger trigger, String reason, String onboardingCause, Instant now) {
        Scan scan = newScan(t, profile, trigger, reason, "system:" + trigger, now);
        return store.createTrackedScan(scan, onboardingCause) ? Optional.of(scan) : Optional.empty();
    }

    private Scan newScan(Target t, Profile profile, Trigger trigger, String reason, String by, Instant now) {
        return new Scan.Builder().scanId(Ids.ulid(clock)).assetId(t.assetId()).assetTag(t.assetTag()).category(t.category())
                .department(t.department()).location(t.location()).model(t.model()).profile(profile).trigger(trigger)
                .reason(reason).requestedBy(by).requestedAt(now).respondBy(now.plus(config.scanTimeout()))
                .status(ScanStatus.REQUESTED).build();
    }

    /** A scan requested through chat: one asset, found by tag. */
    Scan requestOne(Target t, Profile profile, String reason, Caller caller) {
        Scan scan = newScan(t, profile, Trigger.CHAT, reason, caller.userId(), clock.instant());
        store.createScans(List.of(scan));
        events.publish(ScanEvents.requested(scan));
        return scan;
    }

    // ------------------------------------------------------------------ the register's events

    /**
     * Keeps the projection of the register, and gives an asset its one onboarding scan (the first
     * onboarding profile that applies to it) when it is registered already connected, or else when it
     * moves into service: whichever comes first, once.
     */
    void assetChanged(String detailType, AssetSnapshot asset) {
        Instant now = clock.instant();
        boolean applied = store.project(asset, now);
        if (!applied) {
            Log.info("older asset event ignored", "assetId", asset.assetId(), "version", asset.version());
        }
        boolean onboarding = ASSET_REGISTERED.equals(detailType) && ON_THE_NETWORK.contains(asset.status())
                || ASSET_STATUS_CHANGED.equals(detailType) && Target.IN_SERVICE.equals(asset.status());
        if (!onboarding) {
            return;
        }
        Target target = store.target(asset.assetId()).orElse(null);
        if (target == null || !target.active()) {
            return;
        }
        Optional<Profile> profile = config.onboardingProfiles().stream().filter(p -> p.appliesTo(target.category())).findFirst();
        if (profile.isEmpty()) {
            Log.info("no onboarding scan applies", "assetId", asset.assetId(), "category", target.category());
            return;
        }
        tracked(target, profile.get(), Trigger.ONBOARDING, "onboarding (" + detailType + ")", detailType, now)
                .ifPresent(scan -> events.publish(ScanEvents.requested(scan)));
    }

    // ------------------------------------------------------------------ results

    /** What a result did: the scan after it, and whether this was a repeat of a result already taken. */
    record Reported(Scan scan, boolean replayed) {}

    /**
     * A scanner's signed answer. A failed scan just closes; a completed one is claimed (status
     * processing, with the hash of the body and a short lease), applied to the findings, then closed.
     * The same body again replays the answer; a retry after an interrupted attempt finishes it.
     */
    Reported report(String scanId, String scanner, byte[] rawBody, ScanResult result) {
        Instant now = clock.instant();
        Checks.scanResult(result, scanId, now);
        String hash = sha256(rawBody);
        for (int attempt = 0; attempt < 3; attempt++) {
            StoredScan current = store.scan(scanId).orElseThrow(() -> new ApiException.NotFound("scan", scanId));
            Scan scan = current.scan();
            if (scan.status() == ScanStatus.REQUESTED) {
                if (result.status() == ResultStatus.FAILED) {
                    Scan failed = scan.reported(ScanStatus.FAILED, scanner, now, result.startedAt(), result.finishedAt(),
                            result.engine(), result.error());
                    if (store.replaceScan(new StoredScan(failed, hash, null), ScanStatus.REQUESTED, null)) {
                        Metrics.count("ScansFailed");
                        return new Reported(failed, false);
                    }
                    continue;
                }
                Scan taken = scan.reported(ScanStatus.PROCESSING, scanner, now, result.startedAt(), result.finishedAt(),
                        result.engine(), null);
                FindingRules.Outcome outcome = outcome(taken, result, now);
                if (outcome.updates().size() < ScanStore.MAX_TRANSACTION) {
                    // the usual case: the scan and every finding it changes in one transaction
                    Scan done = taken.completed(outcome.summary(), now);
                    if (store.complete(new StoredScan(done, hash, null), outcome.updates())) {
                        return announce(done, outcome);
                    }
                    continue;
                }
                StoredScan claimed = new StoredScan(taken, hash, now.plus(LEASE));
                if (store.replaceScan(claimed, ScanStatus.REQUESTED, null)) {
                    return applyClaimed(claimed, result, now);
                }
                continue;
            }
            if (hash.equals(current.resultHash())) {
                if (scan.status() == ScanStatus.PROCESSING) {
                    if (current.processingUntil() != null && current.processingUntil().isAfter(now)) {
                        throw new ApiException.Conflict("RESULT_IN_PROGRESS", "This result is being applied; retry shortly",
                                Map.of(), Duration.between(now, current.processingUntil()).plusSeconds(1));
                    }
                    StoredScan renewed = new StoredScan(scan, hash, now.plus(LEASE));
                    if (store.replaceScan(renewed, ScanStatus.PROCESSING, current)) {
                        return applyClaimed(renewed, result, now);
                    }
                    continue;
                }
                return new Reported(scan, true);
            }
            if (scan.status() == ScanStatus.TIMED_OUT) {
                throw new ApiException.Conflict("SCAN_TIMED_OUT", "Scan " + scanId + " timed out at " + scan.closedAt()
                        + "; its result is no longer taken", Map.of("scanStatus", scan.status().toString()));
            }
            throw new ApiException.Conflict("SCAN_ALREADY_REPORTED", "Scan " + scanId + " already has a different result",
                    Map.of("scanStatus", scan.status().toString()));
        }
        throw new ApiException.Conflict("CONCURRENT_UPDATE", "The scan changed while the result was taken; retry",
                Map.of(), Duration.ofSeconds(1));
    }

    private FindingRules.Outcome outcome(Scan scan, ScanResult result, Instant now) {
        Target target = store.target(scan.assetId()).orElse(null);
        List<Finding> existing = store.findings(scan.assetId(), scan.profile());
        return rules.apply(scan, target, result.findings(), existing, now, () -> Ids.ulid(clock));
    }

    /**
     * A result too large for one transaction, claimed under a lease: the findings are written in
     * chunks, each change skipped once made, so whoever resumes after an interruption finishes it.
     */
    private Reported applyClaimed(StoredScan claimed, ScanResult result, Instant now) {
        Scan scan = claimed.scan();
        FindingRules.Outcome outcome;
        try {
            outcome = outcome(scan, result, now);
            store.writeFindings(outcome.updates());
        } catch (RuntimeException interrupted) {
            // give up the lease at once, so the scanner's retry resumes instead of waiting for it
            store.replaceScan(new StoredScan(scan, claimed.resultHash(), now), ScanStatus.PROCESSING, claimed);
            throw interrupted;
        }
        Scan done = scan.completed(outcome.summary(), now);
        if (!store.replaceScan(new StoredScan(done, claimed.resultHash(), null), ScanStatus.PROCESSING, claimed)) {
            // another attempt finished it first
            return new Reported(store.scan(scan.scanId()).map(StoredScan::scan).orElse(done), true);
        }
        return announce(done, outcome);
    }

    /** After a scan completed: its target's coverage, ScanCompleted, and critical/high findings that opened. */
    private Reported announce(Scan done, FindingRules.Outcome outcome) {
        store.markCompleted(done.assetId(), done.profile(), done.closedAt());
        List<DomainEvent> published = new ArrayList<>();
        published.add(ScanEvents.completed(done));
        for (FindingRules.Update u : outcome.updates()) {
            boolean opened = u.change() == FindingRules.Change.OPENED || u.change() == FindingRules.Change.REOPENED;
            if (opened && u.after().severity().announced()) {
                published.addAll(ScanEvents.opened(u.after(), u.change() == FindingRules.Change.REOPENED, done.scanId()));
            }
        }
        events.publish(published);
        Metrics.count("ScansCompleted");
        return new Reported(done, false);
    }

    private static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Scans nobody answered in time become timed-out; results whose application never finished are given up. */
    int timeOut() {
        Instant now = clock.instant();
        int closed = 0;
        String cursor = null;
        do {
            Page<StoredScan> page = store.openScansDue(now, cursor);
            for (StoredScan open : page.items()) {
                Scan scan = open.scan();
                if (scan.status() == ScanStatus.REQUESTED) {
                    Scan timedOut = scan.closed(ScanStatus.TIMED_OUT, now,
                            "no result within " + config.scanTimeout().toMinutes() + " minutes");
                    closed += store.replaceScan(new StoredScan(timedOut, null, null), ScanStatus.REQUESTED, null) ? 1 : 0;
                } else if (scan.status() == ScanStatus.PROCESSING && open.processingUntil() != null
                        && open.processingUntil().plus(STUCK).isBefore(now)) {
                    Scan failed = scan.closed(ScanStatus.FAILED, now, "the result could not be applied; request a new scan");
                    closed += store.replaceScan(new StoredScan(failed, open.resultHash(), null), ScanStatus.PROCESSING, open) ? 1 : 0;
                }
            }
            cursor = page.nextCursor();
        } while (cursor != null);
        Metrics.count("ScansTimedOut", closed);
        return closed;
    }

    // ------------------------------------------------------------------ findings

    Finding finding(String findingId, Caller caller) {
        Finding f = store.finding(findingId).orElseThrow(() -> new ApiException.NotFound("finding", findingId));
        if (!caller.isStaff() && !caller.userId().equals(f.custodian())) {
            throw new ApiException.NotFound("finding", findingId);
        }
        return f.at(clock.instant());
    }

    Page<Finding> findings(FindingFilter filter, int limit, String cursor) {
        Instant now = clock.instant();
        return store.findings(filter, now, limit, cursor).map(f -> f.at(now));
    }

    /** The findings of one asset: for staff, and for the asset's custodian. */
    Page<Finding> assetFindings(String assetId, FindingFilter filter, Caller caller, int limit, String cursor) {
        Target target = store.target(assetId).orElseThrow(() -> new ApiException.NotFound("asset", assetId));
        if (!caller.isStaff() && !caller.userId().equals(target.custodian())) {
            throw new ApiException.NotFound("asset", assetId);
        }
        return findings(filter, limit, cursor);
    }

    Finding triage(String findingId, TriageRequest request, Long expectedVersion, Caller caller) {
        Instant now = clock.instant();
        Checks.triage(request, LocalDate.ofInstant(now, ZoneOffset.UTC));
        Finding before = store.finding(findingId).orElseThrow(() -> new ApiException.NotFound("finding", findingId));
        if (expectedVersion != null && expectedVersion != before.version()) {
            throw new ApiException.Conflict("VERSION_CONFLICT", "The finding is at version " + before.version() + ", not "
                    + expectedVersion + "; read it again and retry", Map.of("currentVersion", before.version()));
        }
        Finding after = rules.triage(before, request, caller, now);
        store.replaceFinding(before, after);
        return after.at(now);
    }

    /** Daily: accepted risks that ran out open again; overdue findings are announced once per deadline. */
    void findingSweep() {
        Instant now = clock.instant();
        int expired = 0;
        int overdue = 0;
        String cursor = null;
        do {
            Page<Finding> page = store.expiredAcceptances(now, cursor);
            List<DomainEvent> published = new ArrayList<>();
            for (Finding f : page.items()) {
                if (FindingRules.acceptanceExpired(f, now) && replaced(f, rules.expire(f, now), published, ScanEvents::riskExpired)) {
                    expired++;
                }
            }
            events.publish(published);
            cursor = page.nextCursor();
        } while (cursor != null);
        do {
            Page<Finding> page = store.overdue(now, cursor);
            List<DomainEvent> published = new ArrayList<>();
            for (Finding f : page.items()) {
                if (FindingRules.overdueUnannounced(f, now)
                        && replaced(f, rules.announcedOverdue(f, now), published, a -> ScanEvents.overdue(a, now))) {
                    overdue++;
                }
            }
            events.publish(published);
            cursor = page.nextCursor();
        } while (cursor != null);
        Log.info("finding sweep", "acceptancesExpired", expired, "overdueAnnounced", overdue);
        Metrics.count("FindingsOverdueAnnounced", overdue);
    }

    /** Writes a sweep's change; a finding changed meanwhile (by a scan or triage) is left for the next sweep. */
    private boolean replaced(Finding before, Finding after, List<DomainEvent> published,
                             Function<Finding, List<DomainEvent>> announce) {
        try {
            store.replaceFinding(before, after);
        } catch (ApiException.Conflict changed) {
            return false;
        }
        published.addAll(announce.apply(after));
        return true;
    }

    // ------------------------------------------------------------------ reads for other parts

    Scan scan(String scanId) {
        return store.scan(scanId).map(StoredScan::scan).orElseThrow(() -> new ApiException.NotFound("scan", scanId));
    }

    Page<Scan> scans(ScanFilter filter, int limit, String cursor) {
        return store.scans(filter, limit, cursor);
    }

    Instant now() {
        return clock.instant();
    }

    ScanStore store() {
        return store;
    }

    EventSink events() {
        return events;
    }

    ScanConfig config() {
        return config;
    }
}
