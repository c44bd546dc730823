package io.itops.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * An EventBridge event pattern, evaluated as EventBridge does: every field the pattern names must
 * match (nested objects descend into the event; {@code $or} takes alternatives); a field's list of
 * matchers matches when any one does; an array in the event matches when any element does. Matchers:
 * exact values (strings, numbers compared numerically, booleans, null), prefix, suffix (each also
 * with equals-ignore-case), equals-ignore-case, wildcard, anything-but (values, prefix, suffix,
 * equals-ignore-case, wildcard), numeric ranges, exists, cidr. A pattern is checked when parsed, so
 * a mistake in template.yaml stops the dev server with the rule named.
 */
final class EventPattern {
    private final JsonNode pattern;

    private EventPattern(JsonNode pattern) {
        this.pattern = pattern;
    }

    static EventPattern parse(JsonNode pattern) {
        if (pattern == null || !pattern.isObject() || pattern.isEmpty()) {
            throw new IllegalArgumentException("an event pattern must be a non-empty JSON object");
        }
        checkObject(pattern, "");
        return new EventPattern(pattern);
    }

    static EventPattern parse(Map<String, Object> pattern) {
        return parse(LocalJson.tree(pattern));
    }

    JsonNode json() {
        return pattern;
    }

    boolean matches(JsonNode event) {
        return matchObject(pattern, event);
    }

    // ------------------------------------------------------------------ validation

    private static void checkObject(JsonNode node, String path) {
        node.properties().forEach(e -> {
            String at = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
            JsonNode value = e.getValue();
            if (e.getKey().equals("$or")) {
                if (!value.isArray() || value.size() < 2) {
                    throw new IllegalArgumentException(at + ": $or needs a list of at least two patterns");
                }
                value.forEach(alternative -> {
                    if (!alternative.isObject()) {
                        throw new IllegalArgumentException(at + ": each $or alternative must be an object");
                    }
                    checkObject(alternative, path);
                });
            } else if (value.isObject()) {
                checkObject(value, at);
            } else if (value.isArray()) {
                if (value.isEmpty()) {
                    throw new IllegalArgumentException(at + ": an empty list matches nothing");
                }
                value.forEach(matcher -> checkMatcher(matcher, at));
            } else {
                throw new IllegalArgumentException(at + ": a pattern value must be a list of matchers or an object, not " + value);
            }
        });
    }

    private static void checkMatcher(JsonNode matcher, String at) {
        if (!matcher.isObject()) {
            if (matcher.isArray()) {
                throw new IllegalArgumentException(at + ": nested lists are not matchers");
            }
            return;
        }
        if (matcher.size() != 1) {
            throw new IllegalArgumentException(at + ": a matcher object has exactly one operator: " + matcher);
        }
        Map.Entry<String, JsonNode> op = matcher.properties().iterator().next();
        JsonNode arg = op.getValue();
        switch (op.getKey()) {
            case "prefix", "suffix" -> {
                if (!arg.isTextual() && !(arg.isObject() && arg.size() == 1 && arg.path("equals-ignore-case").isTextual())) {
                    throw new IllegalArgumentException(at + ": " + op.getKey() + " takes a string or {\"equals-ignore-case\": string}");
                }
            }
            case "equals-ignore-case", "wildcard" -> {
                if (!arg.isTextual()) {
                    throw new IllegalArgumentException(at + ": " + op.getKey() + " takes a string");
                }
            }
            case "exists" -> {
                if (!arg.isBoolean()) {
                    throw new IllegalArgumentException(at + ": exists takes true or false");
                }
            }
            case "numeric" -> numericChecks(arg, at);
            case "cidr" -> cidr(arg.asText(), at);
            case "anything-but" -> {
                if (arg.isObject()) {
                    if (arg.size() != 1) {
                        throw new IllegalArgumentException(at + ": anything-but takes one operator");
                    }
                    String inner = arg.properties().iterator().next().getKey();
                    if (!List.of("prefix", "suffix", "equals-ignore-case", "wildcard").contains(inner)) {
                        throw new IllegalArgumentException(at + ": anything-but does not take " + inner);
                    }
                } else if (arg.isArray()) {
                    arg.forEach(v -> {
                        if (v.isContainerNode()) {
                            throw new IllegalArgumentException(at + ": anything-but lists values only");
                        }
                    });
                } else if (arg.isNull()) {
                    throw new IllegalArgumentException(at + ": anything-but takes a value, a list or an operator");
                }
            }
            default -> throw new IllegalArgumentException(at + ": unknown matcher " + op.getKey());
        }
    }

    private static List<Object[]> numericChecks(JsonNode arg, String at) {
        if (!arg.isArray() || arg.isEmpty() || arg.size() % 2 != 0 || arg.size() > 4) {
            throw new IllegalArgumentException(at + ": numeric takes [op, number] or [op, number, op, number]");
        }
        List<Object[]> checks = new ArrayList<>();
        for (int i = 0; i < arg.size(); i += 2) {
            String op = arg.get(i).asText();
            if (!List.of("<", "<=", "=", ">", ">=").contains(op) || !arg.get(i + 1).isNumber()) {
                throw new IllegalArgumentException(at + ": numeric operator " + op + " needs a number");
            }
            checks.add(new Object[] {op, arg.get(i + 1).decimalValue()});
        }
        return checks;
    }

    // ------------------------------------------------------------------ matching

    private static boolean matchObject(JsonNode pattern, JsonNode event) {
        var fields = pattern.properties().iterator();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getKey().equals("$or")) {
                boolean any = false;
                for (JsonNode alternative : field.getValue()) {
                    if (matchObject(alternative, event)) {
                        any = true;
                        break;
                    }
                }
                if (!any) {
                    return false;
                }
                continue;
            }
            JsonNode value = event == null || !event.isObject() ? MissingNode.getInstance() : event.path(field.getKey());
            if (!matchField(field.getValue(), value)) {
                return false;
            }
        }
        return true;
    }

    private static boolean matchField(JsonNode pattern, JsonNode value) {
        if (pattern.isObject()) {
            if (value.isArray()) {
                for (JsonNode element : value) {
                    if (matchObject(pattern, element)) {
                        return true;
                    }
                }
                return false;
            }
            return matchObject(pattern, value);
        }
        List<JsonNode> values = new ArrayList<>();
        boolean present = !value.isMissingNode();
        if (value.isArray()) {
            value.forEach(values::add);
        } else if (present) {
            values.add(value);
        }
        for (JsonNode matcher : pattern) {
            if (matcher.isObject() && matcher.has("exists")) {
                boolean exists = present && !(value.isArray() && value.isEmpty()) && !value.isObject();
                if (exists == matcher.get("exists").asBoolean()) {
                    return true;
                }
                continue;
            }
            for (JsonNode v : values) {
                if (matchValue(matcher, v)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean matchValue(JsonNode matcher, JsonNode value) {
        if (!matcher.isObject()) {
            return literal(matcher, value);
        }
        Map.Entry<String, JsonNode> op = matcher.properties().iterator().next();
        JsonNode arg = op.getValue();
        return switch (op.getKey()) {
            case "prefix" -> value.isTextual() && (arg.isTextual()
                    ? value.asText().startsWith(arg.asText())
                    : lower(value.asText()).startsWith(lower(arg.path("equals-ignore-case").asText())));
            case "suffix" -> value.isTextual() && (arg.isTextual()
                    ? value.asText().endsWith(arg.asText())
                    : lower(value.asText()).endsWith(lower(arg.path("equals-ignore-case").asText())));
            case "equals-ignore-case" -> value.isTextual() && value.asText().equalsIgnoreCase(arg.asText());
            case "wildcard" -> value.isTextual() && wildcard(arg.asText()).matcher(value.asText()).matches();
            case "numeric" -> value.isNumber() && numeric(arg, value.decimalValue());
            case "cidr" -> value.isTextual() && inCidr(value.asText(), arg.asText());
            case "anything-but" -> anythingBut(arg, value);
            default -> false;
        };
    }

    private static boolean literal(JsonNode expected, JsonNode value) {
        if (expected.isNull()) {
            return value.isNull();
        }
        if (expected.isNumber()) {
            return value.isNumber() && expected.decimalValue().compareTo(value.decimalValue()) == 0;
        }
        if (expected.isBoolean()) {
            return value.isBoolean() && expected.asBoolean() == value.asBoolean();
        }
        return value.isTextual() && expected.asText().equals(value.asText());
    }

    private static boolean anythingBut(JsonNode arg, JsonNode value) {
        if (value.isContainerNode()) {
            return false;
        }
        if (arg.isObject()) {
            Map.Entry<String, JsonNode> op = arg.properties().iterator().next();
            JsonNode inner = op.getValue();
            if (!value.isTextual()) {
                return false;
            }
            List<String> operands = new ArrayList<>();
            if (inner.isArray()) {
                inner.forEach(o -> operands.add(o.asText()));
            } else {
                operands.add(inner.asText());
            }
            String text = value.asText();
            return operands.stream().noneMatch(o -> switch (op.getKey()) {
                case "prefix" -> text.startsWith(o);
                case "suffix" -> text.endsWith(o);
                case "equals-ignore-case" -> text.equalsIgnoreCase(o);
                case "wildcard" -> wildcard(o).matcher(text).matches();
                default -> false;
            });
        }
        if (arg.isArray()) {
            for (JsonNode excluded : arg) {
                if (literal(excluded, value)) {
                    return false;
                }
            }
            return true;
        }
        return !literal(arg, value);
    }

    private static boolean numeric(JsonNode arg, BigDecimal value) {
        for (Object[] check : numericChecks(arg, "numeric")) {
            int c = value.compareTo((BigDecimal) check[1]);
            boolean ok = switch ((String) check[0]) {
                case "<" -> c < 0;
                case "<=" -> c <= 0;
                case "=" -> c == 0;
                case ">" -> c > 0;
                default -> c >= 0;
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static String lower(String text) {
        return text.toLowerCase(Locale.ROOT);
    }

    /** {@code *} matches any run of characters; {@code \*} is a literal star. */
    private static Pattern wildcard(String expression) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < expression.length(); i++) {
            char c = expression.charAt(i);
            if (c == '\\' && i + 1 < expression.length() && expression.charAt(i + 1) == '*') {
                regex.append("\\*");
                i++;
            } else if (c == '*') {
                regex.append(".*");
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    private static BigInteger[] cidr(String cidr, String at) {
        int slash = cidr.indexOf('/');
        try {
            if (slash < 0) {
                throw new IllegalArgumentException();
            }
            byte[] network = InetAddress.getByName(cidr.substring(0, slash)).getAddress();
            int bits = Integer.parseInt(cidr.substring(slash + 1));
            if (bits < 0 || bits > network.length * 8 || !cidr.substring(0, slash).matches("[0-9a-fA-F:.]+")) {
                throw new IllegalArgumentException();
            }
            return new BigInteger[] {new BigInteger(1, network), BigInteger.valueOf(bits), BigInteger.valueOf(network.length)};
        } catch (UnknownHostException | IllegalArgumentException e) {
            throw new IllegalArgumentException(at + ": cidr takes an address block such as 10.0.0.0/24, not " + cidr);
        }
    }

    private static boolean inCidr(String address, String cidr) {
        if (!address.matches("[0-9a-fA-F:.]+")) {
            return false;
        }
        BigInteger[] block = cidr(cidr, "cidr");
        byte[] bytes;
        try {
            bytes = InetAddress.getByName(address).getAddress();
        } catch (UnknownHostException e) {
            return false;
        }
        if (bytes.length != block[2].intValue()) {
            return false;
        }
        int total = bytes.length * 8;
        int shift = total - block[1].intValue();
        return new BigInteger(1, bytes).shiftRight(shift).equals(block[0].shiftRight(shift));
    }
}
