package io.itops.training;

import io.itops.shared.events.DomainEvent;
import io.itops.shared.events.Notice;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What training tells the other functions (detail-types are the bus contract), and the notices
 * people get through chat-webhook, written in English and Chinese.
 */
final class TrainingEvents {
    static final String SESSION_SCHEDULED = "SessionScheduled";
    static final String SESSION_CANCELLED = "SessionCancelled";
    static final String ENROLMENT_CONFIRMED = "EnrolmentConfirmed";
    static final String ENROLMENT_WAITLISTED = "EnrolmentWaitlisted";
    static final String ENROLMENT_CANCELLED = "EnrolmentCancelled";
    static final String WAITLIST_PROMOTED = "WaitlistPromoted";
    static final String TRAINING_COMPLETED = "TrainingCompleted";

    static final String NOTICE_TOMORROW = "TrainingSessionTomorrow";
    static final String NOTICE_CANCELLED = "TrainingSessionCancelled";
    static final String NOTICE_PROMOTED = "TrainingSeatConfirmed";
    static final String NOTICE_EXPIRING = "TrainingExpiring";
    static final String NOTICE_EXPIRED = "TrainingExpired";

    private static final DateTimeFormatter WALL_CLOCK = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm");

    private TrainingEvents() {}

    static DomainEvent sessionScheduled(Session s) {
        Map<String, Object> detail = session(s);
        detail.put("capacity", s.capacity());
        return new DomainEvent(SESSION_SCHEDULED, detail);
    }

    static DomainEvent sessionCancelled(Session s, List<String> enrolled) {
        Map<String, Object> detail = session(s);
        detail.put("reason", s.cancelReason());
        detail.put("cancelledBy", s.cancelledBy());
        detail.put("enrolled", enrolled);
        return new DomainEvent(SESSION_CANCELLED, detail);
    }

    static DomainEvent enrolment(String detailType, Enrolment e, String by) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("sessionId", e.sessionId());
        detail.put("courseId", e.courseId());
        detail.put("courseCode", e.courseCode());
        detail.put("userId", e.userId());
        detail.put("department", e.department());
        detail.put("status", e.status().toString());
        if (e.waitlistPosition() != null) {
            detail.put("waitlistPosition", e.waitlistPosition());
        }
        detail.put("by", by);
        return new DomainEvent(detailType, detail);
    }

    static DomainEvent promoted(Session s, String userId, long fromPosition) {
        Map<String, Object> detail = session(s);
        detail.put("userId", userId);
        detail.put("fromPosition", fromPosition);
        return new DomainEvent(WAITLIST_PROMOTED, detail);
    }

    static DomainEvent completed(Completion c) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("userId", c.userId());
        detail.put("department", c.department());
        detail.put("courseId", c.courseId());
        detail.put("courseCode", c.courseCode());
        detail.put("sessionId", c.sessionId());
        detail.put("completedOn", c.completedOn().toString());
        if (c.validUntil() != null) {
            detail.put("validUntil", c.validUntil().toString());
        }
        return new DomainEvent(TRAINING_COMPLETED, detail);
    }

    // ------------------------------------------------------------------ notices

    static DomainEvent tomorrow(Session s, List<String> to) {
        return new Notice(NOTICE_TOMORROW, s.sessionId(), to, null,
                "Reminder: " + name(s) + " is tomorrow, " + when(s) + where(s, false) + ".",
                "提醒：" + name(s) + " 将于明天 " + when(s) + where(s, true) + " 举行。").event();
    }

    static DomainEvent cancelledNotice(Session s, String userId) {
        return new Notice(NOTICE_CANCELLED, s.sessionId(), List.of(userId), null,
                name(s) + " on " + when(s) + " is cancelled: " + s.cancelReason() + ". Your enrolment is void; choose another session.",
                name(s) + "（" + when(s) + "）已取消：" + s.cancelReason() + "。您的报名已失效，请另选场次。").event();
    }

    static DomainEvent promotedNotice(Session s, String userId) {
        return new Notice(NOTICE_PROMOTED, s.sessionId(), List.of(userId), null,
                "A seat became free: you are now confirmed for " + name(s) + " on " + when(s) + where(s, false) + ".",
                "有名额空出：您已确认参加 " + name(s) + "（" + when(s) + where(s, true) + "）。").event();
    }

    static DomainEvent expiringNotice(Completion c, long daysLeft) {
        return new Notice(NOTICE_EXPIRING, c.courseId(), List.of(c.userId()), c.department(),
                "Your " + c.courseTitle() + " (" + c.courseCode() + ") certificate expires on " + c.validUntil()
                        + " (in " + daysLeft + (daysLeft == 1 ? " day" : " days") + "). Enrol in a session to renew it: send `courses`.",
                "您的 " + c.courseTitle() + "（" + c.courseCode() + "）培训将于 " + c.validUntil() + " 到期（还有 " + daysLeft
                        + " 天）。请报名参加场次以续期：发送 `courses`。").event();
    }

    static DomainEvent expiredNotice(Completion c) {
        return new Notice(NOTICE_EXPIRED, c.courseId(), List.of(c.userId()), c.department(),
                "Your " + c.courseTitle() + " (" + c.courseCode() + ") certificate expired on " + c.validUntil()
                        + ". This training is mandatory: enrol in a session now (send `courses`).",
                "您的 " + c.courseTitle() + "（" + c.courseCode() + "）培训已于 " + c.validUntil()
                        + " 到期。该培训为必修，请立即报名（发送 `courses`）。").event();
    }

    static String name(Session s) {
        return s.courseTitle() + " (" + s.courseCode() + ")";
    }

    /** The session's wall-clock start where it takes place, with the zone named. */
    static String when(Session s) {
        return WALL_CLOCK.format(s.localStart()) + " " + s.timeZone();
    }

    static String where(Session s, boolean chinese) {
        if (s.place() != null) {
            return chinese ? "，地点：" + s.place() : " at " + s.place();
        }
        return chinese ? "，线上：" + s.onlineLink() : ", online: " + s.onlineLink();
    }

    private static Map<String, Object> session(Session s) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("sessionId", s.sessionId());
        detail.put("courseId", s.courseId());
        detail.put("courseCode", s.courseCode());
        detail.put("courseTitle", s.courseTitle());
        detail.put("start", s.start().toString());
        detail.put("end", s.end().toString());
        detail.put("timeZone", s.timeZone());
        return detail;
    }
}
