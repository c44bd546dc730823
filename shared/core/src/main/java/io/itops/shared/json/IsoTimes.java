package io.itops.shared.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The java.time values the functions exchange, as ISO-8601 text only: written with the ISO
 * formatters, read from strings only. Numbers, numeric strings ("42" would be epoch seconds
 * elsewhere) and arrays are refused, so a wrong type never passes as a date. This replaces Jackson's
 * JavaTimeModule, which loads dozens of (de)serializers at start for types the functions do not use
 * (~80 classes and ~20 ms of every cold start, measured); any other java.time type fails in tests.
 */
final class IsoTimes {
    private static final Pattern NUMERIC = Pattern.compile("[-+]?[0-9]+(\\.[0-9]*)?");

    private IsoTimes() {}

    /** Dates and date-times start with a real four-digit year, 0001-9999: no sign, no year 0000, no extended years. */
    static final String YEAR_RULE = "must have a year from 0001 to 9999, written with four digits and no sign";
    private static final Pattern REAL_YEAR = Pattern.compile("(?!0000)[0-9]{4}-.*", Pattern.DOTALL);

    static boolean realYear(String text) {
        return REAL_YEAR.matcher(text).matches();
    }

    static SimpleModule module() {
        SimpleModule module = new SimpleModule("iso-8601-times");
        add(module, Instant.class, DateTimeFormatter.ISO_INSTANT::format, Instant::parse, true);
        add(module, LocalDate.class, DateTimeFormatter.ISO_LOCAL_DATE::format, LocalDate::parse, true);
        add(module, LocalDateTime.class, DateTimeFormatter.ISO_LOCAL_DATE_TIME::format, LocalDateTime::parse, true);
        add(module, OffsetDateTime.class, DateTimeFormatter.ISO_OFFSET_DATE_TIME::format, OffsetDateTime::parse, true);
        add(module, Duration.class, Duration::toString, Duration::parse, false);
        add(module, ZoneId.class, ZoneId::getId, ZoneId::of, false);
        return module;
    }

    private static <T> void add(SimpleModule module, Class<T> type, Function<T, String> format, Function<String, T> parse,
                                boolean dated) {
        module.addSerializer(type, new Text<>(type, format));
        module.addDeserializer(type, new FromText<>(type, parse, dated));
    }

    private static final class Text<T> extends StdSerializer<T> {
        private final Function<T, String> format;

        Text(Class<T> type, Function<T, String> format) {
            super(type);
            this.format = format;
        }

        @Override
        public void serialize(T value, JsonGenerator generator, SerializerProvider provider) throws IOException {
            generator.writeString(format.apply(value));
        }
    }

    private static final class FromText<T> extends StdScalarDeserializer<T> {
        private final Function<String, T> parse;
        private final boolean dated;

        FromText(Class<T> type, Function<String, T> parse, boolean dated) {
            super(type);
            this.parse = parse;
            this.dated = dated;
        }

        @Override
        @SuppressWarnings("unchecked")
        public T deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (!parser.hasToken(JsonToken.VALUE_STRING)) {
                return (T) context.handleUnexpectedToken(handledType(), parser);
            }
            String text = parser.getText().trim();
            if (NUMERIC.matcher(text).matches()) {
                return (T) context.handleWeirdStringValue(handledType(), text, "not an ISO-8601 date or time");
            }
            if (dated && !realYear(text)) {
                throw com.fasterxml.jackson.databind.JsonMappingException.from(parser, YEAR_RULE, new IllegalArgumentException(YEAR_RULE));
            }
            try {
                return parse.apply(text);
            } catch (DateTimeException e) {
                return (T) context.handleWeirdStringValue(handledType(), text, "not an ISO-8601 value: " + e.getMessage());
            }
        }
    }
}
