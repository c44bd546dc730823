package io.itops.testing;

import io.itops.shared.events.DomainEvent;
import io.itops.shared.events.EventSink;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An event sink that remembers what was published, for assertions. */
public final class RecordingEvents implements EventSink {
    private final List<DomainEvent> published = new CopyOnWriteArrayList<>();

    @Override
    public void publish(List<DomainEvent> events) {
        published.addAll(events);
    }

    public List<DomainEvent> all() {
        return List.copyOf(published);
    }

    public List<DomainEvent> ofType(String detailType) {
        return published.stream().filter(e -> e.detailType().equals(detailType)).toList();
    }

    public void clear() {
        published.clear();
    }
}
