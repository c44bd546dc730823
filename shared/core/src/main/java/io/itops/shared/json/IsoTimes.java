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

    static SimpleModule module() {
        SimpleModule module = new SimpleModule("iso-8601-times");
        add(module, Instant.class, DateTimeFormatter.ISO_INSTANT::format, Instant::parse);
        add(module, LocalDate.class, DateTimeFormatter.ISO_LOCAL_DATE::format, LocalDate::parse);
        add(module, LocalDateTime.class, DateTimeFormatter.ISO_LOCAL_DATE_TIME::format, LocalDateTime::parse);
        add(module, OffsetDateTime.class, DateTimeFormatter.ISO_OFFSET_DATE_TIME::format, OffsetDateTime::parse);
        add(module, Duration.class, Duration::toString, Duration::parse);
        add(module, ZoneId.class, ZoneId::getId, ZoneId::of);
        return module;
    }

    private static <T> void add(SimpleModule module, Class<T> type, Function<T, String> format, Function<String, T> parse) {
        module.addSerializer(type, new Text<>(type, format));
        module.addDeserializer(type, new FromText<>(type, parse));
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

        FromText(Class<T> type, Function<String, T> parse) {
            super(type);
            this.parse = parse;
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
            try {
                return parse.apply(text);
            } catch (DateTimeException e) {
                return (T) context.handleWeirdStringValue(handledType(), text, "not an ISO-8601 value: " + e.getMessage());
            }
        }
    }
}
