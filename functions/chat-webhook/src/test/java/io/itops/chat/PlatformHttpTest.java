package io.itops.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Timeouts, retries and the delivery budget of calls to the platforms, against a local stand-in. */
class PlatformHttpTest {
    private final PlatformStandIns standIn = new PlatformStandIns();
    private final List<Duration> waits = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() {
        standIn.close();
    }

    private URI hook() {
        return URI.create(standIn.slackChannelWebhook("it"));
    }

    @Test
    void aPlatformSlowerThanTheRequestTimeout_isATransientFailureAfterEveryAttempt() {
        PlatformHttp http = new PlatformHttp(waits::add, Duration.ofMillis(200));
        standIn.slowDown(Duration.ofMillis(600));
        DeliveryException failed = assertThrows(DeliveryException.class, () -> http.postJson(hook(), Map.of(), Map.of("text", "x")));
        assertFalse(failed.permanent());
        assertTrue(failed.getMessage().contains("HttpTimeoutException"), failed.getMessage());
        assertTrue(failed.getMessage().startsWith("127.0.0.1 "), "the host only: webhook paths carry credentials");
        assertEquals(List.of(Duration.ofMillis(300), Duration.ofMillis(600)), waits);
    }

    @Test
    void aRefusalIsPermanentAndNotRetried() {
        PlatformHttp http = new PlatformHttp(waits::add);
        standIn.failNext("/slack/hooks/", 1, 403);
        DeliveryException refused = assertThrows(DeliveryException.class, () -> http.postJson(hook(), Map.of(), Map.of("text", "x")));
        assertTrue(refused.permanent());
        assertEquals(List.of(), waits);
        assertEquals(0, standIn.messages().size());
    }

    @Test
    void withinABudget_noAttemptStartsThatCouldNotFinishInTime() {
        PlatformHttp http = new PlatformHttp(waits::add, Duration.ofMillis(500));
        DeliveryException[] failed = new DeliveryException[1];
        PlatformHttp.within(Duration.ofMillis(100), () ->
                failed[0] = assertThrows(DeliveryException.class, () -> http.postJson(hook(), Map.of(), Map.of("text", "x"))));
        assertFalse(failed[0].permanent(), "retried later by Lambda");
        assertTrue(failed[0].getMessage().endsWith("out of time"));
        assertEquals(0, standIn.messages().size(), "nothing was sent");

        standIn.failNext("/slack/hooks/", 1, 500);
        PlatformHttp.within(Duration.ofMillis(800), () ->
                failed[0] = assertThrows(DeliveryException.class, () -> http.postJson(hook(), Map.of(), Map.of("text", "x"))));
        assertTrue(failed[0].getMessage().endsWith("HTTP 500, then out of time"), failed[0].getMessage());
        assertEquals(List.of(), waits, "no backoff when no retry could finish");

        PlatformHttp.within(Duration.ofSeconds(5), () -> http.postJson(hook(), Map.of(), Map.of("text", "x")));
        assertEquals(1, standIn.messages().size());
    }
}
