package io.itops.training;

import io.itops.training.Statuses.AudienceScope;
import java.time.Instant;
import java.util.List;

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
        String updatedBy) {

    static Builder builder() {
        return new Builder();
    }

    Builder toBuilder() {
        return builder().courseId(courseId).code(code).title(title).description(description).mandatory(mandatory)
                .validityMonths(validityMonths).audience(audience).version(version).createdAt(createdAt).createdBy(createdBy)
                .updatedAt(updatedAt).updatedBy(updatedBy);
    }

    static final class Builder {
        private String courseId;
        private String code;
        private String title;
        private String description;
        private boolean mandatory;
        private Integer validityMonths;
        private AudienceScope audienceScope;
        private List<String> departments;
        private long version;
        private Instant createdAt;
        private String createdBy;
        private Instant updatedAt;
        private String updatedBy;

        Builder courseId(String v) { courseId = v; return this; }
        Builder code(String v) { code = v; return this; }
        Builder title(String v) { title = v; return this; }
        Builder description(String v) { description = v; return this; }
        Builder mandatory(boolean v) { mandatory = v; return this; }
        Builder validityMonths(Integer v) { validityMonths = v; return this; }
        Builder audience(Audience v) { audienceScope = v.scope(); departments = v.departments(); return this; }
        Builder audienceScope(AudienceScope v) { audienceScope = v; return this; }
        Builder departments(List<String> v) { departments = v; return this; }
        Builder version(long v) { version = v; return this; }
        Builder createdAt(Instant v) { createdAt = v; return this; }
        Builder createdBy(String v) { createdBy = v; return this; }
        Builder updatedAt(Instant v) { updatedAt = v; return this; }
        Builder updatedBy(String v) { updatedBy = v; return this; }

        Course build() {
            return new Course(courseId, code, title, description, mandatory, validityMonths, new Audience(audienceScope, departments),
                    version, createdAt, createdBy, updatedAt, updatedBy);
        }
    }
}
