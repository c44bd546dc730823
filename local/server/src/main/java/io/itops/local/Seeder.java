package io.itops.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Sample data: sends the requests of {@code local/seed/*.json} (in file-name order) through the
 * gateway, exactly as HTTP requests would go (authorizer, route, function), each with a token minted
 * for the entry's role or user. An entry:
 * <pre>
 * {"method": "POST", "path": "/assets", "role": "staff", "body": {...}, "as": "asset.LT-0001"}
 * {"method": "POST", "path": "/assets/${asset.LT-0001}/faults", "user": {"username": "raj.patel", "department": "Engineering"}, "body": {...}}
 * </pre>
 * {@code role} is admin, staff or employee; {@code user} names anyone (username, groups, department).
 * {@code as} keeps the response body under a name: {@code ${name}} is then its id (the first field
 * ending in "Id"), {@code ${name.field}} any field. {@code ${today}}, {@code ${today+30}},
 * {@code ${today-7}} are dates (UTC). Optional: {@code headers}, {@code query} (a raw query string),
 * {@code expect} (a status; default any 2xx).
 */
final class Seeder {
    private static final Pattern REF = Pattern.compile("\\$\\{([^}]+)}");
    private final Gateway gateway;
    private final LocalIssuer issuer;
    private final Map<String, JsonNode> saved = new LinkedHashMap<>();

    /** What seeding did. */
    record Report(List<String> files, int requests, List<String> failures, long millis) {
        boolean ok() {
            return failures.isEmpty();
        }
    }

    Seeder(Gateway gateway, LocalIssuer issuer) {
        this.gateway = gateway;
        this.issuer = issuer;
    }

    static List<Path> files(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Report run(List<Path> files) {
        long started = System.nanoTime();
        int requests = 0;
        List<String> failures = new ArrayList<>();
        List<String> names = new ArrayList<>();
        Map<String, String> tokens = new LinkedHashMap<>();
        for (Path file : files) {
            names.add(file.getFileName().toString());
            JsonNode entries;
            try {
                entries = LocalJson.read(Files.readAllBytes(file));
            } catch (IOException | IllegalArgumentException e) {
                failures.add(file.getFileName() + ": " + e.getMessage());
                break;
            }
            if (entries.isObject() && entries.has("requests")) {
                entries = entries.get("requests");
            }
            int index = 0;
            for (JsonNode entry : entries) {
                index++;
                String where = file.getFileName() + " #" + index;
                try {
                    requests++;
                    String failure = send(entry, tokens);
                    if (failure != null) {
                        failures.add(where + " " + entry.path("method").asText() + " " + entry.path("path").asText() + ": " + failure);
                    }
                } catch (RuntimeException e) {
                    failures.add(where + ": " + e.getMessage());
                }
                if (!failures.isEmpty()) {
                    // later entries usually depend on earlier ones: stop at the first failure, with it named
                    return new Report(names, requests, failures, (System.nanoTime() - started) / 1_000_000);
                }
            }
        }
        return new Report(names, requests, failures, (System.nanoTime() - started) / 1_000_000);
    }

    /** Sends one entry; returns null when it got the status it expects, else what went wrong. */
    private String send(JsonNode entry, Map<String, String> tokens) {
        String method = entry.path("method").asText("GET").toUpperCase(java.util.Locale.ROOT);
        String path = substitute(entry.path("path").asText());
        String query = entry.has("query") ? substitute(entry.get("query").asText()) : null;
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        headers.add(Map.entry("Host", "localhost"));
        headers.add(Map.entry("User-Agent", "itops-seed"));
        String token = token(entry, tokens);
        if (token != null) {
            headers.add(Map.entry("Authorization", "Bearer " + token));
        }
        byte[] body = new byte[0];
        if (entry.has("body")) {
            JsonNode resolved = substitute(entry.get("body"));
            body = resolved.isTextual() ? resolved.asText().getBytes(StandardCharsets.UTF_8) : LocalJson.bytes(resolved);
            headers.add(Map.entry("Content-Type", resolved.isTextual() ? "text/plain" : "application/json"));
        }
        entry.path("headers").properties().forEach(h -> headers.add(Map.entry(h.getKey(), substitute(h.getValue().asText()))));
        Gateway.Result result = gateway.handle(new Gateway.Call(method, path, query, headers, body, "127.0.0.1", "HTTP/1.1"));
        boolean expected = entry.has("expect") ? result.status() == entry.get("expect").asInt() : result.status() / 100 == 2;
        if (!expected) {
            return "status " + result.status() + " " + new String(result.body(), StandardCharsets.UTF_8);
        }
        if (entry.has("as")) {
            JsonNode response = LocalJson.readOrNull(result.body());
            saved.put(entry.get("as").asText(), response == null ? LocalJson.object() : response);
        }
        return null;
    }

    private String token(JsonNode entry, Map<String, String> tokens) {
        if (entry.has("user")) {
            JsonNode user = entry.get("user");
            List<String> groups = new ArrayList<>();
            user.path("groups").forEach(g -> groups.add(g.asText()));
            LocalIssuer.Person person = new LocalIssuer.Person(user.path("username").asText(), groups,
                    user.path("department").asText(null), user.path("email").asText(null), user.path("name").asText(null));
            return tokens.computeIfAbsent("user:" + LocalJson.write(user), k -> issuer.mint(person, Duration.ofHours(1)));
        }
        String role = entry.path("role").asText("admin");
        if (role.equals("none")) {
            return null;
        }
        LocalIssuer.Person person = switch (role) {
            case "admin" -> LocalIssuer.ADMIN;
            case "staff" -> LocalIssuer.STAFF;
            case "employee" -> LocalIssuer.EMPLOYEE;
            default -> throw new IllegalArgumentException("role must be admin, staff, employee or none, not " + role);
        };
        return tokens.computeIfAbsent("role:" + role, k -> issuer.mint(person, Duration.ofHours(1)));
    }

    private JsonNode substitute(JsonNode node) {
        if (node.isTextual()) {
            return new TextNode(substitute(node.asText()));
        }
        if (node.isObject()) {
            ObjectNode copy = LocalJson.object();
            node.properties().forEach(e -> copy.set(e.getKey(), substitute(e.getValue())));
            return copy;
        }
        if (node.isArray()) {
            var copy = LocalJson.array();
            node.forEach(item -> copy.add(substitute(item)));
            return copy;
        }
        return node;
    }

    String substitute(String text) {
        Matcher m = REF.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(resolve(m.group(1).trim())));
        }
        m.appendTail(out);
        return out.toString();
    }

    private String resolve(String reference) {
        Matcher date = Pattern.compile("today(?:([+-])(\\d+))?").matcher(reference);
        if (date.matches()) {
            LocalDate today = LocalDate.now(ZoneOffset.UTC);
            if (date.group(1) == null) {
                return today.toString();
            }
            long days = Long.parseLong(date.group(2));
            return (date.group(1).equals("+") ? today.plusDays(days) : today.minusDays(days)).toString();
        }
        if (reference.equals("now")) {
            return Instant.now().toString();
        }
        String name = null;
        for (String candidate : saved.keySet()) {
            if ((reference.equals(candidate) || reference.startsWith(candidate + "."))
                    && (name == null || candidate.length() > name.length())) {
                name = candidate;
            }
        }
        if (name == null) {
            throw new IllegalArgumentException("${" + reference + "} names nothing saved earlier (use \"as\" on an earlier entry)");
        }
        JsonNode body = saved.get(name);
        if (reference.equals(name)) {
            for (Map.Entry<String, JsonNode> field : body.properties()) {
                if (field.getKey().endsWith("Id") && field.getValue().isValueNode()) {
                    return field.getValue().asText();
                }
            }
            throw new IllegalArgumentException("${" + reference + "}: the saved response has no field ending in Id");
        }
        JsonNode value = body;
        for (String part : reference.substring(name.length() + 1).split("\\.")) {
            value = value.path(part);
        }
        if (value.isMissingNode()) {
            throw new IllegalArgumentException("${" + reference + "}: no such field in the saved response");
        }
        return value.isValueNode() ? value.asText() : LocalJson.write(value);
    }
}
