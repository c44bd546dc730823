package io.itops.backup;

import io.itops.backup.AuditRuns.AuditRun;
import io.itops.backup.AuditRuns.AuditRunDetail;
import io.itops.backup.AuditRuns.FindingFilter;
import io.itops.backup.AuditRuns.Lock;
import io.itops.backup.AuditRuns.RunState;
import io.itops.backup.AuditRuns.Segment;
import io.itops.backup.AuditRuns.Tally;
import io.itops.backup.AuditSchemas.FindingEntry;
import io.itops.backup.AuditStore.AlreadyTriggered;
import io.itops.backup.AuditStore.Busy;
import io.itops.backup.AuditStore.ShardPage;
import io.itops.backup.Records.AuditFinding;
import io.itops.backup.Records.Finding;
import io.itops.backup.Vocabulary.Change;
import io.itops.backup.Vocabulary.FindingCode;
import io.itops.backup.Vocabulary.RunStatus;
import io.itops.backup.Vocabulary.Severity;
import io.itops.backup.Vocabulary.Trigger;
import io.itops.shared.auth.Caller;
import io.itops.shared.chat.ChatCommand;
import io.itops.shared.error.ApiException;
import io.itops.shared.events.BusEvent;
import io.itops.shared.events.DomainEvent;
import io.itops.shared.events.EventSink;
import io.itops.shared.events.ScheduledRun;
import io.itops.shared.observability.Log;
import io.itops.shared.observability.Metrics;
import io.itops.shared.store.Ids;
import io.itops.shared.store.Page;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The backup compliance audit. A run judges every audited asset at one moment ({@code asOf}) by
 * reading its coverage item from the sparse audit index, shard by shard (the segments), one page at
 * a time per segment, several segments at once. After each page it stores the page's findings and
 * moves the segment's checkpoint by compare-and-set, so an invocation that runs out of time hands the
 * run to the next one (a {@code BackupAuditContinued} event on the bus) and no page is ever counted
 * twice. The last segment to finish completes the run once and announces it.
 */
final class AuditService {
    /** How long a run holds the lock without showing signs of life; longer than the function's timeout. */
    static final Duration LEASE = Duration.ofMinutes(20);
    static final Duration FINDING_RETENTION = Duration.ofDays(400);
    static final int MAX_INVOCATIONS = 1000;

    private final AuditStore store;
    private final EventSink events;
    private final Clock clock;
    private final BackupConfig config;

    AuditService(AuditStore store, EventSink events, Clock clock, BackupConfig config) {
        this.store = store;
        this.events = events;
        this.clock = clock;
        this.config = config;
    }

    // ---------------------------------------------------------------- starting

    private sealed interface Start {}

    private record Created(RunState run) implements Start {}

    private record Existing(String runId) implements Start {}

    private record Held(String runId) implements Start {}

    /** POST /backup-audits: starts a run now; the work happens in invocations the bus starts. */
    AuditRun startManual(Caller caller) {
        return switch (begin(Trigger.MANUAL, caller.userId(), null)) {
            case Created created -> {
                events.publish(BackupEvents.continued(created.run().runId(), 0));
                yield AuditRun.of(created.run());
            }
            case Held held -> throw new ApiException.Conflict("AUDIT_IN_PROGRESS",
                    "Backup audit " + held.runId() + " is still running; wait for it to finish",
                    held.runId() == null ? Map.of() : Map.of("runId", held.runId()), Duration.ofSeconds(60));
            case Existing existing -> throw new IllegalStateException("manual runs have no slot");
        };
    }

    /** The daily schedule: one run per slot however often the slot is delivered; works on it at once. */
    void scheduled(ScheduledRun slot, TimeBudget budget) {
        switch (begin(Trigger.SCHEDULE, "schedule:" + slot.schedule(), slot.slotId())) {
            case Created created -> continueRun(created.run().runId(), budget);
            case Existing existing -> continueRun(existing.runId(), budget);
            case Held held -> {
                Log.warn("scheduled backup audit skipped: another run holds the lock", "slot", slot.slotId(), "runId", held.runId());
                Metrics.count("BackupAuditSkipped");
            }
        }
    }

    /** A {@code BackupAuditContinued} event: the next invocation of an unfinished run. */
    void resume(BusEvent event, TimeBudget budget) {
        String runId = event.detail().path("runId").asText("");
        if (!BackupService.ID.matcher(runId).matches()) {
            Log.warn("continuation without a run id", "eventId", event.dedupeId());
            return;
        }
        continueRun(runId, budget);
    }

    private Start begin(Trigger trigger, String by, String slotId) {
        Instant now = clock.instant();
        if (slotId != null) {
            Optional<String> existing = store.triggeredRun(slotId);
            if (existing.isPresent()) {
                return new Existing(existing.get());
            }
        }
        Optional<Lock> lock = store.lock();
        if (lock.isPresent() && lock.get().leaseUntil().isAfter(now)) {
            return new Held(lock.get().runId());
        }
        String previous = store.latestCompleted().map(RunState::runId).orElse(null);
        RunState run = RunState.start(Ids.ulid(clock), trigger, by, now, config.minimumRetentionDays(), previous, BackupSchemas.SHARDS);
        try {
            store.create(run, slotId, now, now.plus(LEASE));
        } catch (AlreadyTriggered duplicate) {
            return new Existing(store.triggeredRun(slotId).orElseThrow());
        } catch (Busy busy) {
            return new Held(store.lock().map(Lock::runId).orElse(null));
        }
        lock.ifPresent(stale -> {
            Log.warn("backup audit lock taken over after its lease ran out", "staleRunId", stale.runId(), "runId", run.runId());
            store.abandon(stale.runId());
        });
        Log.info("backup audit started", "runId", run.runId(), "trigger", trigger.toString(), "previousRunId", previous);
        return new Created(run);
    }

    // ---------------------------------------------------------------- running

    /** Works on a run until it is finished or the budget runs out; then completes it or hands it on. */
    void continueRun(String runId, TimeBudget budget) {
        RunState run = store.run(runId).orElse(null);
        if (run == null) {
            Log.warn("continuation of an unknown backup audit", "runId", runId);
            return;
        }
        if (run.status() == RunStatus.COMPLETED && !run.announced()) {
            announce(run);
        }
        if (run.status() != RunStatus.RUNNING) {
            return;
        }
        if (!store.renewLease(runId, clock.instant().plus(LEASE))) {
            Log.warn("backup audit lost its lock to a newer run; abandoning it", "runId", runId);
            store.abandon(runId);
            return;
        }
        long invocation = store.countInvocation(runId);
        if (invocation < 0) {
            return;
        }
        if (invocation > MAX_INVOCATIONS) {
            Log.error("backup audit made no end after " + MAX_INVOCATIONS + " invocations; abandoning it", null, "runId", runId);
            Metrics.count("BackupAuditAbandoned");
            store.abandon(runId);
            store.releaseLock(runId);
            return;
        }
        boolean budgetSpent = work(run, budget);
        RunState now = store.run(runId).orElseThrow();
        if (now.status() == RunStatus.RUNNING && now.allDone()) {
            finish(now);
        } else if (now.status() == RunStatus.RUNNING && budgetSpent) {
            Log.info("backup audit continues in a new invocation", "runId", runId, "invocation", invocation);
            events.publish(BackupEvents.continued(runId, invocation));
        }
    }

    /** Runs the unfinished segments on up to {@code auditParallelism} threads; true when time ran out. */
    private boolean work(RunState run, TimeBudget budget) {
        Queue<Segment> pending = new ConcurrentLinkedQueue<>(run.segments().stream().filter(s -> !s.done()).toList());
        AtomicBoolean budgetSpent = new AtomicBoolean();
        int workers = Math.min(config.auditParallelism(), pending.size());
        if (workers <= 1) {
            worker(run, pending, budget, budgetSpent);
            return budgetSpent.get();
        }
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < workers; i++) {
                futures.add(pool.submit(() -> worker(run, pending, budget, budgetSpent)));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } catch (ExecutionException failed) {
            throw failed.getCause() instanceof RuntimeException r ? r : new IllegalStateException(failed.getCause());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("backup audit interrupted", interrupted);
        } finally {
            pool.shutdownNow();
        }
        return budgetSpent.get();
    }

    private void worker(RunState run, Queue<Segment> pending, TimeBudget budget, AtomicBoolean budgetSpent) {
        for (Segment segment = pending.poll(); segment != null; segment = pending.poll()) {
            while (!segment.done()) {
                if (!budget.allowsAnotherPage()) {
                    budgetSpent.set(true);
                    return;
                }
                Segment next = page(run, segment);
                if (!store.checkpoint(run.runId(), segment, next)) {
                    // another invocation of this run got there first and owns this segment now
                    break;
                }
                segment = next;
            }
        }
    }

    /** Reads, judges and records one page of a segment; returns the segment as it is after the page. */
    private Segment page(RunState run, Segment segment) {
        ShardPage page = store.readShard(segment.index(), AuditSchemas.decodeKey(segment.cursor()), config.auditPageSize());
        Counter count = new Counter();
        List<FindingEntry> findings = new ArrayList<>();
        List<DomainEvent> announcements = new ArrayList<>();
        Instant expires = run.asOf().plus(FINDING_RETENTION);
        for (Coverage c : page.items()) {
            if (!c.inScope()) {
                continue; // the index caught up late with a change that took this asset out of the audit
            }
            List<Finding> found = AuditRules.evaluate(c, run.asOf(), run.minimumRetentionDays());
            List<String> codes = found.stream().map(f -> f.code().name()).toList();
            List<String> previous = run.runId().equals(c.audit().changedRun()) ? c.audit().prevCodes() : c.audit().codes();
            count.audited++;
            if (found.isEmpty()) count.compliant++;
            for (Finding f : found) {
                boolean isNew = !previous.contains(f.code().name());
                count.code(f.code().name());
                count.severity(f.severity().toString());
                if (isNew) count.newFindings++;
                findings.add(new FindingEntry(finding(run.runId(), c, f.code(), isNew ? Change.NEW : Change.PERSISTING)
                        .severity(f.severity()).facts(f.facts()).build(), expires));
            }
            for (String gone : previous) {
                if (!codes.contains(gone)) {
                    count.resolvedFindings++;
                    FindingCode code = FindingCode.valueOf(gone);
                    findings.add(new FindingEntry(finding(run.runId(), c, code, Change.RESOLVED).severity(severityOf(code)).build(),
                            expires));
                }
            }
            if (!codes.equals(c.audit().codes())) {
                store.markAudited(c.assetId(), codes, run.runId(), previous);
            }
            if (previous.isEmpty() && !found.isEmpty()) {
                count.newlyNonCompliant++;
                announcements.add(BackupEvents.nonCompliant(run.runId(), c, found));
                announcements.add(BackupEvents.nonCompliantNotice(run.runId(), c, found));
            }
        }
        store.putFindings(findings);
        if (!announcements.isEmpty()) {
            events.publish(announcements);
        }
        Tally tally = new Tally(count.audited, count.compliant, count.byCode, count.bySeverity, count.newFindings,
                count.resolvedFindings, count.newlyNonCompliant, page.itemsRead(), 1);
        return segment.advance(AuditSchemas.encodeKey(page.lastKey()), tally);
    }

    /** The usual severity of a code, for resolved findings (whose facts no longer hold). */
    private static Severity severityOf(FindingCode code) {
        return switch (code) {
            case NO_SUCCESSFUL_BACKUP -> Severity.CRITICAL;
            case NO_POLICY, RPO_BREACHED, LAST_JOB_FAILED, NOT_ENCRYPTED, RESTORE_TEST_FAILED -> Severity.HIGH;
            default -> Severity.MEDIUM;
        };
    }

    private static AuditFinding.Builder finding(String runId, Coverage c, FindingCode code, Change change) {
        return AuditFinding.builder().runId(runId).asset(c).code(code).change(change);
    }

    private static final class Counter {
        long audited, compliant, newFindings, resolvedFindings, newlyNonCompliant;
        final Map<String, Long> byCode = new TreeMap<>();
        final Map<String, Long> bySeverity = new TreeMap<>();

        void code(String code) {
            byCode.merge(code, 1L, Long::sum);
        }

        void severity(String severity) {
            bySeverity.merge(severity, 1L, Long::sum);
        }
    }

    private void finish(RunState run) {
        RunState completed = run.completed(clock.instant());
        if (store.complete(completed)) {
            store.releaseLock(run.runId());
            Log.info("backup audit completed", "runId", run.runId(), "audited", completed.totals().audited(),
                    "compliant", completed.totals().compliant(), "itemsRead", completed.totals().itemsRead());
            Metrics.count("BackupAuditAudited", completed.totals().audited());
            // the completion the BackupAuditMissed alarm waits for, and the dashboard's compliance and findings
            Metrics.count("BackupAuditCompleted");
            AuditRuns.Totals totals = AuditRuns.Totals.of(completed.totals());
            if (totals.compliancePercent() != null) {
                Metrics.percent("BackupCompliancePercent", totals.compliancePercent());
            }
            totals.bySeverity().forEach((severity, open) -> Metrics.count("BackupFindingsOpen_" + severity, open));
            announce(completed);
        }
    }

    private void announce(RunState run) {
        events.publish(List.of(BackupEvents.completed(run), BackupEvents.summaryNotice(run, config.itDepartment())));
        store.markAnnounced(run.runId());
    }

    // ---------------------------------------------------------------- reading

    Page<AuditRun> runs(int limit, String cursor) {
        return store.runs(limit, cursor).map(AuditRun::of);
    }

    AuditRun latest() {
        return store.latestCompleted().map(AuditRun::of).orElseThrow(() -> new ApiException.NotFound(
                "BACKUP_AUDIT_NOT_FOUND", "No backup audit has completed yet", Map.of()));
    }

    AuditRunDetail run(String runId, FindingFilter filter, int limit, String cursor) {
        RunState run = store.run(runId).orElseThrow(() -> new ApiException.NotFound("BACKUP_AUDIT_NOT_FOUND",
                "No backup audit with id " + runId, Map.of()));
        Page<AuditFinding> findings = store.findings(runId, filter, limit, cursor);
        return new AuditRunDetail(AuditRun.of(run), findings.items(), findings.nextCursor());
    }

    // ---------------------------------------------------------------- chat

    /** {@code backup-status}: the latest completed run's summary, for IT staff. */
    void chat(ChatCommand command) {
        if (!"backup-status".equals(command.command())) {
            return;
        }
        Caller caller = command.caller();
        String text;
        if (caller == null) {
            text = command.say("Please link your chat account first (send: link), then ask again.",
                    "请先绑定您的账号（发送：link），然后再试。");
        } else if (!caller.isStaff()) {
            text = command.say("Sorry, backup status is only available to IT staff. Your IT contact can help you.",
                    "抱歉，备份状态仅对 IT 人员开放。如有需要，请联系 IT 部门。");
        } else {
            text = store.latestCompleted()
                    .map(run -> BackupEvents.summary(run, command.chinese()))
                    .orElseGet(() -> command.say("No backup audit has completed yet.", "尚未完成任何备份审计。"));
        }
        events.publish(command.reply(text));
    }
}
