package io.itops.scan;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * Times and dates in request bodies are ISO-8601 strings only: the shared mapper would also read a
 * bare number as epoch seconds (or an array as a date), which a scanner sending the wrong field
 * would never notice.
 */
final class IsoTime {
    private IsoTime() {}

    static final class InstantText extends StdDeserializer<Instant> {
        InstantText() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser p, DeserializationContext context) throws IOException {
            String text = text(p, context, Instant.class);
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e) {
                throw InvalidFormatException.from(p, "not an ISO-8601 instant", text, Instant.class);
            }
        }
    }

    static final class DateText extends StdDeserializer<LocalDate> {
        DateText() {
            super(LocalDate.class);
        }

        @Override
        public LocalDate deserialize(JsonParser p, DeserializationContext context) throws IOException {
            String text = text(p, context, LocalDate.class);
            try {
                return LocalDate.parse(text);
            } catch (DateTimeParseException e) {
                throw InvalidFormatException.from(p, "not an ISO-8601 date", text, LocalDate.class);
            }
        }
    }

    private static String text(JsonParser p, DeserializationContext context, Class<?> type) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            context.handleUnexpectedToken(type, p);
        }
        return p.getText();
    }
}
