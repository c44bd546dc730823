package io.itops.people;

import io.itops.shared.error.ApiException;
import io.itops.shared.error.FieldError;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
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
        List<List<String>> records = records(text.startsWith("\uFEFF") ? text.substring(1) : text);
        if (records.isEmpty()) {
            throw ApiException.Invalid.field("body", "CSV needs a header row");
        }
        List<String> header = records.getFirst().stream().map(String::trim).toList();
        List<FieldError> headerErrors = new ArrayList<>();
        for (int c = 0; c < header.size(); c++) {
            if (!COLUMNS.contains(header.get(c))) {
                headerErrors.add(new FieldError("header[" + c + "]", "unknown column " + abbreviate(header.get(c))));
            }
        }
        if (header.stream().distinct().count() != header.size()) {
            headerErrors.add(new FieldError("header", "a column appears twice"));
        }
        if (!header.contains("personId")) {
            headerErrors.add(new FieldError("header", "needs a personId column"));
        }
        if (!headerErrors.isEmpty()) {
            throw new ApiException.Invalid(headerErrors);
        }
        List<ImportRow> rows = new ArrayList<>();
        for (int r = 1; r < records.size(); r++) {
            List<String> record = records.get(r);
            if (record.size() == 1 && record.getFirst().isBlank()) {
                continue;
            }
            rows.add(row(rows.size(), header, record));
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
            if (!value.matches("\\d{4}-\\d{2}-\\d{2}") || value.startsWith("0000")) {
                throw new DateTimeParseException("not a date", value, 0);
            }
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(prefix + column, "must be a date like 2026-01-31"));
            return null;
        }
    }

    /** Splits CSV text into records of fields. */
    static List<List<String>> records(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            any = true;
            if (quoted) {
                if (ch == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    field.append(ch);
                }
            } else if (ch == '"' && field.isEmpty()) {
                quoted = true;
            } else if (ch == ',') {
                record.add(field.toString());
                field.setLength(0);
            } else if (ch == '\n' || ch == '\r') {
                if (ch == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') i++;
                record.add(field.toString());
                field.setLength(0);
                records.add(record);
                record = new ArrayList<>();
                any = false;
            } else {
                field.append(ch);
            }
        }
        if (quoted) {
            throw ApiException.Invalid.field("body", "CSV has an unterminated quoted field");
        }
        if (any) {
            record.add(field.toString());
            records.add(record);
        }
        return records;
    }

    private static String abbreviate(String value) {
        return value.length() > 40 ? value.substring(0, 40) + "..." : value;
    }
}
