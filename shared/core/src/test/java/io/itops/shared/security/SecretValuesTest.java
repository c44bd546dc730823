package io.itops.shared.security;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.itops.shared.error.ApiException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The secret cache: five minutes, bounded, fail closed; entries of a JSON secret. No network. */
class SecretValuesTest {
    private final FakeSecrets aws = new FakeSecrets();
    private final FakeSecrets.TestClock clock = new FakeSecrets.TestClock("2026-12-02T09:00:00Z");
    private final SecretValues secrets = new SecretValues(aws, clock);

    /** What the code under test logged (one JSON line per entry on stdout) while running {@code action}. */
    private static String logged(Runnable action) {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } catch (RuntimeException expected) {
            // the test asserts the exception separately
        } finally {
            System.setOut(original);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void eachFailureIsLoggedWithTheSecretIdForTheOperator() {
        aws.with("keys", "not json");
        String notJson = logged(() -> secrets.entry("keys", "a"));
        assertTrue(notJson.contains("secret is not a JSON object of strings") && notJson.contains("keys"), notJson);
        String missing = logged(() -> secrets.require("itops/absent"));
        assertTrue(missing.contains("secret missing") && missing.contains("itops/absent"), missing);
        aws.down = true;
        String down = logged(() -> secrets.find("itops/down"));
        assertTrue(down.contains("secret unavailable") && down.contains("itops/down") && down.contains("SdkClientException"), down);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aSecretIsFetchedOnceAndServedFromMemoryForJustUnderFiveMinutes() {
        aws.with("itops/slack", "first");
        assertArrayEquals(utf8("first"), secrets.find("itops/slack").orElseThrow());
        aws.with("itops/slack", "rotated");
        clock.advanceSeconds(299);
        assertArrayEquals(utf8("first"), secrets.find("itops/slack").orElseThrow());
        assertEquals(1, aws.calls.get());
        clock.advanceSeconds(1); // exactly five minutes after the fetch: expired
        assertArrayEquals(utf8("rotated"), secrets.find("itops/slack").orElseThrow());
        assertEquals(2, aws.calls.get());
        clock.advanceSeconds(299);
        assertArrayEquals(utf8("rotated"), secrets.find("itops/slack").orElseThrow());
        assertEquals(2, aws.calls.get());
    }

    @Test
    void aMissingSecretIsEmptyAndTheAbsenceIsCachedToo() {
        assertTrue(secrets.find("itops/none").isEmpty());
        assertTrue(secrets.find("itops/none").isEmpty());
        assertEquals(1, aws.calls.get());
    }

    @Test
    void aSecretWithoutAStringValueIsEmpty() {
        aws.with("itops/binary", null);
        assertTrue(secrets.find("itops/binary").isEmpty());
    }

    @Test
    void forgetFetchesEverySecretAgainOnItsNextUse() {
        aws.with("a", "1").with("b", "2");
        secrets.find("a");
        secrets.find("b");
        secrets.forget();
        aws.with("a", "1b");
        assertArrayEquals(utf8("1b"), secrets.find("a").orElseThrow());
        secrets.find("b");
        assertEquals(4, aws.calls.get());
    }

    @Test
    void secretsManagerUnreachableIsA503WithRetryAfterAndNothingCached() {
        aws.with("itops/slack", "value");
        aws.down = true;
        ApiException.Unavailable e = assertThrows(ApiException.Unavailable.class, () -> secrets.find("itops/slack"));
        assertEquals(Duration.ofSeconds(5), e.retryAfter());
        assertEquals("Secrets are unavailable; retry later", e.getMessage());
        aws.down = false;
        assertArrayEquals(utf8("value"), secrets.find("itops/slack").orElseThrow());
        assertEquals(2, aws.calls.get());
    }

    @Test
    void requireReturnsTheValueOrA503WhenTheSecretIsMissing() {
        aws.with("itops/cursor", "k");
        assertArrayEquals(utf8("k"), secrets.require("itops/cursor"));
        ApiException.Unavailable e = assertThrows(ApiException.Unavailable.class, () -> secrets.require("itops/absent"));
        assertEquals(Duration.ofSeconds(30), e.retryAfter());
        assertEquals("A required secret is not configured", e.getMessage());
    }

    @Test
    void entryReadsOneNonEmptyStringOfAJsonObject() {
        aws.with("keys", "{\"scanner-1\":\"s3cret\",\"empty\":\"\",\"number\":7,\"object\":{\"a\":\"b\"},\"null\":null}");
        assertArrayEquals(utf8("s3cret"), secrets.entry("keys", "scanner-1").orElseThrow());
        assertTrue(secrets.entry("keys", "empty").isEmpty());
        assertTrue(secrets.entry("keys", "number").isEmpty());
        assertTrue(secrets.entry("keys", "object").isEmpty());
        assertTrue(secrets.entry("keys", "null").isEmpty());
        assertTrue(secrets.entry("keys", "unknown").isEmpty());
        assertTrue(secrets.entry("absent", "scanner-1").isEmpty());
        assertEquals(2, aws.calls.get(), "one fetch per secret, whatever the entry");
    }

    @Test
    void entryOfASecretThatIsNotJsonIsEmpty() {
        aws.with("keys", "not json at all");
        assertTrue(secrets.entry("keys", "scanner-1").isEmpty());
        aws.with("array", "[\"a\"]");
        assertTrue(secrets.entry("array", "0").isEmpty());
    }

    @Test
    void theCacheHoldsExactlyThirtyTwoSecretsThenStartsAgain() {
        for (int i = 1; i <= SecretValues.MAX_CACHED; i++) {
            aws.with("s" + i, "v" + i);
            secrets.find("s" + i);
        }
        secrets.find("s1");
        assertEquals(32, aws.calls.get(), "32 secrets fit");
        aws.with("s33", "v33");
        secrets.find("s33");
        assertEquals(33, aws.calls.get());
        secrets.find("s33");
        assertEquals(33, aws.calls.get(), "the newest stays cached");
        secrets.find("s1");
        assertEquals(34, aws.calls.get(), "a full cache of live entries is cleared");
    }

    @Test
    void aFullCacheDropsOnlyItsExpiredEntriesWhenThatMakesRoom() {
        for (int i = 1; i <= 16; i++) {
            aws.with("old" + i, "v");
            secrets.find("old" + i);
        }
        clock.advanceSeconds(301);
        for (int i = 1; i <= 16; i++) {
            aws.with("new" + i, "v");
            secrets.find("new" + i);
        }
        aws.with("extra", "v");
        secrets.find("extra");
        int calls = aws.calls.get();
        for (int i = 1; i <= 16; i++) {
            secrets.find("new" + i);
        }
        assertEquals(calls, aws.calls.get(), "live entries survive");
        secrets.find("old1");
        assertEquals(calls + 1, aws.calls.get());
    }

    @Test
    void entriesThatExpireExactlyNowAreDroppedToMakeRoom() {
        for (int i = 1; i <= 31; i++) {
            aws.with("old" + i, "v");
            secrets.find("old" + i);
        }
        clock.advanceSeconds(1);
        aws.with("young", "v");
        secrets.find("young");
        clock.advanceSeconds(299); // the 31 expire exactly now; "young" has a second left
        aws.with("extra", "v");
        secrets.find("extra");
        int calls = aws.calls.get();
        secrets.find("young");
        assertEquals(calls, aws.calls.get(), "only expired entries were dropped, not the whole cache");
    }
}
