package io.itops.training;

import io.itops.shared.error.ApiException;
import io.itops.shared.store.CursorCodec;
import io.itops.shared.store.Item;
import io.itops.shared.store.Page;
import io.itops.shared.store.PagedQuery;
import io.itops.shared.store.TransactionWrites;
import io.itops.shared.store.TransactionWrites.Condition;
import io.itops.training.Statuses.EnrolmentStatus;
import io.itops.training.Statuses.SessionStatus;
import io.itops.training.Statuses.When;
import io.itops.training.TrainingItems.WaitlistEntry;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * DynamoDB access for training. Seats are counted only inside transactions whose conditions
 * re-check what the service decided from its reads (a seat is still free, the session still full,
 * the person promoted still first), so a concurrent change cancels the transaction
 * instead of over-booking; the service then reads again and decides again ({@link Contended}).
 * AWS exceptions stop here, translated into domain errors.
 */
final class TrainingStore {
    private static final int BATCH_GET = 100;
    private final DynamoDbClient dynamo;
    private final String table;
    private final CursorCodec cursors;

    /** A transaction lost a race with another change to the same session: read again and decide again. */
    static final class Contended extends RuntimeException {
        Contended() {
            super("contended", null, false, false);
        }
    }

    TrainingStore(DynamoDbClient dynamo, String table, CursorCodec cursors) {
        this.dynamo = dynamo;
        this.table = table;
        this.cursors = cursors;
    }

    // ------------------------------------------------------------------ courses

    void createCourse(Course course) {
        new TransactionWrites(table)
                .put(TrainingItems.course(course), Condition.notExists(),
                        () -> new ApiException.Conflict("COURSE_EXISTS", "Course id already used"))
                .put(TrainingItems.code(course.code(), course.courseId()), Condition.notExists(),
                        () -> new ApiException.Conflict("COURSE_CODE_TAKEN", "Course code " + course.code() + " is already used",
                                Map.of("field", "code")))
                .execute(dynamo);
    }

    Optional<Course> findCourse(String courseId) {
        return get(TrainingItems.courseKey(courseId)).map(TrainingItems::course);
    }

    void updateCourse(Course before, Course after) {
        new TransactionWrites(table)
                .put(TrainingItems.course(after), Condition.of("version = :expected", Map.of(), Item.values(":expected", before.version())),
                        () -> new ApiException.Conflict("VERSION_CONFLICT",
                                "The course changed since version " + before.version() + "; read it again and retry",
                                Map.of("expectedVersion", before.version())))
                .execute(dynamo);
    }

    Page<Course> courses(Boolean mandatory, String audience, int limit, String cursor) {
        List<String> filters = new ArrayList<>();
        Map<String, AttributeValue> values = Item.values(":pk", TrainingItems.COURSES);
        if (mandatory != null) {
            filters.add("mandatory = :mandatory");
            values.put(":mandatory", AttributeValue.fromBool(mandatory));
        }
        if (audience != null) {
            filters.add("(audienceScope = :all OR contains(departments, :department))");
            values.put(":all", Item.s("all"));
            values.put(":department", Item.s(audience));
        }
        QueryRequest.Builder query = QueryRequest.builder().tableName(table).indexName("GSI1")
                .keyConditionExpression("GSI1PK = :pk").expressionAttributeValues(values);
        if (!filters.isEmpty()) {
            query.filterExpression(String.join(" AND ", filters));
        }
        return PagedQuery.run(dynamo, cursors, "courses|" + mandatory + "|" + audience, cursor, limit, query.build(), TrainingItems::course);
    }

    List<Course> allCourses() {
        return all(QueryRequest.builder().tableName(table).indexName("GSI1")
                .keyConditionExpression("GSI1PK = :pk")
                .expressionAttributeValues(Item.values(":pk", TrainingItems.COURSES)).build(), TrainingItems::course);
    }

    // ------------------------------------------------------------------ sessions

    void createSession(Session session) {
        new TransactionWrites(table)
                .conditionCheck(TrainingItems.courseKey(session.courseId()), Condition.of("attribute_exists(PK)"),
                        () -> new ApiException.NotFound("course", session.courseId()))
                .put(TrainingItems.session(session), Condition.notExists(),
                        () -> new ApiException.Conflict("SESSION_EXISTS", "Session id already used"))
                .execute(dynamo);
    }

    Optional<Session> findSession(String sessionId) {
        return get(TrainingItems.sessionKey(sessionId)).map(TrainingItems::session);
    }

    Page<Session> sessionsOfCourse(String courseId, When when, Instant now, int limit, String cursor) {
        QueryRequest.Builder query = QueryRequest.builder().tableName(table).indexName("GSI1");
        if (when == When.UPCOMING) {
            query.keyConditionExpression("GSI1PK = :pk AND GSI1SK >= :from")
                    .expressionAttributeValues(Item.values(":pk", TrainingItems.courseIndex(courseId),
                            ":from", "SESSION#" + TrainingItems.time(now)));
        } else {
            query.keyConditionExpression("GSI1PK = :pk AND GSI1SK BETWEEN :lo AND :hi")
                    .expressionAttributeValues(Item.values(":pk", TrainingItems.courseIndex(courseId),
                            ":lo", "SESSION#", ":hi", "SESSION#" + TrainingItems.time(now)))
                    .scanIndexForward(false);
        }
        return PagedQuery.run(dynamo, cursors, "sessions|" + courseId + "|" + when, cursor, limit, query.build(), TrainingItems::session);
    }

    /** The first upcoming sessions of a course that are scheduled and still open for enrolment. */
    List<Session> openSessionsOfCourse(String courseId, Instant now, int max) {
        QueryRequest query = QueryRequest.builder().tableName(table).indexName("GSI1")
                .keyConditionExpression("GSI1PK = :pk AND GSI1SK >= :from")
                .filterExpression("#s = :scheduled AND closesAt > :now")
                .expressionAttributeNames(Map.of("#s", "status"))
                .expressionAttributeValues(Item.values(":pk", TrainingItems.courseIndex(courseId),
                        ":from", "SESSION#" + TrainingItems.time(now), ":scheduled", SessionStatus.SCHEDULED.toString(),
                        ":now", TrainingItems.time(now)))
                .build();
        List<Session> out = new ArrayList<>();
        for (var page : dynamo.queryPaginator(query)) {
            page.items().forEach(i -> out.add(TrainingItems.session(Item.of(i))));
            if (out.size() >= max) {
                break;
            }
        }
        return out.size() > max ? out.subList(0, max) : out;
    }

    List<Session> sessionsStartingBetween(Instant from, Instant to) {
        return all(QueryRequest.builder().tableName(table).indexName("GSI2")
                .keyConditionExpression("GSI2PK = :pk AND GSI2SK BETWEEN :from AND :to")
                .expressionAttributeValues(Item.values(":pk", TrainingItems.SESSIONS,
                        ":from", TrainingItems.time(from), ":to", TrainingItems.time(to) + "~"))
                .build(), TrainingItems::session);
    }

    /** Sessions by id, for lists that show each enrolment's session state (one BatchGetItem per 100). */
    Map<String, Session> sessions(Collection<String> sessionIds) {
        Map<String, Session> out = new HashMap<>();
        batchGet(sessionIds.stream().distinct().map(TrainingItems::sessionKey).toList())
                .forEach(i -> out.put(i.string("sessionId"), TrainingItems.session(i)));
        return out;
    }

    void cancelSession(Session before, Session after, Instant now) {
        Map<String, AttributeValue> values = Item.values(":cancelled", SessionStatus.CANCELLED.toString(),
                ":scheduled", SessionStatus.SCHEDULED.toString(), ":reason", after.cancelReason(),
                ":at", TrainingItems.time(after.cancelledAt()), ":by", after.cancelledBy(), ":one", 1, ":now", TrainingItems.time(now));
        new TransactionWrites(table)
                .update(TrainingItems.sessionKey(before.sessionId()),
                        "SET #s = :cancelled, cancelReason = :reason, cancelledAt = :at, cancelledBy = :by, version = version + :one",
                        Condition.of("#s = :scheduled AND startsAt > :now", STATUS, values), Contended::new)
                .execute(dynamo);
    }

    // ------------------------------------------------------------------ enrolment

    Optional<Enrolment> findEnrolment(String sessionId, String userId) {
        return get(TrainingItems.enrolmentKey(sessionId, userId)).map(TrainingItems::enrolment);
    }

    /** The first person on the waitlist: the lowest position, read consistently from the session's partition. */
    Optional<WaitlistEntry> firstWaitlisted(String sessionId) {
        List<Map<String, AttributeValue>> items = dynamo.query(r -> r.tableName(table).consistentRead(true).limit(1)
                .keyConditionExpression("PK = :pk AND begins_with(SK, :prefix)")
                .expressionAttributeValues(Item.values(":pk", TrainingItems.sessionPartition(sessionId), ":prefix", TrainingItems.WAITLIST)))
                .items();
        return items.isEmpty() ? Optional.empty() : Optional.of(TrainingItems.waitlistEntry(Item.of(items.getFirst())));
    }

    /** Takes a free seat: only while one is free and nobody waits. */
    void enrolConfirmed(Session session, Enrolment enrolment, TraineeProfile profile, Instant now) {
        TransactionWrites tx = enrolmentPut(enrolment);
        tx.update(TrainingItems.sessionKey(session.sessionId()),
                "SET confirmed = confirmed + :one, version = version + :one",
                Condition.of("#s = :scheduled AND closesAt > :now AND confirmed < seatCapacity AND waitlisted = :zero", STATUS,
                        Item.values(":one", 1, ":zero", 0, ":scheduled", SessionStatus.SCHEDULED.toString(), ":now", TrainingItems.time(now))),
                Contended::new);
        withProfile(tx, profile).execute(dynamo);
    }

    /**
     * Takes the next waitlist position from the session's counter (an atomic increment, so every
     * caller gets its own). Taking one decides nothing: {@link #enrolWaitlisted} re-checks that the
     * session is full. A position whose transaction then fails is simply never used.
     */
    long reservePosition(String sessionId) {
        return Long.parseLong(dynamo.updateItem(r -> r.tableName(table).key(TrainingItems.sessionKey(sessionId))
                .updateExpression("SET waitlistNext = waitlistNext + :one")
                .conditionExpression("attribute_exists(PK)")
                .expressionAttributeValues(Item.values(":one", 1))
                .returnValues(ReturnValue.UPDATED_OLD)).attributes().get("waitlistNext").n());
    }

    /** Joins the waitlist at a reserved position: only while the session is full (no free seat, or others already wait). */
    void enrolWaitlisted(Session session, Enrolment enrolment, TraineeProfile profile, Instant now) {
        long position = enrolment.waitlistPosition();
        TransactionWrites tx = enrolmentPut(enrolment);
        tx.update(TrainingItems.sessionKey(session.sessionId()),
                "SET waitlisted = waitlisted + :one, version = version + :one",
                Condition.of("#s = :scheduled AND closesAt > :now AND (confirmed >= seatCapacity OR waitlisted > :zero)",
                        STATUS, Item.values(":one", 1, ":zero", 0,
                                ":scheduled", SessionStatus.SCHEDULED.toString(), ":now", TrainingItems.time(now))),
                Contended::new);
        tx.put(TrainingItems.waitlistEntry(session.sessionId(), position, enrolment.userId()), Condition.notExists(), Contended::new);
        withProfile(tx, profile).execute(dynamo);
    }

    /** Gives up a seat nobody waits for. */
    void cancelConfirmed(Session session, Enrolment enrolment, Instant now, String by) {
        TransactionWrites tx = new TransactionWrites(table);
        cancelEnrolment(tx, enrolment, EnrolmentStatus.CONFIRMED, now, by);
        tx.update(TrainingItems.sessionKey(session.sessionId()),
                "SET confirmed = confirmed - :one, version = version + :one",
                Condition.of("#s = :scheduled AND startsAt > :now AND waitlisted = :zero", STATUS,
                        Item.values(":one", 1, ":zero", 0, ":scheduled", SessionStatus.SCHEDULED.toString(), ":now", TrainingItems.time(now))),
                Contended::new);
        tx.execute(dynamo);
    }

    /**
     * Gives up a seat and hands it to {@code first} in the same transaction. {@code session} was read
     * before the waitlist was queried, so the version condition fails if anyone joined or left the
     * waitlist since (someone holding an earlier position might have committed late); the other
     * conditions fail if {@code first} left it.
     */
    void cancelConfirmedAndPromote(Session session, Enrolment enrolment, WaitlistEntry first, Instant now, String by) {
        TransactionWrites tx = new TransactionWrites(table);
        cancelEnrolment(tx, enrolment, EnrolmentStatus.CONFIRMED, now, by);
        tx.delete(TrainingItems.waitlistKey(session.sessionId(), first.position()),
                Condition.of("userId = :user", Map.of(), Item.values(":user", first.userId())), Contended::new);
        tx.update(TrainingItems.enrolmentKey(session.sessionId(), first.userId()),
                "SET #s = :confirmed, confirmedAt = :at REMOVE waitlistPosition",
                Condition.of("#s = :waitlisted AND waitlistPosition = :position", STATUS,
                        Item.values(":confirmed", EnrolmentStatus.CONFIRMED.toString(), ":waitlisted", EnrolmentStatus.WAITLISTED.toString(),
                                ":position", first.position(), ":at", TrainingItems.time(now))),
                Contended::new);
        tx.update(TrainingItems.sessionKey(session.sessionId()),
                "SET waitlisted = waitlisted - :one, version = version + :one",
                Condition.of("#s = :scheduled AND startsAt > :now AND version = :version", STATUS,
                        Item.values(":one", 1, ":scheduled", SessionStatus.SCHEDULED.toString(), ":now", TrainingItems.time(now),
                                ":version", session.version())),
                Contended::new);
        tx.execute(dynamo);
    }

    /** Leaves the waitlist. */
    void cancelWaitlisted(Session session, Enrolment enrolment, Instant now, String by) {
        TransactionWrites tx = new TransactionWrites(table);
        cancelEnrolment(tx, enrolment, EnrolmentStatus.WAITLISTED, now, by);
        tx.delete(TrainingItems.waitlistKey(session.sessionId(), enrolment.waitlistPosition()),
                Condition.of("userId = :user", Map.of(), Item.values(":user", enrolment.userId())), Contended::new);
        tx.update(TrainingItems.sessionKey(session.sessionId()),
                "SET waitlisted = waitlisted - :one, version = version + :one",
                Condition.of("#s = :scheduled AND startsAt > :now", STATUS,
                        Item.values(":one", 1, ":scheduled", SessionStatus.SCHEDULED.toString(), ":now", TrainingItems.time(now))),
                Contended::new);
        tx.execute(dynamo);
    }

    Page<Enrolment> enrolments(String sessionId, EnrolmentStatus status, int limit, String cursor) {
        QueryRequest.Builder query = QueryRequest.builder().tableName(table)
                .keyConditionExpression("PK = :pk AND begins_with(SK, :prefix)");
        Map<String, AttributeValue> values = Item.values(":pk", TrainingItems.sessionPartition(sessionId), ":prefix", TrainingItems.ENROLMENT);
        if (status != null) {
            query.filterExpression("#s = :status").expressionAttributeNames(STATUS);
            values.put(":status", Item.s(status.toString()));
        }
        query.expressionAttributeValues(values);
        return PagedQuery.run(dynamo, cursors, "enrolments|" + sessionId + "|" + status, cursor, limit, query.build(), TrainingItems::enrolment);
    }

    List<Enrolment> allEnrolments(String sessionId) {
        return all(QueryRequest.builder().tableName(table).consistentRead(true)
                .keyConditionExpression("PK = :pk AND begins_with(SK, :prefix)")
                .expressionAttributeValues(Item.values(":pk", TrainingItems.sessionPartition(sessionId), ":prefix", TrainingItems.ENROLMENT))
                .build(), TrainingItems::enrolment);
    }

    List<WaitlistEntry> waitlist(String sessionId) {
        return all(QueryRequest.builder().tableName(table).consistentRead(true)
                .keyConditionExpression("PK = :pk AND begins_with(SK, :prefix)")
                .expressionAttributeValues(Item.values(":pk", TrainingItems.sessionPartition(sessionId), ":prefix", TrainingItems.WAITLIST))
                .build(), TrainingItems::waitlistEntry);
    }

    /** A person's enrolments that are not cancelled: upcoming soonest first, or past latest first. */
    Page<Enrolment> enrolmentsOf(String userId, When when, Instant now, int limit, String cursor) {
        return PagedQuery.run(dynamo, cursors, "my-enrolments|" + userId + "|" + when, cursor, limit,
                traineeEnrolments(userId, when, now), TrainingItems::enrolment);
    }

    List<Enrolment> upcomingEnrolmentsOf(String userId, Instant now) {
        return all(traineeEnrolments(userId, When.UPCOMING, now), TrainingItems::enrolment);
    }

    private QueryRequest traineeEnrolments(String userId, When when, Instant now) {
        return QueryRequest.builder().tableName(table).indexName("GSI1")
                .keyConditionExpression(when == When.UPCOMING ? "GSI1PK = :pk AND GSI1SK >= :now" : "GSI1PK = :pk AND GSI1SK < :now")
                .expressionAttributeValues(Item.values(":pk", TrainingItems.traineeIndex(userId), ":now", TrainingItems.time(now)))
                .scanIndexForward(when == When.UPCOMING)
                .build();
    }

    // ------------------------------------------------------------------ attendance and completions

    /**
     * Marks a confirmed enrolment attended and, when {@code completion} is given, makes it the
     * person's latest completion of the course (unless a later one was recorded meanwhile).
     */
    void recordAttendance(Enrolment enrolment, Completion completion, Instant now, String by) {
        TransactionWrites tx = new TransactionWrites(table)
                .update(TrainingItems.enrolmentKey(enrolment.sessionId(), enrolment.userId()),
                        "SET #s = :attended, attendedAt = :at, attendanceBy = :by",
                        Condition.of("#s = :confirmed", STATUS, Item.values(":attended", EnrolmentStatus.ATTENDED.toString(),
                                ":confirmed", EnrolmentStatus.CONFIRMED.toString(), ":at", TrainingItems.time(now), ":by", by)),
                        Contended::new);
        if (completion != null) {
            tx.put(TrainingItems.completion(completion),
                    Condition.of("attribute_not_exists(PK) OR completedOn <= :completedOn", Map.of(),
                            Item.values(":completedOn", completion.completedOn().toString())),
                    Contended::new);
        }
        tx.execute(dynamo);
    }

    Optional<Completion> findCompletion(String userId, String courseId) {
        return get(TrainingItems.completionKey(userId, courseId)).map(TrainingItems::completion);
    }

    /** A person's profile and latest completions, from their partition. */
    record Trainee(TraineeProfile profile, Map<String, Completion> completions) {}

    Trainee trainee(String userId) {
        List<Item> items = all(QueryRequest.builder().tableName(table).consistentRead(true)
                .keyConditionExpression("PK = :pk")
                .expressionAttributeValues(Item.values(":pk", TrainingItems.traineePartition(userId))).build(), i -> i);
        TraineeProfile profile = null;
        Map<String, Completion> completions = new LinkedHashMap<>();
        for (Item i : items) {
            String sk = i.string("SK");
            if (sk.equals("PROFILE")) {
                profile = TrainingItems.profile(i);
            } else if (sk.startsWith(TrainingItems.COMPLETION)) {
                Completion c = TrainingItems.completion(i);
                completions.put(c.courseId(), c);
            }
        }
        return new Trainee(profile, completions);
    }

    void putProfile(TraineeProfile profile) {
        dynamo.putItem(r -> r.tableName(table).item(TrainingItems.profile(profile).values()));
    }

    /** Everyone training knows of, or those of one department. */
    List<TraineeProfile> profiles(String department) {
        QueryRequest.Builder query = QueryRequest.builder().tableName(table).indexName("GSI3");
        if (department == null) {
            query.keyConditionExpression("GSI3PK = :pk").expressionAttributeValues(Item.values(":pk", TrainingItems.TRAINEES));
        } else {
            query.keyConditionExpression("GSI3PK = :pk AND begins_with(GSI3SK, :prefix)")
                    .expressionAttributeValues(Item.values(":pk", TrainingItems.TRAINEES, ":prefix", TrainingItems.departmentPrefix(department)));
        }
        return all(query.build(), TrainingItems::profile).stream()
                .filter(p -> department == null || department.equals(p.department())).toList();
    }

    /** Latest completions for the (user, course) pairs asked, keyed {@code userId + "/" + courseId}. */
    Map<String, Completion> completions(Collection<String[]> userAndCourse) {
        Map<String, Completion> out = new HashMap<>();
        batchGet(userAndCourse.stream().map(p -> TrainingItems.completionKey(p[0], p[1])).toList()).forEach(i -> {
            Completion c = TrainingItems.completion(i);
            out.put(c.userId() + "/" + c.courseId(), c);
        });
        return out;
    }

    /** Completions whose validity ends between the two days (inclusive), soonest first. */
    List<Completion> validUntilBetween(LocalDate from, LocalDate to) {
        return all(QueryRequest.builder().tableName(table).indexName("GSI4")
                .keyConditionExpression("GSI4PK = :pk AND GSI4SK BETWEEN :from AND :to")
                .expressionAttributeValues(Item.values(":pk", TrainingItems.EXPIRY, ":from", from.toString(), ":to", to + "#~"))
                .build(), TrainingItems::completion);
    }

    // ------------------------------------------------------------------ helpers

    private static final Map<String, String> STATUS = Map.of("#s", "status");

    private TransactionWrites enrolmentPut(Enrolment enrolment) {
        return new TransactionWrites(table).put(TrainingItems.enrolment(enrolment),
                Condition.of("attribute_not_exists(PK) OR #s = :cancelled", STATUS,
                        Item.values(":cancelled", EnrolmentStatus.CANCELLED.toString())),
                () -> alreadyEnrolled(enrolment.userId()));
    }

    private static TransactionWrites withProfile(TransactionWrites tx, TraineeProfile profile) {
        return profile == null ? tx : tx.put(TrainingItems.profile(profile));
    }

    private void cancelEnrolment(TransactionWrites tx, Enrolment enrolment, EnrolmentStatus expected, Instant now, String by) {
        Map<String, AttributeValue> values = Item.values(":cancelled", EnrolmentStatus.CANCELLED.toString(),
                ":expected", expected.toString(), ":at", TrainingItems.time(now), ":by", by);
        String condition = "#s = :expected";
        if (expected == EnrolmentStatus.WAITLISTED) {
            condition += " AND waitlistPosition = :position";
            values.put(":position", Item.n(enrolment.waitlistPosition()));
        }
        tx.update(TrainingItems.enrolmentKey(enrolment.sessionId(), enrolment.userId()),
                "SET #s = :cancelled, cancelledAt = :at, cancelledBy = :by REMOVE GSI1PK, GSI1SK, waitlistPosition",
                Condition.of(condition, STATUS, values), Contended::new);
    }

    static ApiException alreadyEnrolled(String userId) {
        return new ApiException.Conflict("ALREADY_ENROLLED", userId + " is already enrolled in this session");
    }

    private Optional<Item> get(Map<String, AttributeValue> key) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).key(key).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(Item.of(item));
    }

    private <T> List<T> all(QueryRequest query, Function<Item, T> mapper) {
        List<T> out = new ArrayList<>();
        dynamo.queryPaginator(query).items().forEach(i -> out.add(mapper.apply(Item.of(i))));
        return out;
    }

    private List<Item> batchGet(List<Map<String, AttributeValue>> keys) {
        List<Item> out = new ArrayList<>();
        for (int start = 0; start < keys.size(); start += BATCH_GET) {
            List<Map<String, AttributeValue>> pending = keys.subList(start, Math.min(keys.size(), start + BATCH_GET));
            for (int attempt = 0; !pending.isEmpty(); attempt++) {
                if (attempt == 5) {
                    throw new ApiException.Unavailable("The table is busy; retry shortly.", Duration.ofSeconds(1));
                }
                List<Map<String, AttributeValue>> asking = pending;
                BatchGetItemResponse response = dynamo.batchGetItem(r -> r.requestItems(
                        Map.of(table, KeysAndAttributes.builder().keys(asking).consistentRead(true).build())));
                response.responses().getOrDefault(table, List.of()).forEach(i -> out.add(Item.of(i)));
                KeysAndAttributes unprocessed = response.unprocessedKeys().get(table);
                pending = unprocessed == null || !unprocessed.hasKeys() ? List.of() : unprocessed.keys();
                if (!pending.isEmpty()) {
                    pause(attempt);
                }
            }
        }
        return out;
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(20L << attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException.Unavailable("Interrupted; retry shortly.", Duration.ofSeconds(1));
        }
    }
}
