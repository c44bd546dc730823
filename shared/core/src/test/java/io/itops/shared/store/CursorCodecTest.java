package io.itops.shared.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.itops.shared.error.ApiException;
import io.itops.shared.error.FieldError;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Cursors: a round trip, and every edit, replay against another query, or oversize is a 400 on query.cursor. */
class CursorCodecTest {
    private static final byte[] KEY = "cursor-key-for-tests".getBytes(StandardCharsets.UTF_8);
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private final CursorCodec codec = new CursorCodec(() -> KEY);
    private final Map<String, AttributeValue> lastKey = Map.of("PK", AttributeValue.fromS("ASSET#01J"),
            "SK", AttributeValue.fromS("META"), "GSI1SK", AttributeValue.fromN("42"));

    private static void refused(Runnable decode) {
        ApiException.Invalid e = assertThrows(ApiException.Invalid.class, decode::run);
        assertEquals(List.of(new FieldError("query.cursor", "is not a cursor this list issued")), e.errors());
    }

    private static String signature(String scope, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
        mac.update((scope + "\0" + body).getBytes(StandardCharsets.UTF_8));
        return B64.encodeToString(mac.doFinal());
    }

    @Test
    void aCursorRoundTripsStringAndNumberAttributes() {
        String cursor = codec.encode(lastKey, "assets?status=IN_USE");
        assertEquals(lastKey, codec.decode(cursor, "assets?status=IN_USE"));
        assertTrue(cursor.matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]{43}"), cursor);
    }

    @Test
    void theCursorIsBase64urlJsonDotHmacOfScopeZeroBody() throws Exception {
        String cursor = codec.encode(Map.of("PK", AttributeValue.fromS("A"), "N", AttributeValue.fromN("7")), "scope");
        String body = cursor.substring(0, cursor.indexOf('.'));
        assertEquals(signature("scope", body), cursor.substring(cursor.indexOf('.') + 1));
        String json = new String(Base64.getUrlDecoder().decode(body), StandardCharsets.UTF_8);
        assertTrue(json.equals("{\"PK\":{\"S\":\"A\"},\"N\":{\"N\":\"7\"}}") || json.equals("{\"N\":{\"N\":\"7\"},\"PK\":{\"S\":\"A\"}}"), json);
    }

    @Test
    void noLastKeyMeansNoCursorAndNoCursorMeansTheFirstPage() {
        assertNull(codec.encode(null, "s"));
        assertNull(codec.encode(Map.of(), "s"));
        assertNull(codec.decode(null, "s"));
        assertNull(codec.decode("", "s"));
        assertNull(codec.decode("   ", "s"));
    }

    @Test
    void aCursorReplayedAgainstAnotherQueryOrSignedWithAnotherKeyIsRefused() {
        String cursor = codec.encode(lastKey, "assets?status=IN_USE");
        refused(() -> codec.decode(cursor, "assets?status=RETIRED"));
        refused(() -> new CursorCodec(() -> "another-key".getBytes(StandardCharsets.UTF_8)).decode(cursor, "assets?status=IN_USE"));
    }

    @Test
    void everyOneCharacterEditIsRefused() {
        String cursor = codec.encode(lastKey, "s");
        for (int i = 0; i < cursor.length(); i++) {
            if (cursor.charAt(i) == '.') continue;
            char replacement = cursor.charAt(i) == 'A' ? 'B' : 'A';
            String edited = cursor.substring(0, i) + replacement + cursor.substring(i + 1);
            int at = i;
            ApiException.Invalid e = assertThrows(ApiException.Invalid.class, () -> codec.decode(edited, "s"), () -> "edit at " + at);
            assertEquals("query.cursor", e.errors().getFirst().field());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"no-dot-at-all", ".", "abc.", "abc.!!!", "abc.def", "a.b.c"})
    void malformedCursorsAreRefused(String cursor) {
        refused(() -> codec.decode(cursor, "s"));
    }

    @Test
    void aCursorWithAnEmptyBodyIsRefusedEvenWhenItsSignatureMatches() throws Exception {
        String cursor = "." + signature("s", "");
        refused(() -> codec.decode(cursor, "s"));
    }

    @Test
    void aCursorOfExactly2048CharactersIsReadAndALongerOneIsRefusedEvenWhenSigned() {
        String exact = null;
        String longer = null;
        for (int n = 1; n < 2100 && (exact == null || longer == null); n++) {
            String c = codec.encode(Map.of("PK", AttributeValue.fromS("x".repeat(n))), "s");
            if (c.length() == 2048) exact = c;
            if (c.length() > 2048 && longer == null) longer = c;
        }
        assertEquals(2048, exact.length());
        assertEquals(Map.of("PK", AttributeValue.fromS("x".repeat(exact.length() > 0 ? lengthOfValue(exact) : 0))),
                codec.decode(exact, "s"));
        String tooLong = longer;
        refused(() -> codec.decode(tooLong, "s"));
    }

    private static int lengthOfValue(String cursor) {
        String json = new String(Base64.getUrlDecoder().decode(cursor.substring(0, cursor.indexOf('.'))), StandardCharsets.UTF_8);
        return json.length() - "{\"PK\":{\"S\":\"\"}}".length();
    }
}
