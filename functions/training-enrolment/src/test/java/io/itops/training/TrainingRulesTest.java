package io.itops.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.itops.shared.error.FieldError;
import io.itops.shared.validation.Validator;
import io.itops.training.Requests.SessionInput;
import io.itops.training.Statuses.AudienceScope;
import io.itops.training.Statuses.ComplianceStatus;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rules that need no storage: session times in their zone, audiences, expiry and standing. */
class TrainingRulesTest {
    private static final Instant NOW = Instant.parse("2026-11-28T01:00:00Z");

    @Test
    void wallClockTimesAreReadInTheSessionZone_andInstantsWithAnOffsetAsGiven() {
        Validator v = Validator.check();
        TrainingRules.Times t = TrainingRules.checkSession(v, session("2026-12-10T09:30", "2026-12-10T17:00", "Asia/Shanghai", null), NOW);
        assertFalse(v.hasErrors(), v.errors().toString());
        assertEquals(Instant.parse("2026-12-10T01:30:00Z"), t.start());
        assertEquals(Instant.parse("2026-12-10T09:00:00Z"), t.end());
        assertEquals(t.start(), t.closesAt(), "enrolment closes at the start unless told otherwise");

        Validator offset = Validator.check();
        TrainingRules.Times utc = TrainingRules.checkSession(offset, session("2026-12-10T01:30:00Z", "2026-12-10T10:00+08:00",
                "Europe/Berlin", "2026-12-09T18:00"), NOW);
        assertFalse(offset.hasErrors(), offset.errors().toString());
        assertEquals(Instant.parse("2026-12-10T01:30:00Z"), utc.start());
        assertEquals(Instant.parse("2026-12-10T02:00:00Z"), utc.end());
        assertEquals(Instant.parse("2026-12-09T17:00:00Z"), utc.closesAt(), "18:00 in Berlin (CET, UTC+1)");
    }

    @Test
    void aTimeTheClocksSkipIsRefused_andAnAmbiguousOneTakesTheEarlierOffset() {
        Validator gap = Validator.check();
        TrainingRules.checkSession(gap, session("2027-03-28T02:30", "2027-03-28T04:00", "Europe/Berlin", null), NOW);
        assertEquals(List.of("start"), fields(gap));
        assertTrue(gap.errors().getFirst().message().contains("skip"), gap.errors().toString());

        Validator overlap = Validator.check();
        TrainingRules.Times t = TrainingRules.checkSession(overlap, session("2027-10-31T02:30", "2027-10-31T04:00", "Europe/Berlin", null), NOW);
        assertFalse(overlap.hasErrors());
        assertEquals(Instant.parse("2027-10-31T00:30:00Z"), t.start(), "the first 02:30 (CEST)");
    }

    @Test
    void sessionRulesNameEveryBadFieldAtOnce() {
        Validator v = Validator.check();
        TrainingRules.checkSession(v, new SessionInput("2026-11-01T09:00", "2026-10-31T09:00", "Mars/Olympus", null,
                "ftp://example.com", null, 0, "soon"), NOW);
        assertEquals(List.of("timeZone", "capacity", "onlineLink", "enrolmentClosesAt"), fields(v).stream().distinct().toList(),
                "start and end cannot be read without a zone; the rest are named: " + v.errors());

        Validator order = Validator.check();
        TrainingRules.checkSession(order, new SessionInput("2026-11-01T09:00", "2026-11-01T08:00", "Asia/Shanghai", null, null,
                null, 5, "2026-11-02T09:00"), NOW);
        assertEquals(List.of("place", "start", "end", "enrolmentClosesAt"), fields(order).stream().distinct().toList(), order.errors().toString());
    }

    @Test
    void audienceOfDepartmentsNeedsDistinctDepartments_andAllNeedsNone() {
        Validator v = Validator.check();
        TrainingRules.checkAudience(v, new Audience(AudienceScope.DEPARTMENTS, List.of("Finance", "Finance")));
        assertEquals(List.of("audience.departments[1]"), fields(v));
        Validator empty = Validator.check();
        TrainingRules.checkAudience(empty, new Audience(AudienceScope.DEPARTMENTS, null));
        assertEquals(List.of("audience.departments"), fields(empty));
        Validator all = Validator.check();
        TrainingRules.checkAudience(all, new Audience(AudienceScope.ALL, List.of("Finance")));
        assertEquals(List.of("audience.departments"), fields(all));

        assertTrue(Audience.ALL.includes(null), "everyone, even without a department");
        Audience finance = new Audience(AudienceScope.DEPARTMENTS, List.of("Finance"));
        assertTrue(finance.includes("Finance"));
        assertFalse(finance.includes("Sales"));
        assertFalse(finance.includes(null));
    }

    @Test
    void completionsExpireAfterTheValidityMonths_andCountAsExpiringInTheLast30Days() {
        LocalDate done = LocalDate.parse("2026-01-31");
        assertEquals(LocalDate.parse("2027-01-31"), TrainingRules.validUntil(done, 12));
        assertEquals(LocalDate.parse("2026-02-28"), TrainingRules.validUntil(done, 1), "month ends clamp");
        assertNull(TrainingRules.validUntil(done, null), "no validity: never expires");

        Completion c = new Completion("li.lei", "C", "SEC", "Security", "S", "Finance", done, LocalDate.parse("2027-01-31"), NOW, "sam");
        assertEquals(ComplianceStatus.VALID, TrainingRules.standing(c, LocalDate.parse("2026-12-31"), 30));
        assertEquals(ComplianceStatus.EXPIRING, TrainingRules.standing(c, LocalDate.parse("2027-01-01"), 30));
        assertEquals(ComplianceStatus.EXPIRING, TrainingRules.standing(c, LocalDate.parse("2027-01-31"), 30), "valid through its last day");
        assertEquals(ComplianceStatus.EXPIRED, TrainingRules.standing(c, LocalDate.parse("2027-02-01"), 30));
        assertEquals(ComplianceStatus.NEVER_DONE, TrainingRules.standing(null, LocalDate.parse("2027-02-01"), 30));
        Completion forever = new Completion("li.lei", "C", "SEC", "Security", "S", "Finance", done, null, NOW, "sam");
        assertEquals(ComplianceStatus.VALID, TrainingRules.standing(forever, LocalDate.parse("2099-01-01"), 30));
        assertEquals(-1L, TrainingRules.daysLeft(c, LocalDate.parse("2027-02-01")));
    }

    @Test
    void enrolmentClosingAfterTheStartIsRefusedOnItsOwn_andClosingExactlyAtTheStartIsAllowed() {
        Validator after = Validator.check();
        TrainingRules.checkSession(after, session("2026-12-10T09:00:00Z", "2026-12-10T17:00:00Z", "UTC", "2026-12-10T09:00:01Z"), NOW);
        assertEquals(List.of(new FieldError("enrolmentClosesAt", "must not be after start")), after.errors());

        Validator atStart = Validator.check();
        TrainingRules.Times t = TrainingRules.checkSession(atStart,
                session("2026-12-10T09:00:00Z", "2026-12-10T17:00:00Z", "UTC", "2026-12-10T09:00:00Z"), NOW);
        assertEquals(List.of(), atStart.errors());
        assertEquals(Instant.parse("2026-12-10T09:00:00Z"), t.closesAt());

        Validator noClose = Validator.check();
        TrainingRules.Times open = TrainingRules.checkSession(noClose, session("2026-12-10T09:00:00Z", "2026-12-10T17:00:00Z", "UTC", null), NOW);
        assertEquals(List.of(), noClose.errors());
        assertEquals(open.start(), open.closesAt(), "without a closing time, enrolment closes at the start");
        assertEquals(Instant.parse("2026-12-10T17:00:00Z"), open.end());
    }

    @Test
    void startAndEnrolmentCloseMustBeStrictlyInTheFuture() {
        Validator exactlyNow = Validator.check();
        TrainingRules.checkSession(exactlyNow, session(NOW.toString(), NOW.plusSeconds(3600).toString(), "UTC", null), NOW);
        assertEquals(List.of(new FieldError("start", "must be in the future")), exactlyNow.errors());
        Validator aSecondLater = Validator.check();
        TrainingRules.checkSession(aSecondLater, session(NOW.plusSeconds(1).toString(), NOW.plusSeconds(3600).toString(), "UTC", null), NOW);
        assertEquals(List.of(), aSecondLater.errors());

        Validator closesNow = Validator.check();
        TrainingRules.checkSession(closesNow, session(NOW.plusSeconds(60).toString(), NOW.plusSeconds(3600).toString(), "UTC", NOW.toString()), NOW);
        assertEquals(List.of(new FieldError("enrolmentClosesAt", "must be in the future")), closesNow.errors());
        Validator closesSoon = Validator.check();
        TrainingRules.checkSession(closesSoon, session(NOW.plusSeconds(60).toString(), NOW.plusSeconds(3600).toString(), "UTC",
                NOW.plusSeconds(1).toString()), NOW);
        assertEquals(List.of(), closesSoon.errors());
    }

    @Test
    void aSessionEndsAfterItsStartAndAtMostFourteenDaysLater() {
        Instant start = Instant.parse("2026-12-10T09:00:00Z");
        Validator zero = Validator.check();
        TrainingRules.checkSession(zero, session(start.toString(), start.toString(), "UTC", null), NOW);
        assertEquals(List.of(new FieldError("end", "must be after start")), zero.errors());
        Validator oneSecond = Validator.check();
        TrainingRules.checkSession(oneSecond, session(start.toString(), start.plusSeconds(1).toString(), "UTC", null), NOW);
        assertEquals(List.of(), oneSecond.errors());
        Validator fourteenDays = Validator.check();
        TrainingRules.checkSession(fourteenDays, session(start.toString(), start.plus(java.time.Duration.ofDays(14)).toString(), "UTC", null), NOW);
        assertEquals(List.of(), fourteenDays.errors());
        Validator oneOver = Validator.check();
        TrainingRules.checkSession(oneOver, session(start.toString(), start.plus(java.time.Duration.ofDays(14)).plusSeconds(1).toString(),
                "UTC", null), NOW);
        assertEquals(List.of(new FieldError("end", "must be at most 14 days after start")), oneOver.errors());
    }

    @Test
    void capacityRunsFromOneToAThousand_andTextsStopAtTheirMaximum() {
        for (int capacity : new int[] {1, TrainingRules.MAX_CAPACITY}) {
            Validator v = Validator.check();
            TrainingRules.checkSession(v, new SessionInput("2026-12-10T09:00:00Z", "2026-12-10T17:00:00Z", "UTC", "x".repeat(TrainingRules.MAX_TEXT),
                    null, "y".repeat(TrainingRules.MAX_TEXT), capacity, null), NOW);
            assertEquals(List.of(), v.errors(), "capacity " + capacity);
        }
        for (int capacity : new int[] {0, TrainingRules.MAX_CAPACITY + 1}) {
            Validator v = Validator.check();
            TrainingRules.checkSession(v, new SessionInput("2026-12-10T09:00:00Z", "2026-12-10T17:00:00Z", "UTC", "HQ", null, null, capacity, null), NOW);
            assertEquals(List.of("capacity"), fields(v), "capacity " + capacity);
        }
        Validator longText = Validator.check();
        TrainingRules.checkSession(longText, new SessionInput("2026-12-10T09:00:00Z", "2026-12-10T17:00:00Z", "UTC",
                "x".repeat(TrainingRules.MAX_TEXT + 1), null, "y".repeat(TrainingRules.MAX_TEXT + 1), 5, null), NOW);
        assertEquals(List.of("place", "instructor"), fields(longText));
        Validator online = Validator.check();
        TrainingRules.checkSession(online, new SessionInput("2026-12-10T09:00:00Z", "2026-12-10T17:00:00Z", "UTC", null,
                "https://meet.example.com/x", null, 5, null), NOW);
        assertEquals(List.of(), online.errors(), "an online link alone says where");
        Validator nowhere = Validator.check();
        TrainingRules.checkSession(nowhere, new SessionInput("2026-12-10T09:00:00Z", "2026-12-10T17:00:00Z", "UTC", null, null, null, 5, null), NOW);
        assertEquals(List.of("place"), fields(nowhere));
    }

    @Test
    void aDateTimeLongerThanFortyCharactersIsRefusedUnread() {
        String forty = "2026-12-10T09:00:00.000000000+00:00";
        forty = forty + " ".repeat(40 - forty.length());
        Validator v = Validator.check();
        assertNull(TrainingRules.instant(v, "start", forty + "x", java.time.ZoneOffset.UTC, "UTC"));
        assertEquals(List.of(new FieldError("start", "must be an ISO-8601 date-time")), v.errors());
        Validator exactly = Validator.check();
        assertNull(TrainingRules.instant(exactly, "start", forty, java.time.ZoneOffset.UTC, "UTC"));
        assertEquals(1, exactly.errors().size());
        assertTrue(exactly.errors().getFirst().message().startsWith("must be a local date-time"), "forty characters are read");
        assertEquals(Instant.parse("2026-12-10T09:00:00Z"), TrainingRules.instant(Validator.check(), "start",
                "2026-12-10T09:00:00.000000000+00:00", null, null));
        assertNull(TrainingRules.instant(Validator.check(), "start", "2026-12-10T09:00", null, "Nowhere/City"), "no zone, no instant");
    }

    @Test
    void courseCodesAreTrimmedAndUpperCased() {
        assertEquals("SEC-101", TrainingRules.normaliseCode("  sec-101 "));
        assertNull(TrainingRules.normaliseCode(null));
    }

    private static SessionInput session(String start, String end, String zone, String closes) {
        return new SessionInput(start, end, zone, "HQ", null, "sam.staff", 10, closes);
    }

    private static List<String> fields(Validator v) {
        return v.errors().stream().map(FieldError::field).toList();
    }
}
