package io.itops.shared.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.itops.shared.aws.EventBusClient;
import io.itops.shared.json.Json;
import io.itops.shared.observability.Log;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Publishes domain events to the itops bus in batches of 10. Each detail carries an {@code eventId}
 * and {@code occurredAt}, which consumers use to deduplicate. A failed call has already been retried
 * by the client within its time budget (so a request never outlives the Lambda timeout waiting for
 * the bus); entries the bus rejects one by one are retried here. What still fails is kept in the
 * {@link Outbox}, which the function's {@code outbox-resend} schedule delivers later.
 */
public final class EventBridgePublisher implements EventSink {
    static final int BATCH = 10;
    private static final int ATTEMPTS = 3;
    private final EventBusClient client;
    private final Outbox outbox;
    private final String busName;
    private final String source;
    private final Clock clock;

    public EventBridgePublisher(EventBusClient client, Outbox outbox, String busName, String source, Clock clock) {
        this.client = client;
        this.outbox = outbox;
        this.busName = busName;
        this.source = source;
        this.clock = clock;
    }

    @Override
    public void publish(List<DomainEvent> events) {
        List<EventBusClient.Entry> entries = events.stream().map(this::entry).toList();
        for (int start = 0; start < entries.size(); start += BATCH) {
            send(entries.subList(start, Math.min(entries.size(), start + BATCH)));
        }
    }

    private EventBusClient.Entry entry(DomainEvent event) {
        ObjectNode detail = Json.mapper().createObjectNode();
        detail.put("eventId", UUID.randomUUID().toString());
        detail.put("occurredAt", clock.instant().toString());
        detail.setAll((ObjectNode) Json.mapper().valueToTree(event.detail()));
        return new EventBusClient.Entry(busName, source, event.detailType(), Json.write(detail), clock.instant());
    }

    /** Delivers the events kept after earlier failures; returns how many the bus took. */
    public int resendKept() {
        return outbox.resend(client);
    }

    private void send(List<EventBusClient.Entry> batch) {
        List<EventBusClient.Entry> pending = batch;
        try {
            for (int attempt = 1; attempt <= ATTEMPTS && !pending.isEmpty(); attempt++) {
                pending = failed(pending, client.putEvents(pending));
            }
        } catch (RuntimeException e) {
            Log.warn("event publish failed", "error", e.getClass().getSimpleName(), "events", pending.size());
        }
        if (!pending.isEmpty()) {
            outbox.keep(pending);
        }
    }

    private static List<EventBusClient.Entry> failed(List<EventBusClient.Entry> sent, List<String> errorCodes) {
        List<EventBusClient.Entry> failed = new ArrayList<>();
        for (int i = 0; i < sent.size(); i++) {
            if (errorCodes.get(i) != null) {
                failed.add(sent.get(i));
            }
        }
        return failed;
    }
}
