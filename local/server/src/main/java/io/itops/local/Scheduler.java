package io.itops.local;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * EventBridge Scheduler for template.yaml's ScheduleV2 events: each fires at its times in its time
 * zone with its Input, the {@code <aws.scheduler.*>} placeholders filled in, as an asynchronous
 * invocation of its function; any can also be fired now ({@code POST /_local/schedules/{id}}).
 */
final class Scheduler implements AutoCloseable {
    private final List<Entry> entries;
    private final AsyncInvoker invoker;
    private final String region;
    private final Instant started = Instant.now();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "itops-scheduler");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, ScheduledFuture<?>> pending = new LinkedHashMap<>();

    /**
     * One schedule: {@code id} is {@code <Function>.<Schedule>} (unique: every function may have a schedule of the same
     * name), {@code event} the ScheduleV2 event's id, {@code name} Scheduler's schedule name (as SAM names it).
     */
    record Entry(String id, String event, String name, String expressionText, ScheduleExpression expression, ZoneId zone, String input,
                 boolean enabled, AsyncInvoker.Target target) {}

    /** A firing: its slot, execution id and the first attempt's outcome. */
    record Firing(Entry entry, Instant scheduledTime, String executionId, CompletableFuture<AsyncInvoker.FirstAttempt> first) {}

    Scheduler(List<Entry> entries, AsyncInvoker invoker, String region) {
        this.entries = entries;
        this.invoker = invoker;
        this.region = region;
    }

    List<Entry> entries() {
        return entries;
    }

    /** Looks a schedule up by its id, its Scheduler name, or any suffix of its id that no other schedule's id shares. */
    Optional<Entry> find(String id) {
        List<Entry> found = matching(id);
        return found.size() == 1 ? Optional.of(found.get(0)) : Optional.empty();
    }

    /** The schedules {@code id} names: the one it is the id or name of, else every schedule whose id ends with it. */
    List<Entry> matching(String id) {
        if (id.isEmpty()) {
            return List.of();
        }
        List<Entry> exact = entries.stream().filter(e -> e.id().equals(id) || e.name().equals(id)).toList();
        return exact.isEmpty() ? entries.stream().filter(e -> e.id().endsWith(id)).toList() : exact;
    }

    static String id(String functionId, String eventId) {
        return functionId + "." + eventId;
    }

    Optional<Instant> next(Entry entry) {
        return entry.expression().next(Instant.now(), entry.zone(), started);
    }

    /** Arms every enabled schedule. */
    void start() {
        for (Entry entry : entries) {
            if (entry.enabled()) {
                arm(entry);
            }
        }
    }

    private synchronized void arm(Entry entry) {
        if (timer.isShutdown()) {
            return;
        }
        Optional<Instant> next = next(entry);
        if (next.isEmpty()) {
            return;
        }
        long delay = Math.max(0, next.get().toEpochMilli() - System.currentTimeMillis());
        pending.put(entry.id(), timer.schedule(() -> {
            fire(entry, next.get());
            arm(entry);
        }, delay, TimeUnit.MILLISECONDS));
    }

    /** Fires {@code entry} for the slot {@code scheduledTime}. */
    Firing fire(Entry entry, Instant scheduledTime) {
        String executionId = UUID.randomUUID().toString();
        JsonNode payload = LocalJson.read(input(entry, scheduledTime, executionId, 1));
        var first = invoker.invoke(entry.target(), payload, "schedule " + entry.id());
        return new Firing(entry, scheduledTime, executionId, first);
    }

    /** Fires now; the slot is this millisecond, so each manual firing is a distinct run for the function's deduplication. */
    Firing fireNow(Entry entry) {
        return fire(entry, Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }

    /** The Input with Scheduler's context attributes substituted (no Input: an empty object, as Scheduler sends). */
    String input(Entry entry, Instant scheduledTime, String executionId, int attempt) {
        String input = entry.input() == null ? "{}" : entry.input();
        return input.replace("<aws.scheduler.scheduled-time>", scheduledTime.toString())
                .replace("<aws.scheduler.execution-id>", executionId)
                .replace("<aws.scheduler.schedule-arn>", "arn:aws:scheduler:" + region + ":" + LocalResources.ACCOUNT
                        + ":schedule/default/" + entry.name())
                .replace("<aws.scheduler.attempt-number>", Integer.toString(attempt));
    }

    @Override
    public synchronized void close() {
        timer.shutdownNow();
        pending.values().forEach(f -> f.cancel(false));
    }
}
