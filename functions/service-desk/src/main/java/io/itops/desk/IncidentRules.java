package io.itops.desk;

import io.itops.shared.error.ApiException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * The incident rules, pure: the timeline takes each type once, in time order with the types' order
 * (nothing is contained before it was detected); closing needs recovery; recovery sets the review's
 * due date; the derived times to contain and recover; what the sweep must tell.
 */
final class IncidentRules {
    private IncidentRules() {}

    /** The incident with {@code entry} in its timeline (kept in type order), or why not. */
    static Incident add(Incident i, Incident.Entry entry, IncidentConfig config, ZoneId zone) {
        if (i.has(entry.type())) {
            throw new ApiException.Conflict("TIMELINE_HAS_TYPE", "The timeline already has " + entry.type() + ".");
        }
        for (Incident.Entry e : i.timeline()) {
            boolean earlier = e.type().ordinal() < entry.type().ordinal();
            if (earlier && e.at().isAfter(entry.at()) || !earlier && e.at().isBefore(entry.at())) {
                throw new ApiException.Conflict("TIMELINE_ORDER",
                        entry.type() + " at " + entry.at() + " would be out of order with " + e.type() + " at " + e.at() + ".");
            }
        }
        if (entry.type() == TimelineType.CLOSED && !i.has(TimelineType.RECOVERED)) {
            throw new ApiException.Conflict("NOT_RECOVERED", "An incident closes after its recovery is recorded.");
        }
        List<Incident.Entry> timeline = new ArrayList<>(i.timeline());
        timeline.add(entry);
        timeline.sort((a, b) -> Integer.compare(a.type().ordinal(), b.type().ordinal()));
        Incident.Builder b = i.toBuilder().timeline(timeline);
        if (entry.type() == TimelineType.RECOVERED) {
            b.reviewDueOn(entry.at().atZone(zone).toLocalDate().plusDays(config.reviewDays()));
        }
        return b.build();
    }

    /** Where the incident stands: its latest timeline step. */
    static TimelineType stage(Incident i) {
        return i.timeline().isEmpty() ? TimelineType.DETECTED : i.timeline().getLast().type();
    }

    static Long minutesBetween(Instant from, Instant to) {
        return from == null || to == null ? null : Duration.between(from, to).toMinutes();
    }

    static boolean overdue(Incident.Action a, LocalDate today) {
        return !a.done() && a.dueOn().isBefore(today);
    }

    static boolean reviewDue(Incident i, LocalDate today) {
        return i.reviewDueOn() != null && !i.reviewDueOn().isAfter(today);
    }

    /** The external report is owed and its deadline is within a day (or past). */
    static boolean externalDue(Incident i, Instant now) {
        return i.externalReporting() && i.externalReportedAt() == null && i.externalDeadline() != null
                && !i.externalDeadline().isAfter(now.plus(Duration.ofDays(1)));
    }
}
