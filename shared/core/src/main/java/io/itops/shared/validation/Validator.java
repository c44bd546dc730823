package io.itops.shared.validation;

import io.itops.shared.error.ApiException;
import io.itops.shared.error.FieldError;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Collects every field error of a request, then throws them together as one 400, so a client fixes
 * its input in one round trip. Each check returns the validator for chaining. {@link #validate()}
 * adds the errors found while binding the body ({@link BindingErrors}) and keeps one error per field:
 * the first one found, so a field with the wrong type is not also reported as missing.
 */
public final class Validator {
    private final List<FieldError> errors = new ArrayList<>();

    public static Validator check() {
        return new Validator();
    }

    public Validator required(String field, Object value) {
        if (value == null || value instanceof String s && s.isBlank()) {
            errors.add(new FieldError(field, "is required"));
        }
        return this;
    }

    public Validator text(String field, String value, int maxLength) {
        if (value != null) {
            if (value.isBlank()) {
                errors.add(new FieldError(field, "must not be blank"));
            } else if (value.length() > maxLength) {
                errors.add(new FieldError(field, "must be at most " + maxLength + " characters"));
            } else if (value.chars().anyMatch(c -> c < 0x20 && c != '\t' && c != '\n' && c != '\r')) {
                errors.add(new FieldError(field, "must not contain control characters"));
            }
        }
        return this;
    }

    public Validator requiredText(String field, String value, int maxLength) {
        required(field, value);
        return value == null || value.isBlank() ? this : text(field, value, maxLength);
    }

    public Validator pattern(String field, String value, Pattern pattern, String description) {
        if (value != null && !pattern.matcher(value).matches()) {
            errors.add(new FieldError(field, "must be " + description));
        }
        return this;
    }

    public Validator range(String field, Number value, long min, long max) {
        if (value != null && (value.longValue() < min || value.longValue() > max)) {
            errors.add(new FieldError(field, "must be between " + min + " and " + max));
        }
        return this;
    }

    public Validator nonNegative(String field, BigDecimal value, int maxScale) {
        if (value != null) {
            if (value.signum() < 0) {
                errors.add(new FieldError(field, "must not be negative"));
            } else if (value.scale() > maxScale || value.precision() - value.scale() > 12) {
                errors.add(new FieldError(field, "must have at most 12 digits and " + maxScale + " decimals"));
            }
        }
        return this;
    }

    public Validator notBefore(String field, LocalDate value, LocalDate earliest, String description) {
        if (value != null && earliest != null && value.isBefore(earliest)) {
            errors.add(new FieldError(field, "must not be before " + description));
        }
        return this;
    }

    public Validator size(String field, Collection<?> value, int max) {
        if (value != null && value.size() > max) {
            errors.add(new FieldError(field, "must have at most " + max + " entries"));
        }
        return this;
    }

    public Validator size(String field, Map<?, ?> value, int max) {
        if (value != null && value.size() > max) {
            errors.add(new FieldError(field, "must have at most " + max + " entries"));
        }
        return this;
    }

    public Validator rule(boolean holds, String field, String message) {
        if (!holds) {
            errors.add(new FieldError(field, message));
        }
        return this;
    }

    public boolean hasErrors() {
        return !errors.isEmpty();
    }

    public List<FieldError> errors() {
        return List.copyOf(errors);
    }

    public void validate() {
        List<FieldError> all = oneErrorPerField(BindingErrors.drain(), errors);
        if (!all.isEmpty()) {
            throw new ApiException.Invalid(all);
        }
    }

    /**
     * Binding errors first, then rule errors for fields binding did not already fault. A field's
     * nested paths count as the field: {@code purchase.cost} covers a later {@code purchase}.
     */
    public static List<FieldError> oneErrorPerField(List<FieldError> binding, List<FieldError> rules) {
        List<FieldError> out = new ArrayList<>();
        for (FieldError error : binding) {
            if (out.stream().noneMatch(kept -> kept.field().equals(error.field()))) {
                out.add(error);
            }
        }
        for (FieldError error : rules) {
            if (binding.stream().noneMatch(faulted -> sameField(faulted.field(), error.field()))
                    && out.stream().noneMatch(kept -> kept.field().equals(error.field()))) {
                out.add(error);
            }
        }
        return out;
    }

    private static boolean sameField(String a, String b) {
        return a.equals(b) || within(a, b) || within(b, a);
    }

    private static boolean within(String nested, String field) {
        return nested.startsWith(field) && nested.length() > field.length()
                && (nested.charAt(field.length()) == '.' || nested.charAt(field.length()) == '[');
    }
}
