package io.itops.chat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.itops.shared.chat.ChatCommand;
import io.itops.shared.events.BusEvent;
import io.itops.shared.events.DomainEvent;
import io.itops.shared.events.EventSink;
import io.itops.shared.json.Json;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The bus in tests: keeps every event as EventBridge would deliver it (envelope, detail with eventId
 * and occurredAt, as EventBridgePublisher writes them), so the same event can be handed to a
 * function once or several times.
 */
final class LocalBus implements EventSink {
    private final List<ObjectNode> events = new CopyOnWriteArrayList<>();
    private final Clock clock;

    LocalBus(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void publish(List<DomainEvent> published) {
        published.forEach(e -> publishAs("itops.chat", e));
    }

    ObjectNode publishAs(String source, DomainEvent event) {
        ObjectNode detail = Json.mapper().createObjectNode();
        detail.put("eventId", UUID.randomUUID().toString());
        detail.put("occurredAt", clock.instant().toString());
        detail.setAll((ObjectNode) Json.mapper().valueToTree(event.detail()));
        ObjectNode envelope = Json.mapper().createObjectNode();
        envelope.put("version", "0");
        envelope.put("id", UUID.randomUUID().toString());
        envelope.put("detail-type", event.detailType());
        envelope.put("source", source);
        envelope.put("account", "123456789012");
        envelope.put("time", clock.instant().toString());
        envelope.put("region", "us-east-1");
        envelope.putArray("resources");
        envelope.set("detail", detail);
        events.add(envelope);
        return envelope;
    }

    List<ObjectNode> all() {
        return List.copyOf(events);
    }

    List<ObjectNode> ofType(String detailType) {
        return events.stream().filter(e -> e.path("detail-type").asText().equals(detailType)).toList();
    }

    List<ChatCommand> commands() {
        return ofType(ChatCommand.DETAIL_TYPE).stream().map(e -> ChatCommand.from(BusEvent.from(e))).toList();
    }

    List<ObjectNode> replies() {
        return ofType(ChatCommand.REPLY_DETAIL_TYPE);
    }

    void clear() {
        events.clear();
    }
}
