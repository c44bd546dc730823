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

    static Builder builder() {
        return new Builder();
    }

    Builder toBuilder() {
        return builder().sessionId(sessionId).courseId(courseId).courseCode(courseCode).courseTitle(courseTitle).start(start).end(end)
                .timeZone(timeZone).place(place).onlineLink(onlineLink).instructor(instructor).capacity(capacity).confirmed(confirmed)
                .waitlisted(waitlisted).enrolmentClosesAt(enrolmentClosesAt).status(status).cancelReason(cancelReason)
                .cancelledAt(cancelledAt).cancelledBy(cancelledBy).waitlistNext(waitlistNext).version(version)
                .createdAt(createdAt).createdBy(createdBy);
    }

    Session cancelled(String reason, Instant at, String by) {
        return toBuilder().status(SessionStatus.CANCELLED).cancelReason(reason).cancelledAt(at).cancelledBy(by).version(version + 1).build();
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

    /** Builds a session, deriving the local times and the seats left. */
    static final class Builder {
        private String sessionId;
        private String courseId;
        private String courseCode;
        private String courseTitle;
        private Instant start;
        private Instant end;
        private String timeZone;
        private String place;
        private String onlineLink;
        private String instructor;
        private int capacity;
        private int confirmed;
        private int waitlisted;
        private Instant enrolmentClosesAt;
        private SessionStatus status;
        private String cancelReason;
        private Instant cancelledAt;
        private String cancelledBy;
        private long waitlistNext;
        private long version;
        private Instant createdAt;
        private String createdBy;

        Builder sessionId(String v) { sessionId = v; return this; }
        Builder courseId(String v) { courseId = v; return this; }
        Builder courseCode(String v) { courseCode = v; return this; }
        Builder courseTitle(String v) { courseTitle = v; return this; }
        Builder start(Instant v) { start = v; return this; }
        Builder end(Instant v) { end = v; return this; }
        Builder timeZone(String v) { timeZone = v; return this; }
        Builder place(String v) { place = v; return this; }
        Builder onlineLink(String v) { onlineLink = v; return this; }
        Builder instructor(String v) { instructor = v; return this; }
        Builder capacity(int v) { capacity = v; return this; }
        Builder confirmed(int v) { confirmed = v; return this; }
        Builder waitlisted(int v) { waitlisted = v; return this; }
        Builder enrolmentClosesAt(Instant v) { enrolmentClosesAt = v; return this; }
        Builder status(SessionStatus v) { status = v; return this; }
        Builder cancelReason(String v) { cancelReason = v; return this; }
        Builder cancelledAt(Instant v) { cancelledAt = v; return this; }
        Builder cancelledBy(String v) { cancelledBy = v; return this; }
        Builder waitlistNext(long v) { waitlistNext = v; return this; }
        Builder version(long v) { version = v; return this; }
        Builder createdAt(Instant v) { createdAt = v; return this; }
        Builder createdBy(String v) { createdBy = v; return this; }

        Session build() {
            ZoneId zone = ZoneId.of(timeZone);
            return new Session(sessionId, courseId, courseCode, courseTitle, start, end, timeZone,
                    LocalDateTime.ofInstant(start, zone), LocalDateTime.ofInstant(end, zone), place, onlineLink, instructor,
                    capacity, confirmed, waitlisted, Math.max(0, capacity - confirmed), enrolmentClosesAt, status,
                    cancelReason, cancelledAt, cancelledBy, waitlistNext, version, createdAt, createdBy);
        }
    }
}
