package io.itops.shared.error;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The family of failures a request may end in. Each kind maps to one HTTP status in
 * {@link Problems}; {@code code} is the stable, machine-readable reason clients switch on.
 */
public abstract sealed class ApiException extends RuntimeException {
    private final String code;
    private final Map<String, Object> extensions;

    private ApiException(String code, String detail, Map<String, Object> extensions) {
        super(detail, null, false, false);
        this.code = code;
        this.extensions = Map.copyOf(extensions);
    }

    public String code() {
        return code;
    }

    public String detail() {
        return getMessage();
    }

    /** Extra members of the problem document, e.g. {@code allowed} transitions. */
    public Map<String, Object> extensions() {
        return extensions;
    }

    /** 400: the input is malformed or invalid; every field error at once. */
    public static final class Invalid extends ApiException {
        private final List<FieldError> errors;

        public Invalid(List<FieldError> errors) {
            super("VALIDATION_FAILED", summary(errors), Map.of());
            this.errors = List.copyOf(errors);
        }

        public Invalid(String code, String detail, List<FieldError> errors) {
            super(code, detail, Map.of());
            this.errors = List.copyOf(errors);
        }

        public static Invalid field(String field, String message) {
            return new Invalid(List.of(new FieldError(field, message)));
        }

        public List<FieldError> errors() {
            return errors;
        }

        private static String summary(List<FieldError> errors) {
            return errors.size() == 1
                    ? "Invalid field " + errors.getFirst().field() + ": " + errors.getFirst().message()
                    : errors.size() + " fields are invalid";
        }
    }

    /** 401: no usable identity or signature. */
    public static final class Unauthenticated extends ApiException {
        public Unauthenticated(String detail) {
            super("UNAUTHENTICATED", detail, Map.of());
        }
    }

    /** 403: identity known, action not allowed for its role. */
    public static final class Forbidden extends ApiException {
        public Forbidden(String detail) {
            super("FORBIDDEN", detail, Map.of());
        }
    }

    /** 404. */
    public static final class NotFound extends ApiException {
        public NotFound(String what, String id) {
            super(what.toUpperCase().replace(' ', '_') + "_NOT_FOUND", "No " + what + " with id " + id, Map.of());
        }

        public NotFound(String code, String detail, Map<String, Object> extensions) {
            super(code, detail, extensions);
        }
    }

    /** 409: the request clashes with current state (duplicate, invalid transition, stale version). */
    public static final class Conflict extends ApiException {
        private final Duration retryAfter;

        public Conflict(String code, String detail) {
            this(code, detail, Map.of(), null);
        }

        public Conflict(String code, String detail, Map<String, Object> extensions) {
            this(code, detail, extensions, null);
        }

        public Conflict(String code, String detail, Map<String, Object> extensions, Duration retryAfter) {
            super(code, detail, extensions);
            this.retryAfter = retryAfter;
        }

        public Duration retryAfter() {
            return retryAfter;
        }
    }

    /** 413. */
    public static final class TooLarge extends ApiException {
        public TooLarge(int limit) {
            super("PAYLOAD_TOO_LARGE", "Request body exceeds " + limit + " bytes", Map.of("limit", limit));
        }
    }

    /** 415. */
    public static final class UnsupportedMediaType extends ApiException {
        public UnsupportedMediaType(String expected) {
            super("UNSUPPORTED_MEDIA_TYPE", "Content-Type must be " + expected, Map.of());
        }
    }

    /** 422: well-formed but refused by a rule (e.g. an Idempotency-Key reused with another body). */
    public static final class Unprocessable extends ApiException {
        public Unprocessable(String code, String detail) {
            super(code, detail, Map.of());
        }

        public Unprocessable(String code, String detail, Map<String, Object> extensions) {
            super(code, detail, extensions);
        }
    }

    /** 503: a dependency is throttling or unavailable; nothing was changed, retry later. */
    public static final class Unavailable extends ApiException {
        private final Duration retryAfter;

        public Unavailable(String detail, Duration retryAfter) {
            super("SERVICE_UNAVAILABLE", detail, Map.of());
            this.retryAfter = retryAfter;
        }

        public Duration retryAfter() {
            return retryAfter;
        }
    }
}
