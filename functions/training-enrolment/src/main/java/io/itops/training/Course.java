package io.itops.training;

import java.time.Instant;

/**
 * A course the department teaches. A mandatory course must be completed by everyone in its audience;
 * with {@code validityMonths} a completion expires and must be renewed (security awareness: 12).
 */
public record Course(
        String courseId,
        String code,
        String title,
        String description,
        boolean mandatory,
        Integer validityMonths,
        Audience audience,
        long version,
        Instant createdAt,
        String createdBy,
        Instant updatedAt,
        String updatedBy) {}
