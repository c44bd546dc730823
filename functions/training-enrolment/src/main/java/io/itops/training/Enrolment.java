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

    Enrolment withSessionStatus(SessionStatus value) {
        return new Enrolment(sessionId, courseId, courseCode, courseTitle, userId, department, status, waitlistPosition,
                sessionStart, sessionTimeZone, enrolledAt, enrolledBy, confirmedAt, attendedAt, cancelledAt, cancelledBy, value);
    }
}
