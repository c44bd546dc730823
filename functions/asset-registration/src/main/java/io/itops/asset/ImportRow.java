package io.itops.asset;

import io.itops.shared.error.FieldError;
import java.util.List;

/** One row of an import: the asset it describes, or (input null) the errors that reject it. */
record ImportRow(AssetInput input, List<FieldError> errors) {
    static ImportRow of(AssetInput input) {
        return new ImportRow(input, List.of());
    }
}
