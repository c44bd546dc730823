package io.itops.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.itops.shared.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Generates bad request bodies from one valid body, for property tests of every route: malformed
 * JSON, each field with a wrong type, each required field missing, unknown fields, oversize bodies,
 * deep nesting, invalid UTF-8, UTF-16 and UTF-32, the wrong content type, each field null where
 * openapi.yaml does not type it nullable, each date with a year outside 0001-9999 or a sign, two
 * fields wrong at once (both must be named); and unknown query parameters for every route. Each case
 * says which fields the problem must name, so the assertion proves the error is useful, not only
 * that it is an error.
 */
public final class BadInput {
    /** A request body (and content type) that must be refused, and the field the refusal must name. */
    public record Case(String description, byte[] body, String contentType, String field, Set<Integer> statuses,
                       List<String> alsoNamed) {
        public Case(String description, byte[] body, String contentType, String field, Set<Integer> statuses) {
            this(description, body, contentType, field, statuses, List.of());
        }

        public HttpEvent applyTo(HttpEvent event) {
            HttpEvent withBody = event.header("content-type", contentType).body(body);
            // bytes that are not UTF-8 reach a function intact only base64-encoded, as API Gateway sends binary
            boolean utf8 = java.util.Arrays.equals(new String(body, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8), body);
            return utf8 ? withBody : withBody.base64();
        }

        @Override
        public String toString() {
            return description;
        }
    }

    private static final Set<Integer> INVALID = Set.of(400, 422);

    private BadInput() {}

    /**
     * Bad variants of {@code valid}. {@code required} lists the top-level fields whose absence is an
     * error; {@code maxBytes} is the route's body limit.
     */
    public static Arbitrary<Case> bodies(Map<String, Object> valid, Set<String> required, int maxBytes) {
        return bodies(null, valid, required, maxBytes);
    }

    /**
     * As {@link #bodies(Map, Set, int)}, with null cases only for the fields openapi.yaml's request
     * schema of {@code routeKey} does not type nullable (a null route: every field is non-nullable).
     */
    public static Arbitrary<Case> bodies(String routeKey, Map<String, Object> valid, Set<String> required, int maxBytes) {
        ObjectNode base = Json.mapper().valueToTree(valid);
        List<Arbitrary<Case>> kinds = new ArrayList<>();
        kinds.add(malformed());
        kinds.add(wrongType(base));
        kinds.add(unknownField(base));
        kinds.add(deepNesting(base));
        kinds.add(invalidUtf8(base));
        kinds.add(otherEncodings(base));
        List<Case> nulls = nulls(routeKey, base);
        if (!nulls.isEmpty()) {
            kinds.add(Arbitraries.of(nulls));
        }
        List<Case> years = unrealYears(base);
        if (!years.isEmpty()) {
            kinds.add(Arbitraries.of(years));
        }
        Case twoAtOnce = twoWrongFields(base);
        if (twoAtOnce != null) {
            kinds.add(Arbitraries.just(twoAtOnce));
        }
        kinds.add(Arbitraries.of(
                new Case("wrong content type", Json.bytes(base), "text/plain", null, Set.of(415)),
                new Case("empty body", new byte[0], "application/json", "body", INVALID),
                new Case("JSON array", "[]".getBytes(StandardCharsets.UTF_8), "application/json", "body", INVALID),
                new Case("JSON null", "null".getBytes(StandardCharsets.UTF_8), "application/json", "body", INVALID),
                oversize(base, maxBytes)));
        if (!required.isEmpty()) {
            kinds.add(Arbitraries.of(List.copyOf(required)).map(field -> {
                ObjectNode copy = base.deepCopy();
                copy.remove(field);
                return new Case("missing " + field, Json.bytes(copy), "application/json", field, INVALID);
            }));
        }
        return Arbitraries.oneOf(kinds);
    }

    /** Asserts a response refuses the case as it must: a 4xx problem that names the field. */
    public static void assertRefused(Case badCase, Invoker.Response response) {
        assertTrue(badCase.statuses().contains(response.status()),
                badCase + ": expected one of " + badCase.statuses() + " but got " + response);
        assertEquals("application/problem+json", response.header("content-type"), badCase + ": problem+json");
        JsonNode body = response.body();
        assertFalse(body.path("code").asText().isEmpty(), badCase + ": problem has a code");
        if (badCase.field() != null) {
            boolean named = false;
            for (JsonNode error : body.path("errors")) {
                String field = error.path("field").asText();
                named |= field.equals(badCase.field()) || field.startsWith(badCase.field() + ".")
                        || field.startsWith(badCase.field() + "[") || field.endsWith("." + badCase.field());
            }
            assertTrue(named, badCase + ": the problem names field " + badCase.field() + ": " + response);
        }
        for (String other : badCase.alsoNamed()) {
            boolean named = false;
            for (JsonNode error : body.path("errors")) {
                named |= error.path("field").asText().equals(other);
            }
            assertTrue(named, badCase + ": every invalid field at once, also " + other + ": " + response);
        }
    }

    /** An unknown query parameter sent to a route: refused with a 400 naming {@code query.<name>}. */
    public record QueryCase(String routeKey, String name) {
        /** The request, with every path parameter a well-formed id that names nothing. */
        public HttpEvent event(Map<String, Object> claims) {
            HttpEvent event = HttpEvent.of(routeKey).as(claims).query(name, "1");
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{([A-Za-z0-9_]+)}").matcher(routeKey);
            while (m.find()) {
                event.path(m.group(1), "00000000000000000000000000");
            }
            return event;
        }

        public Case expected() {
            return new Case(routeKey + " ?" + name, new byte[0], "application/json", "query." + name, Set.of(400));
        }

        @Override
        public String toString() {
            return routeKey + " ?" + name + "=1";
        }
    }

    /** The routes template.yaml gives a function, e.g. for {@link #unknownQueryParameters}. */
    public static List<String> routeKeys(String functionId) {
        return TemplateModel.load().function(functionId).routes().stream().map(TemplateModel.HttpRoute::routeKey).sorted().toList();
    }

    /** Unknown query parameters for each of {@code routeKeys} (a made-up name, or a sibling route's filter). */
    public static Arbitrary<QueryCase> unknownQueryParameters(java.util.Collection<String> routeKeys) {
        Arbitrary<String> names = Arbitraries.oneOf(
                Arbitraries.strings().alpha().ofMinLength(3).ofMaxLength(12).map(name -> "zz" + name),
                Arbitraries.of("assetTag", "serial", "sort", "order", "page", "offset", "q"));
        return Combinators.combine(Arbitraries.of(List.copyOf(routeKeys)), names).as(QueryCase::new)
                .filter(c -> !OpenApiContract.load().queryParameters(c.routeKey()).contains(c.name()));
    }

    /** The valid body in UTF-16 and UTF-32, each byte order, with and without a byte-order mark. */
    private static Arbitrary<Case> otherEncodings(ObjectNode base) {
        String text = Json.write(base);
        List<Case> cases = new ArrayList<>();
        for (String charset : List.of("UTF-16BE", "UTF-16LE", "UTF-32BE", "UTF-32LE")) {
            byte[] encoded = text.getBytes(java.nio.charset.Charset.forName(charset));
            byte[] bom = "\uFEFF".getBytes(java.nio.charset.Charset.forName(charset));
            byte[] withBom = new byte[bom.length + encoded.length];
            System.arraycopy(bom, 0, withBom, 0, bom.length);
            System.arraycopy(encoded, 0, withBom, bom.length, encoded.length);
            cases.add(new Case(charset + " body", encoded, "application/json", "body", Set.of(400, 415)));
            cases.add(new Case(charset + " body with BOM", withBom, "application/json", "body", Set.of(400, 415)));
        }
        return Arbitraries.of(cases);
    }

    /** Each field (nested too) set to null, unless openapi.yaml types it nullable for the route. */
    private static List<Case> nulls(String routeKey, ObjectNode base) {
        List<Case> cases = new ArrayList<>();
        forEachValue(base, "", List.of(), (path, segments) -> {
            if (routeKey != null && OpenApiContract.load().nullableInRequest(routeKey, segments)) {
                return;
            }
            ObjectNode copy = base.deepCopy();
            JsonNode parent = at(copy, segments.subList(0, segments.size() - 1));
            Object last = segments.getLast();
            if (parent instanceof ObjectNode object) {
                object.putNull((String) last);
            } else if (parent instanceof ArrayNode array) {
                array.set((Integer) last, Json.mapper().getNodeFactory().nullNode());
            }
            cases.add(new Case(path + " = null", Json.bytes(copy), "application/json", path, INVALID));
        });
        return cases;
    }

    /** Each date or date-time value with a year that is not a real four-digit year 0001-9999. */
    private static List<Case> unrealYears(ObjectNode base) {
        List<Case> cases = new ArrayList<>();
        java.util.regex.Pattern dated = java.util.regex.Pattern.compile("([0-9]{4})(-[0-9]{2}-[0-9]{2}.*)");
        forEachValue(base, "", List.of(), (path, segments) -> {
            JsonNode value = at(base, segments);
            java.util.regex.Matcher m = value.isTextual() ? dated.matcher(value.asText()) : null;
            if (m == null || !m.matches()) {
                return;
            }
            for (String year : List.of("+999999999", "-0001", "0000", "+00" + m.group(1), "-" + m.group(1), "+" + m.group(1))) {
                ObjectNode copy = base.deepCopy();
                JsonNode parent = at(copy, segments.subList(0, segments.size() - 1));
                String changed = year.equals("+999999999") ? "+999999999-12-31" : year + m.group(2);
                Object last = segments.getLast();
                if (parent instanceof ObjectNode object) {
                    object.put((String) last, changed);
                } else if (parent instanceof ArrayNode array) {
                    array.set((Integer) last, Json.mapper().getNodeFactory().textNode(changed));
                }
                cases.add(new Case(path + " = " + changed, Json.bytes(copy), "application/json", path, INVALID));
            }
        });
        return cases;
    }

    /** An unknown field and a top-level field of the wrong type together: the problem must name both. */
    private static Case twoWrongFields(ObjectNode base) {
        java.util.Iterator<String> names = base.fieldNames();
        while (names.hasNext()) {
            String field = names.next();
            JsonNode wrong = base.get(field).isNumber() ? Json.mapper().getNodeFactory().textNode("not-a-number")
                    : Json.mapper().createArrayNode().add(1);
            ObjectNode copy = base.deepCopy();
            copy.set(field, wrong);
            copy.put("zzUnknown", "surprise");
            return new Case(field + " wrong and zzUnknown", Json.bytes(copy), "application/json", field, INVALID, List.of("zzUnknown"));
        }
        return null;
    }

    private interface ValueVisitor {
        void visit(String path, List<Object> segments);
    }

    /** Visits every non-null value below the root, with its path as errors name it ({@code rows[0].model}). */
    private static void forEachValue(JsonNode node, String path, List<Object> segments, ValueVisitor visitor) {
        if (node instanceof ObjectNode object) {
            object.properties().forEach(e -> {
                List<Object> next = new ArrayList<>(segments);
                next.add(e.getKey());
                String childPath = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
                if (!e.getValue().isNull()) {
                    visitor.visit(childPath, next);
                    forEachValue(e.getValue(), childPath, next, visitor);
                }
            });
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                List<Object> next = new ArrayList<>(segments);
                next.add(i);
                String childPath = path + "[" + i + "]";
                if (!array.get(i).isNull()) {
                    visitor.visit(childPath, next);
                    forEachValue(array.get(i), childPath, next, visitor);
                }
            }
        }
    }

    private static JsonNode at(JsonNode root, List<Object> segments) {
        JsonNode node = root;
        for (Object segment : segments) {
            node = segment instanceof Integer index ? node.get(index) : node.get((String) segment);
        }
        return node;
    }

    private static Arbitrary<Case> malformed() {
        return Arbitraries.of("{", "{\"a\":}", "{\"a\" 1}", "{'a':1}", "{\"a\":1,}", "{}}", "nul", "{\"a\":tru}",
                        "{\"a\":\"unterminated}", "{} trailing", "{\"a\":1")
                .map(text -> new Case("malformed: " + text, text.getBytes(StandardCharsets.UTF_8), "application/json", "body", INVALID));
    }

    private static Arbitrary<Case> wrongType(ObjectNode base) {
        List<String> fields = new ArrayList<>();
        base.fieldNames().forEachRemaining(fields::add);
        Arbitrary<JsonNode> wrongValues = Arbitraries.of(
                Json.mapper().getNodeFactory().numberNode(42),
                Json.mapper().getNodeFactory().textNode("not-the-right-type"),
                Json.mapper().getNodeFactory().booleanNode(true),
                Json.mapper().createArrayNode().add(1),
                Json.mapper().createObjectNode().put("x", 1));
        return Combinators.combine(Arbitraries.of(fields), wrongValues).as((field, value) -> {
            JsonNode original = base.get(field);
            if (sameShape(original, value)) {
                return null;
            }
            ObjectNode copy = base.deepCopy();
            copy.set(field, value);
            return new Case(field + " = " + value, Json.bytes(copy), "application/json", field, INVALID);
        }).filter(c -> c != null);
    }

    private static boolean sameShape(JsonNode a, JsonNode b) {
        return a.getNodeType() == b.getNodeType();
    }

    private static Arbitrary<Case> unknownField(ObjectNode base) {
        return Arbitraries.strings().alpha().ofMinLength(3).ofMaxLength(12).map(name -> "zz" + name).map(name -> {
            ObjectNode copy = base.deepCopy();
            copy.put(name, "surprise");
            return new Case("unknown field " + name, Json.bytes(copy), "application/json", name, INVALID);
        });
    }

    private static Arbitrary<Case> deepNesting(ObjectNode base) {
        return Arbitraries.integers().between(20, 400).map(depth -> {
            ObjectNode copy = base.deepCopy();
            ArrayNode deepest = copy.putArray("nested");
            for (int i = 0; i < depth; i++) {
                deepest = deepest.addArray();
            }
            StringBuilder text = new StringBuilder(Json.write(copy));
            return new Case("nested " + depth + " deep", text.toString().getBytes(StandardCharsets.UTF_8), "application/json", null, INVALID);
        });
    }

    private static Arbitrary<Case> invalidUtf8(ObjectNode base) {
        return Arbitraries.of(new byte[] {(byte) 0xC3, (byte) 0x28}, new byte[] {(byte) 0xFF}, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80})
                .map(bad -> {
                    byte[] json = Json.bytes(base);
                    // splice the invalid bytes into the first string value
                    int quote = indexOfValueQuote(json);
                    byte[] out = new byte[json.length + bad.length];
                    System.arraycopy(json, 0, out, 0, quote + 1);
                    System.arraycopy(bad, 0, out, quote + 1, bad.length);
                    System.arraycopy(json, quote + 1, out, quote + 1 + bad.length, json.length - quote - 1);
                    return new Case("invalid UTF-8", out, "application/json", null, INVALID);
                });
    }

    private static int indexOfValueQuote(byte[] json) {
        for (int i = 1; i < json.length; i++) {
            if (json[i] == '"' && json[i - 1] == ':') {
                return i;
            }
        }
        return 1;
    }

    private static Case oversize(ObjectNode base, int maxBytes) {
        ObjectNode copy = base.deepCopy();
        copy.put("padding", "x".repeat(maxBytes + 1));
        return new Case("oversize body", Json.bytes(copy), "application/json", null, Set.of(413));
    }
}
