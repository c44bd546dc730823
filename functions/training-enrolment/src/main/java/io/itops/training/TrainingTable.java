package io.itops.training;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondarySortKey;

import io.itops.shared.store.Attributes;
import io.itops.shared.store.Ids;
import io.itops.shared.store.SortableInstant;
import io.itops.training.Statuses.AudienceScope;
import io.itops.training.Statuses.EnrolmentStatus;
import io.itops.training.Statuses.SessionStatus;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * How training's records sit in the one table (docs/table/training-enrolment.md), one schema per
 * item type: a session, its enrolments and its waitlist share the partition {@code SESSION#id}; a
 * person's profile and latest completions share {@code TRAINEE#user}; courses own {@code COURSE#id}
 * and their code. Key attributes are computed from the record and ignored when read. Instants are
 * stored fixed-width ({@link SortableInstant}), so text order is time order.
 */
final class TrainingTable {
    static final String GSI1 = "GSI1";
    static final String GSI2 = "GSI2";
    static final String GSI3 = "GSI3";
    static final String GSI4 = "GSI4";
    static final String COURSES = "COURSES";
    static final String SESSIONS = "SESSIONS";
    static final String TRAINEES = "TRAINING-TRAINEES";
    static final String EXPIRY = "TRAINING-EXPIRY";
    static final String ENROLMENTS = "ENROLMENT#";
    static final String WAITLIST = "WAITLIST#";
    static final String PROFILE_SK = "PROFILE";
    static final String COMPLETIONS = "COMPLETION#";
    private static final String CODE_PARTITION = "COURSE#CODE#";

    private TrainingTable() {}

    static final TableSchema<Course> COURSE = StaticImmutableTableSchema.builder(Course.class, Course.Builder.class)
            .newItemBuilder(Course::builder, Course.Builder::build)
            .addAttribute(String.class, a -> a.name("PK").getter(c -> coursePartition(c.courseId())).setter((b, v) -> {}).tags(primaryPartitionKey()))
            .addAttribute(String.class, a -> a.name("SK").getter(c -> "COURSE").setter((b, v) -> {}).tags(primarySortKey()))
            .addAttribute(String.class, a -> a.name("type").getter(c -> "Course").setter((b, v) -> {}))
            .addAttribute(String.class, a -> a.name("courseId").getter(Course::courseId).setter(Course.Builder::courseId))
            .addAttribute(String.class, a -> a.name("code").getter(Course::code).setter(Course.Builder::code))
            .addAttribute(String.class, a -> a.name("title").getter(Course::title).setter(Course.Builder::title))
            .addAttribute(String.class, a -> a.name("description").getter(Course::description).setter(Course.Builder::description))
            .addAttribute(Boolean.class, a -> a.name("mandatory").getter(Course::mandatory).setter((b, v) -> b.mandatory(Boolean.TRUE.equals(v))))
            .addAttribute(Integer.class, a -> a.name("validityMonths").getter(Course::validityMonths).setter(Course.Builder::validityMonths))
            .addAttribute(AudienceScope.class, a -> a.name("audienceScope").getter(c -> c.audience().scope()).setter(Course.Builder::audienceScope))
            // left out when empty, as it always was; a missing list reads as none
            .addAttribute(EnhancedType.listOf(String.class), a -> a.name("departments")
                    .getter(c -> c.audience().departments().isEmpty() ? null : c.audience().departments()).setter(Course.Builder::departments))
            .addAttribute(Long.class, a -> a.name("version").getter(Course::version).setter(Course.Builder::version))
            .addAttribute(Instant.class, a -> a.name("createdAt").getter(Course::createdAt).setter(Course.Builder::createdAt)
                    .attributeConverter(SortableInstant.CONVERTER))
            .addAttribute(String.class, a -> a.name("createdBy").getter(Course::createdBy).setter(Course.Builder::createdBy))
            .addAttribute(Instant.class, a -> a.name("updatedAt").getter(Course::updatedAt).setter(Course.Builder::updatedAt)
                    .attributeConverter(SortableInstant.CONVERTER))
            .addAttribute(String.class, a -> a.name("updatedBy").getter(Course::updatedBy).setter(Course.Builder::updatedBy))
            .addAttribute(String.class, a -> a.name("GSI1PK").getter(c -> COURSES).setter((b, v) -> {}).tags(secondaryPartitionKey(GSI1)))
            .addAttribute(String.class, a -> a.name("GSI1SK").getter(Course::code).setter((b, v) -> {}).tags(secondarySortKey(GSI1)))
            .build();

    /** The code is only in the key: reading the item gives it back from there. */
    static final TableSchema<CourseCode> COURSE_CODE = StaticImmutableTableSchema.builder(CourseCode.class, CourseCode.Builder.class)
            .newItemBuilder(CourseCode.Builder::new, CourseCode.Builder::build)
            .addAttribute(String.class, a -> a.name("PK").getter(c -> CODE_PARTITION + c.code())
                    .setter((b, v) -> b.code(v.substring(CODE_PARTITION.length()))).tags(primaryPartitionKey()))
            .addAttribute(String.class, a -> a.name("SK").getter(c -> "CODE").setter((b, v) -> {}).tags(primarySortKey()))
            .addAttribute(String.class, a -> a.name("type").getter(c -> "CourseCode").setter((b, v) -> {}))
            .addAttribute(String.class, a -> a.name("courseId").getter(CourseCode::courseId).setter(CourseCode.Builder::courseId))
            .build();

    static final TableSchema<Session> SESSION = StaticImmutableTableSchema.builder(Session.class, Session.Builder.class)
            .newItemBuilder(Session::builder, Session.Builder::build)
            .addAttribute(String.class, a -> a.name("PK").getter(s -> sessionPartition(s.sessionId())).setter((b, v) -> {}).tags(primaryPartitionKey()))
            .addAttribute(String.class, a -> a.name("SK").getter(s -> "SESSION").setter((b, v) -> {}).tags(primarySortKey()))
            .addAttribute(String.class, a -> a.name("type").getter(s -> "Session").setter((b, v) -> {}))
            .addAttribute(String.class, a -> a.name("sessionId").getter(Session::sessionId).setter(Session.Builder::sessionId))
            .addAttribute(String.class, a -> a.name("courseId").getter(Session::courseId).setter(Session.Builder::courseId))
            .addAttribute(String.class, a -> a.name("courseCode").getter(Session::courseCode).setter(Session.Builder::courseCode))
            .addAttribute(String.class, a -> a.name("courseTitle").getter(Session::courseTitle).setter(Session.Builder::courseTitle))
            .addAttribute(Instant.class, a -> a.name("startsAt").getter(Session::start).setter(Session.Builder::start)
                    .attributeConverter(SortableInstant.CONVERTER))
            .addAttribute(Instant.class, a -> a.name("endsAt").getter(Session::end).setter(Session.Builder::end)
                    .attributeConverter(SortableInstant.CONVERTER))
            .addAttribute(String.class, a -> a.name("timeZone").getter(Session::timeZone).setter(Session.Builder::timeZone))
            .addAttribute(String.class, a -> a.name("place").getter(Session::place).setter(Session.Builder::place))
            .addAttribute(String.class, a -> a.name("onlineLink").getter(Session::onlineLink).setter(Session.Builder::onlineLink))
            .addAttribute(String.class, a -> a.name("instructor").getter(Session::instructor).setter(Session.Builder::instructor))
            .addAttribute(Integer.class, a -> a.name("seatCapacity").getter(Session::capacity).setter(Session.Builder::capacity))
            .addAttribute(Integer.class, a -> a.name("confirmed").getter(Session::confirmed).setter(Session.Builder::confirmed))
            .addAttribute(Integer.class, a -> a.name("waitlisted").getter(Session::waitlisted).setter(Session.Builder::waitlisted))
            .addAttribute(Long.class, a -> a.name("waitlistNext").getter(Session::waitlistNext).setter(Session.Builder::waitlistNext))
            .addAttribute(Instant.class, a -> a.name("closesAt").getter(Session::enrolmentClosesAt).setter(Session.Builder::enrolmentClosesAt)
                    .attributeConverter(SortableInstant.CONVERTER))
            .addAttribute(SessionStatus.class, a -> a.name("status").getter(Session::status).setter(Session.Builder::status))
            .addAttribute(String.class, a -> a.name("cancelReason").getter(Session::cancelReason).setter(Session.Builder::cancelReason))
            .addAttribute(Instant.class, a -> a.name("cancelledAt").getter(Session::cancelledAt).setter(Session.Builder::cancelledAt)
                    .attributeConverter(SortableInstant.CONVERTER))
            .addAttribute(String.class, a -> a.name("cancelledBy").getter(Session::cancelledBy).setter(Session.Builder::cancelledBy))
            .addAttribute(Long.class, a -> a.name("version").getter(Session::version).setter(Session.Builder::version))
            .addAttribute(Instant.class, a -> a.name("createdAt").getter(Session::createdAt).setter(Session.Builder::createdAt)
                    .attributeConverter(SortableInstant.CONVERTER))
            .addAttribute(String.class, a -> a.name("createdBy").getter(Session::createdBy).setter(Session.Builder::createdBy))
            .addAttribute(String.class, a -> a.name("GSI1PK").getter(s -> courseIndex(s.courseId())).setter((b, v) -> {})
                    .tags(secondaryPartitionKey(GSI1)))
            .addAttribute(String.class, a -> a.name("GSI1SK").getter(s -> "SESSION#" + startAndId(s)).setter((b, v) -> {})
                    .tags(secondarySortKey(GSI1)))
            .addAttribute(String.class, a -> a.name("GSI2PK").getter(s -> SESSIONS).setter((b, v) -> {}).tags(secondaryPartitionKey(GSI2)))
            .addAttribute(String.class, a -> a.name("GSI2SK").getter(TrainingTable::startAndId).setter((b, v) -> {}).tags(secondarySortKey(GSI2)))
            .build();

    /** While active, an enrolment is also in its person's GSI1 list, by session start; cancelling takes it out. */
    static final TableSchema<Enrolment> ENROLMENT = StaticImmutableTableSchema.builder(Enrolment.class, Enrolment.Builder.class)
            .newItemBuilder(Enrolment::builder, Enrolment.Builder::build)
            .addAttribute(String.class, a -> a.name("PK").getter(e -> sessionPartition(e.sessionId())).setter((b, v) -> {}).tags(primaryPartitionKey()))
            .addAttribute(String.class, a -> a.name("SK").getter(e -> ENROLMENTS + e.userId()).setter((b, v) -> {}).tags(primarySortKey()))
            .addAttribute(String.class, a -> a.name("type").getter(e -> "Enrolment").setter((b, v) -> {}))
            .addAttribute(String.class, a -> a.name("sessionId").getter(Enrolment::sessionId).setter(Enrolment.Builder::sessionId))
            .addAttribute(String.class, a -> a.name("courseId").getter(Enrolment::courseId).setter(Enrolment.Builder::courseId))
            .addAttribute(String.class, a -> a.name("courseCode").getter(Enrolment::courseCode).setter(Enrolment.Builder::courseCode))
            .addAttribute(String.class, a -> a.name("courseTitle").getter(Enrolment::courseTitle).setter(Enrolment.Builder::courseTitle))
            .addAttribute(String.class, a -> a.name("userId").getter(Enrolment::userId).setter(Enrolment.Builder::userId))
            .addAttribute(String.class, a -> a.name("department").getter(Enrolment::department).setter(Enrolment.Builder::department))
            .addAttribute(EnrolmentStatus.class, a -> a.name("status").getter(Enrolment::status).setter(Enrolment.Builder::status))
            .addAttribute(Integer.class, a -> a.name("waitlistPosition").getter(Enrolment::waitlistPosition).setter(Enrolment.Builder::waitlistPosition))
            .addAttribute(Instant.class, a -> a.name("sessionStart").getter(Enrolment::sessionStart).setter(Enrolment.Builder::sessionStart)
                    .attributeConverter(SortableInstant.CONVERTER))
            .addAttribute(String.class, a -> a.name("sessionTimeZone").getter(Enrolment::sessionTimeZone).setter(Enrolment.Builder::sessionTimeZone))
            .addAttribute(Instant.class, a -> a.name("enrolledAt").getter(Enrolment::enrolledAt).setter(Enrolment.Builder::enrolledAt)
                    .attributeConverter(SortableInstant.CONVERTER))
            .addAttribute(String.class, a -> a.name("enrolledBy").getter(Enrolment::enrolledBy).setter(Enrolment.Builder::enrolledBy))
            .addAttribute(Instant.class, a -> a.name("confirmedAt").getter(Enrolment::confirmedAt).setter(Enrolment.Builder::confirmedAt)
                    .attributeConverter(SortableInstant.CONVERTER))
            .addAttribute(Instant.class, a -> a.name("attendedAt").getter(Enrolment::attendedAt).setter(Enrolment.Builder::attendedAt)
                    .attributeConverter(SortableInstant.CONVERTER))
            .addAttribute(Instant.class, a -> a.name("cancelledAt").getter(Enrolment::cancelledAt).setter(Enrolment.Builder::cancelledAt)
                    .attributeConverter(SortableInstant.CONVERTER))
            .addAttribute(String.class, a -> a.name("cancelledBy").getter(Enrolment::cancelledBy).setter(Enrolment.Builder::cancelledBy))
            .addAttribute(String.class, a -> a.name("GSI1PK").getter(e -> active(e) ? traineeIndex(e.userId()) : null).setter((b, v) -> {})
                    .tags(secondaryPartitionKey(GSI1)))
            .addAttribute(String.class, a -> a.name("GSI1SK").getter(e -> active(e) ? Ids.sortable(e.sessionStart()) + "#" + e.sessionId() : null)
                    .setter((b, v) -> {}).tags(secondarySortKey(GSI1)))
            .build();

    static final TableSchema<WaitlistEntry> WAITLIST_ENTRY = StaticImmutableTableSchema.builder(WaitlistEntry.class, WaitlistEntry.Builder.class)
            .newItemBuilder(WaitlistEntry.Builder::new, WaitlistEntry.Builder::build)
            .addAttribute(String.class, a -> a.name("PK").getter(w -> sessionPartition(w.sessionId())).setter((b, v) -> {}).tags(primaryPartitionKey()))
            .addAttribute(String.class, a -> a.name("SK").getter(w -> waitlistSortKey(w.position())).setter((b, v) -> {}).tags(primarySortKey()))
            .addAttribute(String.class, a -> a.name("type").getter(w -> "WaitlistEntry").setter((b, v) -> {}))
            .addAttribute(String.class, a -> a.name("sessionId").getter(WaitlistEntry::sessionId).setter(WaitlistEntry.Builder::sessionId))
            .addAttribute(Long.class, a -> a.name("position").getter(WaitlistEntry::position).setter(WaitlistEntry.Builder::position))
            .addAttribute(String.class, a -> a.name("userId").getter(WaitlistEntry::userId).setter(WaitlistEntry.Builder::userId))
            .build();

    static final TableSchema<TraineeProfile> PROFILE = StaticImmutableTableSchema.builder(TraineeProfile.class, TraineeProfile.Builder.class)
            .newItemBuilder(TraineeProfile.Builder::new, TraineeProfile.Builder::build)
            .addAttribute(String.class, a -> a.name("PK").getter(p -> traineePartition(p.userId())).setter((b, v) -> {}).tags(primaryPartitionKey()))
            .addAttribute(String.class, a -> a.name("SK").getter(p -> PROFILE_SK).setter((b, v) -> {}).tags(primarySortKey()))
            .addAttribute(String.class, a -> a.name("type").getter(p -> "TraineeProfile").setter((b, v) -> {}))
            .addAttribute(String.class, a -> a.name("userId").getter(TraineeProfile::userId).setter(TraineeProfile.Builder::userId))
            .addAttribute(String.class, a -> a.name("department").getter(TraineeProfile::department).setter(TraineeProfile.Builder::department))
            .addAttribute(Instant.class, a -> a.name("updatedAt").getter(TraineeProfile::updatedAt).setter(TraineeProfile.Builder::updatedAt)
                    .attributeConverter(SortableInstant.CONVERTER))
            .addAttribute(String.class, a -> a.name("status").getter(TraineeProfile::status).setter(TraineeProfile.Builder::status))
            .addAttribute(String.class, a -> a.name("GSI3PK").getter(p -> TRAINEES).setter((b, v) -> {}).tags(secondaryPartitionKey(GSI3)))
            .addAttribute(String.class, a -> a.name("GSI3SK").getter(p -> departmentPrefix(p.department()) + p.userId()).setter((b, v) -> {})
                    .tags(secondarySortKey(GSI3)))
            .build();

    /** A completion that expires is also in the GSI4 list, by the day it expires. */
    static final TableSchema<Completion> COMPLETION = StaticImmutableTableSchema.builder(Completion.class, Completion.Builder.class)
            .newItemBuilder(Completion::builder, Completion.Builder::build)
            .addAttribute(String.class, a -> a.name("PK").getter(c -> traineePartition(c.userId())).setter((b, v) -> {}).tags(primaryPartitionKey()))
            .addAttribute(String.class, a -> a.name("SK").getter(c -> COMPLETIONS + c.courseId()).setter((b, v) -> {}).tags(primarySortKey()))
            .addAttribute(String.class, a -> a.name("type").getter(c -> "Completion").setter((b, v) -> {}))
            .addAttribute(String.class, a -> a.name("userId").getter(Completion::userId).setter(Completion.Builder::userId))
            .addAttribute(String.class, a -> a.name("courseId").getter(Completion::courseId).setter(Completion.Builder::courseId))
            .addAttribute(String.class, a -> a.name("courseCode").getter(Completion::courseCode).setter(Completion.Builder::courseCode))
            .addAttribute(String.class, a -> a.name("courseTitle").getter(Completion::courseTitle).setter(Completion.Builder::courseTitle))
            .addAttribute(String.class, a -> a.name("sessionId").getter(Completion::sessionId).setter(Completion.Builder::sessionId))
            .addAttribute(String.class, a -> a.name("department").getter(Completion::department).setter(Completion.Builder::department))
            .addAttribute(LocalDate.class, a -> a.name("completedOn").getter(Completion::completedOn).setter(Completion.Builder::completedOn))
            .addAttribute(LocalDate.class, a -> a.name("validUntil").getter(Completion::validUntil).setter(Completion.Builder::validUntil))
            .addAttribute(Instant.class, a -> a.name("recordedAt").getter(Completion::recordedAt).setter(Completion.Builder::recordedAt)
                    .attributeConverter(SortableInstant.CONVERTER))
            .addAttribute(String.class, a -> a.name("recordedBy").getter(Completion::recordedBy).setter(Completion.Builder::recordedBy))
            .addAttribute(String.class, a -> a.name("GSI4PK").getter(c -> c.validUntil() == null ? null : EXPIRY).setter((b, v) -> {})
                    .tags(secondaryPartitionKey(GSI4)))
            .addAttribute(String.class, a -> a.name("GSI4SK").getter(c -> c.validUntil() == null ? null : c.validUntil() + "#" + c.userId() + "#" + c.courseId())
                    .setter((b, v) -> {}).tags(secondarySortKey(GSI4)))
            .build();

    // ------------------------------------------------------------------ keys

    static Map<String, AttributeValue> courseKey(String courseId) {
        return Attributes.key(coursePartition(courseId), "COURSE");
    }

    static Map<String, AttributeValue> sessionKey(String sessionId) {
        return Attributes.key(sessionPartition(sessionId), "SESSION");
    }

    static Map<String, AttributeValue> enrolmentKey(String sessionId, String userId) {
        return Attributes.key(sessionPartition(sessionId), ENROLMENTS + userId);
    }

    static Map<String, AttributeValue> waitlistKey(String sessionId, long position) {
        return Attributes.key(sessionPartition(sessionId), waitlistSortKey(position));
    }

    static Map<String, AttributeValue> completionKey(String userId, String courseId) {
        return Attributes.key(traineePartition(userId), COMPLETIONS + courseId);
    }

    static String sessionPartition(String sessionId) {
        return "SESSION#" + sessionId;
    }

    static String traineePartition(String userId) {
        return "TRAINEE#" + userId;
    }

    static String traineeIndex(String userId) {
        return "TRAINING-TRAINEE#" + userId;
    }

    static String courseIndex(String courseId) {
        return "COURSE#" + courseId;
    }

    /** Profiles sort by department then user; the separator keeps one department's prefix from matching another's. */
    static String departmentPrefix(String department) {
        return department + "|";
    }

    private static String coursePartition(String courseId) {
        return "COURSE#" + courseId;
    }

    private static String waitlistSortKey(long position) {
        return WAITLIST + String.format("%010d", position);
    }

    private static String startAndId(Session s) {
        return Ids.sortable(s.start()) + "#" + s.sessionId();
    }

    private static boolean active(Enrolment e) {
        return e.status() != EnrolmentStatus.CANCELLED;
    }
}
