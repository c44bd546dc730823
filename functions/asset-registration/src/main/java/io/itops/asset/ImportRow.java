package io.itops.asset;

import com.fasterxml.jackson.databind.JsonNode;
import io.itops.shared.error.ApiException;
import io.itops.shared.error.FieldError;
import io.itops.shared.json.Json;
import java.util.List;

/** One row of an import: the asset it describes, or (input null) the errors that reject it. */
record ImportRow(AssetInput input, List<FieldError> errors) {
    static ImportRow of(AssetInput input) {
        return new ImportRow(input, List.of());
    }

    /** A JSON row: a type, enum or format error rejects this row alone, naming the field within the row. */
    static ImportRow parse(JsonNode row) {
        if (row == null || !row.isObject()) {
            return new ImportRow(null, List.of(new FieldError("row", "must be an object")));
        }
        try {
            Json.Bound<AssetInput> bound = Json.bindAll(row, AssetInput.class);
            return bound.errors().isEmpty() ? of(bound.value()) : new ImportRow(null, bound.errors());
        } catch (ApiException.Invalid invalid) {
            return new ImportRow(null, invalid.errors());
        }
    }
}
