package io.itops.shared.events;

import java.util.List;

/** Where services send domain events; EventBridge in production, a list in unit tests. */
public interface EventSink {
    void publish(List<DomainEvent> events);

    default void publish(DomainEvent event) {
        publish(List.of(event));
    }
}
