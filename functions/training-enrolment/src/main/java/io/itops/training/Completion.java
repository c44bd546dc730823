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
        String recordedBy) {}
