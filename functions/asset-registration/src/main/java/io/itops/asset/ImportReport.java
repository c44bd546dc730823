package io.itops.asset;

import io.itops.shared.error.FieldError;
import java.util.List;

/** The answer to a bulk import: counts, then one result per row in input order. */
record ImportReport(int total, int created, int updated, int unchanged, int rejected, List<RowResult> rows) {

    enum Outcome {
        CREATED, UPDATED, UNCHANGED, REJECTED;

        @com.fasterxml.jackson.annotation.JsonValue
        @Override
        public String toString() {
            return name().toLowerCase();
        }
    }

    record RowResult(int row, String assetTag, Outcome result, String assetId, List<FieldError> errors) {}

    static ImportReport of(List<RowResult> rows) {
        return new ImportReport(rows.size(), count(rows, Outcome.CREATED), count(rows, Outcome.UPDATED),
                count(rows, Outcome.UNCHANGED), count(rows, Outcome.REJECTED), rows);
    }

    private static int count(List<RowResult> rows, Outcome outcome) {
        return (int) rows.stream().filter(r -> r.result() == outcome).count();
    }
}
