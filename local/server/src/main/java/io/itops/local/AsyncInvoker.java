package io.itops.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * Lambda's asynchronous invocation, which is how EventBridge rules and schedules reach a function:
 * the event is queued, a failed attempt is retried after a growing delay (Lambda waits about 1 and
 * then 2 minutes; here {@code baseDelay} and twice that), up to 1 + the function's
 * EventInvokeConfig.MaximumRetryAttempts attempts (Lambda's default: 3) within
 * MaximumEventAgeInSeconds; what still fails goes to the dead-letter list (and to the function's
 * DeadLetterQueue on the local AWS, as Lambda does).
 */
final class AsyncInvoker implements AutoCloseable {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final int KEPT = 500;
    private final ExecutorService workers = Executors.newFixedThreadPool(4, daemon("itops-async"));
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(daemon("itops-async-timer"));
    private final Duration baseDelay;
    private final PrintStream console;
    private final BiConsumer<Target, DeadLetter> deadLetterQueue;
    private final Deque<DeadLetter> deadLetters = new ArrayDeque<>();
    private final Deque<Delivery> deliveries = new ArrayDeque<>();

    /** Where an asynchronous event goes and how persistently. */
    record Target(LocalFunction function, int maxAttempts, Duration maxAge, String deadLetterQueue) {}

    /** One event that exhausted its attempts. */
    record DeadLetter(String id, String function, String trigger, int attempts, String errorType, String errorMessage,
                      Instant firstAttempt, Instant failedAt, JsonNode event, String deadLetterQueue) {}

    /** The outcome of one asynchronous event, kept for GET /_local/deliveries. */
    record Delivery(String function, String trigger, String status, int attempts, Instant at, String error) {}

    /** What the first attempt gave: the function's output or its error. */
    record FirstAttempt(boolean succeeded, JsonNode output, String error, long millis) {}

    AsyncInvoker(Duration baseDelay, PrintStream console, BiConsumer<Target, DeadLetter> deadLetterQueue) {
        this.baseDelay = baseDelay;
        this.console = console;
        this.deadLetterQueue = deadLetterQueue;
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Queues {@code event} for {@code target}; completes with the first attempt's result (retries go on after). */
    CompletableFuture<FirstAttempt> invoke(Target target, JsonNode event, String trigger) {
        CompletableFuture<FirstAttempt> first = new CompletableFuture<>();
        Instant queued = Instant.now();
        workers.execute(() -> attempt(target, LocalJson.bytes(event), event, trigger, 1, queued, first));
        return first;
    }

    private void attempt(Target target, byte[] bytes, JsonNode event, String trigger, int attempt, Instant queued,
                         CompletableFuture<FirstAttempt> first) {
        String requestId = UUID.randomUUID().toString();
        long started = System.nanoTime();
        try {
            byte[] output = target.function().invoke(bytes, requestId);
            long millis = (System.nanoTime() - started) / 1_000_000;
            line(trigger, target, "ok", millis, attempt, null);
            record(new Delivery(target.function().logicalId(), trigger, "succeeded", attempt, Instant.now(), null));
            first.complete(new FirstAttempt(true, LocalJson.readOrNull(output), null, millis));
        } catch (LocalFunction.InvocationError error) {
            long millis = (System.nanoTime() - started) / 1_000_000;
            String message = error.errorType() + ": " + error.getMessage();
            first.complete(new FirstAttempt(false, null, message, millis));
            Duration delay = baseDelay.multipliedBy(1L << Math.min(attempt - 1, 10));
            boolean tooOld = Instant.now().plus(delay).isAfter(queued.plus(target.maxAge()));
            if (attempt < target.maxAttempts() && !tooOld) {
                line(trigger, target, "failed, retry in " + delay.toMillis() + " ms", millis, attempt, message);
                timer.schedule(() -> workers.execute(() -> attempt(target, bytes, event, trigger, attempt + 1, queued, first)),
                        delay.toMillis(), TimeUnit.MILLISECONDS);
                return;
            }
            line(trigger, target, "failed -> dead letters", millis, attempt, message);
            DeadLetter letter = new DeadLetter(UUID.randomUUID().toString(), target.function().logicalId(), trigger, attempt,
                    error.errorType(), error.getMessage(), queued, Instant.now(), event, target.deadLetterQueue());
            synchronized (deadLetters) {
                deadLetters.addLast(letter);
                while (deadLetters.size() > KEPT) {
                    deadLetters.removeFirst();
                }
            }
            record(new Delivery(target.function().logicalId(), trigger, "dead-lettered", attempt, Instant.now(), message));
            try {
                deadLetterQueue.accept(target, letter);
            } catch (RuntimeException e) {
                console.println("  (could not send the dead letter to " + target.deadLetterQueue() + ": " + e.getMessage() + ")");
            }
        }
    }

    private void record(Delivery delivery) {
        synchronized (deliveries) {
            deliveries.addLast(delivery);
            while (deliveries.size() > KEPT) {
                deliveries.removeFirst();
            }
        }
    }

    private void line(String trigger, Target target, String outcome, long millis, int attempt, String error) {
        console.printf("%s %-32s -> %-28s %s%s %d ms%s%n", LocalTime.now().truncatedTo(ChronoUnit.SECONDS).format(CLOCK),
                trigger, target.function().name(), outcome, attempt > 1 ? " (attempt " + attempt + ")" : "", millis,
                error == null ? "" : "  " + error);
    }

    List<DeadLetter> deadLetters() {
        synchronized (deadLetters) {
            return new ArrayList<>(deadLetters);
        }
    }

    void clearDeadLetters() {
        synchronized (deadLetters) {
            deadLetters.clear();
        }
    }

    List<Delivery> deliveries() {
        synchronized (deliveries) {
            return new ArrayList<>(deliveries);
        }
    }

    static ObjectNode json(DeadLetter letter) {
        ObjectNode node = LocalJson.object();
        node.put("id", letter.id());
        node.put("function", letter.function());
        node.put("trigger", letter.trigger());
        node.put("attempts", letter.attempts());
        node.put("errorType", letter.errorType());
        node.put("errorMessage", letter.errorMessage());
        node.put("firstAttempt", letter.firstAttempt().toString());
        node.put("failedAt", letter.failedAt().toString());
        if (letter.deadLetterQueue() != null) {
            node.put("deadLetterQueue", letter.deadLetterQueue());
        }
        node.set("event", letter.event());
        return node;
    }

    static Map<String, Object> json(Delivery d) {
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        out.put("function", d.function());
        out.put("trigger", d.trigger());
        out.put("status", d.status());
        out.put("attempts", d.attempts());
        out.put("at", d.at().toString());
        if (d.error() != null) {
            out.put("error", d.error());
        }
        return out;
    }

    @Override
    public void close() {
        timer.shutdownNow();
        workers.shutdown();
        try {
            if (!workers.awaitTermination(5, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            workers.shutdownNow();
        }
    }
}
