package io.itops.training;

import io.itops.shared.store.Ids;
import io.itops.shared.store.Item;
import io.itops.training.Statuses.AudienceScope;
import io.itops.training.Statuses.EnrolmentStatus;
import io.itops.training.Statuses.SessionStatus;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * How training's records sit in the one table (docs/table/training-enrolment.md): a session, its
 * enrolments and its waitlist share the partition {@code SESSION#id}; a person's profile and latest
 * completions share {@code TRAINEE#user}; courses own {@code COURSE#id} and their code. Instants that
 * conditions compare are stored fixed-width ({@link Ids#sortable}), so text order is time order.
 */
final class TrainingItems {
    static final String COURSES = "COURSES";
    static final String SESSIONS = "SESSIONS";
    static final String TRAINEES = "TRAINING-TRAINEES";
    static final String EXPIRY = "TRAINING-EXPIRY";
    static final String ENROLMENT = "ENROLMENT#";
    static final String WAITLIST = "WAITLIST#";
    static final String COMPLETION = "COMPLETION#";

    private TrainingItems() {}

    static Map<String, AttributeValue> courseKey(String courseId) {
        return key("COURSE#" + courseId, "COURSE");
    }

    static Map<String, AttributeValue> codeKey(String code) {
        return key("COURSE#CODE#" + code, "CODE");
    }

    static Map<String, AttributeValue> sessionKey(String sessionId) {
        return key("SESSION#" + sessionId, "SESSION");
    }

    static Map<String, AttributeValue> enrolmentKey(String sessionId, String userId) {
        return key("SESSION#" + sessionId, ENROLMENT + userId);
    }

    static Map<String, AttributeValue> waitlistKey(String sessionId, long position) {
        return key("SESSION#" + sessionId, WAITLIST + String.format("%010d", position));
    }

    static Map<String, AttributeValue> profileKey(String userId) {
        return key("TRAINEE#" + userId, "PROFILE");
    }

    static Map<String, AttributeValue> completionKey(String userId, String courseId) {
        return key("TRAINEE#" + userId, COMPLETION + courseId);
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

    static String time(Instant instant) {
        return instant == null ? null : Ids.sortable(instant);
    }

    // ------------------------------------------------------------------ course

    static Item course(Course c) {
        return Item.of(new HashMap<>(courseKey(c.courseId())))
                .put("type", "Course")
                .put("courseId", c.courseId())
                .put("code", c.code())
                .put("title", c.title())
                .put("description", c.description())
                .put("mandatory", c.mandatory())
                .put("validityMonths", c.validityMonths())
                .put("audienceScope", c.audience().scope())
                .putList("departments", c.audience().departments())
                .put("version", c.version())
                .put("createdAt", time(c.createdAt()))
                .put("createdBy", c.createdBy())
                .put("updatedAt", time(c.updatedAt()))
                .put("updatedBy", c.updatedBy())
                .put("GSI1PK", COURSES)
                .put("GSI1SK", c.code());
    }

    static Course course(Item i) {
        return new Course(i.string("courseId"), i.string("code"), i.string("title"), i.string("description"),
                Boolean.TRUE.equals(i.bool("mandatory")), i.integer("validityMonths"),
                new Audience(i.enumValue("audienceScope", AudienceScope::parse), i.list("departments")),
                i.longValue("version"), i.instant("createdAt"), i.string("createdBy"), i.instant("updatedAt"), i.string("updatedBy"));
    }

    static Item code(String code, String courseId) {
        return Item.of(new HashMap<>(codeKey(code))).put("type", "CourseCode").put("courseId", courseId);
    }

    // ------------------------------------------------------------------ session

    static Item session(Session s) {
        return Item.of(new HashMap<>(sessionKey(s.sessionId())))
                .put("type", "Session")
                .put("sessionId", s.sessionId())
                .put("courseId", s.courseId())
                .put("courseCode", s.courseCode())
                .put("courseTitle", s.courseTitle())
                .put("startsAt", time(s.start()))
                .put("endsAt", time(s.end()))
                .put("timeZone", s.timeZone())
                .put("place", s.place())
                .put("onlineLink", s.onlineLink())
                .put("instructor", s.instructor())
                .put("seatCapacity", s.capacity())
                .put("confirmed", s.confirmed())
                .put("waitlisted", s.waitlisted())
                .put("waitlistNext", s.waitlistNext())
                .put("closesAt", time(s.enrolmentClosesAt()))
                .put("status", s.status())
                .put("cancelReason", s.cancelReason())
                .put("cancelledAt", time(s.cancelledAt()))
                .put("cancelledBy", s.cancelledBy())
                .put("version", s.version())
                .put("createdAt", time(s.createdAt()))
                .put("createdBy", s.createdBy())
                .put("GSI1PK", courseIndex(s.courseId()))
                .put("GSI1SK", "SESSION#" + time(s.start()) + "#" + s.sessionId())
                .put("GSI2PK", SESSIONS)
                .put("GSI2SK", time(s.start()) + "#" + s.sessionId());
    }

    static Session session(Item i) {
        return Session.of(i.string("sessionId"), i.string("courseId"), i.string("courseCode"), i.string("courseTitle"),
                i.instant("startsAt"), i.instant("endsAt"), i.string("timeZone"), i.string("place"), i.string("onlineLink"),
                i.string("instructor"), i.integer("seatCapacity"), i.integer("confirmed"), i.integer("waitlisted"),
                i.instant("closesAt"), i.enumValue("status", SessionStatus::parse), i.string("cancelReason"),
                i.instant("cancelledAt"), i.string("cancelledBy"), i.longValue("waitlistNext"), i.longValue("version"),
                i.instant("createdAt"), i.string("createdBy"));
    }

    // ------------------------------------------------------------------ enrolment and waitlist

    static Item enrolment(Enrolment e) {
        return Item.of(new HashMap<>(enrolmentKey(e.sessionId(), e.userId())))
                .put("type", "Enrolment")
                .put("sessionId", e.sessionId())
                .put("courseId", e.courseId())
                .put("courseCode", e.courseCode())
                .put("courseTitle", e.courseTitle())
                .put("userId", e.userId())
                .put("department", e.department())
                .put("status", e.status())
                .put("waitlistPosition", e.waitlistPosition())
                .put("sessionStart", time(e.sessionStart()))
                .put("sessionTimeZone", e.sessionTimeZone())
                .put("enrolledAt", time(e.enrolledAt()))
                .put("enrolledBy", e.enrolledBy())
                .put("confirmedAt", time(e.confirmedAt()))
                .put("attendedAt", time(e.attendedAt()))
                .put("GSI1PK", traineeIndex(e.userId()))
                .put("GSI1SK", time(e.sessionStart()) + "#" + e.sessionId());
    }

    static Enrolment enrolment(Item i) {
        return new Enrolment(i.string("sessionId"), i.string("courseId"), i.string("courseCode"), i.string("courseTitle"),
                i.string("userId"), i.string("department"), i.enumValue("status", EnrolmentStatus::parse),
                i.integer("waitlistPosition"), i.instant("sessionStart"), i.string("sessionTimeZone"),
                i.instant("enrolledAt"), i.string("enrolledBy"), i.instant("confirmedAt"), i.instant("attendedAt"),
                i.instant("cancelledAt"), i.string("cancelledBy"), null);
    }

    static Item waitlistEntry(String sessionId, long position, String userId) {
        return Item.of(new HashMap<>(waitlistKey(sessionId, position)))
                .put("type", "WaitlistEntry")
                .put("sessionId", sessionId)
                .put("position", position)
                .put("userId", userId);
    }

    record WaitlistEntry(String userId, long position) {}

    static WaitlistEntry waitlistEntry(Item i) {
        return new WaitlistEntry(i.string("userId"), i.longValue("position"));
    }

    // ------------------------------------------------------------------ trainee

    static Item profile(TraineeProfile p) {
        return Item.of(new HashMap<>(profileKey(p.userId())))
                .put("type", "TraineeProfile")
                .put("userId", p.userId())
                .put("department", p.department())
                .put("updatedAt", time(p.updatedAt()))
                .put("GSI3PK", TRAINEES)
                .put("GSI3SK", departmentPrefix(p.department()) + p.userId());
    }

    static TraineeProfile profile(Item i) {
        return new TraineeProfile(i.string("userId"), i.string("department"), i.instant("updatedAt"));
    }

    static Item completion(Completion c) {
        Item item = Item.of(new HashMap<>(completionKey(c.userId(), c.courseId())))
                .put("type", "Completion")
                .put("userId", c.userId())
                .put("courseId", c.courseId())
                .put("courseCode", c.courseCode())
                .put("courseTitle", c.courseTitle())
                .put("sessionId", c.sessionId())
                .put("department", c.department())
                .put("completedOn", c.completedOn())
                .put("validUntil", c.validUntil())
                .put("recordedAt", time(c.recordedAt()))
                .put("recordedBy", c.recordedBy());
        if (c.validUntil() != null) {
            item.put("GSI4PK", EXPIRY).put("GSI4SK", c.validUntil() + "#" + c.userId() + "#" + c.courseId());
        }
        return item;
    }

    static Completion completion(Item i) {
        return new Completion(i.string("userId"), i.string("courseId"), i.string("courseCode"), i.string("courseTitle"),
                i.string("sessionId"), i.string("department"), i.date("completedOn"), i.date("validUntil"),
                i.instant("recordedAt"), i.string("recordedBy"));
    }

    private static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of("PK", Item.s(pk), "SK", Item.s(sk));
    }
}
