package io.itops.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The local issuer's OpenID Connect endpoints for the web console: authorization code with PKCE
 * (S256 only, as Cognito's managed login), a sign-in page to pick or type a user and groups, the
 * token endpoint, and end-session. Codes are single use and live five minutes; redirect URIs must
 * be on this machine (localhost, 127.0.0.1, [::1]), the only place the console runs against it.
 */
final class LocalOidc {
    static final String AUTHORIZE = "/_local/oidc/authorize";
    static final String TOKEN = "/_local/oidc/token";
    static final String END_SESSION = "/_local/oidc/logout";
    static final Duration CODE_LIFETIME = Duration.ofMinutes(5);
    static final Duration TOKEN_LIFETIME = Duration.ofHours(1);
    private static final Set<String> LOCAL_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]");
    private final LocalIssuer issuer;
    private final Path usersFile;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Grant> codes = new ConcurrentHashMap<>();

    private record Grant(LocalIssuer.Person person, String clientId, String redirectUri, String challenge, String nonce,
                         String scope, Instant expires) {}

    LocalOidc(LocalIssuer issuer, Path usersFile) {
        this.issuer = issuer;
        this.usersFile = usersFile;
    }

    /** Adds the code-flow endpoints to the issuer's discovery document. */
    Map<String, Object> discovery() {
        Map<String, Object> doc = new LinkedHashMap<>(issuer.openIdConfiguration());
        doc.put("authorization_endpoint", issuer.issuer() + AUTHORIZE);
        doc.put("token_endpoint", issuer.issuer() + TOKEN);
        doc.put("end_session_endpoint", issuer.issuer() + END_SESSION);
        doc.put("response_types_supported", List.of("code"));
        doc.put("grant_types_supported", List.of("authorization_code"));
        doc.put("code_challenge_methods_supported", List.of("S256"));
        doc.put("scopes_supported", List.of("openid", "email", "profile"));
        doc.put("token_endpoint_auth_methods_supported", List.of("none"));
        return doc;
    }

    boolean handles(String path) {
        return path.equals(AUTHORIZE) || path.equals(TOKEN) || path.equals(END_SESSION);
    }

    Gateway.Result handle(String method, String path, String rawQuery, byte[] body) {
        String key = method + " " + path;
        return switch (key) {
            case "GET " + AUTHORIZE -> authorizePage(form(rawQuery), null);
            case "POST " + AUTHORIZE -> signIn(form(new String(body, StandardCharsets.UTF_8)));
            case "POST " + TOKEN -> token(form(new String(body, StandardCharsets.UTF_8)));
            case "GET " + END_SESSION -> endSession(form(rawQuery));
            default -> HttpFront.error(405, "Method " + method + " not allowed on " + path);
        };
    }

    // ------------------------------------------------------------------ authorize

    /** What must hold of an authorization request before a page or a code is given for it; null when it does. */
    private String invalidRequest(Map<String, String> q) {
        if (!issuer.audience().equals(q.get("client_id"))) {
            return "client_id must be " + issuer.audience();
        }
        if (!"code".equals(q.get("response_type"))) {
            return "response_type must be code";
        }
        if (!isLocal(q.get("redirect_uri"))) {
            return "redirect_uri must be an http(s) URL on localhost";
        }
        if (q.getOrDefault("code_challenge", "").length() < 43 || !"S256".equals(q.get("code_challenge_method"))) {
            return "PKCE is required: code_challenge (43+ characters) with code_challenge_method S256";
        }
        return null;
    }

    private Gateway.Result authorizePage(Map<String, String> q, String problem) {
        String invalid = invalidRequest(q);
        if (invalid != null) {
            return HttpFront.error(400, invalid);
        }
        StringBuilder hidden = new StringBuilder();
        for (String name : List.of("client_id", "redirect_uri", "response_type", "scope", "state", "code_challenge",
                "code_challenge_method", "nonce")) {
            if (q.get(name) != null) {
                hidden.append("<input type=\"hidden\" name=\"").append(name).append("\" value=\"").append(html(q.get(name))).append("\">");
            }
        }
        StringBuilder people = new StringBuilder();
        users().forEach((name, person) -> people.append("<li><button type=\"submit\" name=\"pick\" value=\"").append(html(name))
                .append("\">").append(html(name)).append("</button> <span>").append(html(String.join(", ", person.groups())))
                .append(person.groups().isEmpty() ? "employee" : "").append(" · ").append(html(String.valueOf(person.department())))
                .append("</span></li>"));
        String page = """
                <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sign in - itops local issuer</title>
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <style>body{font:16px system-ui,sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem;color:#1b1f24}
                label{display:block;margin:.6rem 0 .2rem}input[type=text]{width:100%%;padding:.4rem;font:inherit}
                button{font:inherit;padding:.35rem .8rem;margin:.2rem 0;cursor:pointer}ul{list-style:none;padding:0}
                .problem{color:#a0001c;font-weight:600}span{color:#4a5360}</style></head><body><main>
                <h1>Sign in to the IT portal</h1><p>The dev server's local issuer: pick a person from local/users.json, or type any user and groups.</p>
                %s<form method="post" action="%s">%s
                <h2>People</h2><ul>%s</ul>
                <h2>Someone else</h2>
                <label for="username">User name</label><input type="text" id="username" name="username" autocomplete="username">
                <label for="groups">Groups (comma-separated: staff, admin; empty for an employee)</label><input type="text" id="groups" name="groups">
                <label for="department">Department</label><input type="text" id="department" name="department">
                <p><button type="submit" name="pick" value="">Sign in</button></p></form></main></body></html>
                """.formatted(problem == null ? "" : "<p class=\"problem\" role=\"alert\">" + html(problem) + "</p>", AUTHORIZE, hidden, people);
        return new Gateway.Result(200, List.of(Map.entry("content-type", "text/html; charset=utf-8"),
                Map.entry("cache-control", "no-store"), Map.entry("content-security-policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'self' http://localhost:* http://127.0.0.1:*; frame-ancestors 'none'")),
                page.getBytes(StandardCharsets.UTF_8), null, null, null);
    }

    private Gateway.Result signIn(Map<String, String> f) {
        String invalid = invalidRequest(f);
        if (invalid != null) {
            return HttpFront.error(400, invalid);
        }
        LocalIssuer.Person person;
        String pick = f.getOrDefault("pick", "");
        if (!pick.isBlank()) {
            person = users().get(pick);
            if (person == null) {
                return authorizePage(f, "No such person in local/users.json: " + pick);
            }
        } else {
            String username = f.getOrDefault("username", "").strip();
            if (!username.matches("[A-Za-z0-9._@-]{1,64}")) {
                return authorizePage(f, "User name: 1 to 64 letters, digits, '.', '_', '@' or '-'.");
            }
            List<String> groups = Arrays.stream(f.getOrDefault("groups", "").split("[,\\s]+")).filter(g -> !g.isBlank()).toList();
            String department = f.getOrDefault("department", "").strip();
            LocalIssuer.Person known = users().get(username);
            person = new LocalIssuer.Person(username, groups.isEmpty() && known != null ? known.groups() : groups,
                    department.isEmpty() ? (known != null ? known.department() : null) : department, null, null);
        }
        String code = randomToken();
        codes.put(code, new Grant(person, f.get("client_id"), f.get("redirect_uri"), f.get("code_challenge"), f.get("nonce"),
                f.getOrDefault("scope", "openid"), Instant.now().plus(CODE_LIFETIME)));
        String location = f.get("redirect_uri") + (f.get("redirect_uri").contains("?") ? "&" : "?") + "code=" + enc(code)
                + (f.get("state") != null ? "&state=" + enc(f.get("state")) : "");
        return redirect(location);
    }

    // ------------------------------------------------------------------ token

    private Gateway.Result token(Map<String, String> f) {
        if (!"authorization_code".equals(f.get("grant_type"))) {
            return oauthError("unsupported_grant_type", "grant_type must be authorization_code");
        }
        Grant grant = f.get("code") == null ? null : codes.remove(f.get("code"));
        if (grant == null || grant.expires().isBefore(Instant.now())) {
            return oauthError("invalid_grant", "the code is unknown, used or expired");
        }
        if (!grant.clientId().equals(f.get("client_id")) || !grant.redirectUri().equals(f.get("redirect_uri"))) {
            return oauthError("invalid_grant", "client_id and redirect_uri must be those of the authorization request");
        }
        String verifier = f.getOrDefault("code_verifier", "");
        if (!verifier.matches("[A-Za-z0-9._~-]{43,128}") || !MessageDigest.isEqual(s256(verifier).getBytes(StandardCharsets.US_ASCII),
                grant.challenge().getBytes(StandardCharsets.US_ASCII))) {
            return oauthError("invalid_grant", "code_verifier does not match the code_challenge (S256)");
        }
        Map<String, Object> idExtra = grant.nonce() == null ? Map.of() : Map.of("nonce", grant.nonce());
        var idClaims = issuer.claims(grant.person(), TOKEN_LIFETIME, idExtra);
        // the access token carries the same identity claims: the functions read the caller from either
        var accessClaims = issuer.claims(grant.person(), TOKEN_LIFETIME, Map.of("token_use", "access", "client_id", grant.clientId(),
                "scope", grant.scope()));
        ObjectNode out = LocalJson.object();
        out.put("access_token", issuer.sign(accessClaims));
        out.put("id_token", issuer.sign(idClaims));
        out.put("token_type", "Bearer");
        out.put("expires_in", TOKEN_LIFETIME.toSeconds());
        out.put("scope", grant.scope());
        return withHeaders(HttpFront.json(200, out), Map.entry("cache-control", "no-store"));
    }

    private Gateway.Result endSession(Map<String, String> q) {
        String back = q.get("post_logout_redirect_uri");
        if (back != null && isLocal(back)) {
            return redirect(back + (q.get("state") != null ? (back.contains("?") ? "&" : "?") + "state=" + enc(q.get("state")) : ""));
        }
        return new Gateway.Result(200, List.of(Map.entry("content-type", "text/html; charset=utf-8")),
                "<!doctype html><html lang=\"en\"><title>Signed out</title><main><h1>Signed out</h1></main></html>".getBytes(StandardCharsets.UTF_8),
                null, null, null);
    }

    // ------------------------------------------------------------------ helpers

    /** local/users.json: name to groups and department; read per request so edits apply at once. */
    private Map<String, LocalIssuer.Person> users() {
        Map<String, LocalIssuer.Person> people = new LinkedHashMap<>();
        if (!Files.isRegularFile(usersFile)) {
            return people;
        }
        try {
            JsonNode doc = LocalJson.read(Files.readAllBytes(usersFile));
            doc.properties().forEach(entry -> {
                if (entry.getKey().startsWith("_")) {
                    return;
                }
                List<String> groups = new ArrayList<>();
                entry.getValue().path("groups").forEach(g -> groups.add(g.asText()));
                people.put(entry.getKey(), new LocalIssuer.Person(entry.getKey(), groups, entry.getValue().path("department").asText(null), null, null));
            });
        } catch (java.io.IOException | RuntimeException e) {
            // an unreadable directory leaves only "someone else"
        }
        return people;
    }

    static boolean isLocal(String uri) {
        if (uri == null) {
            return false;
        }
        try {
            URI parsed = new URI(uri);
            String host = parsed.getHost() == null ? "" : parsed.getHost();
            return (parsed.getScheme() != null && parsed.getScheme().matches("https?")) && parsed.getFragment() == null
                    && (LOCAL_HOSTS.contains(host) || host.equals("::1"));
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String randomToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static Map<String, String> form(String encoded) {
        Map<String, String> out = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return out;
        }
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.putIfAbsent(name, value);
        }
        return out;
    }

    private static Gateway.Result redirect(String location) {
        return new Gateway.Result(302, List.of(Map.entry("location", location), Map.entry("cache-control", "no-store"),
                Map.entry("content-type", "application/json")), "{}\n".getBytes(StandardCharsets.UTF_8), null, null, null);
    }

    private static Gateway.Result oauthError(String error, String description) {
        ObjectNode body = LocalJson.object();
        body.put("error", error);
        body.put("error_description", description);
        return withHeaders(HttpFront.json(400, body), Map.entry("cache-control", "no-store"));
    }

    @SafeVarargs
    static Gateway.Result withHeaders(Gateway.Result result, Map.Entry<String, String>... extra) {
        List<Map.Entry<String, String>> headers = new ArrayList<>(result.headers());
        headers.addAll(List.of(extra));
        return new Gateway.Result(result.status(), headers, result.body(), result.routeKey(), result.function(), result.note());
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String html(String value) {
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }
}
