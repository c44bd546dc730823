package io.itops.shared.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.itops.shared.aws.EventBusClient;
import io.itops.shared.json.Json;
import io.itops.shared.observability.Log;
import io.itops.shared.observability.Metrics;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Publishes domain events to the itops bus in batches of 10. Each detail carries an {@code eventId}
 * and {@code occurredAt}, which consumers use to deduplicate. Entries EventBridge rejects are retried;
 * what still fails is logged with its full detail and counted, so it can be replayed.
 */
public final class EventBridgePublisher implements EventSink {
    private static final int BATCH = 10;
    private static final int ATTEMPTS = 3;
    private final EventBusClient client;
    private final String busName;
    private final String source;
    private final Clock clock;

    public EventBridgePublisher(EventBusClient client, String busName, String source, Clock clock) {
        this.client = client;
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

    private void send(List<EventBusClient.Entry> batch) {
        List<EventBusClient.Entry> pending = batch;
        for (int attempt = 1; attempt <= ATTEMPTS && !pending.isEmpty(); attempt++) {
            try {
                List<EventBusClient.Entry> attempting = pending;
                pending = failed(attempting, client.putEvents(attempting));
            } catch (RuntimeException e) {
                Log.warn("event publish attempt failed", "attempt", attempt, "error", e.getClass().getSimpleName());
            }
        }
        for (EventBusClient.Entry lost : pending) {
            Metrics.count("EventPublishFailed");
            Log.error("event not published", null, "detailType", lost.detailType(), "detail", lost.detail());
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
