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
 * deep nesting, invalid UTF-8, the wrong content type. Each case says which field the problem must
 * name, so the assertion proves the error is useful, not only that it is an error.
 */
public final class BadInput {
    /** A request body (and content type) that must be refused, and the field the refusal must name. */
    public record Case(String description, byte[] body, String contentType, String field, Set<Integer> statuses) {
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
        ObjectNode base = Json.mapper().valueToTree(valid);
        List<Arbitrary<Case>> kinds = new ArrayList<>();
        kinds.add(malformed());
        kinds.add(wrongType(base));
        kinds.add(unknownField(base));
        kinds.add(deepNesting(base));
        kinds.add(invalidUtf8(base));
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
