package io.itops.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.itops.shared.runtime.Platform;
import io.itops.testing.Claims;
import io.itops.testing.HttpEvent;
import io.itops.testing.Invoker;
import io.itops.testing.MutableClock;
import io.itops.testing.OpenApiContract;
import io.itops.testing.RecordingEvents;
import io.itops.testing.TestSystem;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The training function wired to its own table on moto, a movable clock and a recording event sink. */
final class TrainingFixture {
    static final String FUNCTION = "TrainingEnrolmentFunction";
    /** 09:00 in Shanghai, the schedules' time zone. */
    static final String NOW = "2026-11-28T01:00:00Z";
    final TestSystem system;
    final MutableClock clock = MutableClock.at(NOW);
    final RecordingEvents events = new RecordingEvents();
    final Platform platform;
    final TrainingEnrolmentHandler.Services services;
    final TrainingStore store;
    final Invoker invoker;
    final OpenApiContract contract = OpenApiContract.load();

    TrainingFixture() {
        this(TestSystem.create());
    }

    TrainingFixture(TestSystem system) {
        this.system = system;
        this.platform = system.platform(FUNCTION, clock);
        this.services = TrainingEnrolmentHandler.Services.of(platform, events);
        this.store = new TrainingStore(platform.table(), platform.cursors());
        this.invoker = new Invoker(new TrainingEnrolmentHandler(platform, services));
    }

    /** Calls the route and checks the response against openapi.yaml. */
    Invoker.Response call(HttpEvent event) {
        Invoker.Response response = invoker.call(event);
        contract.assertValid(event.json().path("routeKey").asText(), response);
        return response;
    }

    static Map<String, Object> employee(String user, String department) {
        return Claims.of(user, department, List.of());
    }

    static Map<String, Object> courseBody(String code, boolean mandatory, Integer validityMonths, List<String> departments) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("title", "Course " + code);
        body.put("description", "What " + code + " teaches");
        body.put("mandatory", mandatory);
        if (validityMonths != null) {
            body.put("validityMonths", validityMonths);
        }
        body.put("audience", departments == null ? Map.of("scope", "all") : Map.of("scope", "departments", "departments", departments));
        return body;
    }

    static Map<String, Object> sessionBody(String localStart, String timeZone, int capacity) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("start", localStart);
        body.put("end", localStart.substring(0, 11) + "17:00");
        body.put("timeZone", timeZone);
        body.put("place", "HQ 3F Room 301");
        body.put("instructor", "sam.staff");
        body.put("capacity", capacity);
        return body;
    }

    String course(String code, boolean mandatory, Integer validityMonths, List<String> departments) {
        return created(call(HttpEvent.of("POST /courses").as(Claims.staff()).body(courseBody(code, mandatory, validityMonths, departments))), "courseId");
    }

    String session(String courseId, String localStart, int capacity) {
        return created(call(HttpEvent.of("POST /courses/{courseId}/sessions").path("courseId", courseId).as(Claims.staff())
                .body(sessionBody(localStart, "Asia/Shanghai", capacity))), "sessionId");
    }

    Invoker.Response enrol(String sessionId, Map<String, Object> claims) {
        return call(HttpEvent.of("POST /sessions/{sessionId}/enrolments").path("sessionId", sessionId).as(claims).body(Map.of()));
    }

    Invoker.Response cancel(String sessionId, String userId, Map<String, Object> claims) {
        return call(HttpEvent.of("DELETE /sessions/{sessionId}/enrolments/{userId}").path("sessionId", sessionId)
                .path("userId", userId).as(claims));
    }

    Session storedSession(String sessionId) {
        return store.findSession(sessionId).orElseThrow();
    }

    /** The session's enrolment items by status, read straight from the table. */
    Map<String, String> enrolmentRows(String sessionId) {
        Map<String, String> rows = new java.util.TreeMap<>();
        for (Map<String, AttributeValue> i : system.items("SESSION#" + sessionId)) {
            if (i.get("SK").s().startsWith("ENROLMENT#")) {
                rows.put(i.get("userId").s(), i.get("status").s());
            }
        }
        return rows;
    }

    private static String created(Invoker.Response response, String idField) {
        assertEquals(201, response.status(), response.toString());
        return response.body().path(idField).asText();
    }
}
