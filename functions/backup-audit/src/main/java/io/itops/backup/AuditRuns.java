package io.itops.backup;

import io.itops.backup.Records.AuditFinding;
import io.itops.backup.Vocabulary.Change;
import io.itops.backup.Vocabulary.FindingCode;
import io.itops.backup.Vocabulary.RunStatus;
import io.itops.backup.Vocabulary.Severity;
import io.itops.backup.Vocabulary.Trigger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Audit runs: their stored state (segments with checkpoints and tallies) and how the API shows them. */
public final class AuditRuns {
    private AuditRuns() {}

    /** Counts over audited assets; adding two tallies gives the tally of both. */
    public record Tally(long audited, long compliant, Map<String, Long> byCode, Map<String, Long> bySeverity,
                        long newFindings, long resolvedFindings, long newlyNonCompliant, long itemsRead, long readRequests) {
        static final Tally ZERO = new Tally(0, 0, Map.of(), Map.of(), 0, 0, 0, 0, 0);

        Tally plus(Tally o) {
            return new Tally(audited + o.audited, compliant + o.compliant, merge(byCode, o.byCode), merge(bySeverity, o.bySeverity),
                    newFindings + o.newFindings, resolvedFindings + o.resolvedFindings, newlyNonCompliant + o.newlyNonCompliant,
                    itemsRead + o.itemsRead, readRequests + o.readRequests);
        }

        private static Map<String, Long> merge(Map<String, Long> a, Map<String, Long> b) {
            Map<String, Long> out = new TreeMap<>(a);
            b.forEach((k, v) -> out.merge(k, v, Long::sum));
            return out;
        }

        static final class Builder {
            private long audited, compliant, newFindings, resolvedFindings, newlyNonCompliant, itemsRead, readRequests;
            private Map<String, Long> byCode = Map.of(), bySeverity = Map.of();

            Builder audited(long v) { audited = v; return this; }
            Builder compliant(long v) { compliant = v; return this; }
            Builder byCode(Map<String, Long> v) { byCode = new TreeMap<>(v); return this; }
            Builder bySeverity(Map<String, Long> v) { bySeverity = new TreeMap<>(v); return this; }
            Builder newFindings(long v) { newFindings = v; return this; }
            Builder resolvedFindings(long v) { resolvedFindings = v; return this; }
            Builder newlyNonCompliant(long v) { newlyNonCompliant = v; return this; }
            Builder itemsRead(long v) { itemsRead = v; return this; }
            Builder readRequests(long v) { readRequests = v; return this; }

            Tally build() {
                return new Tally(audited, compliant, byCode, bySeverity, newFindings, resolvedFindings, newlyNonCompliant,
                        itemsRead, readRequests);
            }
        }
    }

    /**
     * One audit segment (a shard of the sparse audit index): where its reading stopped, whether it is
     * finished, and what it counted so far. {@code pages} guards the checkpoint: it only moves from the
     * value it was read at, so two invocations never both count a page.
     */
    public record Segment(int index, String cursor, boolean done, long pages, Tally tally) {
        static Segment start(int index) {
            return new Segment(index, null, false, 0, Tally.ZERO);
        }

        Segment advance(String nextCursor, Tally page) {
            return new Segment(index, nextCursor, nextCursor == null, pages + 1, tally.plus(page));
        }

        String name() {
            return String.format("s%02d", index);
        }

        /** This segment as segment {@code i} (a stored segment's index is its name, not one of its attributes). */
        Segment at(int i) {
            return new Segment(i, cursor, done, pages, tally);
        }

        static int indexOf(String name) {
            return Integer.parseInt(name.substring(1));
        }

        static final class Builder {
            private String cursor;
            private boolean done;
            private long pages;
            private Tally tally = Tally.ZERO;

            Builder cursor(String v) { cursor = v; return this; }
            Builder done(boolean v) { done = v; return this; }
            Builder pages(long v) { pages = v; return this; }
            Builder tally(Tally v) { tally = v; return this; }

            Segment build() {
                return new Segment(0, cursor, done, pages, tally);
            }
        }
    }

    /** A run as stored. {@code asOf} is the moment every asset is judged at, whichever invocation reads it. */
    public record RunState(String runId, RunStatus status, Trigger trigger, String triggeredBy, Instant asOf,
                           Instant completedAt, int minimumRetentionDays, String previousRunId, long invocations,
                           boolean announced, List<Segment> segments, Tally totals) {

        static RunState start(String runId, Trigger trigger, String triggeredBy, Instant asOf, int minimumRetentionDays,
                              String previousRunId, int segments) {
            List<Segment> list = new ArrayList<>();
            for (int i = 0; i < segments; i++) {
                list.add(Segment.start(i));
            }
            return new RunState(runId, RunStatus.RUNNING, trigger, triggeredBy, asOf, null, minimumRetentionDays,
                    previousRunId, 0, false, list, null);
        }

        boolean allDone() {
            return segments.stream().allMatch(Segment::done);
        }

        Tally sum() {
            return segments.stream().map(Segment::tally).reduce(Tally.ZERO, Tally::plus);
        }

        RunState completed(Instant at) {
            return new RunState(runId, RunStatus.COMPLETED, trigger, triggeredBy, asOf, at, minimumRetentionDays,
                    previousRunId, invocations, false, segments, sum());
        }

        static final class Builder {
            private String runId, triggeredBy, previousRunId;
            private RunStatus status;
            private Trigger trigger;
            private Instant asOf, completedAt;
            private int minimumRetentionDays;
            private long invocations;
            private boolean announced;
            private List<Segment> segments = List.of();
            private Tally totals;

            Builder runId(String v) { runId = v; return this; }
            Builder status(RunStatus v) { status = v; return this; }
            Builder trigger(Trigger v) { trigger = v; return this; }
            Builder triggeredBy(String v) { triggeredBy = v; return this; }
            Builder asOf(Instant v) { asOf = v; return this; }
            Builder completedAt(Instant v) { completedAt = v; return this; }
            Builder minimumRetentionDays(int v) { minimumRetentionDays = v; return this; }
            Builder previousRunId(String v) { previousRunId = v; return this; }
            Builder invocations(long v) { invocations = v; return this; }
            Builder announced(boolean v) { announced = v; return this; }
            Builder totals(Tally v) { totals = v; return this; }

            /** Segments by name ({@code s00}, {@code s01}, ...), in the order of their names. */
            Builder segments(Map<String, Segment> byName) {
                List<Segment> list = new ArrayList<>();
                new TreeMap<>(byName).forEach((name, s) -> list.add(s.at(Segment.indexOf(name))));
                segments = List.copyOf(list);
                return this;
            }

            RunState build() {
                return new RunState(runId, status, trigger, triggeredBy, asOf, completedAt, minimumRetentionDays, previousRunId,
                        invocations, announced, segments, totals);
            }
        }
    }

    /** The lock that keeps one run at a time: the run holding it, until its lease runs out. */
    record Lock(String runId, Instant leaseUntil) {
        static final class Builder {
            private String runId;
            private Instant leaseUntil;

            Builder runId(String v) { runId = v; return this; }
            Builder leaseUntil(Instant v) { leaseUntil = v; return this; }

            Lock build() {
                return new Lock(runId, leaseUntil);
            }
        }
    }

    /** A run as the API shows it; while running, totals are the progress so far. */
    public record AuditRun(String runId, RunStatus status, Trigger trigger, String triggeredBy, Instant asOf,
                           Instant completedAt, int minimumRetentionDays, String previousRunId, long invocations,
                           Progress progress, Totals totals) {
        static AuditRun of(RunState s) {
            long pages = s.segments().stream().mapToLong(Segment::pages).sum();
            int done = (int) s.segments().stream().filter(Segment::done).count();
            return new AuditRun(s.runId(), s.status(), s.trigger(), s.triggeredBy(), s.asOf(), s.completedAt(),
                    s.minimumRetentionDays(), s.previousRunId(), s.invocations(),
                    new Progress(s.segments().size(), done, pages), Totals.of(s.totals() != null ? s.totals() : s.sum()));
        }
    }

    public record Progress(int segments, int segmentsDone, long pages) {}

    /** Summary counts; every code and severity is listed, with zero where nothing was found. */
    public record Totals(long audited, long compliant, long nonCompliant, Double compliancePercent, Map<String, Long> byCode,
                         Map<String, Long> bySeverity, long newFindings, long resolvedFindings, long newlyNonCompliant,
                         long itemsRead, long readRequests) {
        static Totals of(Tally t) {
            Map<String, Long> codes = new LinkedHashMap<>();
            for (FindingCode code : FindingCode.values()) {
                codes.put(code.name(), t.byCode().getOrDefault(code.name(), 0L));
            }
            Map<String, Long> severities = new LinkedHashMap<>();
            for (Severity severity : Severity.values()) {
                severities.put(severity.toString(), t.bySeverity().getOrDefault(severity.toString(), 0L));
            }
            Double percent = t.audited() == 0 ? null : Math.round(1000.0 * t.compliant() / t.audited()) / 10.0;
            return new Totals(t.audited(), t.compliant(), t.audited() - t.compliant(), percent, codes, severities,
                    t.newFindings(), t.resolvedFindings(), t.newlyNonCompliant(), t.itemsRead(), t.readRequests());
        }
    }

    /** How the findings of a run may be narrowed; null means any. */
    public record FindingFilter(FindingCode code, Severity severity, String department, Change change) {
        String scope(String runId) {
            return "backup-findings|" + runId + "|" + code + "|" + severity + "|" + department + "|" + change;
        }
    }

    /** A run with one page of its findings. */
    public record AuditRunDetail(AuditRun run, List<AuditFinding> findings, String nextCursor) {}
}
