package io.itops.people;

import io.itops.shared.error.FieldError;
import java.util.List;

/** One row of an import: the person it describes, or (input null) the errors that reject it. */
record ImportRow(PersonInput input, List<FieldError> errors) {
    static ImportRow of(PersonInput input) {
        return new ImportRow(input, List.of());
    }
}
