package io.itops.training;

import io.itops.shared.error.ApiException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * How seat decisions that lose a race are taken again: an attempt that ends {@link TrainingStore.Contended}
 * (or whose transaction a concurrent one cancelled) runs again from fresh reads after a short jittered
 * pause, until a deadline rather than a number of attempts, so a busy session costs a caller a bounded
 * time however slow each attempt is; then a 409 with Retry-After, nothing changed.
 */
final class Contention {
    /** Half the function's 20 s timeout: the last attempt's calls (each bounded by the SDK) have the rest. */
    static final Duration BUDGET = Duration.ofSeconds(10);

    private Contention() {}

    static <T> T retry(Supplier<T> attempt) {
        return retry(BUDGET, attempt);
    }

    static <T> T retry(Duration budget, Supplier<T> attempt) {
        long deadline = System.nanoTime() + budget.toNanos();
        for (int round = 1; ; round++) {
            try {
                return attempt.get();
            } catch (TrainingStore.Contended | ApiException.Conflict lost) {
                if (lost instanceof ApiException.Conflict c && !"CONCURRENT_UPDATE".equals(c.code())) {
                    throw c;
                }
                long pause = ThreadLocalRandom.current().nextLong(1, 2 + Math.min(round, 10) * 3L);
                if (System.nanoTime() + Duration.ofMillis(pause).toNanos() >= deadline) {
                    throw new ApiException.Conflict("CONCURRENT_UPDATE",
                            "Many changes to this session are happening at once; nothing was changed. Retry.",
                            Map.of(), Duration.ofSeconds(1));
                }
                sleep(pause);
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException.Unavailable("Interrupted; retry shortly.", Duration.ofSeconds(1));
        }
    }
}
