package io.itops.desk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;

/**
 * The business-time clock, the core SLA rule: its two operations invert each other, time adds up
 * over any split, never exceeds wall time, stands outside working hours, and holds across
 * daylight-saving changes (Europe/Berlin) as in a zone without them (Asia/Shanghai).
 */
class BusinessClockProperties {
    static final BusinessClock SHANGHAI = new BusinessClock(ZoneId.of("Asia/Shanghai"), LocalTime.of(9, 0), LocalTime.of(18, 0),
            EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), Set.of(LocalDate.parse("2026-12-25"), LocalDate.parse("2027-01-01")));
    static final BusinessClock BERLIN = new BusinessClock(ZoneId.of("Europe/Berlin"), LocalTime.of(8, 30), LocalTime.of(17, 0),
            EnumSet.of(DayOfWeek.MONDAY, DayOfWeek.WEDNESDAY, DayOfWeek.SATURDAY), Set.of(LocalDate.parse("2027-03-31")));
    /** 2026-10-01 .. 2027-06-01: both of Berlin's changes and a year end with holidays. */
    static final long FROM = Instant.parse("2026-10-01T00:00:00Z").getEpochSecond();
    static final long TO = Instant.parse("2027-06-01T00:00:00Z").getEpochSecond();

    @Provide
    Arbitrary<Instant> instants() {
        return Arbitraries.longs().between(FROM, TO).map(Instant::ofEpochSecond);
    }

    @Provide
    Arbitrary<BusinessClock> clocks() {
        return Arbitraries.of(SHANGHAI, BERLIN);
    }

    @Property(tries = 400)
    void plusThenBetweenGivesBackTheDuration(@ForAll("clocks") BusinessClock clock, @ForAll("instants") Instant from,
                                            @ForAll @LongRange(min = 0, max = 60 * 60 * 200) long seconds) {
        Duration d = Duration.ofSeconds(seconds);
        Instant due = clock.plus(from, d);
        assertEquals(d, clock.between(from, due));
        assertTrue(!due.isBefore(from));
    }

    @Property(tries = 400)
    void betweenAddsUpOverAnySplit(@ForAll("clocks") BusinessClock clock, @ForAll("instants") Instant a,
                                   @ForAll("instants") Instant b, @ForAll("instants") Instant c) {
        Instant[] t = sorted(a, b, c);
        assertEquals(clock.between(t[0], t[2]), clock.between(t[0], t[1]).plus(clock.between(t[1], t[2])));
    }

    @Property(tries = 400)
    void businessTimeNeverExceedsWallTime_andIsZeroBackwards(@ForAll("clocks") BusinessClock clock, @ForAll("instants") Instant a,
                                                            @ForAll("instants") Instant b) {
        Duration business = clock.between(a, b);
        assertTrue(business.compareTo(Duration.between(a, b).abs()) <= 0);
        if (!b.isAfter(a)) {
            assertEquals(Duration.ZERO, business);
        }
    }

    @Property(tries = 300)
    void aDueTimeIsAlwaysInsideWorkingHoursOfAWorkingDay(@ForAll("clocks") BusinessClock clock, @ForAll("instants") Instant from,
                                                        @ForAll @LongRange(min = 1, max = 60 * 60 * 100) long seconds) {
        var local = clock.plus(from, Duration.ofSeconds(seconds)).atZone(clock.zone());
        assertTrue(clock.workingDay(local.toLocalDate()), local.toString());
        assertTrue(!local.toLocalTime().isBefore(clock.start()) && !local.toLocalTime().isAfter(clock.end()), local.toString());
    }

    @Property(tries = 200)
    void theClockIsMonotone(@ForAll("clocks") BusinessClock clock, @ForAll("instants") Instant from,
                            @ForAll @LongRange(min = 0, max = 360_000) long a, @ForAll @LongRange(min = 0, max = 360_000) long b) {
        Instant first = clock.plus(from, Duration.ofSeconds(Math.min(a, b)));
        Instant second = clock.plus(from, Duration.ofSeconds(Math.max(a, b)));
        assertTrue(!second.isBefore(first));
    }

    private static Instant[] sorted(Instant... t) {
        java.util.Arrays.sort(t);
        return t;
    }

    // ------------------------------------------------------------------ boundaries

    @Example
    void aWorkingDayIsItsHours_weekendsAndHolidaysAreNothing() {
        // Tue 2026-12-01 in Shanghai, 09:00-18:00 = 01:00Z-10:00Z
        assertEquals(Duration.ofHours(9), SHANGHAI.between(Instant.parse("2026-11-30T16:00:00Z"), Instant.parse("2026-12-01T16:00:00Z")));
        assertEquals(Duration.ZERO, SHANGHAI.between(Instant.parse("2026-12-05T00:00:00Z"), Instant.parse("2026-12-06T15:59:59Z")), "weekend");
        assertEquals(Duration.ZERO, SHANGHAI.between(Instant.parse("2026-12-25T01:00:00Z"), Instant.parse("2026-12-25T10:00:00Z")), "holiday");
        assertEquals(Duration.ofSeconds(1), SHANGHAI.between(Instant.parse("2026-12-01T00:59:59Z"), Instant.parse("2026-12-01T01:00:01Z")));
        assertEquals(Duration.ofSeconds(1), SHANGHAI.between(Instant.parse("2026-12-01T09:59:59Z"), Instant.parse("2026-12-01T10:00:01Z")));
    }

    @Example
    void dueTimesAtTheEdgesOfTheDay() {
        Instant closing = Instant.parse("2026-12-01T10:00:00Z");
        assertEquals(closing, SHANGHAI.plus(Instant.parse("2026-12-01T09:00:00Z"), Duration.ofHours(1)), "exactly at closing: that day");
        assertEquals(Instant.parse("2026-12-02T01:00:01Z"), SHANGHAI.plus(Instant.parse("2026-12-01T09:00:00Z"), Duration.ofSeconds(3601)),
                "one second more: the next morning");
        assertEquals(Instant.parse("2026-12-07T01:30:00Z"), SHANGHAI.plus(Instant.parse("2026-12-05T03:00:00Z"), Duration.ofMinutes(30)),
                "raised on Saturday: counted from Monday 09:00");
        assertEquals(Instant.parse("2026-12-28T02:00:00Z"), SHANGHAI.plus(Instant.parse("2026-12-24T10:00:00Z"), Duration.ofHours(1)),
                "Christmas Day (a holiday), then the weekend");
        assertEquals(Instant.parse("2026-12-01T05:00:00Z"), SHANGHAI.plus(Instant.parse("2026-12-01T05:00:00Z"), Duration.ZERO));
    }

    @Example
    void daylightSavingShiftsTheWindowInsteadOfStretchingIt() {
        // Berlin works Mondays; 2027-03-29 is the first Monday in summer time (UTC+2), 2026-10-26 the first in winter time
        assertEquals(Duration.ofMinutes(510), BERLIN.between(Instant.parse("2027-03-29T00:00:00Z"), Instant.parse("2027-03-29T23:00:00Z")));
        assertEquals(Instant.parse("2026-10-26T07:31:00Z"), BERLIN.plus(Instant.parse("2026-10-25T12:00:00Z"), Duration.ofMinutes(1)),
                "winter time: 08:30 is 07:30Z");
        assertEquals(Instant.parse("2027-03-29T06:31:00Z"), BERLIN.plus(Instant.parse("2027-03-28T12:00:00Z"), Duration.ofMinutes(1)),
                "summer time: 08:30 is 06:30Z");
    }

    @Example
    void aClockNeedsHoursThatStartBeforeTheyEnd_andAWorkingDay() {
        assertThrows(IllegalStateException.class, () -> new BusinessClock(ZoneId.of("UTC"), LocalTime.of(18, 0), LocalTime.of(9, 0),
                EnumSet.of(DayOfWeek.MONDAY), Set.of()));
        assertThrows(IllegalStateException.class, () -> new BusinessClock(ZoneId.of("UTC"), LocalTime.of(9, 0), LocalTime.of(9, 0),
                EnumSet.of(DayOfWeek.MONDAY), Set.of()));
        assertThrows(IllegalStateException.class, () -> new BusinessClock(ZoneId.of("UTC"), LocalTime.of(9, 0), LocalTime.of(17, 0),
                EnumSet.noneOf(DayOfWeek.class), Set.of()));
        assertThrows(IllegalArgumentException.class, () -> SHANGHAI.plus(Instant.EPOCH, Duration.ofSeconds(-1)));
    }
}
