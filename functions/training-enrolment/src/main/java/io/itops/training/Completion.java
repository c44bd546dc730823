package io.itops.training;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A person's latest completion of a course: done on {@code completedOn} (the session's local date),
 * valid through {@code validUntil} when the course has a validity (null: never expires).
 */
public record Completion(
        String userId,
        String courseId,
        String courseCode,
        String courseTitle,
        String sessionId,
        String department,
        LocalDate completedOn,
        LocalDate validUntil,
        Instant recordedAt,
        String recordedBy) {

    static Builder builder() {
        return new Builder();
    }

    static final class Builder {
        private String userId;
        private String courseId;
        private String courseCode;
        private String courseTitle;
        private String sessionId;
        private String department;
        private LocalDate completedOn;
        private LocalDate validUntil;
        private Instant recordedAt;
        private String recordedBy;

        Builder userId(String v) { userId = v; return this; }
        Builder courseId(String v) { courseId = v; return this; }
        Builder courseCode(String v) { courseCode = v; return this; }
        Builder courseTitle(String v) { courseTitle = v; return this; }
        Builder sessionId(String v) { sessionId = v; return this; }
        Builder department(String v) { department = v; return this; }
        Builder completedOn(LocalDate v) { completedOn = v; return this; }
        Builder validUntil(LocalDate v) { validUntil = v; return this; }
        Builder recordedAt(Instant v) { recordedAt = v; return this; }
        Builder recordedBy(String v) { recordedBy = v; return this; }

        Completion build() {
            return new Completion(userId, courseId, courseCode, courseTitle, sessionId, department, completedOn, validUntil,
                    recordedAt, recordedBy);
        }
    }
}
