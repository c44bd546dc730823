package io.itops.training;

import io.itops.shared.validation.Validator;
import io.itops.training.Requests.SessionInput;
import io.itops.training.Statuses.AudienceScope;
import io.itops.training.Statuses.ComplianceStatus;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** The rules of courses, sessions and completions that need no storage: validation, times, expiry. */
final class TrainingRules {
    static final Pattern CODE = Pattern.compile("[A-Z0-9][A-Z0-9-]{1,31}");
    static final Pattern USER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@+-]{0,127}");
    static final Pattern LINK = Pattern.compile("https://[^\\s]{3,490}");
    static final int MAX_TEXT = 200;
    static final int MAX_DEPARTMENTS = 50;
    static final int MAX_CAPACITY = 1000;
    static final int MAX_VALIDITY_MONTHS = 120;
    static final int MAX_ATTENDEES = 1000;
    static final Duration MAX_LENGTH = Duration.ofDays(14);

    private TrainingRules() {}

    static String normaliseCode(String code) {
        return code == null ? null : code.trim().toUpperCase(Locale.ROOT);
    }

    static void checkCourse(Validator v, Course c) {
        v.required("code", c.code())
                .pattern("code", c.code(), CODE, "2-32 characters of A-Z, 0-9 and -, starting with a letter or digit")
                .requiredText("title", c.title(), MAX_TEXT)
                .text("description", c.description(), 4000)
                .range("validityMonths", c.validityMonths(), 1, MAX_VALIDITY_MONTHS);
        checkAudience(v, c.audience());
    }

    static void checkAudience(Validator v, Audience a) {
        if (a == null) {
            return;
        }
        v.required("audience.scope", a.scope());
        List<String> departments = a.departments();
        if (a.scope() == AudienceScope.ALL) {
            v.rule(departments.isEmpty(), "audience.departments", "must be empty when scope is all");
        } else if (a.scope() == AudienceScope.DEPARTMENTS) {
            v.rule(!departments.isEmpty(), "audience.departments", "must list at least one department when scope is departments")
                    .size("audience.departments", departments, MAX_DEPARTMENTS);
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < departments.size(); i++) {
                String d = departments.get(i);
                v.requiredText("audience.departments[" + i + "]", d, 100);
                v.rule(d == null || seen.add(d), "audience.departments[" + i + "]", "appears twice");
            }
        }
    }

    /** The session's instants, validated against each other and {@code now}; errors go to {@code v}. */
    record Times(Instant start, Instant end, Instant closesAt) {}

    static Times checkSession(Validator v, SessionInput in, Instant now) {
        ZoneId zone = null;
        v.required("timeZone", in.timeZone());
        if (in.timeZone() != null) {
            if (ZoneId.getAvailableZoneIds().contains(in.timeZone())) {
                zone = ZoneId.of(in.timeZone());
            } else {
                v.rule(false, "timeZone", "must be an IANA time zone such as Asia/Shanghai or Europe/Berlin");
            }
        }
        v.required("start", in.start()).required("end", in.end())
                .required("capacity", in.capacity()).range("capacity", in.capacity(), 1, MAX_CAPACITY)
                .text("place", in.place(), MAX_TEXT)
                .text("onlineLink", in.onlineLink(), 500)
                .pattern("onlineLink", in.onlineLink(), LINK, "an https:// link")
                .text("instructor", in.instructor(), MAX_TEXT)
                .rule(in.place() != null || in.onlineLink() != null, "place", "or onlineLink is required: say where it happens");
        Instant start = instant(v, "start", in.start(), zone, in.timeZone());
        Instant end = instant(v, "end", in.end(), zone, in.timeZone());
        Instant closes = instant(v, "enrolmentClosesAt", in.enrolmentClosesAt(), zone, in.timeZone());
        if (start != null) {
            v.rule(start.isAfter(now), "start", "must be in the future");
        }
        if (start != null && end != null) {
            v.rule(end.isAfter(start), "end", "must be after start");
            v.rule(!end.isAfter(start.plus(MAX_LENGTH)), "end", "must be at most 14 days after start");
        }
        if (closes != null) {
            v.rule(closes.isAfter(now), "enrolmentClosesAt", "must be in the future");
            v.rule(start == null || !closes.isAfter(start), "enrolmentClosesAt", "must not be after start");
        }
        return new Times(start, end, closes == null ? start : closes);
    }

    /** A wall-clock time in {@code zone}, or an instant with an offset; null (and an error) when it is neither. */
    static Instant instant(Validator v, String field, String text, ZoneId zone, String zoneName) {
        if (text == null) {
            return null;
        }
        if (text.length() > 40) {
            v.rule(false, field, "must be an ISO-8601 date-time");
            return null;
        }
        if (!io.itops.shared.json.IsoDates.hasRealYear(text)) {
            v.rule(false, field, "must have a year from 0001 to 9999, written with four digits and no sign");
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeException notAnInstant) {
            // a wall-clock time, read below
        }
        LocalDateTime local;
        try {
            local = LocalDateTime.parse(text);
        } catch (DateTimeException e) {
            v.rule(false, field, "must be a local date-time such as 2027-03-10T09:30 (in timeZone) or an instant such as 2027-03-10T01:30:00Z");
            return null;
        }
        if (zone == null) {
            return null;
        }
        if (zone.getRules().getValidOffsets(local).isEmpty()) {
            v.rule(false, field, "does not exist in " + zoneName + " (the clocks skip it); choose another time");
            return null;
        }
        return local.atZone(zone).toInstant();
    }

    /** The last day a completion counts; null when the course never expires. */
    static LocalDate validUntil(LocalDate completedOn, Integer validityMonths) {
        return validityMonths == null ? null : completedOn.plusMonths(validityMonths);
    }

    static ComplianceStatus standing(Completion completion, LocalDate today, int expiringWithinDays) {
        if (completion == null) {
            return ComplianceStatus.NEVER_DONE;
        }
        if (completion.validUntil() == null) {
            return ComplianceStatus.VALID;
        }
        long daysLeft = ChronoUnit.DAYS.between(today, completion.validUntil());
        if (daysLeft < 0) {
            return ComplianceStatus.EXPIRED;
        }
        return daysLeft <= expiringWithinDays ? ComplianceStatus.EXPIRING : ComplianceStatus.VALID;
    }

    static Long daysLeft(Completion completion, LocalDate today) {
        return completion == null || completion.validUntil() == null ? null : ChronoUnit.DAYS.between(today, completion.validUntil());
    }
}
