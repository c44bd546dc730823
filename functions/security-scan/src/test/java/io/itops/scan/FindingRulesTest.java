package io.itops.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.itops.scan.Requests.ReportedFinding;
import io.itops.scan.Requests.TriageRequest;
import io.itops.shared.auth.Caller;
import io.itops.shared.auth.Role;
import io.itops.shared.config.Env;
import io.itops.shared.error.ApiException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The finding lifecycle as plain Java: no table, no clock but the instants given. */
class FindingRulesTest {
    private static final Instant T0 = Instant.parse("2026-11-28T09:00:00Z");
    private static final ScanConfig CONFIG = ScanConfig.from(new Env(Map.of("SCANNER_KEYS_SECRET", "itops/test/scanners",
            "REMEDIATION_DAYS_HIGH", "14")));
    private final FindingRules rules = new FindingRules(CONFIG);
    private final AtomicInteger ids = new AtomicInteger();

    @Test
    void deadlinesFollowSeverity_configurably_andInfoHasNone() {
        assertEquals(T0.plus(Duration.ofDays(7)), rules.deadline(T0, Severity.CRITICAL));
        assertEquals(T0.plus(Duration.ofDays(14)), rules.deadline(T0, Severity.HIGH), "REMEDIATION_DAYS_HIGH overrides 30");
        assertEquals(T0.plus(Duration.ofDays(90)), rules.deadline(T0, Severity.MEDIUM));
        assertEquals(T0.plus(Duration.ofDays(180)), rules.deadline(T0, Severity.LOW));
        assertNull(rules.deadline(T0, Severity.INFO));
    }

    @Test
    void newRulesOpen_seenRulesMoveLastSeen_missingOnesResolve_andReturningOnesReopen() {
        FindingRules.Outcome first = rules.apply(scan("S1"), null, List.of(reported("A", Severity.HIGH), reported("B", Severity.LOW)),
                List.of(), T0, this::id);
        assertEquals(List.of(FindingRules.Change.OPENED, FindingRules.Change.OPENED), changes(first));
        List<Finding> state = afters(first);

        Instant t1 = T0.plus(Duration.ofDays(1));
        FindingRules.Outcome second = rules.apply(scan("S2"), null, List.of(reported("A", Severity.CRITICAL)), state, t1, this::id);
        assertEquals(List.of(FindingRules.Change.SEEN_AGAIN, FindingRules.Change.RESOLVED), changes(second));
        Finding a = second.updates().get(0).after();
        assertEquals(t1, a.lastSeen());
        assertEquals(T0, a.firstSeen());
        assertEquals(T0.plus(Duration.ofDays(7)), a.dueAt(), "a severity raised to critical brings the deadline forward");
        assertEquals(state.get(0).findingId(), a.findingId());
        Finding b = second.updates().get(1).after();
        assertEquals(FindingStatus.RESOLVED, b.status());
        assertEquals(t1, b.resolvedAt());
        assertEquals(new Scan.Summary(1, 0, 1, 0, 1, new Scan.SeverityCounts(1, 0, 0, 0, 0)), second.summary());

        Instant t2 = T0.plus(Duration.ofDays(2));
        FindingRules.Outcome third = rules.apply(scan("S3"), null, List.of(reported("A", Severity.CRITICAL), reported("B", Severity.LOW)),
                List.of(a, b), t2, this::id);
        Finding reopened = third.updates().get(1).after();
        assertEquals(FindingRules.Change.REOPENED, third.updates().get(1).change());
        assertEquals(FindingStatus.OPEN, reopened.status());
        assertEquals(1, reopened.reopenCount());
        assertEquals(t2, reopened.openedAt());
        assertEquals(t2.plus(Duration.ofDays(180)), reopened.dueAt());
        assertNull(reopened.resolvedAt());
        assertEquals(b.findingId(), reopened.findingId());
    }

    @Test
    void applyingTheSameScanAgain_changesNothing_andCountsTheSame() {
        List<ReportedFinding> reported = List.of(reported("A", Severity.HIGH), reported("C", Severity.MEDIUM));
        Finding old = afters(rules.apply(scan("S0"), null, List.of(reported("B", Severity.LOW)), List.of(), T0, this::id)).getFirst();
        FindingRules.Outcome once = rules.apply(scan("S1"), null, reported, List.of(old), T0.plusSeconds(60), this::id);
        List<Finding> after = new ArrayList<>(afters(once));

        FindingRules.Outcome twice = rules.apply(scan("S1"), null, reported, after, T0.plusSeconds(120), this::id);

        assertTrue(twice.updates().isEmpty());
        assertEquals(once.summary(), twice.summary());
    }

    @Test
    void triageStatesBehaveAsDocumented_whenScansSeeOrMissTheirFindings() {
        Finding accepted = open("A").toBuilder().status(FindingStatus.ACCEPTED_RISK).build();
        Finding falsePositive = open("B").toBuilder().status(FindingStatus.FALSE_POSITIVE).build();
        Finding remediated = open("C").toBuilder().status(FindingStatus.REMEDIATED).build();
        Instant t1 = T0.plus(Duration.ofDays(3));

        FindingRules.Outcome seen = rules.apply(scan("S9"), null, List.of(reported("A", Severity.HIGH), reported("B", Severity.HIGH),
                reported("C", Severity.HIGH)), List.of(accepted, falsePositive, remediated), t1, this::id);
        assertEquals(FindingStatus.ACCEPTED_RISK, seen.updates().get(0).after().status(), "an accepted risk stays accepted");
        assertEquals(FindingStatus.FALSE_POSITIVE, seen.updates().get(1).after().status());
        assertEquals(FindingStatus.OPEN, seen.updates().get(2).after().status(), "a claimed fix the scan still sees reopens");
        assertEquals(t1, seen.updates().get(1).after().lastSeen());

        FindingRules.Outcome missed = rules.apply(scan("S9"), null, List.of(), List.of(accepted, falsePositive, remediated), t1, this::id);
        assertEquals(2, missed.updates().size(), "a false positive the scan no longer reports is left as it is");
        assertTrue(missed.updates().stream().allMatch(u -> u.after().status() == FindingStatus.RESOLVED));
    }

    @Test
    void triageRecordsTheDecision_refusesResolvedFindings_andAcceptanceEndsAtTheStartOfItsDay() {
        Caller staff = new Caller("sam.staff", null, null, "IT", Role.STAFF, Set.of());
        Finding f = open("A");
        Finding accepted = rules.triage(f, new TriageRequest(FindingStatus.ACCEPTED_RISK, "lab", LocalDate.parse("2026-12-10")), staff, T0);
        assertEquals(FindingStatus.ACCEPTED_RISK, accepted.status());
        assertEquals(new Finding.Triage(FindingStatus.ACCEPTED_RISK, "lab", LocalDate.parse("2026-12-10"), "sam.staff", T0), accepted.triage());
        assertEquals(f.version() + 1, accepted.version());
        assertFalse(FindingRules.acceptanceExpired(accepted, Instant.parse("2026-12-09T23:59:59Z")));
        assertTrue(FindingRules.acceptanceExpired(accepted, Instant.parse("2026-12-10T00:00:00Z")));
        Finding expired = rules.expire(accepted, Instant.parse("2026-12-10T01:00:00Z"));
        assertEquals(FindingStatus.OPEN, expired.status());
        assertEquals(Instant.parse("2026-12-24T01:00:00Z"), expired.dueAt());

        Finding resolved = f.toBuilder().status(FindingStatus.RESOLVED).build();
        ApiException.Conflict conflict = assertThrows(ApiException.Conflict.class,
                () -> rules.triage(resolved, new TriageRequest(FindingStatus.REMEDIATED, null, null), staff, T0));
        assertEquals("FINDING_RESOLVED", conflict.code());
    }

    @Test
    void overdueIsAnnouncedOncePerDeadline() {
        Finding f = open("A");
        Instant late = f.dueAt().plusSeconds(1);
        assertFalse(f.overdueAt(f.dueAt()), "due exactly now is not yet overdue");
        assertTrue(FindingRules.overdueUnannounced(f, late));
        Finding announced = rules.announcedOverdue(f, late);
        assertFalse(FindingRules.overdueUnannounced(announced, late.plusSeconds(86_400)));
        Finding reopenedLater = announced.toBuilder().dueAt(late.plus(Duration.ofDays(14))).build();
        assertTrue(FindingRules.overdueUnannounced(reopenedLater, late.plus(Duration.ofDays(15))), "a new deadline is announced again");
    }

    @Test
    void targetsKnowWhatIsPendingAndWhatCoverageIsDue() {
        Target t = new Target.Builder().assetId("A").assetTag("LT-1").category("laptop").status("in-service").assetVersion(1)
                .requested(Map.of(Profile.VULNERABILITY, T0)).completed(Map.of(Profile.BASELINE, T0.minus(Duration.ofDays(15)))).build();
        Duration timeout = Duration.ofHours(6);
        assertTrue(t.pending(Profile.VULNERABILITY, T0.plus(Duration.ofHours(5)), timeout));
        assertFalse(t.pending(Profile.VULNERABILITY, T0.plus(Duration.ofHours(7)), timeout), "a timed-out request is no longer pending");
        assertFalse(t.pending(Profile.ANTIVIRUS, T0, timeout));
        assertTrue(t.coverageDue(Profile.BASELINE, T0, 14));
        assertFalse(t.coverageDue(Profile.BASELINE, T0, 16));
        assertTrue(t.coverageDue(Profile.ANTIVIRUS, T0, 14), "never completed");
        assertTrue(Profile.FIREWALL_CONFIG.appliesTo("firewall"));
        assertFalse(Profile.ANTIVIRUS.appliesTo("printer"));
        assertFalse(Profile.VULNERABILITY.appliesTo("software-licence"));
    }

    @Test
    void configurationRefusesNonsense() {
        assertThrows(IllegalStateException.class, () -> ScanConfig.from(new Env(Map.of())), "scanner keys secret required");
        assertThrows(IllegalStateException.class, () -> ScanConfig.from(new Env(Map.of("SCANNER_KEYS_SECRET", "k",
                "REMEDIATION_DAYS_LOW", "0"))));
        assertThrows(IllegalStateException.class, () -> ScanConfig.from(new Env(Map.of("SCANNER_KEYS_SECRET", "k",
                "ONBOARDING_PROFILES", "baseline,pentest"))));
        assertEquals(List.of(Profile.BASELINE, Profile.VULNERABILITY), CONFIG.onboardingProfiles());
    }

    @Test
    void aScanThatNoLongerReportsAFinding_resolvesOpenAcceptedAndRemediated_butNotFalsePositivesOrResolvedOnes() {
        Finding open = open("O");
        Finding accepted = open("A").toBuilder().status(FindingStatus.ACCEPTED_RISK).build();
        Finding falsePositive = open("F").toBuilder().status(FindingStatus.FALSE_POSITIVE).build();
        Finding remediated = open("R").toBuilder().status(FindingStatus.REMEDIATED).build();
        Finding resolved = open("X").toBuilder().status(FindingStatus.RESOLVED).resolvedAt(T0).build();
        Instant t1 = T0.plus(Duration.ofDays(2));

        FindingRules.Outcome missed = rules.apply(scan("S5"), null, List.of(),
                List.of(open, accepted, falsePositive, remediated, resolved), t1, this::id);

        assertEquals(List.of("O", "A", "R"), missed.updates().stream().map(u -> u.after().ruleId()).toList(),
                "which findings resolve: open, accepted risk and remediated; never a false positive or a resolved one");
        for (FindingRules.Update u : missed.updates()) {
            assertEquals(FindingRules.Change.RESOLVED, u.change());
            assertEquals(FindingStatus.RESOLVED, u.after().status());
            assertEquals(t1, u.after().resolvedAt());
            assertEquals(t1, u.after().updatedAt());
            assertEquals("S5", u.after().lastScanId());
            assertEquals(FindingRules.Change.RESOLVED, u.after().lastChange());
            assertEquals(u.before().version() + 1, u.after().version(), "the optimistic-lock counter moves on resolve");
        }
        assertEquals(new Scan.Summary(0, 0, 0, 0, 3, new Scan.SeverityCounts(0, 0, 0, 0, 0)), missed.summary());
    }

    @Test
    void seenAgainAndReopenedFindingsMoveTheirVersion_andTheTargetRefreshesTagDepartmentAndCustodian() {
        Finding open = open("A").toBuilder().version(4).build();
        Finding resolved = open("B").toBuilder().status(FindingStatus.RESOLVED).resolvedAt(T0).reopenCount(2).version(7).build();
        Target target = new Target.Builder().assetId("ASSET").assetTag("SRV-9").category("server").status("in-service")
                .department("Finance").custodian("li.wei").assetVersion(3).build();
        Instant t1 = T0.plus(Duration.ofDays(1));

        FindingRules.Outcome outcome = rules.apply(scan("S6"), target, List.of(reported("A", Severity.HIGH), reported("B", Severity.LOW)),
                List.of(open, resolved), t1, this::id);

        Finding seen = outcome.updates().get(0).after();
        assertEquals(FindingRules.Change.SEEN_AGAIN, seen.lastChange());
        assertEquals(5, seen.version(), "seen again: version + 1");
        assertEquals(t1, seen.updatedAt());
        assertEquals("S6", seen.lastScanId());
        assertEquals(List.of("SRV-9", "Finance", "li.wei"), List.of(seen.assetTag(), seen.department(), seen.custodian()));
        assertEquals(FindingStatus.OPEN, seen.status());
        assertEquals(T0, seen.openedAt(), "seen again keeps its open period");
        Finding reopened = outcome.updates().get(1).after();
        assertEquals(FindingRules.Change.REOPENED, reopened.lastChange());
        assertEquals(8, reopened.version(), "reopened: version + 1");
        assertEquals(3, reopened.reopenCount());
        assertEquals(t1, reopened.reopenedAt());
        assertNull(reopened.overdueNotifiedFor());
        assertEquals(List.of("SRV-9", "Finance", "li.wei"), List.of(reopened.assetTag(), reopened.department(), reopened.custodian()));
        assertEquals(new Scan.Summary(2, 0, 1, 1, 0, new Scan.SeverityCounts(0, 1, 0, 1, 0)), outcome.summary());

        Finding created = rules.apply(scan("S7"), target, List.of(reported("N", Severity.MEDIUM)), List.of(), t1, this::id)
                .updates().getFirst().after();
        assertEquals(List.of("SRV-9", "Finance", "li.wei"), List.of(created.assetTag(), created.department(), created.custodian()));
        Finding fromScan = open("M");
        assertEquals(List.of("SRV-1", "Ops"), List.of(fromScan.assetTag(), fromScan.department()), "no target: the scan's own");
        assertNull(fromScan.custodian());
        assertEquals(1, fromScan.version());
        assertEquals(0, fromScan.reopenCount());
        assertEquals(FindingStatus.OPEN, fromScan.status());
        assertEquals(List.of(T0, T0, T0, T0), List.of(fromScan.firstSeen(), fromScan.lastSeen(), fromScan.openedAt(), fromScan.updatedAt()));
        assertEquals(List.of("S0", "S0"), List.of(fromScan.firstScanId(), fromScan.lastScanId()));
    }

    @Test
    void expiringAnAcceptanceReopensWithAFreshDeadline_countsTheReopen_andMovesTheVersion() {
        Finding accepted = open("A").toBuilder().status(FindingStatus.ACCEPTED_RISK).reopenCount(1).version(3)
                .overdueNotifiedFor(T0).build();
        Instant now = Instant.parse("2026-12-10T01:00:00Z");
        Finding expired = rules.expire(accepted, now);
        assertEquals(FindingStatus.OPEN, expired.status());
        assertEquals(2, expired.reopenCount(), "reopenCount + 1 on expire");
        assertEquals(4, expired.version(), "version + 1 on expire");
        assertEquals(now, expired.openedAt());
        assertEquals(now, expired.reopenedAt());
        assertEquals(now, expired.updatedAt());
        assertNull(expired.overdueNotifiedFor());
    }

    @Test
    void announcingAnOverdueFindingRecordsItsDeadlineAndMovesTheVersion() {
        Finding f = open("A").toBuilder().version(6).build();
        Instant late = f.dueAt().plusSeconds(1);
        Finding announced = rules.announcedOverdue(f, late);
        assertEquals(7, announced.version(), "version + 1 on overdue");
        assertEquals(f.dueAt(), announced.overdueNotifiedFor());
        assertEquals(late, announced.updatedAt());
        assertFalse(FindingRules.overdueUnannounced(f, f.dueAt()), "due exactly now is not overdue yet");
    }

    @Test
    void acceptanceExpiresOnlyForAnAcceptedRiskWithAnExpiry() {
        Caller staff = new Caller("sam.staff", null, null, "IT", Role.STAFF, Set.of());
        Instant after = Instant.parse("2027-01-01T00:00:00Z");
        Finding accepted = rules.triage(open("A"), new TriageRequest(FindingStatus.ACCEPTED_RISK, "lab", LocalDate.parse("2026-12-10")), staff, T0);
        assertTrue(FindingRules.acceptanceExpired(accepted, after));
        assertFalse(FindingRules.acceptanceExpired(accepted.toBuilder().status(FindingStatus.OPEN).build(), after));
        assertFalse(FindingRules.acceptanceExpired(accepted.toBuilder().triage(null).build(), after));
        Finding fp = rules.triage(open("B"), new TriageRequest(FindingStatus.FALSE_POSITIVE, "noise", null), staff, T0);
        assertNull(fp.triage().expiresOn(), "only an accepted risk keeps an expiry");
        assertFalse(FindingRules.acceptanceExpired(fp.toBuilder().status(FindingStatus.ACCEPTED_RISK).build(), after));
        Finding withExpiry = rules.triage(open("C"), new TriageRequest(FindingStatus.REMEDIATED, null, LocalDate.parse("2026-12-10")), staff, T0);
        assertNull(withExpiry.triage().expiresOn());
        assertEquals(T0, withExpiry.updatedAt());
    }

    @Test
    void changesHaveTheirWireNames() {
        for (FindingRules.Change c : FindingRules.Change.values()) {
            assertEquals(c.name().toLowerCase().replace('_', '-'), c.toString());
            assertEquals(c, FindingRules.Change.parse(c.toString()));
        }
    }

    private Finding open(String rule) {
        return afters(rules.apply(scan("S0"), null, List.of(reported(rule, Severity.HIGH)), List.of(), T0, this::id)).getFirst();
    }

    private String id() {
        return String.format("01KB8R9Z8Y7X6W5V4T3S2R%04d", ids.incrementAndGet());
    }

    private static Scan scan(String scanId) {
        return new Scan.Builder().scanId(scanId).assetId("ASSET").assetTag("SRV-1").category("server").department("Ops")
                .profile(Profile.VULNERABILITY).trigger(Trigger.ON_DEMAND).reason("r").requestedBy("sam.staff").requestedAt(T0)
                .respondBy(T0.plus(Duration.ofHours(6))).status(ScanStatus.PROCESSING).build();
    }

    private static ReportedFinding reported(String rule, Severity severity) {
        return new ReportedFinding(rule, "Title " + rule, severity, new BigDecimal("7.5"), "evidence", "fix it");
    }

    private static List<FindingRules.Change> changes(FindingRules.Outcome outcome) {
        return outcome.updates().stream().map(FindingRules.Update::change).toList();
    }

    private static List<Finding> afters(FindingRules.Outcome outcome) {
        return outcome.updates().stream().map(FindingRules.Update::after).toList();
    }
}
