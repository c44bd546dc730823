package io.itops.shared.events;

import com.fasterxml.jackson.databind.JsonNode;

/** An event as EventBridge delivers it to a function: envelope fields and the detail. */
public record BusEvent(String id, String source, String detailType, JsonNode detail) {

    public static boolean isBusEvent(JsonNode event) {
        return event.has("detail-type") && event.has("detail");
    }

    public static BusEvent from(JsonNode event) {
        return new BusEvent(event.path("id").asText(), event.path("source").asText(),
                event.path("detail-type").asText(), event.path("detail"));
    }

    /** The id that identifies the domain event across redeliveries and re-publishes. */
    public String dedupeId() {
        String eventId = detail.path("eventId").asText("");
        return eventId.isEmpty() ? id : eventId;
    }
}
