package io.itops.shared.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.itops.shared.error.FieldError;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BindingErrorsTest {
    @AfterEach
    void close() {
        BindingErrors.close();
    }

    @Test
    void errorsWaitOnlyInsideAScope_areTakenOnce_andTheScopeEndsWithClose() {
        assertFalse(BindingErrors.deferrable());
        assertFalse(BindingErrors.pending());
        assertEquals(List.of(), BindingErrors.drain());
        assertThrows(IllegalStateException.class, () -> BindingErrors.defer(List.of(new FieldError("a", "x"))));

        BindingErrors.open();
        assertTrue(BindingErrors.deferrable());
        assertFalse(BindingErrors.pending(), "a scope without errors has none pending");
        BindingErrors.defer(List.of(new FieldError("a", "x")));
        assertTrue(BindingErrors.pending());
        assertEquals(List.of(new FieldError("a", "x")), BindingErrors.drain());
        assertFalse(BindingErrors.pending());
        assertEquals(List.of(), BindingErrors.drain());

        BindingErrors.defer(List.of(new FieldError("b", "y")));
        BindingErrors.close();
        assertFalse(BindingErrors.deferrable());
        assertFalse(BindingErrors.pending(), "closing drops what was left");
        BindingErrors.open();
        assertFalse(BindingErrors.pending(), "a new scope starts empty");
    }

    @Test
    void twoBindingErrorsOfOneFieldAreOne() {
        assertEquals(List.of(new FieldError("a", "x")),
                Validator.oneErrorPerField(List.of(new FieldError("a", "x"), new FieldError("a", "y")), List.of()));
    }
}
