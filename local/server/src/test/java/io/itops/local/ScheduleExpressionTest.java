package io.itops.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class ScheduleExpressionTest {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final ZoneId UTC = ZoneId.of("UTC");

    private static String next(String expression, String afterLocal, ZoneId zone) {
        Instant after = ZonedDateTime.parse(afterLocal + (zone == UTC ? "Z" : "+08:00") + "[" + zone.getId() + "]").toInstant();
        return ScheduleExpression.parse(expression).next(after, zone, after).map(i -> i.atZone(zone).toLocalDateTime().toString()).orElse("none");
    }

    @Test
    void dailyCron_firesAtItsLocalTimeInItsZone() {
        assertEquals("2026-11-29T08:00", next("cron(0 8 * * ? *)", "2026-11-28T09:00", SHANGHAI));
        assertEquals("2026-11-28T08:00", next("cron(0 8 * * ? *)", "2026-11-28T07:59", SHANGHAI));
        assertEquals("2026-11-29T08:00", next("cron(0 8 * * ? *)", "2026-11-28T08:00", SHANGHAI), "strictly after");
        Instant utc = ScheduleExpression.parse("cron(0 8 * * ? *)")
                .next(Instant.parse("2026-11-28T01:00:00Z"), SHANGHAI, Instant.EPOCH).orElseThrow();
        assertEquals(Instant.parse("2026-11-29T00:00:00Z"), utc, "08:00 in Shanghai is 00:00 UTC");
    }

    @Test
    void listsRangesStepsAndNames() {
        assertEquals("2026-11-30T09:15", next("cron(15 9 ? * MON-FRI *)", "2026-11-28T10:00", SHANGHAI), "Saturday -> Monday");
        assertEquals("2026-11-28T10:20", next("cron(0/10 * * * ? *)", "2026-11-28T10:11", UTC));
        assertEquals("2026-11-28T12:00", next("cron(0 6,12,18 * * ? *)", "2026-11-28T06:00", UTC));
        assertEquals("2027-01-01T00:00", next("cron(0 0 1 JAN ? *)", "2026-11-28T06:00", UTC));
        assertEquals("2026-12-01T03:30", next("cron(30 3 1 * ? 2026-2027)", "2026-11-28T06:00", UTC));
        assertEquals("none", next("cron(30 3 1 * ? 2025)", "2026-11-28T06:00", UTC));
    }

    @Test
    void lastDayAndWeekdayRules() {
        assertEquals("2026-11-30T18:00", next("cron(0 18 L * ? *)", "2026-11-28T00:00", UTC));
        assertEquals("2027-02-28T18:00", next("cron(0 18 L * ? *)", "2027-02-01T00:00", UTC));
        // 2026-11-30 is a Monday; 2027-01-31 is a Sunday, so LW is Friday the 29th
        assertEquals("2026-11-30T09:00", next("cron(0 9 LW * ? *)", "2026-11-28T00:00", UTC));
        assertEquals("2027-01-29T09:00", next("cron(0 9 LW * ? *)", "2027-01-01T00:00", UTC));
        // the 15th of August 2026 is a Saturday: nearest weekday is Friday the 14th
        assertEquals("2026-08-14T09:00", next("cron(0 9 15W * ? *)", "2026-08-01T00:00", UTC));
        // 1 August 2026 is a Saturday: 1W does not leave the month, so Monday the 3rd
        assertEquals("2026-08-03T09:00", next("cron(0 9 1W * ? *)", "2026-07-31T12:00", UTC));
    }

    @Test
    void nthAndLastWeekdayOfMonth() {
        // third Friday (6#3) of December 2026 is the 18th
        assertEquals("2026-12-18T10:00", next("cron(0 10 ? * 6#3 *)", "2026-11-28T00:00", UTC));
        // last Friday (6L) of November 2026 is the 27th, already past: December's is the 25th
        assertEquals("2026-12-25T10:00", next("cron(0 10 ? * 6L *)", "2026-11-28T00:00", UTC));
        assertEquals("2026-12-04T10:00", next("cron(0 10 ? * FRI#1 *)", "2026-11-28T00:00", UTC));
        assertEquals("2026-11-28T23:00", next("cron(0 23 ? * L *)", "2026-11-28T00:00", UTC), "L alone is Saturday");
    }

    @Test
    void rateAndAt() {
        Instant start = Instant.parse("2026-11-28T00:00:00Z");
        ScheduleExpression rate = ScheduleExpression.parse("rate(5 minutes)");
        assertEquals(Instant.parse("2026-11-28T00:05:00Z"), rate.next(start, UTC, start).orElseThrow());
        assertEquals(Instant.parse("2026-11-28T00:15:00Z"), rate.next(Instant.parse("2026-11-28T00:12:00Z"), UTC, start).orElseThrow());
        assertEquals(Instant.parse("2026-11-28T01:00:00Z"), ScheduleExpression.parse("rate(1 hour)").next(start, UTC, start).orElseThrow());
        ScheduleExpression at = ScheduleExpression.parse("at(2026-12-01T09:00:00)");
        assertEquals(Instant.parse("2026-12-01T01:00:00Z"), at.next(start, SHANGHAI, start).orElseThrow());
        assertTrue(at.next(Instant.parse("2026-12-02T00:00:00Z"), SHANGHAI, start).isEmpty());
    }

    @Test
    void daylightSavingGap_movesForward() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        Instant after = ZonedDateTime.of(2027, 3, 27, 12, 0, 0, 0, berlin).toInstant();
        Instant next = ScheduleExpression.parse("cron(30 2 * * ? *)").next(after, berlin, after).orElseThrow();
        assertEquals(ZonedDateTime.of(2027, 3, 28, 3, 30, 0, 0, berlin).toInstant(), next, "02:30 does not exist that night");
    }

    @Test
    void invalidExpressions_areRefused() {
        assertThrows(IllegalArgumentException.class, () -> ScheduleExpression.parse("cron(0 8 * * * *)"), "both day fields set");
        assertThrows(IllegalArgumentException.class, () -> ScheduleExpression.parse("cron(0 8 * *)"));
        assertThrows(IllegalArgumentException.class, () -> ScheduleExpression.parse("cron(61 8 * * ? *)"));
        assertThrows(IllegalArgumentException.class, () -> ScheduleExpression.parse("rate(0 minutes)"));
        assertThrows(IllegalArgumentException.class, () -> ScheduleExpression.parse("rate(5 weeks)"));
        assertThrows(IllegalArgumentException.class, () -> ScheduleExpression.parse("every day"));
    }
}
