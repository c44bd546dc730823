package io.itops.desk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.itops.shared.config.Env;
import io.itops.shared.error.ApiException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The ticket rules without a table: flow, clock banking, first response, reopening, alerts, the matrix. */
class TicketRulesTest {
    static final DeskConfig CONFIG = DeskConfig.from(new Env(Map.of("TIME_ZONE", "Asia/Shanghai")));
    static final Instant TUE_0900 = Instant.parse("2026-12-01T01:00:00Z");

    static Ticket ticket(Priority priority) {
        return Ticket.builder().ticketId("01JB0000000000000000000000").number("SD-000001").title("t").category(Category.NETWORK)
                .impact(Level.MEDIUM).urgency(Level.MEDIUM).priority(priority).status(TicketStatus.NEW).source(Source.API)
                .requester("emma.employee").createdAt(TUE_0900).updatedAt(TUE_0900).statusSince(TUE_0900).slaRunningSince(TUE_0900)
                .version(1L).build();
    }

    @Test
    void theMatrixAndTargetsComeFromConfiguration() {
        assertEquals(Priority.P1, CONFIG.priority(Level.HIGH, Level.HIGH));
        assertEquals(Priority.P2, CONFIG.priority(Level.MEDIUM, Level.HIGH));
        assertEquals(Priority.P4, CONFIG.priority(Level.LOW, Level.LOW));
        assertEquals(Duration.ofMinutes(30), CONFIG.targetsFor(Priority.P1).response());
        DeskConfig custom = DeskConfig.from(new Env(Map.of("PRIORITY_MATRIX", DeskConfig.DEFAULT_MATRIX.replace("low/low=p4", "low/low=p1"))));
        assertEquals(Priority.P1, custom.priority(Level.LOW, Level.LOW));
        assertThrows(IllegalStateException.class, () -> DeskConfig.from(new Env(Map.of("PRIORITY_MATRIX", "high/high=p1"))));
        assertThrows(IllegalStateException.class, () -> DeskConfig.from(new Env(Map.of("SLA_TARGETS_MINUTES", "p1=30/20,p2=1/1,p3=1/1,p4=1/1"))));
        assertThrows(IllegalStateException.class, () -> DeskConfig.from(new Env(Map.of("WORKING_HOURS", "0900"))));
        assertThrows(IllegalStateException.class, () -> DeskConfig.from(new Env(Map.of("SLA_WARN_PERCENT", "100"))));
    }

    @Test
    void theFlowAllowsOnlyItsMoves() {
        assertTrue(TicketRules.canMove(TicketStatus.ASSIGNED, TicketStatus.IN_PROGRESS));
        assertTrue(TicketRules.canMove(TicketStatus.WAITING_ON_REQUESTER, TicketStatus.IN_PROGRESS));
        assertTrue(TicketRules.canMove(TicketStatus.RESOLVED, TicketStatus.CLOSED));
        assertFalse(TicketRules.canMove(TicketStatus.NEW, TicketStatus.IN_PROGRESS));
        assertFalse(TicketRules.canMove(TicketStatus.CLOSED, TicketStatus.IN_PROGRESS));
        assertFalse(TicketRules.canMove(TicketStatus.RESOLVED, TicketStatus.IN_PROGRESS), "reopening is the requester's");
        for (TicketStatus s : TicketStatus.values()) {
            assertFalse(TicketRules.canMove(s, s), s + " to itself");
        }
    }

    @Test
    void pausingBanksTheElapsedTime_andResumingStartsANewSegment() {
        BusinessClock clock = CONFIG.clock();
        Ticket t = ticket(Priority.P2);
        Ticket waiting = TicketRules.moveTo(t, TicketStatus.WAITING_ON_REQUESTER, TUE_0900.plusSeconds(600), clock);
        assertEquals(600, waiting.slaElapsedSeconds());
        assertNull(waiting.slaRunningSince());
        assertEquals(600L, waiting.responseSeconds(), "asking the requester is the first response");
        assertEquals(Duration.ofSeconds(600), TicketRules.elapsed(waiting, TUE_0900.plus(Duration.ofDays(3)), clock));
        Instant back = TUE_0900.plusSeconds(7200);
        Ticket running = TicketRules.moveTo(waiting, TicketStatus.IN_PROGRESS, back, clock);
        assertEquals(back, running.slaRunningSince());
        assertEquals(Duration.ofSeconds(900), TicketRules.elapsed(running, back.plusSeconds(300), clock));
        Ticket again = TicketRules.moveTo(running, TicketStatus.ASSIGNED, back.plusSeconds(60), clock);
        assertEquals(back, again.slaRunningSince(), "moving between running statuses keeps the segment");
    }

    @Test
    void onlyTheFirstReplyIsTheFirstResponse() {
        BusinessClock clock = CONFIG.clock();
        Ticket first = TicketRules.replied(ticket(Priority.P2), TUE_0900.plusSeconds(120), clock);
        Ticket second = TicketRules.replied(first, TUE_0900.plusSeconds(900), clock);
        assertEquals(120L, second.responseSeconds());
        assertEquals(TUE_0900.plusSeconds(120), second.firstResponseAt());
    }

    @Test
    void theSlaShowsDueTimesWhileRunning_andBreachesOnceMissed() {
        Ticket t = ticket(Priority.P1);
        Sla fresh = TicketRules.sla(t, TUE_0900, CONFIG);
        assertEquals(TUE_0900.plus(Duration.ofMinutes(30)), fresh.responseDueAt());
        assertEquals(TUE_0900.plus(Duration.ofMinutes(240)), fresh.resolutionDueAt());
        assertFalse(fresh.breached());
        Sla atTarget = TicketRules.sla(t, TUE_0900.plus(Duration.ofMinutes(30)), CONFIG);
        assertFalse(atTarget.responseBreached(), "exactly at the target is met");
        Sla late = TicketRules.sla(t, TUE_0900.plus(Duration.ofMinutes(30)).plusSeconds(1), CONFIG);
        assertTrue(late.responseBreached());
        assertNull(late.responseDueAt());
        Ticket stamped = TicketRules.stamp(t, TUE_0900, CONFIG);
        assertEquals(TUE_0900.plus(Duration.ofMinutes(30)), stamped.breachAt());
        assertFalse(stamped.breached());
    }

    @Test
    void alertsComeInOrder_warningThenBreach_eachOnce() {
        Ticket t = ticket(Priority.P1);
        assertNull(TicketRules.alert(t, TUE_0900.plus(Duration.ofMinutes(22)), CONFIG), "22 of 30 minutes is under 75%");
        Instant warnAt = TUE_0900.plus(Duration.ofSeconds(30 * 60 * 75 / 100));
        assertEquals(TicketRules.Alert.RESPONSE_WARNING, TicketRules.alert(t, warnAt, CONFIG), "75% reached");
        Ticket warned = TicketRules.marked(t, TicketRules.Alert.RESPONSE_WARNING, warnAt, CONFIG);
        assertNull(TicketRules.alert(warned, warnAt.plusSeconds(60), CONFIG));
        Instant late = TUE_0900.plus(Duration.ofMinutes(31));
        assertEquals(TicketRules.Alert.RESPONSE_BREACH, TicketRules.alert(warned, late, CONFIG));
        Ticket told = TicketRules.marked(warned, TicketRules.Alert.RESPONSE_BREACH, late, CONFIG);
        assertTrue(told.breached());
        assertNull(TicketRules.alert(told, late.plusSeconds(60), CONFIG));
        Instant resolutionWarn = TUE_0900.plus(Duration.ofMinutes(180));
        assertEquals(TicketRules.Alert.RESOLUTION_WARNING, TicketRules.alert(told, resolutionWarn, CONFIG));
        Ticket unwarned = TicketRules.marked(told, TicketRules.Alert.RESOLUTION_BREACH, TUE_0900.plus(Duration.ofMinutes(241)), CONFIG);
        assertTrue(unwarned.resolutionWarned() && unwarned.resolutionBreachNotified());
        assertTrue(TicketRules.reached(Duration.ofSeconds(75), Duration.ofSeconds(100), 75));
        assertFalse(TicketRules.reached(Duration.ofSeconds(74), Duration.ofSeconds(100), 75));
    }

    @Test
    void reopeningOnlyAResolvedTicket_withinTheWindow() {
        Instant resolvedAt = TUE_0900.plus(Duration.ofHours(1));
        Ticket resolved = ticket(Priority.P3).toBuilder().status(TicketStatus.RESOLVED).resolvedAt(resolvedAt).build();
        TicketRules.checkReopen(resolved, resolvedAt.plus(Duration.ofDays(7)), 7);
        ApiException.Conflict late = assertThrows(ApiException.Conflict.class,
                () -> TicketRules.checkReopen(resolved, resolvedAt.plus(Duration.ofDays(7)).plusSeconds(1), 7));
        assertEquals("REOPEN_WINDOW_PASSED", late.code());
        assertEquals("NOT_RESOLVED", assertThrows(ApiException.Conflict.class,
                () -> TicketRules.checkReopen(ticket(Priority.P3), TUE_0900, 7)).code());
    }

    @Test
    void mediansOfOddAndEvenCounts() {
        assertNull(DeskMetrics.median(java.util.List.of()));
        assertEquals(5L, DeskMetrics.median(java.util.List.of(9L, 5L, 1L)));
        assertEquals(4L, DeskMetrics.median(java.util.List.of(9L, 5L, 3L, 1L)));
    }

    @Test
    void breachesStartOneSecondAfterTheTarget_inTheSweepAndTheView() {
        Ticket t = ticket(Priority.P1);
        Instant responseTarget = TUE_0900.plus(Duration.ofMinutes(30));
        Ticket warned = t.toBuilder().responseWarned(true).build();
        assertNull(TicketRules.alert(warned, responseTarget, CONFIG), "at the response target: not yet a breach");
        assertEquals(TicketRules.Alert.RESPONSE_BREACH, TicketRules.alert(warned, responseTarget.plusSeconds(1), CONFIG));
        Ticket responded = TicketRules.replied(t, TUE_0900.plusSeconds(60), CONFIG.clock()).toBuilder().resolutionWarned(true).build();
        Instant resolutionTarget = TUE_0900.plus(Duration.ofMinutes(240));
        assertNull(TicketRules.alert(responded, resolutionTarget, CONFIG), "at the resolution target: not yet a breach");
        assertEquals(TicketRules.Alert.RESOLUTION_BREACH, TicketRules.alert(responded, resolutionTarget.plusSeconds(1), CONFIG));
        assertEquals(TicketRules.Alert.RESOLUTION_WARNING, TicketRules.alert(responded.toBuilder().resolutionWarned(false).build(),
                TUE_0900.plus(Duration.ofMinutes(180)), CONFIG), "a responded ticket is warned about its resolution only");
        Sla atTarget = TicketRules.sla(responded, resolutionTarget, CONFIG);
        assertFalse(atTarget.resolutionBreached());
        assertEquals(resolutionTarget, atTarget.resolutionDueAt());
        Sla late = TicketRules.sla(responded, resolutionTarget.plusSeconds(1), CONFIG);
        assertTrue(late.resolutionBreached());
        assertNull(late.resolutionDueAt(), "no due time once missed");
        assertNull(late.responseDueAt(), "no response due once responded");
    }

    @Test
    void theStoredBreachTimeIsTheEarliestPendingTarget_andNoneWhilePaused() {
        Ticket t = ticket(Priority.P1);
        assertEquals(TUE_0900.plus(Duration.ofMinutes(30)), TicketRules.stamp(t, TUE_0900, CONFIG).breachAt(), "the response target first");
        Ticket responded = TicketRules.replied(t, TUE_0900.plusSeconds(60), CONFIG.clock());
        assertEquals(TUE_0900.plus(Duration.ofMinutes(240)), TicketRules.stamp(responded, TUE_0900.plusSeconds(60), CONFIG).breachAt(),
                "then the resolution target");
        Ticket waiting = TicketRules.moveTo(responded, TicketStatus.WAITING_ON_REQUESTER, TUE_0900.plusSeconds(120), CONFIG.clock());
        assertNull(TicketRules.stamp(waiting, TUE_0900.plusSeconds(120), CONFIG).breachAt());
        Ticket breached = TicketRules.stamp(responded, TUE_0900.plus(Duration.ofMinutes(241)), CONFIG);
        assertNull(breached.breachAt());
        assertTrue(breached.breached());
    }

    @Test
    void aLaterPauseKeepsTheFirstResponse() {
        BusinessClock clock = CONFIG.clock();
        Ticket replied = TicketRules.replied(ticket(Priority.P2), TUE_0900.plusSeconds(300), clock);
        Ticket waiting = TicketRules.moveTo(replied, TicketStatus.WAITING_ON_REQUESTER, TUE_0900.plusSeconds(900), clock);
        assertEquals(300L, waiting.responseSeconds());
        assertEquals(TUE_0900.plusSeconds(300), waiting.firstResponseAt());
        Ticket resolved = TicketRules.moveTo(ticket(Priority.P2), TicketStatus.RESOLVED, TUE_0900.plusSeconds(700), clock);
        assertEquals(700L, resolved.responseSeconds(), "resolving without a reply is the first response");
        Ticket inProgress = TicketRules.moveTo(ticket(Priority.P2), TicketStatus.IN_PROGRESS, TUE_0900.plusSeconds(700), clock);
        assertNull(inProgress.firstResponseAt(), "starting work is not a response");
    }
}
