package io.itops.people;

import io.itops.shared.error.FieldError;
import java.util.List;

/** The answer to an import, as the asset import answers: counts, then one result per row in input order. */
record ImportReport(int total, int created, int updated, int unchanged, int rejected, List<RowResult> rows) {

    enum Outcome {
        CREATED, UPDATED, UNCHANGED, REJECTED;

        @com.fasterxml.jackson.annotation.JsonValue
        @Override
        public String toString() {
            return io.itops.shared.json.Wire.name(this);
        }
    }

    record RowResult(int row, String personId, Outcome result, List<FieldError> errors) {}

    static ImportReport of(List<RowResult> rows) {
        return new ImportReport(rows.size(), count(rows, Outcome.CREATED), count(rows, Outcome.UPDATED),
                count(rows, Outcome.UNCHANGED), count(rows, Outcome.REJECTED), rows);
    }

    private static int count(List<RowResult> rows, Outcome outcome) {
        return (int) rows.stream().filter(r -> r.result() == outcome).count();
    }
}
