package io.itops.shared.runtime;

import com.amazonaws.services.lambda.runtime.Context;
import java.time.Duration;
import java.util.Optional;

/**
 * The deadline of the Lambda invocation the current thread is handling, taken from the runtime's
 * {@link Context}, so long work (scheduled audits) can stop in time and continue in a new invocation.
 * Empty outside an invocation (a service called directly) or when the runtime gave no context.
 */
public final class Invocation {
    private static final ThreadLocal<Long> DEADLINE_NANOS = new ThreadLocal<>();

    private Invocation() {}

    static void begin(Context context) {
        if (context != null && context.getRemainingTimeInMillis() > 0) {
            DEADLINE_NANOS.set(System.nanoTime() + context.getRemainingTimeInMillis() * 1_000_000L);
        }
    }

    static void end() {
        DEADLINE_NANOS.remove();
    }

    /** Time left before the runtime stops this invocation. */
    public static Optional<Duration> remaining() {
        Long deadline = DEADLINE_NANOS.get();
        return deadline == null ? Optional.empty() : Optional.of(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
    }
}
