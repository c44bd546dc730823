package io.itops.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.itops.shared.error.ApiException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Lost races are decided again until a deadline; other refusals are final at once. */
class ContentionTest {

    @Test
    void attemptsThatLoseRaces_runAgainUntilOneWins() {
        AtomicInteger attempts = new AtomicInteger();
        String result = Contention.retry(() -> {
            if (attempts.incrementAndGet() < 4) {
                throw new TrainingStore.Contended();
            }
            return "won";
        });
        assertEquals("won", result);
        assertEquals(4, attempts.get());
    }

    @Test
    void aTransactionCancelledByAConcurrentOne_countsAsALostRace() {
        AtomicInteger attempts = new AtomicInteger();
        Contention.retry(() -> {
            if (attempts.incrementAndGet() == 1) {
                throw new ApiException.Conflict("CONCURRENT_UPDATE", "concurrent", Map.of(), Duration.ofSeconds(1));
            }
            return attempts.get();
        });
        assertEquals(2, attempts.get());
    }

    @Test
    void aDomainConflict_isNeverRetried() {
        AtomicInteger attempts = new AtomicInteger();
        ApiException.Conflict refused = assertThrows(ApiException.Conflict.class, () -> Contention.retry(() -> {
            attempts.incrementAndGet();
            throw TrainingStore.alreadyEnrolled("li.lei");
        }));
        assertEquals("ALREADY_ENROLLED", refused.code());
        assertEquals(1, attempts.get());
    }

    @Test
    void racesLostUntilTheDeadline_endInARetryable409() {
        AtomicInteger attempts = new AtomicInteger();
        ApiException.Conflict busy = assertThrows(ApiException.Conflict.class, () -> Contention.retry(Duration.ofMillis(300), () -> {
            attempts.incrementAndGet();
            throw new TrainingStore.Contended();
        }));
        assertEquals("CONCURRENT_UPDATE", busy.code());
        assertNotNull(busy.retryAfter());
        assertTrue(attempts.get() > 1, "retried within the budget: " + attempts.get());

        AtomicInteger once = new AtomicInteger();
        assertThrows(ApiException.Conflict.class, () -> Contention.retry(Duration.ZERO, () -> {
            once.incrementAndGet();
            throw new TrainingStore.Contended();
        }));
        assertEquals(1, once.get(), "no attempt starts after the deadline");
    }
}
