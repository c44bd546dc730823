package io.itops.training;

import static io.itops.training.TrainingFixture.employee;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.itops.shared.events.DomainEvent;
import io.itops.shared.events.Notice;
import io.itops.testing.Claims;
import io.itops.testing.HttpEvent;
import io.itops.testing.Invoker;
import io.itops.training.Statuses.EnrolmentStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrainingApiTest {
    private final TrainingFixture fx = new TrainingFixture();

    @Test
    void courseIsCreatedWithANormalisedCode_listedAndFilteredByAudience_andItsCodeIsUnique() {
        Invoker.Response created = fx.call(HttpEvent.of("POST /courses").as(Claims.staff())
                .body(TrainingFixture.courseBody("sec-aware", true, 12, null)));
        assertEquals(201, created.status(), created.toString());
        String id = created.body().path("courseId").asText();
        assertEquals("SEC-AWARE", created.body().path("code").asText());
        assertEquals("/courses/" + id, created.header("location"));
        assertEquals("\"1\"", created.header("etag"));
        fx.course("FIN-ERP", false, null, List.of("Finance"));
        fx.course("ENG-GIT", false, null, List.of("Engineering"));

        Invoker.Response again = fx.call(HttpEvent.of("POST /courses").as(Claims.staff())
                .body(TrainingFixture.courseBody("SEC-AWARE", false, null, null)));
        assertEquals(409, again.status());
        assertEquals("COURSE_CODE_TAKEN", again.body().path("code").asText());

        Invoker.Response forFinance = fx.call(HttpEvent.of("GET /courses").as(employee("li.lei", "Finance")).query("audience", "Finance"));
        assertEquals(200, forFinance.status(), forFinance.toString());
        assertEquals(List.of("FIN-ERP", "SEC-AWARE"), codes(forFinance));
        Invoker.Response mandatory = fx.call(HttpEvent.of("GET /courses").as(employee("li.lei", "Finance")).query("mandatory", "true"));
        assertEquals(List.of("SEC-AWARE"), codes(mandatory));
        Invoker.Response byEmployee = fx.call(HttpEvent.of("POST /courses").as(employee("li.lei", "Finance"))
                .body(TrainingFixture.courseBody("X-1", false, null, null)));
        assertEquals(403, byEmployee.status());
    }

    @Test
    void patchChangesACourseAtTheVersionRead_andRefusesTheCodeAndStaleVersions() {
        String id = fx.course("NET-101", false, null, null);
        Invoker.Response patched = fx.call(HttpEvent.of("PATCH /courses/{courseId}").path("courseId", id).as(Claims.staff())
                .header("If-Match", "\"1\"").body(Map.of("mandatory", true, "validityMonths", 24)));
        assertEquals(200, patched.status(), patched.toString());
        assertTrue(patched.body().path("mandatory").asBoolean());
        assertEquals(24, patched.body().path("validityMonths").asInt());
        assertEquals("\"2\"", patched.header("etag"));

        Invoker.Response stale = fx.call(HttpEvent.of("PATCH /courses/{courseId}").path("courseId", id).as(Claims.staff())
                .header("If-Match", "\"1\"").body(Map.of("title", "Networks")));
        assertEquals(409, stale.status());
        assertEquals("VERSION_CONFLICT", stale.body().path("code").asText());
        Invoker.Response code = fx.call(HttpEvent.of("PATCH /courses/{courseId}").path("courseId", id).as(Claims.staff())
                .header("If-Match", "\"2\"").body(Map.of("code", "NET-102")));
        assertEquals(400, code.status());
        assertEquals("code", code.body().path("errors").get(0).path("field").asText());
    }

    @Test
    void sessionTimesAreWallClockInTheirZone_storedAsUtc_andListedUpcomingFirst() {
        String course = fx.course("SEC-AWARE", true, 12, null);
        Invoker.Response berlin = fx.call(HttpEvent.of("POST /courses/{courseId}/sessions").path("courseId", course).as(Claims.staff())
                .body(Map.of("start", "2027-03-29T09:00", "end", "2027-03-29T12:00", "timeZone", "Europe/Berlin",
                        "onlineLink", "https://meet.example.com/sec", "capacity", 30, "enrolmentClosesAt", "2027-03-26T17:00")));
        assertEquals(201, berlin.status(), berlin.toString());
        JsonNode s = berlin.body();
        assertEquals("2027-03-29T07:00:00Z", s.path("start").asText(), "CEST is UTC+2 after the spring change");
        assertEquals("2027-03-29T09:00:00", s.path("localStart").asText());
        assertEquals("2027-03-26T16:00:00Z", s.path("enrolmentClosesAt").asText(), "CET is UTC+1 before it");
        assertEquals(30, s.path("seatsLeft").asInt());
        assertEquals("/sessions/" + s.path("sessionId").asText(), berlin.header("location"));

        Invoker.Response gap = fx.call(HttpEvent.of("POST /courses/{courseId}/sessions").path("courseId", course).as(Claims.staff())
                .body(Map.of("start", "2027-03-28T02:30", "end", "2027-03-28T04:00", "timeZone", "Europe/Berlin",
                        "place", "Berlin office", "capacity", 5)));
        assertEquals(400, gap.status());
        assertEquals("start", gap.body().path("errors").get(0).path("field").asText());

        String sooner = fx.session(course, "2026-12-10T09:30", 20);
        Invoker.Response upcoming = fx.call(HttpEvent.of("GET /courses/{courseId}/sessions").path("courseId", course)
                .as(employee("li.lei", "Finance")));
        assertEquals(sooner, upcoming.body().path("items").get(0).path("sessionId").asText());
        assertEquals("2026-12-10T01:30:00Z", upcoming.body().path("items").get(0).path("start").asText());
        assertEquals(2, upcoming.body().path("items").size());
        fx.clock.set(Instant.parse("2026-12-11T00:00:00Z"));
        Invoker.Response past = fx.call(HttpEvent.of("GET /courses/{courseId}/sessions").path("courseId", course)
                .query("when", "past").as(employee("li.lei", "Finance")));
        assertEquals(List.of(sooner), ids(past, "sessionId"));
    }

    @Test
    void enrolmentConfirmsWhileSeatsLast_thenWaitlistsInOrder_andCancellingPromotesTheFirstInTheSameTransaction() {
        String course = fx.course("SEC-AWARE", true, 12, null);
        String session = fx.session(course, "2026-12-10T09:30", 2);

        Invoker.Response a = fx.enrol(session, employee("ann", "Finance"));
        Invoker.Response b = fx.enrol(session, employee("bob", "Sales"));
        Invoker.Response c = fx.enrol(session, employee("cai", "Finance"));
        Invoker.Response d = fx.enrol(session, employee("dan", "Finance"));

        assertEquals(201, a.status(), a.toString());
        assertEquals("confirmed", a.body().path("status").asText());
        assertEquals("/sessions/" + session + "/enrolments/ann", a.header("location"));
        assertEquals(201, b.status());
        assertEquals(202, c.status(), c.toString());
        assertEquals("waitlisted", c.body().path("status").asText());
        assertEquals(1, c.body().path("waitlistPosition").asInt());
        assertEquals(2, d.body().path("waitlistPosition").asInt());
        Session stored = fx.storedSession(session);
        assertEquals(2, stored.confirmed());
        assertEquals(2, stored.waitlisted());

        Invoker.Response again = fx.enrol(session, employee("cai", "Finance"));
        assertEquals(409, again.status());
        assertEquals("ALREADY_ENROLLED", again.body().path("code").asText());

        fx.events.clear();
        Invoker.Response cancelled = fx.cancel(session, "ann", employee("ann", "Finance"));
        assertEquals(204, cancelled.status(), cancelled.toString());
        assertEquals(Map.of("ann", "cancelled", "bob", "confirmed", "cai", "confirmed", "dan", "waitlisted"), fx.enrolmentRows(session));
        stored = fx.storedSession(session);
        assertEquals(2, stored.confirmed(), "the freed seat went to cai");
        assertEquals(1, stored.waitlisted());
        assertEquals(1, fx.events.ofType(TrainingEvents.WAITLIST_PROMOTED).size());
        Notice told = (Notice) fx.events.ofType(Notice.DETAIL_TYPE).getFirst().detail();
        assertEquals(List.of("cai"), told.to());
        assertTrue(told.zh().contains("已确认"), told.zh());

        Invoker.Response other = fx.cancel(session, "bob", employee("eve", "Finance"));
        assertEquals(403, other.status(), "employees cancel only their own enrolment");
        Invoker.Response byStaff = fx.cancel(session, "dan", Claims.staff());
        assertEquals(204, byStaff.status());
        assertEquals(0, fx.storedSession(session).waitlisted());
        Invoker.Response notEnrolled = fx.cancel(session, "dan", Claims.staff());
        assertEquals(404, notEnrolled.status());
        assertEquals("ENROLMENT_NOT_FOUND", notEnrolled.body().path("code").asText());

        Invoker.Response reEnrol = fx.enrol(session, employee("ann", "Finance"));
        assertEquals(202, reEnrol.status(), "a cancelled enrolment may enrol again, behind those waiting: " + reEnrol);
        assertEquals(3, reEnrol.body().path("waitlistPosition").asInt(), "positions only grow");
    }

    @Test
    void cancelledEnrolment_readBackCarriesWhenAndWhoCancelledIt() {
        String session = fx.session(fx.course("SEC-AWARE", true, 12, null), "2026-12-10T09:30", 2);
        fx.enrol(session, employee("ann", "Finance"));
        fx.clock.set(Instant.parse("2026-11-30T06:45:12.345Z"));
        assertEquals(204, fx.cancel(session, "ann", Claims.staff()).status());

        Enrolment read = fx.store.findEnrolment(session, "ann").orElseThrow();
        assertEquals(EnrolmentStatus.CANCELLED, read.status());
        assertEquals(Instant.parse("2026-11-30T06:45:12.345Z"), read.cancelledAt());
        assertEquals("sam.staff", read.cancelledBy());
        Invoker.Response listed = fx.call(HttpEvent.of("GET /sessions/{sessionId}/enrolments").path("sessionId", session)
                .as(Claims.staff()).query("status", "cancelled"));
        assertEquals("2026-11-30T06:45:12.345Z", listed.body().path("items").get(0).path("cancelledAt").asText());
        assertEquals("sam.staff", listed.body().path("items").get(0).path("cancelledBy").asText());
    }

    @Test
    void enrolmentIsRefusedWithClearCodes_whenClosedStartedCancelledOrOutsideTheAudience() {
        String finance = fx.course("FIN-ERP", false, null, List.of("Finance"));
        String closing = created(fx.call(HttpEvent.of("POST /courses/{courseId}/sessions").path("courseId", finance).as(Claims.staff())
                .body(Map.of("start", "2026-12-10T09:30", "end", "2026-12-10T12:00", "timeZone", "Asia/Shanghai",
                        "place", "HQ", "capacity", 5, "enrolmentClosesAt", "2026-12-08T18:00"))));

        Invoker.Response outside = fx.enrol(closing, employee("eng.one", "Engineering"));
        assertEquals(422, outside.status());
        assertEquals("NOT_IN_AUDIENCE", outside.body().path("code").asText());
        Invoker.Response noDepartment = fx.call(HttpEvent.of("POST /sessions/{sessionId}/enrolments").path("sessionId", closing)
                .as(Claims.staff()).body(Map.of("userId", "li.lei")));
        assertEquals(400, noDepartment.status(), "staff enrolling someone into a department course say which department");
        assertEquals("department", noDepartment.body().path("errors").get(0).path("field").asText());
        Invoker.Response byStaff = fx.call(HttpEvent.of("POST /sessions/{sessionId}/enrolments").path("sessionId", closing)
                .as(Claims.staff()).body(Map.of("userId", "li.lei", "department", "Finance")));
        assertEquals(201, byStaff.status(), byStaff.toString());
        assertEquals("sam.staff", byStaff.body().path("enrolledBy").asText());
        Invoker.Response forOther = fx.call(HttpEvent.of("POST /sessions/{sessionId}/enrolments").path("sessionId", closing)
                .as(employee("li.lei", "Finance")).body(Map.of("userId", "wang.wei")));
        assertEquals(403, forOther.status());

        fx.clock.set(Instant.parse("2026-12-08T10:00:00Z"));
        Invoker.Response closed = fx.enrol(closing, employee("zhang.san", "Finance"));
        assertEquals(409, closed.status());
        assertEquals("ENROLMENT_CLOSED", closed.body().path("code").asText());
        fx.clock.set(Instant.parse("2026-12-10T02:00:00Z"));
        Invoker.Response started = fx.enrol(closing, employee("zhang.san", "Finance"));
        assertEquals("SESSION_STARTED", started.body().path("code").asText());
        Invoker.Response lateCancel = fx.cancel(closing, "li.lei", employee("li.lei", "Finance"));
        assertEquals("SESSION_STARTED", lateCancel.body().path("code").asText());

        fx.clock.set(Instant.parse(TrainingFixture.NOW));
        String other = fx.session(finance, "2026-12-20T09:30", 5);
        assertEquals(201, fx.enrol(other, employee("li.lei", "Finance")).status());
        fx.events.clear();
        Invoker.Response cancelSession = fx.call(HttpEvent.of("POST /sessions/{sessionId}/cancel").path("sessionId", other)
                .as(Claims.staff()).body(Map.of("reason", "Instructor ill")));
        assertEquals(200, cancelSession.status(), cancelSession.toString());
        assertEquals("cancelled", cancelSession.body().path("status").asText());
        Invoker.Response cancelledEnrol = fx.enrol(other, employee("zhang.san", "Finance"));
        assertEquals(409, cancelledEnrol.status());
        assertEquals("SESSION_CANCELLED", cancelledEnrol.body().path("code").asText());
        DomainEvent event = fx.events.ofType(TrainingEvents.SESSION_CANCELLED).getFirst();
        assertEquals(List.of("li.lei"), ((Map<?, ?>) event.detail()).get("enrolled"));
        Notice notice = (Notice) fx.events.ofType(Notice.DETAIL_TYPE).getFirst().detail();
        assertEquals(List.of("li.lei"), notice.to());
        assertTrue(notice.en().contains("Instructor ill") && notice.zh().contains("已取消"), notice.toString());
        Invoker.Response mine = fx.call(HttpEvent.of("GET /me/enrolments").as(employee("li.lei", "Finance")));
        assertEquals(200, mine.status(), mine.toString());
        JsonNode voided = findBy(mine.body().path("items"), "sessionId", other);
        assertEquals("cancelled", voided.path("sessionStatus").asText());
        assertEquals("confirmed", voided.path("status").asText());
    }

    @Test
    void attendanceRecordsCompletionsThatExpireAfterTheCourseValidity_andMyTrainingShowsWhereIStand() {
        String sec = fx.course("SEC-AWARE", true, 12, null);
        String fin = fx.course("FIN-POLICY", true, null, List.of("Finance"));
        fx.course("ENG-SEC", true, 12, List.of("Engineering"));
        String session = fx.session(sec, "2026-12-01T09:30", 10);
        String next = fx.session(sec, "2027-11-20T09:30", 10);
        assertEquals(201, fx.enrol(session, employee("li.lei", "Finance")).status());
        assertEquals(201, fx.enrol(session, employee("wang.wei", "Finance")).status());

        Invoker.Response early = fx.call(attendance(session, List.of("li.lei")));
        assertEquals(409, early.status());
        assertEquals("SESSION_NOT_STARTED", early.body().path("code").asText());

        fx.clock.set(Instant.parse("2026-12-01T04:00:00Z"));
        Invoker.Response stranger = fx.call(attendance(session, List.of("li.lei", "nobody")));
        assertEquals(422, stranger.status());
        assertEquals("attendees[1]", stranger.body().path("errors").get(0).path("field").asText());
        Invoker.Response recorded = fx.call(attendance(session, List.of("li.lei")));
        assertEquals(200, recorded.status(), recorded.toString());
        JsonNode completion = recorded.body().path("completions").get(0);
        assertEquals("2026-12-01", completion.path("completedOn").asText());
        assertEquals("2027-12-01", completion.path("validUntil").asText());
        Invoker.Response repeated = fx.call(attendance(session, List.of("li.lei")));
        assertEquals(List.of("li.lei"), strings(repeated.body().path("alreadyRecorded")));
        assertEquals(1, fx.events.ofType(TrainingEvents.TRAINING_COMPLETED).size());
        assertEquals("attended", fx.enrolmentRows(session).get("li.lei"));

        fx.clock.set(Instant.parse("2027-11-10T02:00:00Z"));
        Invoker.Response mine = fx.call(HttpEvent.of("GET /me/training").as(employee("li.lei", "Finance")));
        assertEquals(200, mine.status(), mine.toString());
        assertFalse(mine.body().path("compliant").asBoolean(), "FIN-POLICY was never done");
        JsonNode secStanding = findBy(mine.body().path("courses"), "code", "SEC-AWARE");
        assertEquals("expiring", secStanding.path("status").asText());
        assertEquals(21, secStanding.path("daysLeft").asInt());
        assertEquals(next, secStanding.path("nextSession").path("sessionId").asText());
        assertEquals("never-done", findBy(mine.body().path("courses"), "code", "FIN-POLICY").path("status").asText());
        assertEquals(2, mine.body().path("courses").size(), "ENG-SEC is not for Finance");

        fx.clock.set(Instant.parse("2027-12-02T02:00:00Z"));
        Invoker.Response expired = fx.call(HttpEvent.of("GET /me/training").as(employee("li.lei", "Finance")));
        assertEquals("expired", findBy(expired.body().path("courses"), "code", "SEC-AWARE").path("status").asText());
        assertNotNull(fin);
    }

    @Test
    void complianceCountsEachDepartment_andListsWhoIsNotCompliantInOne() {
        String sec = fx.course("SEC-AWARE", true, 12, null);
        fx.course("FIN-POLICY", true, null, List.of("Finance"));
        String session = fx.session(sec, "2026-12-01T09:30", 10);
        fx.enrol(session, employee("li.lei", "Finance"));
        fx.enrol(session, employee("wang.wei", "Finance"));
        fx.enrol(session, employee("bob", "Sales"));
        fx.clock.set(Instant.parse("2026-12-01T04:00:00Z"));
        fx.call(attendance(session, List.of("li.lei", "bob")));

        Invoker.Response all = fx.call(HttpEvent.of("GET /training/compliance").as(Claims.staff()));
        assertEquals(200, all.status(), all.toString());
        JsonNode finance = findBy(all.body().path("departments"), "department", "Finance");
        assertEquals(2, finance.path("people").asInt());
        assertEquals(0, finance.path("compliant").asInt(), "nobody in Finance did FIN-POLICY");
        JsonNode sales = findBy(all.body().path("departments"), "department", "Sales");
        assertEquals(1, sales.path("compliant").asInt());
        assertTrue(finance.path("notCompliant").isMissingNode(), "people are listed only for one department");

        Invoker.Response one = fx.call(HttpEvent.of("GET /training/compliance").query("department", "Finance").as(Claims.staff()));
        JsonNode dept = one.body().path("departments").get(0);
        assertEquals(2, dept.path("notCompliant").size());
        JsonNode wang = findBy(dept.path("notCompliant"), "userId", "wang.wei");
        assertEquals(2, wang.path("gaps").size());
        JsonNode secCount = findBy(dept.path("byCourse"), "code", "SEC-AWARE");
        assertEquals(1, secCount.path("valid").asInt());
        assertEquals(1, secCount.path("neverDone").asInt());
        assertEquals(403, fx.call(HttpEvent.of("GET /training/compliance").as(employee("li.lei", "Finance"))).status());
    }

    @Test
    void dailyRemindersTellTheConfirmedAboutTomorrow_andPeopleWhoseTrainingExpires_onceperSlot() {
        String sec = fx.course("SEC-AWARE", true, 12, null);
        String done = fx.session(sec, "2026-12-01T09:30", 10);
        fx.enrol(done, employee("li.lei", "Finance"));
        fx.clock.set(Instant.parse("2026-12-01T04:00:00Z"));
        fx.call(attendance(done, List.of("li.lei")));
        fx.clock.set(Instant.parse("2027-11-01T00:00:00Z"));
        String tomorrow = fx.session(sec, "2027-11-02T14:00", 10);
        fx.session(sec, "2027-11-03T09:00", 10);
        fx.enrol(tomorrow, employee("wang.wei", "Finance"));
        fx.events.clear();

        fx.invoker.invokeRaw(schedule("2027-11-01T00:00:00Z"));
        List<Notice> notices = fx.events.ofType(Notice.DETAIL_TYPE).stream().map(e -> (Notice) e.detail()).toList();
        Notice reminder = notices.stream().filter(n -> n.kind().equals(TrainingEvents.NOTICE_TOMORROW)).findFirst().orElseThrow();
        assertEquals(List.of("wang.wei"), reminder.to());
        assertTrue(reminder.en().contains("2027-11-02 14:00 Asia/Shanghai"), reminder.en());
        Notice expiring = notices.stream().filter(n -> n.kind().equals(TrainingEvents.NOTICE_EXPIRING)).findFirst().orElseThrow();
        assertEquals(List.of("li.lei"), expiring.to());
        assertTrue(expiring.en().contains("in 30 days"), expiring.en());
        assertEquals(2, notices.size());

        fx.invoker.invokeRaw(schedule("2027-11-01T00:00:00Z"));
        assertEquals(2, fx.events.ofType(Notice.DETAIL_TYPE).size(), "the same slot delivered twice runs once");
        fx.events.clear();
        fx.clock.set(Instant.parse("2027-12-02T00:00:00Z"));
        fx.invoker.invokeRaw(schedule("2027-12-02T00:00:00Z"));
        Notice expired = (Notice) fx.events.ofType(Notice.DETAIL_TYPE).getFirst().detail();
        assertEquals(TrainingEvents.NOTICE_EXPIRED, expired.kind());
    }

    @Test
    void idempotencyKeyReplaysTheEnrolment_andADifferentBodyIsRefused() {
        String session = fx.session(fx.course("SEC-AWARE", true, 12, null), "2026-12-10T09:30", 1);
        fx.enrol(session, employee("ann", "Finance"));
        HttpEvent first = HttpEvent.of("POST /sessions/{sessionId}/enrolments").path("sessionId", session)
                .as(employee("bob", "Finance")).header("Idempotency-Key", "enrol-000001").body(Map.of());
        Invoker.Response waitlisted = fx.call(first);
        Invoker.Response replay = fx.call(HttpEvent.of("POST /sessions/{sessionId}/enrolments").path("sessionId", session)
                .as(employee("bob", "Finance")).header("Idempotency-Key", "enrol-000001").body(Map.of()));
        assertEquals(202, waitlisted.status());
        assertEquals(202, replay.status());
        assertEquals(waitlisted.rawBody(), replay.rawBody());
        assertEquals("true", replay.header("idempotency-replayed"));
        assertEquals(1, fx.storedSession(session).waitlisted());
    }

    @Test
    void listsPageWithATamperEvidentCursor_andIssueNoScan() {
        String course = fx.course("SEC-AWARE", true, 12, null);
        String session = fx.session(course, "2026-12-10T09:30", 10);
        for (int i = 0; i < 5; i++) {
            fx.enrol(session, employee("user" + i, "Finance"));
        }
        Invoker.Response first = fx.call(HttpEvent.of("GET /sessions/{sessionId}/enrolments").path("sessionId", session)
                .as(Claims.staff()).query("limit", "2"));
        assertEquals(List.of("user0", "user1"), ids(first, "userId"));
        Invoker.Response second = fx.call(HttpEvent.of("GET /sessions/{sessionId}/enrolments").path("sessionId", session)
                .as(Claims.staff()).query("limit", "2").query("cursor", first.body().path("nextCursor").asText()));
        assertEquals(List.of("user2", "user3"), ids(second, "userId"));
        Invoker.Response tampered = fx.call(HttpEvent.of("GET /sessions/{sessionId}/enrolments").path("sessionId", session)
                .as(Claims.staff()).query("cursor", "x" + first.body().path("nextCursor").asText()));
        assertEquals(400, tampered.status());
        assertEquals("query.cursor", tampered.body().path("errors").get(0).path("field").asText());
        Invoker.Response confirmedOnly = fx.call(HttpEvent.of("GET /sessions/{sessionId}/enrolments").path("sessionId", session)
                .as(Claims.staff()).query("status", "waitlisted"));
        assertEquals(0, confirmedOnly.body().path("items").size());
    }

    private static HttpEvent attendance(String sessionId, List<String> attendees) {
        return HttpEvent.of("POST /sessions/{sessionId}/attendance").path("sessionId", sessionId).as(Claims.staff())
                .body(Map.of("attendees", attendees));
    }

    private static byte[] schedule(String at) {
        return ("{\"schedule\":\"training-reminders\",\"scheduledTime\":\"" + at + "\",\"executionId\":\"test-" + at + "\"}")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static String created(Invoker.Response response) {
        assertEquals(201, response.status(), response.toString());
        return response.body().path("sessionId").asText();
    }

    private static List<String> codes(Invoker.Response response) {
        return ids(response, "code");
    }

    private static List<String> ids(Invoker.Response response, String field) {
        List<String> out = new java.util.ArrayList<>();
        response.body().path("items").forEach(i -> out.add(i.path(field).asText()));
        return out;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new java.util.ArrayList<>();
        array.forEach(i -> out.add(i.asText()));
        return out;
    }

    private static JsonNode findBy(JsonNode array, String field, String value) {
        for (JsonNode node : array) {
            if (node.path(field).asText().equals(value)) {
                return node;
            }
        }
        throw new AssertionError("no " + field + "=" + value + " in " + array);
    }
}
