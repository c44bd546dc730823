package io.itops.training;

import io.itops.training.Statuses.EnrolmentStatus;
import io.itops.training.Statuses.SessionStatus;
import java.time.Instant;

/**
 * A person's place on a session: confirmed (holds a seat), waitlisted at {@code waitlistPosition}
 * (positions only grow, so lower means earlier), attended, or cancelled. {@code sessionStatus} is
 * filled in where a list shows enrolments across sessions.
 */
public record Enrolment(
        String sessionId,
        String courseId,
        String courseCode,
        String courseTitle,
        String userId,
        String department,
        EnrolmentStatus status,
        Integer waitlistPosition,
        Instant sessionStart,
        String sessionTimeZone,
        Instant enrolledAt,
        String enrolledBy,
        Instant confirmedAt,
        Instant attendedAt,
        Instant cancelledAt,
        String cancelledBy,
        SessionStatus sessionStatus) {

    static Builder builder() {
        return new Builder();
    }

    Builder toBuilder() {
        return builder().sessionId(sessionId).courseId(courseId).courseCode(courseCode).courseTitle(courseTitle).userId(userId)
                .department(department).status(status).waitlistPosition(waitlistPosition).sessionStart(sessionStart)
                .sessionTimeZone(sessionTimeZone).enrolledAt(enrolledAt).enrolledBy(enrolledBy).confirmedAt(confirmedAt)
                .attendedAt(attendedAt).cancelledAt(cancelledAt).cancelledBy(cancelledBy).sessionStatus(sessionStatus);
    }

    Enrolment withSessionStatus(SessionStatus value) {
        return toBuilder().sessionStatus(value).build();
    }

    static final class Builder {
        private String sessionId;
        private String courseId;
        private String courseCode;
        private String courseTitle;
        private String userId;
        private String department;
        private EnrolmentStatus status;
        private Integer waitlistPosition;
        private Instant sessionStart;
        private String sessionTimeZone;
        private Instant enrolledAt;
        private String enrolledBy;
        private Instant confirmedAt;
        private Instant attendedAt;
        private Instant cancelledAt;
        private String cancelledBy;
        private SessionStatus sessionStatus;

        Builder sessionId(String v) { sessionId = v; return this; }
        Builder courseId(String v) { courseId = v; return this; }
        Builder courseCode(String v) { courseCode = v; return this; }
        Builder courseTitle(String v) { courseTitle = v; return this; }
        Builder userId(String v) { userId = v; return this; }
        Builder department(String v) { department = v; return this; }
        Builder status(EnrolmentStatus v) { status = v; return this; }
        Builder waitlistPosition(Integer v) { waitlistPosition = v; return this; }
        Builder sessionStart(Instant v) { sessionStart = v; return this; }
        Builder sessionTimeZone(String v) { sessionTimeZone = v; return this; }
        Builder enrolledAt(Instant v) { enrolledAt = v; return this; }
        Builder enrolledBy(String v) { enrolledBy = v; return this; }
        Builder confirmedAt(Instant v) { confirmedAt = v; return this; }
        Builder attendedAt(Instant v) { attendedAt = v; return this; }
        Builder cancelledAt(Instant v) { cancelledAt = v; return this; }
        Builder cancelledBy(String v) { cancelledBy = v; return this; }
        Builder sessionStatus(SessionStatus v) { sessionStatus = v; return this; }

        Enrolment build() {
            return new Enrolment(sessionId, courseId, courseCode, courseTitle, userId, department, status, waitlistPosition,
                    sessionStart, sessionTimeZone, enrolledAt, enrolledBy, confirmedAt, attendedAt, cancelledAt, cancelledBy,
                    sessionStatus);
        }
    }
}
