package io.itops.shared.json;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Dates and date-times read from text outside a JSON body (query parameters, CSV cells) with the
 * rules bodies follow: ISO-8601, a year from 0001 to 9999 with four digits and no sign. Each parser
 * throws IllegalArgumentException whose message says what is wrong, as {@code ApiRequest.query} expects.
 */
public final class IsoDates {
    private IsoDates() {}

    public static LocalDate date(String text) {
        requireRealYear(text);
        try {
            return LocalDate.parse(text);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("must be an ISO-8601 date such as 2027-01-15");
        }
    }

    public static Instant instant(String text) {
        requireRealYear(text);
        try {
            return Instant.parse(text);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("must be an ISO-8601 instant such as 2027-01-15T09:30:00Z");
        }
    }

    /** Whether text starts with a real year; other formats are left to the parser. */
    public static boolean hasRealYear(String text) {
        return text != null && IsoTimes.realYear(text);
    }

    private static void requireRealYear(String text) {
        if (!hasRealYear(text)) {
            throw new IllegalArgumentException(IsoTimes.YEAR_RULE);
        }
    }
}
