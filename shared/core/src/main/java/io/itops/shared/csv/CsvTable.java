package io.itops.shared.csv;

import io.itops.shared.error.ApiException;
import io.itops.shared.error.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The CSV form of an import body (RFC 4180: quoted fields, doubled quotes, CRLF or LF; a leading BOM is
 * dropped): a header of known, distinct column names and the data records after it, blank lines skipped.
 * Each import maps the records to its own rows.
 */
public record CsvTable(List<String> header, List<List<String>> records) {

    /** Refuses (400, every header fault at once) a header with an unknown, repeated or missing required column. */
    public static CsvTable parse(String text, Predicate<String> knownColumn, String... requiredColumns) {
        List<List<String>> all = records(text.startsWith("\uFEFF") ? text.substring(1) : text);
        if (all.isEmpty()) {
            throw ApiException.Invalid.field("body", "CSV needs a header row");
        }
        List<String> header = all.getFirst().stream().map(String::trim).toList();
        List<FieldError> errors = new ArrayList<>();
        for (int c = 0; c < header.size(); c++) {
            if (!knownColumn.test(header.get(c))) {
                errors.add(new FieldError("header[" + c + "]", "unknown column " + abbreviate(header.get(c))));
            }
        }
        if (header.stream().distinct().count() != header.size()) {
            errors.add(new FieldError("header", "a column appears twice"));
        }
        for (String required : requiredColumns) {
            if (!header.contains(required)) {
                errors.add(new FieldError("header", "needs a " + required + " column"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ApiException.Invalid(errors);
        }
        List<List<String>> data = all.subList(1, all.size()).stream()
                .filter(record -> !(record.size() == 1 && record.getFirst().isBlank())).toList();
        return new CsvTable(header, data);
    }

    /** Splits CSV text into records of fields. */
    public static List<List<String>> records(String text) {
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
