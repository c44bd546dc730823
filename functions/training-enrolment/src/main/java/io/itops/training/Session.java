package io.itops.training;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.itops.training.Statuses.SessionStatus;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;

/**
 * One scheduled run of a course. Instants are UTC; {@code timeZone} is where it takes place, and
 * {@code localStart}/{@code localEnd} are the wall-clock times there. {@code confirmed} and
 * {@code waitlisted} are the seat counters the enrolment transactions keep; {@code waitlistNext} is
 * the position the next waitlisted person gets.
 */
public record Session(
        String sessionId,
        String courseId,
        String courseCode,
        String courseTitle,
        Instant start,
        Instant end,
        String timeZone,
        LocalDateTime localStart,
        LocalDateTime localEnd,
        String place,
        String onlineLink,
        String instructor,
        int capacity,
        int confirmed,
        int waitlisted,
        int seatsLeft,
        Instant enrolmentClosesAt,
        SessionStatus status,
        String cancelReason,
        Instant cancelledAt,
        String cancelledBy,
        @JsonIgnore long waitlistNext,
        long version,
        Instant createdAt,
        String createdBy) {

    /** Builds a session, deriving the local times and the seats left. */
    static Session of(String sessionId, String courseId, String courseCode, String courseTitle, Instant start, Instant end,
                      String timeZone, String place, String onlineLink, String instructor, int capacity, int confirmed,
                      int waitlisted, Instant enrolmentClosesAt, SessionStatus status, String cancelReason,
                      Instant cancelledAt, String cancelledBy, long waitlistNext, long version, Instant createdAt,
                      String createdBy) {
        ZoneId zone = ZoneId.of(timeZone);
        return new Session(sessionId, courseId, courseCode, courseTitle, start, end, timeZone,
                LocalDateTime.ofInstant(start, zone), LocalDateTime.ofInstant(end, zone), place, onlineLink, instructor,
                capacity, confirmed, waitlisted, Math.max(0, capacity - confirmed), enrolmentClosesAt, status,
                cancelReason, cancelledAt, cancelledBy, waitlistNext, version, createdAt, createdBy);
    }

    Session cancelled(String reason, Instant at, String by) {
        return of(sessionId, courseId, courseCode, courseTitle, start, end, timeZone, place, onlineLink, instructor,
                capacity, confirmed, waitlisted, enrolmentClosesAt, SessionStatus.CANCELLED, reason, at, by,
                waitlistNext, version + 1, createdAt, createdBy);
    }

    boolean started(Instant now) {
        return !now.isBefore(start);
    }

    boolean closed(Instant now) {
        return !now.isBefore(enrolmentClosesAt);
    }

    boolean open(Instant now) {
        return status == SessionStatus.SCHEDULED && !closed(now);
    }

    /** Full means the next person waits: no seat is free, or others already wait. */
    boolean full() {
        return confirmed >= capacity || waitlisted > 0;
    }

    ZoneId zone() {
        return ZoneId.of(timeZone);
    }
}
