package io.itops.people;

import io.itops.shared.csv.CsvTable;
import io.itops.shared.error.FieldError;
import io.itops.shared.json.IsoDates;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the CSV form of an HR export (RFC 4180: quoted fields, doubled quotes, CRLF or LF), as the
 * asset import does. The header names PersonInput fields; an empty cell leaves the field as it is;
 * a value of the wrong type rejects its row.
 */
final class PersonCsv {
    static final Set<String> COLUMNS = Set.of("personId", "name", "email", "department", "manager", "location",
            "status", "startDate", "leaveDate");

    private PersonCsv() {}

    static List<ImportRow> parse(String text) {
        CsvTable table = CsvTable.parse(text, COLUMNS::contains, "personId");
        List<ImportRow> rows = new ArrayList<>();
        for (List<String> record : table.records()) {
            rows.add(row(rows.size(), table.header(), record));
        }
        return rows;
    }

    private static ImportRow row(int index, List<String> header, List<String> values) {
        String prefix = "rows[" + index + "].";
        List<FieldError> errors = new ArrayList<>();
        if (values.size() != header.size()) {
            errors.add(new FieldError(prefix + "row", "has " + values.size() + " values for " + header.size() + " columns"));
            return new ImportRow(null, errors);
        }
        Map<String, String> v = new LinkedHashMap<>();
        for (int c = 0; c < header.size(); c++) {
            String value = values.get(c).trim();
            if (!value.isEmpty()) {
                v.put(header.get(c), value);
            }
        }
        PersonStatus status = null;
        if (v.containsKey("status")) {
            try {
                status = PersonStatus.parse(v.get("status"));
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError(prefix + "status", e.getMessage()));
            }
        }
        PersonInput input = new PersonInput(v.get("personId"), v.get("name"), v.get("email"), v.get("department"), v.get("manager"),
                v.get("location"), status, date(prefix, "startDate", v, errors), date(prefix, "leaveDate", v, errors));
        return new ImportRow(errors.isEmpty() ? input : null, errors);
    }

    private static LocalDate date(String prefix, String column, Map<String, String> v, List<FieldError> errors) {
        String value = v.get(column);
        if (value == null) {
            return null;
        }
        try {
            return IsoDates.date(value);
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(prefix + column, "must be a date like 2026-01-31"));
            return null;
        }
    }
}
