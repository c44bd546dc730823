package io.itops.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.itops.shared.store.Attributes;
import io.itops.shared.store.SingleTable;
import io.itops.training.Statuses.AudienceScope;
import io.itops.training.Statuses.EnrolmentStatus;
import io.itops.training.Statuses.SessionStatus;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Each schema is the one codec of its item: a record survives the trip to an item and back, and
 * the item is exactly what the hand-written codec wrote before (docs/table/training-enrolment.md),
 * so items already in the table read the same.
 */
class TrainingTableTest {
    private static final Instant CREATED = Instant.parse("2026-11-28T01:00:00Z");
    private static final Instant START = Instant.parse("2026-12-10T01:30:00Z");
    private static final Instant END = Instant.parse("2026-12-10T09:00:00Z");
    private static final Instant CLOSES = Instant.parse("2026-12-09T16:00:00Z");
    private static final Instant CANCELLED = Instant.parse("2026-12-01T08:15:30.250Z");

    // ------------------------------------------------------------------ course and its code

    @Test
    void courseForDepartments_isStoredAsBefore_andReadsBack() {
        Course course = Course.builder().courseId("C1").code("FIN-ERP").title("ERP for finance").description("Month-end close")
                .mandatory(true).validityMonths(12).audience(new Audience(AudienceScope.DEPARTMENTS, List.of("Finance", "Sales")))
                .version(3).createdAt(CREATED).createdBy("sam.staff").updatedAt(START).updatedBy("kim.staff").build();
        Map<String, AttributeValue> old = item("PK", "COURSE#C1", "SK", "COURSE", "type", "Course", "courseId", "C1",
                "code", "FIN-ERP", "title", "ERP for finance", "description", "Month-end close", "mandatory", true,
                "validityMonths", 12, "audienceScope", "departments", "departments", strings("Finance", "Sales"), "version", 3,
                "createdAt", "2026-11-28T01:00:00.000Z", "createdBy", "sam.staff", "updatedAt", "2026-12-10T01:30:00.000Z",
                "updatedBy", "kim.staff", "GSI1PK", "COURSES", "GSI1SK", "FIN-ERP");

        assertStoredAsBefore(TrainingTable.COURSE, course, old);
    }

    @Test
    void courseForEveryone_leavesOutTheEmptyListAndAbsentFields_andAnOldItemWithoutThemReadsTheSame() {
        Course course = Course.builder().courseId("C2").code("SEC-AWARE").title("Security awareness").audience(Audience.ALL)
                .version(1).createdAt(CREATED).createdBy("sam.staff").updatedAt(CREATED).updatedBy("sam.staff").build();
        Map<String, AttributeValue> old = item("PK", "COURSE#C2", "SK", "COURSE", "type", "Course", "courseId", "C2",
                "code", "SEC-AWARE", "title", "Security awareness", "mandatory", false, "audienceScope", "all", "version", 1,
                "createdAt", "2026-11-28T01:00:00.000Z", "createdBy", "sam.staff", "updatedAt", "2026-11-28T01:00:00.000Z",
                "updatedBy", "sam.staff", "GSI1PK", "COURSES", "GSI1SK", "SEC-AWARE");

        assertStoredAsBefore(TrainingTable.COURSE, course, old);
        assertEquals(List.of(), TrainingTable.COURSE.mapToItem(old).audience().departments(), "a missing list reads as empty");
        Map<String, AttributeValue> noFlag = new HashMap<>(old);
        noFlag.remove("mandatory");
        assertFalse(TrainingTable.COURSE.mapToItem(noFlag).mandatory(), "a missing flag reads as false, as before");
    }

    @Test
    void courseCode_keepsTheCodeOnlyInItsKey() {
        assertStoredAsBefore(TrainingTable.COURSE_CODE, new CourseCode("SEC-AWARE", "C2"),
                item("PK", "COURSE#CODE#SEC-AWARE", "SK", "CODE", "type", "CourseCode", "courseId", "C2"));
    }

    // ------------------------------------------------------------------ session

    @Test
    void scheduledSession_isStoredAsBefore_withItsIndexKeys_andReadsBackWithItsDerivedFields() {
        Session session = Session.builder().sessionId("S1").courseId("C2").courseCode("SEC-AWARE").courseTitle("Security awareness")
                .start(START).end(END).timeZone("Asia/Shanghai").place("HQ 3F Room 301").instructor("sam.staff").capacity(20)
                .confirmed(5).waitlisted(0).enrolmentClosesAt(CLOSES).status(SessionStatus.SCHEDULED).waitlistNext(1).version(6)
                .createdAt(CREATED).createdBy("sam.staff").build();
        Map<String, AttributeValue> old = item("PK", "SESSION#S1", "SK", "SESSION", "type", "Session", "sessionId", "S1",
                "courseId", "C2", "courseCode", "SEC-AWARE", "courseTitle", "Security awareness",
                "startsAt", "2026-12-10T01:30:00.000Z", "endsAt", "2026-12-10T09:00:00.000Z", "timeZone", "Asia/Shanghai",
                "place", "HQ 3F Room 301", "instructor", "sam.staff", "seatCapacity", 20, "confirmed", 5, "waitlisted", 0,
                "waitlistNext", 1, "closesAt", "2026-12-09T16:00:00.000Z", "status", "scheduled", "version", 6,
                "createdAt", "2026-11-28T01:00:00.000Z", "createdBy", "sam.staff",
                "GSI1PK", "COURSE#C2", "GSI1SK", "SESSION#2026-12-10T01:30:00.000Z#S1",
                "GSI2PK", "SESSIONS", "GSI2SK", "2026-12-10T01:30:00.000Z#S1");

        assertStoredAsBefore(TrainingTable.SESSION, session, old);
        Session read = TrainingTable.SESSION.mapToItem(old);
        assertEquals(15, read.seatsLeft());
        assertEquals("2026-12-10T09:30", read.localStart().toString());
    }

    @Test
    void cancelledOnlineSession_roundTrips() {
        Session session = Session.builder().sessionId("S2").courseId("C2").courseCode("SEC-AWARE").courseTitle("Security awareness")
                .start(START).end(END).timeZone("Europe/Berlin").onlineLink("https://meet.example.com/sec").instructor("sam.staff")
                .capacity(2).confirmed(2).waitlisted(3).enrolmentClosesAt(CLOSES).status(SessionStatus.CANCELLED)
                .cancelReason("Instructor ill").cancelledAt(CANCELLED).cancelledBy("kim.staff").waitlistNext(4).version(9)
                .createdAt(CREATED).createdBy("sam.staff").build();
        Map<String, AttributeValue> stored = SingleTable.item(TrainingTable.SESSION, session);

        assertEquals(session, TrainingTable.SESSION.mapToItem(stored));
        assertEquals(AttributeValue.fromS("2026-12-01T08:15:30.250Z"), stored.get("cancelledAt"));
        assertFalse(stored.containsKey("place"));
    }

    // ------------------------------------------------------------------ enrolment and waitlist

    @Test
    void confirmedEnrolment_isStoredAsBefore_inItsPersonsList() {
        Enrolment confirmed = enrolment().status(EnrolmentStatus.CONFIRMED).confirmedAt(CREATED).build();
        Map<String, AttributeValue> old = item("PK", "SESSION#S1", "SK", "ENROLMENT#li.lei", "type", "Enrolment",
                "sessionId", "S1", "courseId", "C2", "courseCode", "SEC-AWARE", "courseTitle", "Security awareness",
                "userId", "li.lei", "department", "Finance", "status", "confirmed", "sessionStart", "2026-12-10T01:30:00.000Z",
                "sessionTimeZone", "Asia/Shanghai", "enrolledAt", "2026-11-28T01:00:00.000Z", "enrolledBy", "li.lei",
                "confirmedAt", "2026-11-28T01:00:00.000Z",
                "GSI1PK", "TRAINING-TRAINEE#li.lei", "GSI1SK", "2026-12-10T01:30:00.000Z#S1");

        assertStoredAsBefore(TrainingTable.ENROLMENT, confirmed, old);
    }

    @Test
    void waitlistedEnrolment_andItsWaitlistEntry_areStoredAsBefore() {
        Enrolment waitlisted = enrolment().status(EnrolmentStatus.WAITLISTED).waitlistPosition(3).build();
        Map<String, AttributeValue> stored = SingleTable.item(TrainingTable.ENROLMENT, waitlisted);
        assertEquals(waitlisted, TrainingTable.ENROLMENT.mapToItem(stored));
        assertEquals(AttributeValue.fromN("3"), stored.get("waitlistPosition"));
        assertFalse(stored.containsKey("confirmedAt"));

        assertStoredAsBefore(TrainingTable.WAITLIST_ENTRY, new WaitlistEntry("S1", 3, "li.lei"),
                item("PK", "SESSION#S1", "SK", "WAITLIST#0000000003", "type", "WaitlistEntry", "sessionId", "S1",
                        "position", 3, "userId", "li.lei"));
    }

    /** The old writer left out cancelledAt and cancelledBy although its reader read them; one schema writes what it reads. */
    @Test
    void cancelledEnrolment_keepsWhenAndWhoCancelled_andLeavesThePersonsList() {
        Enrolment cancelled = enrolment().status(EnrolmentStatus.CANCELLED).confirmedAt(CREATED)
                .cancelledAt(CANCELLED).cancelledBy("sam.staff").build();
        Map<String, AttributeValue> stored = SingleTable.item(TrainingTable.ENROLMENT, cancelled);

        assertEquals(cancelled, TrainingTable.ENROLMENT.mapToItem(stored));
        assertEquals(AttributeValue.fromS("2026-12-01T08:15:30.250Z"), stored.get("cancelledAt"));
        assertEquals(AttributeValue.fromS("sam.staff"), stored.get("cancelledBy"));
        assertFalse(stored.containsKey("GSI1PK") || stored.containsKey("GSI1SK"), "a cancelled enrolment is in nobody's list");
    }

    @Test
    void oldEnrolmentsChangedByUpdates_readTheSame() {
        // as the cancel transaction left it: GSI1 and the position removed, cancelledAt and cancelledBy set
        Map<String, AttributeValue> cancelledOld = item("PK", "SESSION#S1", "SK", "ENROLMENT#li.lei", "type", "Enrolment",
                "sessionId", "S1", "courseId", "C2", "courseCode", "SEC-AWARE", "courseTitle", "Security awareness",
                "userId", "li.lei", "department", "Finance", "status", "cancelled", "sessionStart", "2026-12-10T01:30:00.000Z",
                "sessionTimeZone", "Asia/Shanghai", "enrolledAt", "2026-11-28T01:00:00.000Z", "enrolledBy", "li.lei",
                "cancelledAt", "2026-12-01T08:15:30.250Z", "cancelledBy", "sam.staff");
        assertEquals(enrolment().status(EnrolmentStatus.CANCELLED).cancelledAt(CANCELLED).cancelledBy("sam.staff").build(),
                TrainingTable.ENROLMENT.mapToItem(cancelledOld));

        // as attendance left it: attendanceBy is kept in the item but is no field of the record
        Map<String, AttributeValue> attendedOld = item("PK", "SESSION#S1", "SK", "ENROLMENT#li.lei", "type", "Enrolment",
                "sessionId", "S1", "courseId", "C2", "courseCode", "SEC-AWARE", "courseTitle", "Security awareness",
                "userId", "li.lei", "department", "Finance", "status", "attended", "sessionStart", "2026-12-10T01:30:00.000Z",
                "sessionTimeZone", "Asia/Shanghai", "enrolledAt", "2026-11-28T01:00:00.000Z", "enrolledBy", "li.lei",
                "confirmedAt", "2026-11-28T01:00:00.000Z", "attendedAt", "2026-12-10T01:30:00.000Z", "attendanceBy", "sam.staff",
                "GSI1PK", "TRAINING-TRAINEE#li.lei", "GSI1SK", "2026-12-10T01:30:00.000Z#S1");
        assertEquals(enrolment().status(EnrolmentStatus.ATTENDED).confirmedAt(CREATED).attendedAt(START).build(),
                TrainingTable.ENROLMENT.mapToItem(attendedOld));
    }

    // ------------------------------------------------------------------ trainee

    @Test
    void traineeProfile_isStoredAsBefore_byDepartment() {
        assertStoredAsBefore(TrainingTable.PROFILE, new TraineeProfile("li.lei", "Finance", CREATED),
                item("PK", "TRAINEE#li.lei", "SK", "PROFILE", "type", "TraineeProfile", "userId", "li.lei", "department", "Finance",
                        "updatedAt", "2026-11-28T01:00:00.000Z", "GSI3PK", "TRAINING-TRAINEES", "GSI3SK", "Finance|li.lei"));
    }

    @Test
    void completionThatExpires_isStoredAsBefore_inTheExpiryList() {
        Completion expiring = completion(LocalDate.parse("2027-12-10"));
        assertStoredAsBefore(TrainingTable.COMPLETION, expiring,
                item("PK", "TRAINEE#li.lei", "SK", "COMPLETION#C2", "type", "Completion", "userId", "li.lei", "courseId", "C2",
                        "courseCode", "SEC-AWARE", "courseTitle", "Security awareness", "sessionId", "S1", "department", "Finance",
                        "completedOn", "2026-12-10", "validUntil", "2027-12-10", "recordedAt", "2026-12-10T09:00:00.000Z",
                        "recordedBy", "sam.staff", "GSI4PK", "TRAINING-EXPIRY", "GSI4SK", "2027-12-10#li.lei#C2"));
    }

    @Test
    void completionThatNeverExpires_isInNoExpiryList() {
        Completion forever = completion(null);
        Map<String, AttributeValue> stored = SingleTable.item(TrainingTable.COMPLETION, forever);

        assertEquals(forever, TrainingTable.COMPLETION.mapToItem(stored));
        assertFalse(stored.containsKey("validUntil") || stored.containsKey("GSI4PK") || stored.containsKey("GSI4SK"));
    }

    // ------------------------------------------------------------------ helpers

    private static <T> void assertStoredAsBefore(TableSchema<T> schema, T record, Map<String, AttributeValue> oldItem) {
        assertEquals(new TreeMap<>(oldItem), new TreeMap<>(SingleTable.item(schema, record)), "the item as it was written before");
        assertEquals(record, schema.mapToItem(oldItem), "an item written before reads into the same record");
    }

    private static Enrolment.Builder enrolment() {
        return Enrolment.builder().sessionId("S1").courseId("C2").courseCode("SEC-AWARE").courseTitle("Security awareness")
                .userId("li.lei").department("Finance").sessionStart(START).sessionTimeZone("Asia/Shanghai")
                .enrolledAt(CREATED).enrolledBy("li.lei");
    }

    private static Completion completion(LocalDate validUntil) {
        return Completion.builder().userId("li.lei").courseId("C2").courseCode("SEC-AWARE").courseTitle("Security awareness")
                .sessionId("S1").department("Finance").completedOn(LocalDate.parse("2026-12-10")).validUntil(validUntil)
                .recordedAt(END).recordedBy("sam.staff").build();
    }

    /** An item as the old codec built it: strings, numbers and booleans as DynamoDB types. */
    private static Map<String, AttributeValue> item(Object... nameValues) {
        return Attributes.values(nameValues);
    }

    private static AttributeValue strings(String... values) {
        return AttributeValue.fromL(Arrays.stream(values).map(AttributeValue::fromS).toList());
    }
}
