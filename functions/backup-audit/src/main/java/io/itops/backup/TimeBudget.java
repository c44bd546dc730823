package io.itops.backup;

import io.itops.shared.runtime.Invocation;
import java.time.Duration;
import java.util.Optional;

/**
 * Whether an audit invocation may start another page. In Lambda it is the time left before the
 * function's timeout, less a margin for finishing the page and handing over to the next invocation;
 * tests inject budgets that run out after a given number of pages.
 */
@FunctionalInterface
interface TimeBudget {
    /** Room to read, evaluate, write and checkpoint one page, then hand over. */
    Duration MARGIN = Duration.ofSeconds(20);

    boolean allowsAnotherPage();

    /** The current invocation's remaining time, read on the invoking thread and usable from any thread. */
    static TimeBudget untilTimeout() {
        Optional<Duration> remaining = Invocation.remaining();
        if (remaining.isEmpty()) {
            return () -> true;
        }
        long deadline = System.nanoTime() + remaining.get().minus(MARGIN).toNanos();
        return () -> System.nanoTime() < deadline;
    }
}
