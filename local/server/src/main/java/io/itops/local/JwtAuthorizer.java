package io.itops.local;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The HTTP API's JWT authorizer: takes the token from the identity source (the Authorization
 * header, "Bearer " optional), checks its RS256 signature against the issuer's JWKS (fetched from
 * the issuer's discovery document and refreshed when an unknown key id appears), then iss, aud (or
 * client_id when aud is absent), exp, nbf and iat with a small clock skew, and the route's scopes.
 * Claims reach the function as API Gateway passes them: every value a string, arrays as
 * {@code "[a b]"}, numbers as their digits.
 */
final class JwtAuthorizer {
    static final Duration SKEW = Duration.ofSeconds(30);
    private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512);
    private static final Duration REFRESH_AT_MOST_EVERY = Duration.ofSeconds(10);
    private final String issuer;
    private final List<String> audiences;
    private final String identityHeader;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private volatile JWKSet keys = new JWKSet();
    private volatile Instant fetchedAt = Instant.EPOCH;

    /** The authorizer's verdict: claims and scopes for the event, or why not. */
    sealed interface Verdict permits Allowed, Denied {}

    record Allowed(Map<String, String> claims, List<String> scopes) implements Verdict {}

    /** {@code status} 401 (no/invalid token) or 403 (missing scope); {@code description} goes to www-authenticate. */
    record Denied(int status, String description) implements Verdict {}

    JwtAuthorizer(String issuer, List<String> audiences, String identitySource) {
        this.issuer = issuer;
        this.audiences = List.copyOf(audiences);
        this.identityHeader = headerOf(identitySource);
    }

    private static String headerOf(String identitySource) {
        String prefix = "$request.header.";
        if (identitySource == null || identitySource.isBlank()) {
            return "authorization";
        }
        if (!identitySource.startsWith(prefix)) {
            throw new IllegalStateException("Only header identity sources are supported locally, not " + identitySource);
        }
        return identitySource.substring(prefix.length()).toLowerCase(Locale.ROOT);
    }

    String identityHeader() {
        return identityHeader;
    }

    /** Fetches the issuer's keys now (the first request need not wait for it). */
    void refreshKeys() throws IOException, InterruptedException, ParseException {
        HttpResponse<String> discovery = http.send(HttpRequest.newBuilder(URI.create(issuer + "/.well-known/openid-configuration"))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        String jwksUri = LocalJson.read(discovery.body()).path("jwks_uri").asText();
        HttpResponse<String> jwks = http.send(HttpRequest.newBuilder(URI.create(jwksUri)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        keys = JWKSet.parse(jwks.body());
        fetchedAt = Instant.now();
    }

    /** Checks the request's token; {@code headers} have lower-case names. */
    Verdict authorize(Map<String, String> headers, List<String> requiredScopes) {
        String value = headers.get(identityHeader);
        if (value == null || value.isBlank()) {
            return new Denied(401, null);
        }
        String token = value.trim();
        if (token.regionMatches(true, 0, "Bearer ", 0, 7)) {
            token = token.substring(7).trim();
        }
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(token);
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            return new Denied(401, "the token is malformed");
        }
        if (!ALGORITHMS.contains(jwt.getHeader().getAlgorithm())) {
            return new Denied(401, "signing method " + jwt.getHeader().getAlgorithm() + " is invalid");
        }
        RSAKey key = key(jwt.getHeader().getKeyID());
        if (key == null) {
            return new Denied(401, "the token's key id is not in the issuer's key set");
        }
        try {
            if (!jwt.verify(new RSASSAVerifier(key))) {
                return new Denied(401, "the token's signature is invalid");
            }
        } catch (JOSEException e) {
            return new Denied(401, "the token's signature is invalid");
        }
        if (!issuer.equals(claims.getIssuer())) {
            return new Denied(401, "the token does not have a valid issuer");
        }
        List<String> tokenAudiences = claims.getAudience();
        if (tokenAudiences == null || tokenAudiences.isEmpty()) {
            Object clientId = claims.getClaim("client_id");
            tokenAudiences = clientId == null ? List.of() : List.of(String.valueOf(clientId));
        }
        if (tokenAudiences.stream().noneMatch(audiences::contains)) {
            return new Denied(401, "the token does not have a valid audience");
        }
        Instant now = Instant.now();
        Date exp = claims.getExpirationTime();
        if (exp == null || now.minus(SKEW).isAfter(exp.toInstant())) {
            return new Denied(401, "the token has expired");
        }
        Date nbf = claims.getNotBeforeTime();
        if (nbf != null && now.plus(SKEW).isBefore(nbf.toInstant())) {
            return new Denied(401, "the token is not valid yet");
        }
        Date iat = claims.getIssueTime();
        if (iat != null && now.plus(SKEW).isBefore(iat.toInstant())) {
            return new Denied(401, "the token was issued in the future");
        }
        List<String> scopes = scopes(claims);
        if (!requiredScopes.isEmpty() && scopes.stream().noneMatch(requiredScopes::contains)) {
            return new Denied(403, "the token does not have the required scope");
        }
        Map<String, String> flattened = new LinkedHashMap<>();
        claims.getClaims().forEach((name, claim) -> {
            if (claim != null) {
                flattened.put(name, flatten(claim));
            }
        });
        return new Allowed(flattened, scopes);
    }

    private RSAKey key(String keyId) {
        JWK key = keyId == null ? (keys.getKeys().size() == 1 ? keys.getKeys().get(0) : null) : keys.getKeyByKeyId(keyId);
        if (key == null && Instant.now().isAfter(fetchedAt.plus(REFRESH_AT_MOST_EVERY))) {
            try {
                refreshKeys();
            } catch (IOException | ParseException e) {
                return null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
            key = keyId == null ? null : keys.getKeyByKeyId(keyId);
        }
        return key instanceof RSAKey rsa ? rsa : null;
    }

    private static List<String> scopes(JWTClaimsSet claims) {
        Object scope = claims.getClaim("scope");
        if (scope == null) {
            scope = claims.getClaim("scp");
        }
        if (scope instanceof Collection<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        if (scope instanceof String text && !text.isBlank()) {
            return List.of(text.trim().split("\\s+"));
        }
        return List.of();
    }

    /** A claim as API Gateway passes it: Go's %v of the JSON value (arrays "[a b]", objects "map[k:v]"). */
    static String flatten(Object claim) {
        if (claim instanceof String text) {
            return text;
        }
        if (claim instanceof Date date) {
            return Long.toString(date.toInstant().getEpochSecond());
        }
        if (claim instanceof Double || claim instanceof Float || claim instanceof BigDecimal) {
            BigDecimal number = new BigDecimal(String.valueOf(claim)).stripTrailingZeros();
            return number.scale() <= 0 ? number.toBigInteger().toString() : number.toPlainString();
        }
        if (claim instanceof Number || claim instanceof Boolean) {
            return String.valueOf(claim);
        }
        if (claim instanceof Collection<?> list) {
            List<String> parts = new ArrayList<>();
            list.forEach(item -> parts.add(item == null ? "<nil>" : flatten(item)));
            return "[" + String.join(" ", parts) + "]";
        }
        if (claim instanceof Map<?, ?> map) {
            List<String> parts = new ArrayList<>();
            new TreeMap<>(map).forEach((k, v) -> parts.add(k + ":" + (v == null ? "<nil>" : flatten(v))));
            return "map[" + String.join(" ", parts) + "]";
        }
        return String.valueOf(claim);
    }
}
