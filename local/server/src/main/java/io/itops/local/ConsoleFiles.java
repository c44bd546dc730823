package io.itops.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The web console's built files (web/dist) as CloudFront serves them: a file when one is at the
 * path, else index.html for a page request (a GET that accepts text/html), with the headers of the
 * template's response-headers policy. Only for paths no API route knows, so every API answer, and
 * every answer to a non-page request, stays the gateway's JSON.
 */
final class ConsoleFiles {
    /** The template's ConsoleHeadersPolicy, the same directives. */
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
            + "connect-src 'self'; form-action 'self'; base-uri 'self'; object-src 'none'; frame-ancestors 'none'";
    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"), Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("css", "text/css; charset=utf-8"), Map.entry("json", "application/json"),
            Map.entry("svg", "image/svg+xml"), Map.entry("png", "image/png"), Map.entry("ico", "image/x-icon"),
            Map.entry("woff2", "font/woff2"), Map.entry("txt", "text/plain; charset=utf-8"), Map.entry("map", "application/json"));
    private final Path dist;

    ConsoleFiles(Path dist) {
        this.dist = dist.toAbsolutePath().normalize();
    }

    boolean built() {
        return Files.isRegularFile(dist.resolve("index.html"));
    }

    Path dist() {
        return dist;
    }

    /** The file or page for this request, or empty when it is not one (the gateway answers it). */
    Optional<Gateway.Result> serve(String method, String rawPath, List<Map.Entry<String, String>> headers) {
        if (!(method.equals("GET") || method.equals("HEAD")) || !built()) {
            return Optional.empty();
        }
        String decoded = RouteTable.decode(rawPath);
        Path file;
        try {
            file = dist.resolve(decoded.substring(1)).normalize();
        } catch (java.nio.file.InvalidPathException e) {
            file = dist; // no file has such a name (a NUL, say): a page request still gets the console
        }
        if (file.startsWith(dist) && !file.equals(dist) && !decoded.endsWith("/") && Files.isRegularFile(file)) {
            return Optional.of(file(file, decoded.startsWith("/static/")));
        }
        boolean page = headers.stream().anyMatch(h -> h.getKey().equalsIgnoreCase("accept")
                && h.getValue().toLowerCase(Locale.ROOT).contains("text/html"));
        return page ? Optional.of(file(dist.resolve("index.html"), false)) : Optional.empty();
    }

    private Gateway.Result file(Path file, boolean immutable) {
        String name = file.getFileName().toString();
        String ext = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT) : "";
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            return HttpFront.error(500, "cannot read " + file + ": " + e.getMessage());
        }
        return new Gateway.Result(200, List.of(
                Map.entry("content-type", TYPES.getOrDefault(ext, "application/octet-stream")),
                Map.entry("cache-control", immutable ? "public, max-age=31536000, immutable" : "no-cache"),
                Map.entry("content-security-policy", CSP),
                Map.entry("x-content-type-options", "nosniff"),
                Map.entry("x-frame-options", "DENY"),
                Map.entry("referrer-policy", "strict-origin-when-cross-origin")),
                bytes, null, null, "console " + name);
    }
}
