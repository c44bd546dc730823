package io.itops.shared.validation;

import io.itops.shared.error.FieldError;
import java.util.ArrayList;
import java.util.List;

/**
 * The type, format, enum, null and unknown-field errors found while binding the body of the request
 * this thread handles, kept until the route's rule checks run, so {@link Validator#validate()} answers
 * every invalid field in one {@code errors[]}. The dispatcher opens and closes the scope around each
 * request; outside one (a service called directly) binding errors are thrown at once. While errors
 * are pending, the AWS clients refuse writes on this thread ({@code PrimingGuard}), so a route whose
 * rules never call {@code validate()} still writes nothing from an invalid body; the dispatcher then
 * answers the pending errors.
 */
public final class BindingErrors {
    private static final ThreadLocal<List<FieldError>> PENDING = new ThreadLocal<>();

    private BindingErrors() {}

    public static void open() {
        PENDING.set(new ArrayList<>());
    }

    public static void close() {
        PENDING.remove();
    }

    /** Whether errors can wait for the rules (inside a request scope). */
    public static boolean deferrable() {
        return PENDING.get() != null;
    }

    /** Whether this thread's request has body errors no rule has reported yet (its writes are refused meanwhile). */
    public static boolean pending() {
        List<FieldError> pending = PENDING.get();
        return pending != null && !pending.isEmpty();
    }

    public static void defer(List<FieldError> errors) {
        List<FieldError> pending = PENDING.get();
        if (pending == null) {
            throw new IllegalStateException("no request scope to defer binding errors to");
        }
        pending.addAll(errors);
    }

    /** Takes the pending errors (empty when none), so each is reported once. */
    public static List<FieldError> drain() {
        List<FieldError> pending = PENDING.get();
        if (pending == null || pending.isEmpty()) {
            return List.of();
        }
        List<FieldError> out = List.copyOf(pending);
        pending.clear();
        return out;
    }
}
