package io.itops.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.itops.shared.json.Json;

/**
 * The directory's PersonJoined / PersonMoved / PersonLeft events as EventBridge delivers them
 * (source {@code itops.people}), for the tests of the functions that consume them.
 */
public final class PersonEvents {
    private PersonEvents() {}

    public static byte[] joined(String eventId, String personId, String department, String startDate) {
        return event(eventId, "PersonJoined", personId, department, "active", startDate, null, null);
    }

    public static byte[] moved(String eventId, String personId, String department, String previousDepartment) {
        return event(eventId, "PersonMoved", personId, department, "active", "2026-01-05", null, previousDepartment);
    }

    public static byte[] left(String eventId, String personId, String department, String leaveDate) {
        return event(eventId, "PersonLeft", personId, department, "left", "2026-01-05", leaveDate, null);
    }

    private static byte[] event(String eventId, String detailType, String personId, String department, String status,
                                String startDate, String leaveDate, String previousDepartment) {
        ObjectNode event = Json.mapper().createObjectNode();
        event.put("id", "bus-" + eventId);
        event.put("source", "itops.people");
        event.put("detail-type", detailType);
        ObjectNode detail = event.putObject("detail");
        detail.put("eventId", eventId);
        detail.put("occurredAt", "2026-11-28T01:00:00Z");
        ObjectNode person = detail.putObject("person");
        person.put("personId", personId);
        person.put("name", personId);
        person.put("email", personId + "@example.com");
        person.put("department", department);
        person.put("manager", "han.mei");
        person.put("location", "HQ");
        person.put("status", status);
        person.put("startDate", startDate);
        person.put("leaveDate", leaveDate);
        if (previousDepartment != null) {
            detail.putObject("previous").put("department", previousDepartment).put("manager", "han.mei");
        }
        return Json.bytes(event);
    }
}
