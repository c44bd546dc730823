package io.itops.shared.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.itops.shared.json.Json;
import io.itops.shared.observability.Log;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

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
    private final EventBridgeClient client;
    private final Outbox outbox;
    private final String busName;
    private final String source;
    private final Clock clock;

    public EventBridgePublisher(EventBridgeClient client, Outbox outbox, String busName, String source, Clock clock) {
        this.client = client;
        this.outbox = outbox;
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
        return PutEventsRequestEntry.builder().eventBusName(busName).source(source).detailType(event.detailType())
                .detail(Json.write(detail)).time(clock.instant()).build();
    }

    /** Delivers the events kept after earlier failures; returns how many the bus took. */
    public int resendKept() {
        return outbox.resend(client);
    }

    private void send(List<PutEventsRequestEntry> batch) {
        List<PutEventsRequestEntry> pending = batch;
        try {
            for (int attempt = 1; attempt <= ATTEMPTS && !pending.isEmpty(); attempt++) {
                pending = notTaken(pending);
            }
        } catch (RuntimeException e) {
            Log.warn("event publish failed", "error", e.getClass().getSimpleName(), "events", pending.size());
        }
        if (!pending.isEmpty()) {
            outbox.keep(pending);
        }
    }

    private List<PutEventsRequestEntry> notTaken(List<PutEventsRequestEntry> entries) {
        boolean[] refused = refused(client, entries);
        List<PutEventsRequestEntry> failed = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            if (refused[i]) {
                failed.add(entries.get(i));
            }
        }
        return failed;
    }

    /** Sends {@code entries} in one PutEvents call; per entry, in order, whether the bus refused it. */
    static boolean[] refused(EventBridgeClient client, List<PutEventsRequestEntry> entries) {
        List<PutEventsResultEntry> results = client.putEvents(r -> r.entries(entries)).entries();
        boolean[] refused = new boolean[entries.size()];
        for (int i = 0; i < entries.size(); i++) {
            // results are in request order; a missing result is a failure, never a silent success
            refused[i] = i >= results.size() || results.get(i).errorCode() != null;
        }
        return refused;
    }
}
