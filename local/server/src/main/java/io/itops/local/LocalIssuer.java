package io.itops.local;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The local OpenID issuer: an RSA key pair made at start, its JWKS and discovery document served by
 * the dev server, and ID tokens shaped like Cognito's (sub, cognito:username, email, name,
 * custom:department, the groups claim template.yaml names). The authorizer verifies these exactly as
 * it would verify Cognito's, against the JWKS it fetches.
 */
final class LocalIssuer {
    static final Duration PRINTED_TOKEN_LIFETIME = Duration.ofHours(12);
    private final String issuer;
    private final String audience;
    private final String groupsClaim;
    private final RSAKey key;

    /** Who a token is for. */
    record Person(String username, List<String> groups, String department, String email, String name) {
        static Person of(String username, String department, String... groups) {
            return new Person(username, List.of(groups), department, null, null);
        }
    }

    /** The three people `./itops run` prints tokens for. */
    static final Person ADMIN = Person.of("ada.admin", "IT", "admin");
    static final Person STAFF = Person.of("sam.staff", "IT", "staff");
    static final Person EMPLOYEE = Person.of("emma.employee", "Finance");

    LocalIssuer(String issuer, String audience, String groupsClaim) {
        this.issuer = issuer;
        this.audience = audience;
        this.groupsClaim = groupsClaim;
        try {
            this.key = new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256)
                    .keyID("itops-local-" + UUID.randomUUID().toString().substring(0, 8)).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate the local issuer's RSA key", e);
        }
    }

    String issuer() {
        return issuer;
    }

    String audience() {
        return audience;
    }

    String groupsClaim() {
        return groupsClaim;
    }

    String keyId() {
        return key.getKeyID();
    }

    String jwksUri() {
        return issuer + "/.well-known/jwks.json";
    }

    /** The public key set, as served at /.well-known/jwks.json. */
    Map<String, Object> jwks() {
        return new JWKSet(key.toPublicJWK()).toJSONObject(true);
    }

    Map<String, Object> openIdConfiguration() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("issuer", issuer);
        doc.put("jwks_uri", jwksUri());
        doc.put("token_endpoint", issuer + "/_local/tokens");
        doc.put("response_types_supported", List.of("id_token"));
        doc.put("subject_types_supported", List.of("public"));
        doc.put("id_token_signing_alg_values_supported", List.of("RS256"));
        return doc;
    }

    /** The claims of an ID token for {@code person}, valid for {@code lifetime} from now. */
    JWTClaimsSet claims(Person person, Duration lifetime, Map<String, Object> extra) {
        Instant now = Instant.now();
        String email = person.email() != null ? person.email() : person.username() + "@example.com";
        String name = person.name() != null ? person.name() : displayName(person.username());
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(audience)
                .subject(UUID.nameUUIDFromBytes(("itops-local:" + person.username()).getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString())
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(lifetime)))
                .jwtID(UUID.randomUUID().toString())
                .claim("token_use", "id")
                .claim("auth_time", now.getEpochSecond())
                .claim("cognito:username", person.username())
                .claim("email", email)
                .claim("email_verified", true)
                .claim("name", name);
        if (person.department() != null) {
            claims.claim("custom:department", person.department());
        }
        if (!person.groups().isEmpty()) {
            claims.claim(groupsClaim, new ArrayList<>(person.groups()));
        }
        extra.forEach(claims::claim);
        return claims.build();
    }

    String mint(Person person, Duration lifetime) {
        return sign(claims(person, lifetime, Map.of()));
    }

    String sign(JWTClaimsSet claims) {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(), claims);
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    private static String displayName(String username) {
        StringBuilder out = new StringBuilder();
        for (String part : username.split("[._-]")) {
            if (!part.isEmpty()) {
                out.append(out.isEmpty() ? "" : " ").append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return out.toString();
    }
}
