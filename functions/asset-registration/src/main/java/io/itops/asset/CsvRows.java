package io.itops.asset;

import io.itops.shared.csv.CsvTable;
import io.itops.shared.error.FieldError;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the CSV form of an import (RFC 4180: quoted fields, doubled quotes, CRLF or LF). The header
 * names AssetInput fields; purchase fields are flattened ({@code purchaseDate}, {@code purchaseCost},
 * ...) and {@code attr.NAME} columns become attributes. A value of the wrong type rejects its row.
 */
final class CsvRows {
    static final Set<String> COLUMNS = Set.of("assetTag", "serialNumber", "category", "status", "model", "vendor",
            "location", "department", "custodian", "purchaseDate", "purchaseCost", "purchaseCurrency", "supplier",
            "orderNumber", "warrantyEnd", "holdsBusinessData", "maintenanceIntervalDays", "nextMaintenanceDue", "endOfLife");

    private CsvRows() {}

    static List<ImportRow> parse(String text) {
        CsvTable table = CsvTable.parse(text, name -> COLUMNS.contains(name) || (name.startsWith("attr.") && name.length() > 5));
        return table.records().stream().map(record -> row(table.header(), record)).toList();
    }

    private static ImportRow row(List<String> header, List<String> values) {
        List<FieldError> errors = new ArrayList<>();
        if (values.size() != header.size()) {
            errors.add(new FieldError("row", "has " + values.size() + " values for " + header.size() + " columns"));
            return new ImportRow(null, errors);
        }
        Map<String, String> v = new LinkedHashMap<>();
        Map<String, String> attributes = new LinkedHashMap<>();
        for (int c = 0; c < header.size(); c++) {
            String value = values.get(c).trim();
            if (value.isEmpty()) continue;
            if (header.get(c).startsWith("attr.")) attributes.put(header.get(c).substring(5), value);
            else v.put(header.get(c), value);
        }
        Parser p = new Parser(errors);
        Purchase purchase = v.containsKey("purchaseDate") || v.containsKey("purchaseCost") || v.containsKey("purchaseCurrency")
                || v.containsKey("supplier") || v.containsKey("orderNumber")
                ? new Purchase(p.date("purchaseDate", v), p.decimal("purchaseCost", v), v.get("purchaseCurrency"),
                        v.get("supplier"), v.get("orderNumber"))
                : null;
        AssetInput input = new AssetInput(v.get("assetTag"), v.get("serialNumber"),
                p.enumValue("category", v, Category::parse), p.enumValue("status", v, Status::parse),
                v.get("model"), v.get("vendor"), v.get("location"), v.get("department"), v.get("custodian"), purchase,
                p.date("warrantyEnd", v), p.bool("holdsBusinessData", v), p.integer("maintenanceIntervalDays", v),
                p.date("nextMaintenanceDue", v), p.date("endOfLife", v), attributes.isEmpty() ? null : attributes);
        return new ImportRow(errors.isEmpty() ? input : null, errors);
    }

    /** Reads typed values; an error names its column (within the row: the report's row number says which). */
    private record Parser(List<FieldError> errors) {
        LocalDate date(String column, Map<String, String> v) {
            String value = v.get(column);
            if (value == null) return null;
            try {
                return io.itops.shared.json.IsoDates.date(value);
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError(column, "must be a date like 2026-01-31"));
                return null;
            }
        }

        BigDecimal decimal(String column, Map<String, String> v) {
            String value = v.get(column);
            if (value == null) return null;
            try {
                return new BigDecimal(value);
            } catch (NumberFormatException e) {
                errors.add(new FieldError(column, "must be a number"));
                return null;
            }
        }

        Integer integer(String column, Map<String, String> v) {
            String value = v.get(column);
            if (value == null) return null;
            try {
                return Integer.valueOf(value);
            } catch (NumberFormatException e) {
                errors.add(new FieldError(column, "must be an integer"));
                return null;
            }
        }

        Boolean bool(String column, Map<String, String> v) {
            String value = v.get(column);
            if (value == null) return null;
            if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("yes")) return true;
            if (value.equalsIgnoreCase("false") || value.equalsIgnoreCase("no")) return false;
            errors.add(new FieldError(column, "must be true or false"));
            return null;
        }

        <E> E enumValue(String column, Map<String, String> v, java.util.function.Function<String, E> parse) {
            String value = v.get(column);
            if (value == null) return null;
            try {
                return parse.apply(value);
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError(column, e.getMessage()));
                return null;
            }
        }
    }
}
