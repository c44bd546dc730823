package io.itops.desk;

import io.itops.shared.error.ApiException;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The ticket rules, pure: the status flow, the SLA clock (banked business time plus the running
 * segment, paused outside the statuses in which IT owes the next step), first response, reopening
 * within the window, and the warning and breach marks the sweep sets once each.
 */
final class TicketRules {
    /** Where a staff member may move a ticket from each status (assignment and reopening have their own routes). */
    static final Map<TicketStatus, Set<TicketStatus>> FLOW = Map.of(
            TicketStatus.NEW, EnumSet.of(TicketStatus.RESOLVED),
            TicketStatus.ASSIGNED, EnumSet.of(TicketStatus.IN_PROGRESS, TicketStatus.WAITING_ON_REQUESTER, TicketStatus.RESOLVED),
            TicketStatus.IN_PROGRESS, EnumSet.of(TicketStatus.WAITING_ON_REQUESTER, TicketStatus.RESOLVED),
            TicketStatus.WAITING_ON_REQUESTER, EnumSet.of(TicketStatus.IN_PROGRESS, TicketStatus.RESOLVED),
            TicketStatus.RESOLVED, EnumSet.of(TicketStatus.CLOSED),
            TicketStatus.CLOSED, EnumSet.noneOf(TicketStatus.class));

    private TicketRules() {}

    static boolean canMove(TicketStatus from, TicketStatus to) {
        return FLOW.get(from).contains(to);
    }

    /** Business time on the ticket's clock at {@code now}. */
    static Duration elapsed(Ticket t, Instant now, BusinessClock clock) {
        Duration banked = Duration.ofSeconds(t.slaElapsedSeconds());
        return t.slaRunningSince() == null ? banked : banked.plus(clock.between(t.slaRunningSince(), now));
    }

    /** The ticket moved to {@code to} at {@code now}: the clock banked or restarted, the first response taken. */
    static Ticket moveTo(Ticket t, TicketStatus to, Instant now, BusinessClock clock) {
        Ticket.Builder b = t.toBuilder().status(to).statusSince(now).updatedAt(now);
        long elapsed = elapsed(t, now, clock).toSeconds();
        if (to.clockRuns()) {
            if (t.slaRunningSince() == null) {
                b.slaRunningSince(now);
            }
        } else {
            b.slaElapsedSeconds(elapsed).slaRunningSince(null);
        }
        if ((to == TicketStatus.WAITING_ON_REQUESTER || to == TicketStatus.RESOLVED) && t.firstResponseAt() == null) {
            b.firstResponseAt(now).responseSeconds(elapsed);
        }
        return b.build();
    }

    /** A public reply by IT staff: the first one is the first response. */
    static Ticket replied(Ticket t, Instant now, BusinessClock clock) {
        Ticket.Builder b = t.toBuilder().updatedAt(now);
        if (t.firstResponseAt() == null) {
            b.firstResponseAt(now).responseSeconds(elapsed(t, now, clock).toSeconds());
        }
        return b.build();
    }

    /** The requester may reopen a resolved ticket within {@code days} of its resolution. */
    static void checkReopen(Ticket t, Instant now, int days) {
        if (t.status() != TicketStatus.RESOLVED) {
            throw new ApiException.Conflict("NOT_RESOLVED", "Only a resolved ticket can be reopened; this one is " + t.status() + ".");
        }
        if (now.isAfter(t.resolvedAt().plus(Duration.ofDays(days)))) {
            throw new ApiException.Conflict("REOPEN_WINDOW_PASSED", "A ticket can be reopened within " + days + " days of its resolution.");
        }
    }

    static Sla sla(Ticket t, Instant now, DeskConfig config) {
        DeskConfig.Targets targets = config.targetsFor(t.priority());
        BusinessClock clock = config.clock();
        Duration elapsed = elapsed(t, now, clock);
        Duration response = t.responseSeconds() == null ? elapsed : Duration.ofSeconds(t.responseSeconds());
        boolean responseBreached = response.compareTo(targets.response()) > 0;
        boolean resolutionBreached = elapsed.compareTo(targets.resolution()) > 0;
        boolean running = t.slaRunningSince() != null;
        Instant responseDue = running && t.responseSeconds() == null && !responseBreached
                ? due(t, now, clock, elapsed, targets.response()) : null;
        Instant resolutionDue = running && !resolutionBreached ? due(t, now, clock, elapsed, targets.resolution()) : null;
        return new Sla(targets.response().toMinutes(), targets.resolution().toMinutes(), elapsed.toMinutes(),
                t.responseSeconds() == null ? null : Duration.ofSeconds(t.responseSeconds()).toMinutes(),
                responseDue, resolutionDue, responseBreached, resolutionBreached,
                responseBreached || resolutionBreached, !running);
    }

    private static Instant due(Ticket t, Instant now, BusinessClock clock, Duration elapsed, Duration target) {
        return clock.plus(now, target.minus(elapsed));
    }

    /** Sets the stored breach fields a write must carry: the next due instant while running, and whether a target is missed. */
    static Ticket stamp(Ticket t, Instant now, DeskConfig config) {
        Sla sla = sla(t, now, config);
        Instant next = earliest(sla.responseDueAt(), sla.resolutionDueAt());
        return t.toBuilder().breachAt(next).breached(sla.breached()).build();
    }

    /** What the sweep must tell at {@code now}: a warning to the assignee, a breach to the IT lead, of which target. */
    enum Alert { RESPONSE_WARNING, RESOLUTION_WARNING, RESPONSE_BREACH, RESOLUTION_BREACH }

    static Alert alert(Ticket t, Instant now, DeskConfig config) {
        DeskConfig.Targets targets = config.targetsFor(t.priority());
        Duration elapsed = elapsed(t, now, config.clock());
        boolean awaitingResponse = t.responseSeconds() == null;
        if (awaitingResponse && !t.responseBreachNotified() && elapsed.compareTo(targets.response()) > 0) {
            return Alert.RESPONSE_BREACH;
        }
        if (!t.resolutionBreachNotified() && elapsed.compareTo(targets.resolution()) > 0) {
            return Alert.RESOLUTION_BREACH;
        }
        if (awaitingResponse && !t.responseWarned() && !t.responseBreachNotified() && reached(elapsed, targets.response(), config.warnPercent())) {
            return Alert.RESPONSE_WARNING;
        }
        if (!t.resolutionWarned() && !t.resolutionBreachNotified() && reached(elapsed, targets.resolution(), config.warnPercent())) {
            return Alert.RESOLUTION_WARNING;
        }
        return null;
    }

    /** The mark that keeps {@code alert} from being sent again. */
    static Ticket marked(Ticket t, Alert alert, Instant now, DeskConfig config) {
        Ticket.Builder b = t.toBuilder();
        switch (alert) {
            case RESPONSE_WARNING -> b.responseWarned(true);
            case RESOLUTION_WARNING -> b.resolutionWarned(true);
            case RESPONSE_BREACH -> b.responseWarned(true).responseBreachNotified(true);
            case RESOLUTION_BREACH -> b.resolutionWarned(true).resolutionBreachNotified(true);
        }
        return stamp(b.build(), now, config);
    }

    static boolean reached(Duration elapsed, Duration target, int percent) {
        return elapsed.toSeconds() * 100 >= target.toSeconds() * percent;
    }

    private static Instant earliest(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isBefore(b) ? a : b;
    }
}
