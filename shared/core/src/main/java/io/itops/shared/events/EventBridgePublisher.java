package io.itops.shared.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.itops.shared.json.Json;
import io.itops.shared.observability.Log;
import io.itops.shared.observability.Metrics;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

/**
 * Publishes domain events to the itops bus in batches of 10. Each detail carries an {@code eventId}
 * and {@code occurredAt}, which consumers use to deduplicate. Entries EventBridge rejects are retried;
 * what still fails is logged with its full detail and counted, so it can be replayed.
 */
public final class EventBridgePublisher implements EventSink {
    private static final int BATCH = 10;
    private static final int ATTEMPTS = 3;
    private final EventBridgeClient client;
    private final String busName;
    private final String source;
    private final Clock clock;

    public EventBridgePublisher(EventBridgeClient client, String busName, String source, Clock clock) {
        this.client = client;
        this.busName = busName;
        this.source = source;
        this.clock = clock;
    }

    @Override
    public void publish(List<DomainEvent> events) {
        List<PutEventsRequestEntry> entries = events.stream().map(this::entry).toList();
        for (int start = 0; start < entries.size(); start += BATCH) {
            send(entries.subList(start, Math.min(entries.size(), start + BATCH)));
        }
    }

    private PutEventsRequestEntry entry(DomainEvent event) {
        ObjectNode detail = Json.mapper().createObjectNode();
        detail.put("eventId", UUID.randomUUID().toString());
        detail.put("occurredAt", clock.instant().toString());
        detail.setAll((ObjectNode) Json.mapper().valueToTree(event.detail()));
        return PutEventsRequestEntry.builder()
                .eventBusName(busName)
                .source(source)
                .detailType(event.detailType())
                .time(clock.instant())
                .detail(Json.write(detail))
                .build();
    }

    private void send(List<PutEventsRequestEntry> batch) {
        List<PutEventsRequestEntry> pending = batch;
        for (int attempt = 1; attempt <= ATTEMPTS && !pending.isEmpty(); attempt++) {
            try {
                List<PutEventsRequestEntry> attempting = pending;
                PutEventsResponse response = client.putEvents(r -> r.entries(attempting));
                pending = failed(attempting, response.entries());
            } catch (RuntimeException e) {
                Log.warn("event publish attempt failed", "attempt", attempt, "error", e.getClass().getSimpleName());
            }
        }
        for (PutEventsRequestEntry lost : pending) {
            Metrics.count("EventPublishFailed");
            Log.error("event not published", null, "detailType", lost.detailType(), "detail", lost.detail());
        }
    }

    private static List<PutEventsRequestEntry> failed(List<PutEventsRequestEntry> sent, List<PutEventsResultEntry> results) {
        List<PutEventsRequestEntry> failed = new ArrayList<>();
        for (int i = 0; i < sent.size(); i++) {
            if (i >= results.size() || results.get(i).errorCode() != null) {
                failed.add(sent.get(i));
            }
        }
        return failed;
    }
}
