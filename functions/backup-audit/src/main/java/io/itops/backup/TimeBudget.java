package io.itops.backup;

import io.itops.shared.runtime.Invocation;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

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

    /**
     * The current invocation's remaining time, read on the invoking thread and usable from any thread.
     * The margin is at most a quarter of the time left, and the first page is always allowed, so every
     * invocation makes progress whatever timeout its host gives it.
     */
    static TimeBudget untilTimeout() {
        Optional<Duration> remaining = Invocation.remaining();
        if (remaining.isEmpty()) {
            return () -> true;
        }
        Duration left = remaining.get();
        Duration margin = left.dividedBy(4).compareTo(MARGIN) < 0 ? left.dividedBy(4) : MARGIN;
        long deadline = System.nanoTime() + left.minus(margin).toNanos();
        AtomicBoolean first = new AtomicBoolean(true);
        return () -> first.getAndSet(false) || System.nanoTime() < deadline;
    }
}
