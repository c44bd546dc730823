package io.itops.desk;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Set;

/**
 * Business time of the department: working hours on working days in its time zone, holidays
 * excluded. SLA targets are counted on it, so a ticket raised on Friday evening starts counting on
 * Monday morning. Each working day is one window [start, end) taken in the zone, so daylight-saving
 * changes shift the window instead of stretching it.
 */
record BusinessClock(ZoneId zone, LocalTime start, LocalTime end, Set<DayOfWeek> workDays, Set<LocalDate> holidays) {
    /** More days than any SLA needs; a configuration without working days fails instead of looping. */
    static final int MAX_DAYS = 366 * 30;

    BusinessClock {
        if (!start.isBefore(end)) {
            throw new IllegalStateException("working hours must start before they end: " + start + "-" + end);
        }
        if (workDays.isEmpty()) {
            throw new IllegalStateException("at least one working day is needed");
        }
        workDays = Set.copyOf(workDays);
        holidays = Set.copyOf(holidays);
    }

    boolean workingDay(LocalDate day) {
        return workDays.contains(day.getDayOfWeek()) && !holidays.contains(day);
    }

    /** Business time from {@code from} to {@code to}; zero when {@code to} is not after {@code from}. */
    Duration between(Instant from, Instant to) {
        if (!to.isAfter(from)) {
            return Duration.ZERO;
        }
        Duration total = Duration.ZERO;
        LocalDate last = to.atZone(zone).toLocalDate();
        for (LocalDate day = from.atZone(zone).toLocalDate(); !day.isAfter(last); day = day.plusDays(1)) {
            if (!workingDay(day)) {
                continue;
            }
            Instant open = max(opens(day), from);
            Instant close = min(closes(day), to);
            if (close.isAfter(open)) {
                total = total.plus(Duration.between(open, close));
            }
        }
        return total;
    }

    /** The instant at which {@code business} time has passed since {@code from}. */
    Instant plus(Instant from, Duration business) {
        if (business.isNegative()) {
            throw new IllegalArgumentException("business time must not be negative");
        }
        if (business.isZero()) {
            return from;
        }
        Duration remaining = business;
        LocalDate day = from.atZone(zone).toLocalDate();
        for (int i = 0; i < MAX_DAYS; i++, day = day.plusDays(1)) {
            if (!workingDay(day)) {
                continue;
            }
            Instant open = max(opens(day), from);
            Instant close = closes(day);
            if (!close.isAfter(open)) {
                continue;
            }
            Duration available = Duration.between(open, close);
            if (remaining.compareTo(available) <= 0) {
                return open.plus(remaining);
            }
            remaining = remaining.minus(available);
        }
        throw new IllegalStateException("no business time within " + MAX_DAYS + " days of " + from);
    }

    private Instant opens(LocalDate day) {
        return ZonedDateTime.of(day, start, zone).toInstant();
    }

    private Instant closes(LocalDate day) {
        return ZonedDateTime.of(day, end, zone).toInstant();
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
