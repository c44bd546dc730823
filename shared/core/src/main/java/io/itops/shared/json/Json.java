package io.itops.shared.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.itops.shared.error.ApiException;
import io.itops.shared.error.FieldError;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The one configured JSON mapper. Strict on input: unknown and duplicate fields, type coercion
 * ("5" for a number), trailing tokens, deep nesting and huge values are rejected with the field
 * named. Dates are ISO-8601 strings; absent values are omitted on output.
 */
public final class Json {
    public static final int MAX_DEPTH = 16;

    private static final ObjectMapper MAPPER = build();
    // Lambda events may carry bodies up to 6 MB inside one string; request bodies are limited separately.
    private static final JsonFactory EVENT_FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).maxStringLength(8_000_000).build())
            .build();

    private Json() {}

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    private static ObjectMapper build() {
        JsonMapper mapper = JsonMapper.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                .addModule(IsoTimes.module())
                .build();
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_DEPTH)
                .maxStringLength(1_000_000)
                .maxNumberLength(40)
                .build());
        mapper.coercionConfigDefaults().setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        return mapper;
    }

    /** Reads a request body into {@code type}; any problem becomes a 400 naming the field. */
    public static <T> T read(byte[] body, Class<T> type) {
        T value;
        try {
            value = MAPPER.readValue(body, type);
        } catch (IOException e) {
            throw invalid(e);
        }
        if (value == null) {
            throw ApiException.Invalid.field("body", "must be a JSON object, not null");
        }
        return value;
    }

    public static JsonNode tree(byte[] body) {
        try {
            JsonNode node = MAPPER.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw ApiException.Invalid.field("body", "a JSON document is required");
            }
            return node;
        } catch (IOException e) {
            throw invalid(e);
        }
    }

    /** Reads an invocation event (the envelope Lambda delivers), whose body string may be large. */
    public static JsonNode readEvent(InputStream input) throws IOException {
        try (JsonParser parser = EVENT_FACTORY.createParser(input)) {
            return MAPPER.readTree(parser);
        }
    }

    public static <T> T convert(JsonNode node, Class<T> type) {
        try {
            return MAPPER.treeToValue(node, type);
        } catch (IOException e) {
            throw invalid(e);
        }
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] bytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ApiException.Invalid invalid(IOException e) {
        if (e instanceof UnrecognizedPropertyException u) {
            return problem(path(u, u.getPropertyName()), "unknown field");
        }
        if (e instanceof InvalidFormatException f) {
            return problem(path(f, null), "invalid value " + abbreviate(String.valueOf(f.getValue()))
                    + (f.getTargetType() != null && f.getTargetType().isEnum()
                            ? "; expected one of " + enumValues(f.getTargetType()) : ""));
        }
        if (e instanceof MismatchedInputException m) {
            String field = path(m, null);
            String message = m.getTargetType() == null
                    ? "has the wrong type"
                    : "must be " + describe(m.getTargetType());
            if (m.getOriginalMessage() != null && m.getOriginalMessage().startsWith("No content")) {
                return problem("body", "a JSON document is required");
            }
            return problem(field, message);
        }
        if (e instanceof JsonMappingException jm && jm.getCause() instanceof IllegalArgumentException iae) {
            return problem(path(jm, null), iae.getMessage());
        }
        if (e instanceof StreamConstraintsException) {
            return problem("body", "exceeds limits (nesting depth " + MAX_DEPTH + ", value size)");
        }
        if (e instanceof JsonParseException p) {
            String message = p.getOriginalMessage();
            if (message != null && message.startsWith("Duplicate field")) {
                return problem(duplicateField(message), "duplicate field");
            }
            return new ApiException.Invalid("MALFORMED_JSON", "Body is not valid JSON",
                    List.of(new FieldError("body", "malformed JSON at line " + p.getLocation().getLineNr()
                            + ", column " + p.getLocation().getColumnNr())));
        }
        if (e instanceof JsonMappingException jm) {
            return problem(path(jm, null), "is invalid");
        }
        return new ApiException.Invalid("MALFORMED_JSON", "Body is not valid JSON",
                List.of(new FieldError("body", "unreadable JSON")));
    }

    private static ApiException.Invalid problem(String field, String message) {
        return ApiException.Invalid.field(field, message);
    }

    private static String path(JsonMappingException e, String leaf) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!out.isEmpty()) {
                    out.append('.');
                }
                out.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        if (out.isEmpty()) {
            return leaf == null ? "body" : leaf;
        }
        return out.toString();
    }

    private static String duplicateField(String message) {
        int start = message.indexOf('\'');
        int end = message.indexOf('\'', start + 1);
        return start >= 0 && end > start ? message.substring(start + 1, end) : "body";
    }

    private static String describe(Class<?> type) {
        if (type == String.class) return "a string";
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) return "an integer";
        if (Number.class.isAssignableFrom(type) || type == double.class) return "a number";
        if (type == Boolean.class || type == boolean.class) return "true or false";
        if (type.isEnum()) return "one of " + enumValues(type);
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) return "an array";
        if (java.time.temporal.Temporal.class.isAssignableFrom(type)) return "an ISO-8601 date or time";
        return "an object";
    }

    private static String enumValues(Class<?> type) {
        StringBuilder out = new StringBuilder();
        for (Object constant : type.getEnumConstants()) {
            if (!out.isEmpty()) out.append(", ");
            out.append(constant);
        }
        return out.toString();
    }

    private static String abbreviate(String value) {
        return value.length() > 40 ? value.substring(0, 40) + "..." : value;
    }

}
