package io.itops.training;

import static io.itops.training.TrainingTable.COMPLETION;
import static io.itops.training.TrainingTable.COURSE;
import static io.itops.training.TrainingTable.COURSE_CODE;
import static io.itops.training.TrainingTable.ENROLMENT;
import static io.itops.training.TrainingTable.PROFILE;
import static io.itops.training.TrainingTable.SESSION;
import static io.itops.training.TrainingTable.WAITLIST_ENTRY;

import io.itops.shared.error.ApiException;
import io.itops.shared.store.Attributes;
import io.itops.shared.store.CursorCodec;
import io.itops.shared.store.Ids;
import io.itops.shared.store.Page;
import io.itops.shared.store.PagedQuery;
import io.itops.shared.store.SingleTable;
import io.itops.shared.store.TransactionWrites;
import io.itops.shared.store.TransactionWrites.Condition;
import io.itops.training.Statuses.EnrolmentStatus;
import io.itops.training.Statuses.SessionStatus;
import io.itops.training.Statuses.When;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.pagination.sync.SdkIterable;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbIndex;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * DynamoDB access for training. Seats are counted only inside transactions whose conditions
 * re-check what the service decided from its reads (a seat is still free, the session still full,
 * the person promoted still first), so a concurrent change cancels the transaction
 * instead of over-booking; the service then reads again and decides again ({@link Contended},
 * {@link Contention}). AWS exceptions stop here, translated into domain errors.
 */
final class TrainingStore {
    private final SingleTable table;
    private final CursorCodec cursors;
    private final DynamoDbTable<Course> courses;
    private final DynamoDbTable<Enrolment> enrolments;
    private final DynamoDbTable<WaitlistEntry> waitlists;

    /** A transaction lost a race with another change to the same session: read again and decide again. */
    static final class Contended extends RuntimeException {
        Contended() {
            super("contended", null, false, false);
        }
    }

    TrainingStore(SingleTable table, CursorCodec cursors) {
        this.table = table;
        this.cursors = cursors;
        this.courses = table.of(COURSE);
        this.enrolments = table.of(ENROLMENT);
        this.waitlists = table.of(WAITLIST_ENTRY);
    }

    // ------------------------------------------------------------------ courses

    void createCourse(Course course) {
        table.transaction()
                .put(COURSE, course, Condition.notExists(), () -> new ApiException.Conflict("COURSE_EXISTS", "Course id already used"))
                .put(COURSE_CODE, new CourseCode(course.code(), course.courseId()), Condition.notExists(),
                        () -> new ApiException.Conflict("COURSE_CODE_TAKEN", "Course code " + course.code() + " is already used",
                                Map.of("field", "code")))
                .execute();
    }

    Optional<Course> findCourse(String courseId) {
        return table.get(COURSE, TrainingTable.courseKey(courseId));
    }

    void updateCourse(Course before, Course after) {
        Condition unchanged = Condition.of("version = :expected", Map.of(), Attributes.values(":expected", before.version()));
        try {
            courses.putItem(r -> r.item(after).conditionExpression(unchanged.asExpression()));
        } catch (ConditionalCheckFailedException changed) {
            throw new ApiException.Conflict("VERSION_CONFLICT",
                    "The course changed since version " + before.version() + "; read it again and retry",
                    Map.of("expectedVersion", before.version()));
        }
    }

    Page<Course> courses(Boolean mandatory, String audience, int limit, String cursor) {
        List<String> filters = new ArrayList<>();
        Map<String, AttributeValue> values = Attributes.values(":pk", TrainingTable.COURSES);
        if (mandatory != null) {
            filters.add("mandatory = :mandatory");
            values.put(":mandatory", AttributeValue.fromBool(mandatory));
        }
        if (audience != null) {
            filters.add("(audienceScope = :all OR contains(departments, :department))");
            values.put(":all", Attributes.s(Statuses.AudienceScope.ALL.toString()));
            values.put(":department", Attributes.s(audience));
        }
        QueryRequest.Builder query = QueryRequest.builder().tableName(table.name()).indexName(TrainingTable.GSI1)
                .keyConditionExpression("GSI1PK = :pk").expressionAttributeValues(values);
        if (!filters.isEmpty()) {
            query.filterExpression(String.join(" AND ", filters));
        }
        return PagedQuery.run(table.dynamo(), cursors, "courses|" + mandatory + "|" + audience, cursor, limit, query.build(),
                COURSE::mapToItem);
    }

    List<Course> allCourses() {
        return all(courses.index(TrainingTable.GSI1).query(r -> r.queryConditional(partition(TrainingTable.COURSES))));
    }

    // ------------------------------------------------------------------ sessions

    void createSession(Session session) {
        table.transaction()
                .conditionCheck(TrainingTable.courseKey(session.courseId()), Condition.of("attribute_exists(PK)"),
                        () -> new ApiException.NotFound("course", session.courseId()))
                .put(SESSION, session, Condition.notExists(), () -> new ApiException.Conflict("SESSION_EXISTS", "Session id already used"))
                .execute();
    }

    Optional<Session> findSession(String sessionId) {
        return table.get(SESSION, TrainingTable.sessionKey(sessionId));
    }

    Page<Session> sessionsOfCourse(String courseId, When when, Instant now, int limit, String cursor) {
        QueryRequest.Builder query = QueryRequest.builder().tableName(table.name()).indexName(TrainingTable.GSI1);
        if (when == When.UPCOMING) {
            query.keyConditionExpression("GSI1PK = :pk AND GSI1SK >= :from")
                    .expressionAttributeValues(Attributes.values(":pk", TrainingTable.courseIndex(courseId),
                            ":from", "SESSION#" + Ids.sortable(now)));
        } else {
            query.keyConditionExpression("GSI1PK = :pk AND GSI1SK BETWEEN :lo AND :hi")
                    .expressionAttributeValues(Attributes.values(":pk", TrainingTable.courseIndex(courseId),
                            ":lo", "SESSION#", ":hi", "SESSION#" + Ids.sortable(now)))
                    .scanIndexForward(false);
        }
        return PagedQuery.run(table.dynamo(), cursors, "sessions|" + courseId + "|" + when, cursor, limit, query.build(),
                SESSION::mapToItem);
    }

    /** The first upcoming sessions of a course that are scheduled and still open for enrolment. */
    List<Session> openSessionsOfCourse(String courseId, Instant now, int max) {
        Condition open = Condition.of("#s = :scheduled AND closesAt > :now", STATUS,
                Attributes.values(":scheduled", SessionStatus.SCHEDULED.toString(), ":now", Ids.sortable(now)));
        return sessionIndex(TrainingTable.GSI1).query(r -> r
                        .queryConditional(QueryConditional.sortGreaterThanOrEqualTo(
                                key(TrainingTable.courseIndex(courseId), "SESSION#" + Ids.sortable(now))))
                        .filterExpression(open.asExpression()))
                .stream().flatMap(page -> page.items().stream()).limit(max).toList();
    }

    List<Session> sessionsStartingBetween(Instant from, Instant to) {
        return all(sessionIndex(TrainingTable.GSI2).query(r -> r.queryConditional(QueryConditional.sortBetween(
                key(TrainingTable.SESSIONS, Ids.sortable(from)), key(TrainingTable.SESSIONS, Ids.sortable(to) + "~")))));
    }

    /** Sessions by id, for lists that show each enrolment's session state. */
    Map<String, Session> sessions(Collection<String> sessionIds) {
        Map<String, Session> out = new HashMap<>();
        table.batchGet(SESSION, sessionIds.stream().distinct().map(TrainingTable::sessionKey).toList())
                .forEach(s -> out.put(s.sessionId(), s));
        return out;
    }

    void cancelSession(Session before, Session after, Instant now) {
        Map<String, AttributeValue> values = Attributes.values(":cancelled", SessionStatus.CANCELLED.toString(),
                ":scheduled", SessionStatus.SCHEDULED.toString(), ":reason", after.cancelReason(),
                ":at", Ids.sortable(after.cancelledAt()), ":by", after.cancelledBy(), ":one", 1, ":now", Ids.sortable(now));
        table.transaction()
                .update(TrainingTable.sessionKey(before.sessionId()),
                        "SET #s = :cancelled, cancelReason = :reason, cancelledAt = :at, cancelledBy = :by, version = version + :one",
                        Condition.of("#s = :scheduled AND startsAt > :now", STATUS, values), Contended::new)
                .execute();
    }

    // ------------------------------------------------------------------ enrolment

    Optional<Enrolment> findEnrolment(String sessionId, String userId) {
        return table.get(ENROLMENT, TrainingTable.enrolmentKey(sessionId, userId));
    }

    /** The first person on the waitlist: the lowest position, read consistently from the session's partition. */
    Optional<WaitlistEntry> firstWaitlisted(String sessionId) {
        return waitlists.query(r -> r.queryConditional(inSession(sessionId, TrainingTable.WAITLIST)).consistentRead(true).limit(1))
                .items().stream().findFirst();
    }

    /** Takes a free seat: only while one is free and nobody waits. */
    void enrolConfirmed(Session session, Enrolment enrolment, TraineeProfile profile, Instant now) {
        TransactionWrites tx = enrolmentPut(enrolment);
        tx.update(TrainingTable.sessionKey(session.sessionId()),
                "SET confirmed = confirmed + :one, version = version + :one",
                Condition.of("#s = :scheduled AND closesAt > :now AND confirmed < seatCapacity AND waitlisted = :zero", STATUS,
                        Attributes.values(":one", 1, ":zero", 0, ":scheduled", SessionStatus.SCHEDULED.toString(), ":now", Ids.sortable(now))),
                Contended::new);
        withProfile(tx, profile).execute();
    }

    /**
     * Takes the next waitlist position from the session's counter (an atomic increment, so every
     * caller gets its own). Taking one decides nothing: {@link #enrolWaitlisted} re-checks that the
     * session is full. A position whose transaction then fails is simply never used.
     */
    long reservePosition(String sessionId) {
        return Long.parseLong(table.dynamo().updateItem(r -> r.tableName(table.name()).key(TrainingTable.sessionKey(sessionId))
                .updateExpression("SET waitlistNext = waitlistNext + :one")
                .conditionExpression("attribute_exists(PK)")
                .expressionAttributeValues(Attributes.values(":one", 1))
                .returnValues(ReturnValue.UPDATED_OLD)).attributes().get("waitlistNext").n());
    }

    /** Joins the waitlist at a reserved position: only while the session is full (no free seat, or others already wait). */
    void enrolWaitlisted(Session session, Enrolment enrolment, TraineeProfile profile, Instant now) {
        TransactionWrites tx = enrolmentPut(enrolment);
        tx.update(TrainingTable.sessionKey(session.sessionId()),
                "SET waitlisted = waitlisted + :one, version = version + :one",
                Condition.of("#s = :scheduled AND closesAt > :now AND (confirmed >= seatCapacity OR waitlisted > :zero)",
                        STATUS, Attributes.values(":one", 1, ":zero", 0,
                                ":scheduled", SessionStatus.SCHEDULED.toString(), ":now", Ids.sortable(now))),
                Contended::new);
        tx.put(WAITLIST_ENTRY, new WaitlistEntry(session.sessionId(), enrolment.waitlistPosition(), enrolment.userId()),
                Condition.notExists(), Contended::new);
        withProfile(tx, profile).execute();
    }

    /** Gives up a seat nobody waits for. */
    void cancelConfirmed(Session session, Enrolment enrolment, Instant now, String by) {
        TransactionWrites tx = table.transaction();
        cancelEnrolment(tx, enrolment, EnrolmentStatus.CONFIRMED, now, by);
        tx.update(TrainingTable.sessionKey(session.sessionId()),
                "SET confirmed = confirmed - :one, version = version + :one",
                Condition.of("#s = :scheduled AND startsAt > :now AND waitlisted = :zero", STATUS,
                        Attributes.values(":one", 1, ":zero", 0, ":scheduled", SessionStatus.SCHEDULED.toString(), ":now", Ids.sortable(now))),
                Contended::new);
        tx.execute();
    }

    /**
     * Gives up a seat and hands it to {@code first} in the same transaction. {@code session} was read
     * before the waitlist was queried, so the version condition fails if anyone joined or left the
     * waitlist since (someone holding an earlier position might have committed late); the other
     * conditions fail if {@code first} left it.
     */
    void cancelConfirmedAndPromote(Session session, Enrolment enrolment, WaitlistEntry first, Instant now, String by) {
        TransactionWrites tx = table.transaction();
        cancelEnrolment(tx, enrolment, EnrolmentStatus.CONFIRMED, now, by);
        tx.delete(TrainingTable.waitlistKey(session.sessionId(), first.position()),
                Condition.of("userId = :user", Map.of(), Attributes.values(":user", first.userId())), Contended::new);
        tx.update(TrainingTable.enrolmentKey(session.sessionId(), first.userId()),
                "SET #s = :confirmed, confirmedAt = :at REMOVE waitlistPosition",
                Condition.of("#s = :waitlisted AND waitlistPosition = :position", STATUS,
                        Attributes.values(":confirmed", EnrolmentStatus.CONFIRMED.toString(), ":waitlisted", EnrolmentStatus.WAITLISTED.toString(),
                                ":position", first.position(), ":at", Ids.sortable(now))),
                Contended::new);
        tx.update(TrainingTable.sessionKey(session.sessionId()),
                "SET waitlisted = waitlisted - :one, version = version + :one",
                Condition.of("#s = :scheduled AND startsAt > :now AND version = :version", STATUS,
                        Attributes.values(":one", 1, ":scheduled", SessionStatus.SCHEDULED.toString(), ":now", Ids.sortable(now),
                                ":version", session.version())),
                Contended::new);
        tx.execute();
    }

    /** Leaves the waitlist. */
    void cancelWaitlisted(Session session, Enrolment enrolment, Instant now, String by) {
        TransactionWrites tx = table.transaction();
        cancelEnrolment(tx, enrolment, EnrolmentStatus.WAITLISTED, now, by);
        tx.delete(TrainingTable.waitlistKey(session.sessionId(), enrolment.waitlistPosition()),
                Condition.of("userId = :user", Map.of(), Attributes.values(":user", enrolment.userId())), Contended::new);
        tx.update(TrainingTable.sessionKey(session.sessionId()),
                "SET waitlisted = waitlisted - :one, version = version + :one",
                Condition.of("#s = :scheduled AND startsAt > :now", STATUS,
                        Attributes.values(":one", 1, ":scheduled", SessionStatus.SCHEDULED.toString(), ":now", Ids.sortable(now))),
                Contended::new);
        tx.execute();
    }

    Page<Enrolment> enrolments(String sessionId, EnrolmentStatus status, int limit, String cursor) {
        QueryRequest.Builder query = QueryRequest.builder().tableName(table.name())
                .keyConditionExpression("PK = :pk AND begins_with(SK, :prefix)");
        Map<String, AttributeValue> values = Attributes.values(":pk", TrainingTable.sessionPartition(sessionId),
                ":prefix", TrainingTable.ENROLMENTS);
        if (status != null) {
            query.filterExpression("#s = :status").expressionAttributeNames(STATUS);
            values.put(":status", Attributes.s(status.toString()));
        }
        query.expressionAttributeValues(values);
        return PagedQuery.run(table.dynamo(), cursors, "enrolments|" + sessionId + "|" + status, cursor, limit, query.build(),
                ENROLMENT::mapToItem);
    }

    List<Enrolment> allEnrolments(String sessionId) {
        return all(enrolments.query(r -> r.queryConditional(inSession(sessionId, TrainingTable.ENROLMENTS)).consistentRead(true)));
    }

    List<WaitlistEntry> waitlist(String sessionId) {
        return all(waitlists.query(r -> r.queryConditional(inSession(sessionId, TrainingTable.WAITLIST)).consistentRead(true)));
    }

    /** A person's enrolments that are not cancelled: upcoming soonest first, or past latest first. */
    Page<Enrolment> enrolmentsOf(String userId, When when, Instant now, int limit, String cursor) {
        QueryRequest query = QueryRequest.builder().tableName(table.name()).indexName(TrainingTable.GSI1)
                .keyConditionExpression(when == When.UPCOMING ? "GSI1PK = :pk AND GSI1SK >= :now" : "GSI1PK = :pk AND GSI1SK < :now")
                .expressionAttributeValues(Attributes.values(":pk", TrainingTable.traineeIndex(userId), ":now", Ids.sortable(now)))
                .scanIndexForward(when == When.UPCOMING)
                .build();
        return PagedQuery.run(table.dynamo(), cursors, "my-enrolments|" + userId + "|" + when, cursor, limit, query, ENROLMENT::mapToItem);
    }

    List<Enrolment> upcomingEnrolmentsOf(String userId, Instant now) {
        return all(enrolments.index(TrainingTable.GSI1).query(r -> r.queryConditional(QueryConditional.sortGreaterThanOrEqualTo(
                key(TrainingTable.traineeIndex(userId), Ids.sortable(now))))));
    }

    // ------------------------------------------------------------------ attendance and completions

    /**
     * Marks a confirmed enrolment attended and, when {@code completion} is given, makes it the
     * person's latest completion of the course (unless a later one was recorded meanwhile).
     */
    void recordAttendance(Enrolment enrolment, Completion completion, Instant now, String by) {
        TransactionWrites tx = table.transaction()
                .update(TrainingTable.enrolmentKey(enrolment.sessionId(), enrolment.userId()),
                        "SET #s = :attended, attendedAt = :at, attendanceBy = :by",
                        Condition.of("#s = :confirmed", STATUS, Attributes.values(":attended", EnrolmentStatus.ATTENDED.toString(),
                                ":confirmed", EnrolmentStatus.CONFIRMED.toString(), ":at", Ids.sortable(now), ":by", by)),
                        Contended::new);
        if (completion != null) {
            tx.put(COMPLETION, completion,
                    Condition.of("attribute_not_exists(PK) OR completedOn <= :completedOn", Map.of(),
                            Attributes.values(":completedOn", completion.completedOn().toString())),
                    Contended::new);
        }
        tx.execute();
    }

    Optional<Completion> findCompletion(String userId, String courseId) {
        return table.get(COMPLETION, TrainingTable.completionKey(userId, courseId));
    }

    /** A person's profile and latest completions, from their partition. */
    /** @param dueBy per course, the date a joiner must have completed it by (their mandatory-course assignments) */
    record Trainee(TraineeProfile profile, Map<String, Completion> completions, Map<String, java.time.LocalDate> dueBy) {}

    /** One Query of the person's partition; its items are of three types, each decoded by its own schema. */
    Trainee trainee(String userId) {
        QueryRequest query = QueryRequest.builder().tableName(table.name()).consistentRead(true)
                .keyConditionExpression("PK = :pk")
                .expressionAttributeValues(Attributes.values(":pk", TrainingTable.traineePartition(userId))).build();
        TraineeProfile profile = null;
        Map<String, Completion> completions = new LinkedHashMap<>();
        Map<String, java.time.LocalDate> dueBy = new LinkedHashMap<>();
        for (Map<String, AttributeValue> item : table.dynamo().queryPaginator(query).items()) {
            String sk = item.get("SK").s();
            if (sk.equals(TrainingTable.PROFILE_SK)) {
                profile = PROFILE.mapToItem(item);
            } else if (sk.startsWith(TrainingTable.COMPLETIONS)) {
                Completion c = COMPLETION.mapToItem(item);
                completions.put(c.courseId(), c);
            } else if (sk.startsWith(PeopleReactions.ASSIGNED)) {
                PeopleReactions.Assignment a = PeopleReactions.ASSIGNMENT.mapToItem(item);
                dueBy.put(a.courseId(), a.dueOn());
            }
        }
        return new Trainee(profile, completions, dueBy);
    }

    void putProfile(TraineeProfile profile) {
        table.put(PROFILE, profile);
    }

    /** Everyone training knows of, or those of one department. */
    List<TraineeProfile> profiles(String department) {
        QueryConditional which = department == null ? partition(TrainingTable.TRAINEES)
                : QueryConditional.sortBeginsWith(key(TrainingTable.TRAINEES, TrainingTable.departmentPrefix(department)));
        return all(table.of(PROFILE).index(TrainingTable.GSI3).query(r -> r.queryConditional(which))).stream()
                .filter(p -> department == null || department.equals(p.department())).toList();
    }

    /** Latest completions for the (user, course) pairs asked, keyed {@code userId + "/" + courseId}. */
    Map<String, Completion> completions(Collection<String[]> userAndCourse) {
        Map<String, Completion> out = new HashMap<>();
        table.batchGet(COMPLETION, userAndCourse.stream().map(p -> TrainingTable.completionKey(p[0], p[1])).toList())
                .forEach(c -> out.put(c.userId() + "/" + c.courseId(), c));
        return out;
    }

    /** Completions whose validity ends between the two days (inclusive), soonest first. */
    List<Completion> validUntilBetween(LocalDate from, LocalDate to) {
        return all(table.of(COMPLETION).index(TrainingTable.GSI4).query(r -> r.queryConditional(QueryConditional.sortBetween(
                key(TrainingTable.EXPIRY, from.toString()), key(TrainingTable.EXPIRY, to + "#~")))));
    }

    // ------------------------------------------------------------------ helpers

    private static final Map<String, String> STATUS = Map.of("#s", "status");

    private TransactionWrites enrolmentPut(Enrolment enrolment) {
        return table.transaction().put(ENROLMENT, enrolment,
                Condition.of("attribute_not_exists(PK) OR #s = :cancelled", STATUS,
                        Attributes.values(":cancelled", EnrolmentStatus.CANCELLED.toString())),
                () -> alreadyEnrolled(enrolment.userId()));
    }

    private static TransactionWrites withProfile(TransactionWrites tx, TraineeProfile profile) {
        return profile == null ? tx : tx.put(PROFILE, profile);
    }

    private void cancelEnrolment(TransactionWrites tx, Enrolment enrolment, EnrolmentStatus expected, Instant now, String by) {
        Map<String, AttributeValue> values = Attributes.values(":cancelled", EnrolmentStatus.CANCELLED.toString(),
                ":expected", expected.toString(), ":at", Ids.sortable(now), ":by", by);
        String condition = "#s = :expected";
        if (expected == EnrolmentStatus.WAITLISTED) {
            condition += " AND waitlistPosition = :position";
            values.put(":position", Attributes.n(enrolment.waitlistPosition()));
        }
        tx.update(TrainingTable.enrolmentKey(enrolment.sessionId(), enrolment.userId()),
                "SET #s = :cancelled, cancelledAt = :at, cancelledBy = :by REMOVE GSI1PK, GSI1SK, waitlistPosition",
                Condition.of(condition, STATUS, values), Contended::new);
    }

    static ApiException alreadyEnrolled(String userId) {
        return new ApiException.Conflict("ALREADY_ENROLLED", userId + " is already enrolled in this session");
    }

    private DynamoDbIndex<Session> sessionIndex(String name) {
        return table.of(SESSION).index(name);
    }

    private static Key key(String partition, String sort) {
        return Key.builder().partitionValue(partition).sortValue(sort).build();
    }

    private static QueryConditional partition(String value) {
        return QueryConditional.keyEqualTo(Key.builder().partitionValue(value).build());
    }

    private static QueryConditional inSession(String sessionId, String sortKeyPrefix) {
        return QueryConditional.sortBeginsWith(key(TrainingTable.sessionPartition(sessionId), sortKeyPrefix));
    }

    private static <T> List<T> all(SdkIterable<software.amazon.awssdk.enhanced.dynamodb.model.Page<T>> pages) {
        return pages.stream().flatMap(page -> page.items().stream()).toList();
    }
}
