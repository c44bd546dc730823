package io.itops.shared.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * A schedule firing. template.yaml gives every ScheduleV2 the Input
 * {@code {"schedule": NAME, "scheduledTime": "<aws.scheduler.scheduled-time>", "executionId": "<aws.scheduler.execution-id>"}},
 * so a handler knows which schedule fired, for which slot, and can deduplicate redeliveries.
 */
public record ScheduledRun(String schedule, Instant scheduledTime, String executionId) {

    public static boolean isScheduledRun(JsonNode event) {
        return event.has("schedule") && !event.has("detail-type");
    }

    public static ScheduledRun from(JsonNode event, Instant now) {
        String time = event.path("scheduledTime").asText("");
        Instant scheduled = time.isEmpty() || time.startsWith("<") ? now : Instant.parse(time);
        String execution = event.path("executionId").asText("");
        return new ScheduledRun(event.path("schedule").asText(), scheduled,
                execution.isEmpty() || execution.startsWith("<") ? event.path("schedule").asText() + "@" + scheduled : execution);
    }

    /** The identity of this slot: the same schedule at the same time is one run however often delivered. */
    public String slotId() {
        return schedule + "@" + scheduledTime;
    }
}
