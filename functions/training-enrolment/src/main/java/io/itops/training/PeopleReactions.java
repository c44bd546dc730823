package io.itops.training;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;

import com.fasterxml.jackson.databind.JsonNode;
import io.itops.shared.auth.Caller;
import io.itops.shared.auth.Role;
import io.itops.shared.error.ApiException;
import io.itops.shared.events.BusEvent;
import io.itops.shared.events.EventSink;
import io.itops.shared.events.Notice;
import io.itops.shared.observability.Log;
import io.itops.shared.store.Attributes;
import io.itops.shared.store.SingleTable;
import io.itops.training.Statuses.EnrolmentStatus;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * What the directory's PersonJoined / PersonMoved / PersonLeft events change in training: its own
 * projection of people (so compliance counts everyone active, engaged or not), a joiner's mandatory
 * courses with a due date N days after their start, and a leaver's future enrolments cancelled
 * through the ordinary cancel path (seat freed, waitlist promoted). Redeliveries are skipped by
 * the dispatcher's dedupe; each write here is also safe to repeat.
 */
final class PeopleReactions {
    static final String JOINED = "PersonJoined";
    static final String MOVED = "PersonMoved";
    static final String LEFT = "PersonLeft";
    static final String NOTICE_ASSIGNED = "TrainingAssigned";
    /** Who the directory's reactions act as, in cancelledBy and events. */
    static final Caller DIRECTORY = new Caller("people-directory", null, null, null, Role.STAFF, Set.of());

    /** A mandatory course a joiner must complete by {@code dueOn}: {@code TRAINEE#<user>} / {@code ASSIGNED#<course>}. */
    record Assignment(String userId, String courseId, String courseCode, LocalDate dueOn, Instant assignedAt) {
        static final class Builder {
            private String userId;
            private String courseId;
            private String courseCode;
            private LocalDate dueOn;
            private Instant assignedAt;

            Builder userId(String v) { userId = v; return this; }
            Builder courseId(String v) { courseId = v; return this; }
            Builder courseCode(String v) { courseCode = v; return this; }
            Builder dueOn(LocalDate v) { dueOn = v; return this; }
            Builder assignedAt(Instant v) { assignedAt = v; return this; }

            Assignment build() {
                return new Assignment(userId, courseId, courseCode, dueOn, assignedAt);
            }
        }
    }

    static final String ASSIGNED = "ASSIGNED#";

    static final TableSchema<Assignment> ASSIGNMENT = StaticImmutableTableSchema.builder(Assignment.class, Assignment.Builder.class)
            .newItemBuilder(Assignment.Builder::new, Assignment.Builder::build)
            .addAttribute(String.class, a -> a.name("PK").getter(x -> TrainingTable.traineePartition(x.userId())).setter((b, v) -> {}).tags(primaryPartitionKey()))
            .addAttribute(String.class, a -> a.name("SK").getter(x -> ASSIGNED + x.courseId()).setter((b, v) -> {}).tags(primarySortKey()))
            .addAttribute(String.class, a -> a.name("type").getter(x -> "Assignment").setter((b, v) -> {}))
            .addAttribute(String.class, a -> a.name("userId").getter(Assignment::userId).setter(Assignment.Builder::userId))
            .addAttribute(String.class, a -> a.name("courseId").getter(Assignment::courseId).setter(Assignment.Builder::courseId))
            .addAttribute(String.class, a -> a.name("courseCode").getter(Assignment::courseCode).setter(Assignment.Builder::courseCode))
            .addAttribute(LocalDate.class, a -> a.name("dueOn").getter(Assignment::dueOn).setter(Assignment.Builder::dueOn))
            .addAttribute(Instant.class, a -> a.name("assignedAt").getter(Assignment::assignedAt).setter(Assignment.Builder::assignedAt))
            .build();

    private final SingleTable table;
    private final TrainingStore store;
    private final TrainingService training;
    private final EventSink events;
    private final Clock clock;
    private final TrainingConfig config;

    PeopleReactions(SingleTable table, TrainingStore store, TrainingService training, EventSink events, Clock clock, TrainingConfig config) {
        this.table = table;
        this.store = store;
        this.training = training;
        this.events = events;
        this.clock = clock;
        this.config = config;
    }

    void handle(BusEvent event) {
        JsonNode person = event.detail().path("person");
        String userId = text(person, "personId");
        if (userId == null || !TrainingRules.USER.matcher(userId).matches()) {
            Log.warn("person event without a usable personId; ignored", "detailType", event.detailType());
            return;
        }
        String department = text(person, "department");
        String status = text(person, "status");
        store.putProfile(new TraineeProfile(userId, department, clock.instant(), status == null ? "active" : status));
        switch (event.detailType()) {
            case JOINED -> assignMandatory(userId, department, date(person, "startDate"));
            case LEFT -> cancelFutureEnrolments(userId);
            default -> { }
        }
    }

    private void assignMandatory(String userId, String department, LocalDate start) {
        Instant now = clock.instant();
        LocalDate dueOn = (start == null ? LocalDate.ofInstant(now, config.zone()) : start).plusDays(config.joinerDueDays());
        List<Course> courses = store.allCourses().stream().filter(Course::mandatory).filter(c -> c.audience().includes(department)).toList();
        int added = 0;
        for (Course c : courses) {
            try {
                table.of(ASSIGNMENT).putItem(r -> r.item(new Assignment(userId, c.courseId(), c.code(), dueOn, now))
                        .conditionExpression(software.amazon.awssdk.enhanced.dynamodb.Expression.builder()
                                .expression("attribute_not_exists(PK)").build()));
                added++;
            } catch (ConditionalCheckFailedException already) {
                // assigned by an earlier delivery
            }
        }
        if (added > 0) {
            String list = String.join(", ", courses.stream().map(c -> c.title() + " (" + c.code() + ")").toList());
            events.publish(new Notice(NOTICE_ASSIGNED, userId, List.of(userId), department,
                    "Welcome! Your mandatory training, due by " + dueOn + ": " + list + ". Send `courses` to enrol.",
                    "欢迎加入！您的必修培训（截止 " + dueOn + "）：" + list + "。发送 `courses` 报名。").event());
        }
    }

    private void cancelFutureEnrolments(String userId) {
        for (Enrolment e : store.upcomingEnrolmentsOf(userId, clock.instant())) {
            if (e.status() != EnrolmentStatus.CONFIRMED && e.status() != EnrolmentStatus.WAITLISTED) {
                continue;
            }
            try {
                training.cancelEnrolment(e.sessionId(), userId, DIRECTORY);
            } catch (ApiException.NotFound | ApiException.Conflict | ApiException.Unprocessable gone) {
                // cancelled, started or closed meanwhile: nothing left to free
                Log.info("leaver's enrolment not cancelled", "sessionId", e.sessionId(), "reason", gone.code());
            }
        }
    }

    /** The assignments of one person (tests and /me views). */
    List<Assignment> assignments(String userId) {
        return table.of(ASSIGNMENT).query(r -> r.queryConditional(software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional.sortBeginsWith(
                software.amazon.awssdk.enhanced.dynamodb.Key.builder().partitionValue(TrainingTable.traineePartition(userId)).sortValue(ASSIGNED).build())))
                .items().stream().toList();
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isTextual() && !v.asText().isBlank() ? v.asText() : null;
    }

    private static LocalDate date(JsonNode node, String field) {
        String v = text(node, field);
        try {
            return v == null ? null : LocalDate.parse(v);
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }
}
