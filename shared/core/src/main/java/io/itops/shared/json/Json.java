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
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.itops.shared.error.ApiException;
import io.itops.shared.error.FieldError;
import io.itops.shared.validation.BindingErrors;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
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
        requireUtf8(body);
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
        requireUtf8(body);
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

    /**
     * Binds a request body to {@code type} finding every invalid field, not only the first: a field
     * that is null (absent and null are not the same; types that give null a meaning read the tree
     * themselves), unknown, of the wrong type, format or enum is noted and dropped, and binding goes
     * on with the rest. Inside a request scope the errors wait in {@link BindingErrors} for the
     * route's rules, which report them all together; outside one they are thrown at once.
     */
    public static <T> T bind(byte[] body, Class<T> type) {
        Bound<T> bound = bindAll(body, type);
        if (!bound.errors().isEmpty()) {
            if (!BindingErrors.deferrable()) {
                throw new ApiException.Invalid(bound.errors());
            }
            BindingErrors.defer(bound.errors());
        }
        return bound.value();
    }

    /** A bound value (its invalid fields dropped) and the errors of those fields. */
    public record Bound<T>(T value, List<FieldError> errors) {}

    /** Binds a body finding every invalid field (as {@link #bind}), and returns the errors instead of deferring them. */
    public static <T> Bound<T> bindAll(byte[] body, Class<T> type) {
        JsonNode tree = tree(body);
        if (!tree.isObject()) {
            throw ApiException.Invalid.field("body", "must be a JSON object");
        }
        ObjectNode remaining = (ObjectNode) tree.deepCopy();
        List<FieldError> errors = new ArrayList<>();
        dropNulls(remaining, "", errors);
        if (errors.isEmpty()) {
            // the usual case: bound straight from the bytes, so numbers keep their exact written form
            try {
                return new Bound<>(MAPPER.readValue(body, type), List.of());
            } catch (JsonMappingException e) {
                errors.addAll(invalid(e).errors());
                if (!drop(remaining, e.getPath())) {
                    throw new ApiException.Invalid(errors);
                }
            } catch (IOException e) {
                throw invalid(e);
            }
        }
        return new Bound<>(bindRemaining(remaining, type, errors), List.copyOf(errors));
    }

    /**
     * Binds one object of a larger body (a row of a batch) as {@link #bind} binds a body: every null,
     * unknown, mistyped or malformed field found, dropped and returned with the value of the rest.
     */
    public static <T> Bound<T> bindAll(JsonNode node, Class<T> type) {
        if (!node.isObject()) {
            throw ApiException.Invalid.field("body", "must be a JSON object");
        }
        ObjectNode remaining = (ObjectNode) node.deepCopy();
        List<FieldError> errors = new ArrayList<>();
        dropNulls(remaining, "", errors);
        return new Bound<>(bindRemaining(remaining, type, errors), List.copyOf(errors));
    }

    /**
     * Binds a tree whose nulls carry meaning (a merge patch), finding every field of the wrong type,
     * format or enum, or unknown; the caller reports the errors with its own.
     */
    public static <T> Bound<T> convertAll(ObjectNode tree, Class<T> type) {
        List<FieldError> errors = new ArrayList<>();
        T value = bindRemaining(tree.deepCopy(), type, errors);
        return new Bound<>(value, List.copyOf(errors));
    }

    private static <T> T bindRemaining(ObjectNode remaining, Class<T> type, List<FieldError> errors) {
        for (int attempt = 0; attempt <= MAX_BINDING_ERRORS; attempt++) {
            try {
                return MAPPER.treeToValue(remaining, type);
            } catch (JsonMappingException e) {
                errors.addAll(invalid(e).errors());
                if (!drop(remaining, e.getPath())) {
                    throw new ApiException.Invalid(errors);
                }
            } catch (IOException e) {
                errors.addAll(invalid(e).errors());
                throw new ApiException.Invalid(errors);
            }
        }
        throw new ApiException.Invalid(errors);
    }

    static final int MAX_BINDING_ERRORS = 50;

    /**
     * The nulls of a merge patch that mean nothing: null clears only the top-level fields named in
     * {@code clearable} (openapi.yaml types them nullable); any other null, at any depth, is an error.
     */
    public static List<FieldError> meaninglessNulls(JsonNode patch, java.util.Set<String> clearable) {
        ObjectNode copy = patch.deepCopy();
        clearable.forEach(field -> {
            if (copy.has(field) && copy.get(field).isNull()) {
                copy.remove(field);
            }
        });
        List<FieldError> errors = new ArrayList<>();
        dropNulls(copy, "", errors);
        return errors;
    }

    private static void dropNulls(JsonNode node, String at, List<FieldError> errors) {
        if (node instanceof ObjectNode object) {
            List<String> nulls = new ArrayList<>();
            object.properties().forEach(e -> {
                String field = at.isEmpty() ? e.getKey() : at + "." + e.getKey();
                if (e.getValue().isNull()) {
                    errors.add(new FieldError(field, "must not be null; leave the field out instead"));
                    nulls.add(e.getKey());
                } else {
                    dropNulls(e.getValue(), field, errors);
                }
            });
            nulls.forEach(object::remove);
        } else if (node instanceof ArrayNode array) {
            for (int i = array.size() - 1; i >= 0; i--) {
                if (array.get(i).isNull()) {
                    errors.add(new FieldError(at + "[" + i + "]", "must not be null"));
                }
            }
            for (int i = array.size() - 1; i >= 0; i--) {
                if (array.get(i).isNull()) {
                    array.remove(i);
                } else {
                    dropNulls(array.get(i), at + "[" + i + "]", errors);
                }
            }
        }
    }

    /**
     * Removes the value a binding error points at, so binding can go on; an element of an array takes
     * its whole array (indices of later elements stay as the client wrote them). False when the error
     * names no field that can be removed.
     */
    private static boolean drop(ObjectNode root, List<JsonMappingException.Reference> path) {
        JsonNode parent = root;
        ObjectNode owner = null;
        String ownerField = null;
        for (int i = 0; i < path.size(); i++) {
            JsonMappingException.Reference ref = path.get(i);
            boolean last = i == path.size() - 1;
            if (ref.getFieldName() != null && parent instanceof ObjectNode object) {
                if (!object.has(ref.getFieldName())) {
                    return false;
                }
                if (last) {
                    object.remove(ref.getFieldName());
                    return true;
                }
                owner = object;
                ownerField = ref.getFieldName();
                parent = object.get(ref.getFieldName());
            } else if (ref.getIndex() >= 0 && parent instanceof ArrayNode array && ref.getIndex() < array.size()) {
                if (owner == null) {
                    return false;
                }
                if (last) {
                    owner.remove(ownerField);
                    return true;
                }
                parent = array.get(ref.getIndex());
            } else {
                return false;
            }
        }
        return false;
    }

    /**
     * JSON between systems is UTF-8 (RFC 8259 section 8.1). Jackson would detect and decode UTF-16
     * and UTF-32 by their zero bytes or byte-order mark; they are refused instead, so no client's
     * text is stored decoded by a guess.
     */
    static void requireUtf8(byte[] body) {
        if (body.length >= 2 && ((body[0] == (byte) 0xFE && body[1] == (byte) 0xFF) || (body[0] == (byte) 0xFF && body[1] == (byte) 0xFE))
                || body.length >= 4 && body[0] == 0 && body[1] == 0 && body[2] == (byte) 0xFE && body[3] == (byte) 0xFF) {
            throw notUtf8();
        }
        int prefix = Math.min(body.length, 4);
        for (int i = 0; i < prefix; i++) {
            if (body[i] == 0) {
                throw notUtf8();
            }
        }
    }

    private static ApiException.Invalid notUtf8() {
        return new ApiException.Invalid("NOT_UTF8", "JSON must be encoded as UTF-8",
                List.of(new FieldError("body", "must be UTF-8 (RFC 8259); UTF-16 and UTF-32 are refused")));
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
