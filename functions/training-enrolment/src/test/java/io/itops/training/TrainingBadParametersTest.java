package io.itops.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.itops.testing.Claims;
import io.itops.testing.HttpEvent;
import io.itops.testing.Invoker;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad path, query and header values on every route: a 400 naming {@code path.x}, {@code query.x} or the header, and nothing written. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TrainingBadParametersTest {
    private static final String NOT_AN_ID = "not-an-id";
    private final TrainingFixture fx = new TrainingFixture();
    private String courseId;
    private String sessionId;

    @BeforeAll
    void setUp() {
        courseId = fx.course("SEC-AWARE", true, 12, null);
        sessionId = fx.session(courseId, "2026-12-10T09:30", 10);
    }

    Stream<Arguments> cases() {
        Map<String, Object> staff = Claims.staff();
        return Stream.of(
                Arguments.of(HttpEvent.of("GET /courses/{courseId}").path("courseId", NOT_AN_ID).as(staff), "path.courseId"),
                Arguments.of(HttpEvent.of("PATCH /courses/{courseId}").path("courseId", NOT_AN_ID).header("If-Match", "\"1\"")
                        .body(Map.of("title", "x")).as(staff), "path.courseId"),
                Arguments.of(HttpEvent.of("PATCH /courses/{courseId}").path("courseId", "%s").body(Map.of("title", "x")).as(staff), "header.If-Match"),
                Arguments.of(HttpEvent.of("POST /courses/{courseId}/sessions").path("courseId", NOT_AN_ID)
                        .body(TrainingFixture.sessionBody("2026-12-10T09:30", "Asia/Shanghai", 5)).as(staff), "path.courseId"),
                Arguments.of(HttpEvent.of("GET /courses/{courseId}/sessions").path("courseId", NOT_AN_ID).as(staff), "path.courseId"),
                Arguments.of(HttpEvent.of("GET /courses/{courseId}/sessions").path("courseId", "%s").query("when", "later").as(staff), "query.when"),
                Arguments.of(HttpEvent.of("GET /sessions/{sessionId}").path("sessionId", NOT_AN_ID).as(staff), "path.sessionId"),
                Arguments.of(HttpEvent.of("POST /sessions/{sessionId}/cancel").path("sessionId", NOT_AN_ID)
                        .body(Map.of("reason", "x")).as(staff), "path.sessionId"),
                Arguments.of(HttpEvent.of("POST /sessions/{sessionId}/enrolments").path("sessionId", NOT_AN_ID).body(Map.of()).as(staff), "path.sessionId"),
                Arguments.of(HttpEvent.of("POST /sessions/{sessionId}/enrolments").path("sessionId", "%S").header("Idempotency-Key", "short")
                        .body(Map.of()).as(staff), "header.Idempotency-Key"),
                Arguments.of(HttpEvent.of("GET /sessions/{sessionId}/enrolments").path("sessionId", NOT_AN_ID).as(staff), "path.sessionId"),
                Arguments.of(HttpEvent.of("GET /sessions/{sessionId}/enrolments").path("sessionId", "%S").query("status", "done").as(staff), "query.status"),
                Arguments.of(HttpEvent.of("GET /sessions/{sessionId}/enrolments").path("sessionId", "%S").query("limit", "0").as(staff), "query.limit"),
                Arguments.of(HttpEvent.of("GET /sessions/{sessionId}/enrolments").path("sessionId", "%S").query("cursor", "abc.def").as(staff), "query.cursor"),
                Arguments.of(HttpEvent.of("DELETE /sessions/{sessionId}/enrolments/{userId}").path("sessionId", NOT_AN_ID)
                        .path("userId", "li.lei").as(staff), "path.sessionId"),
                Arguments.of(HttpEvent.of("DELETE /sessions/{sessionId}/enrolments/{userId}").path("sessionId", "%S")
                        .path("userId", "li lei;drop").as(staff), "path.userId"),
                Arguments.of(HttpEvent.of("POST /sessions/{sessionId}/attendance").path("sessionId", NOT_AN_ID)
                        .body(Map.of("attendees", List.of("li.lei"))).as(staff), "path.sessionId"),
                Arguments.of(HttpEvent.of("GET /courses").query("mandatory", "maybe").as(staff), "query.mandatory"),
                Arguments.of(HttpEvent.of("GET /courses").query("audience", "Fin\u0001ance").as(staff), "query.audience"),
                Arguments.of(HttpEvent.of("GET /courses").query("limit", "101").as(staff), "query.limit"),
                Arguments.of(HttpEvent.of("GET /me/enrolments").query("when", "tomorrow").as(staff), "query.when"),
                Arguments.of(HttpEvent.of("GET /training/compliance").query("department", "x".repeat(201)).as(staff), "query.department"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("cases")
    void badParameterIsA400NamingIt_andWritesNothing(HttpEvent event, String field) {
        resolve(event, "courseId", courseId);
        resolve(event, "sessionId", sessionId);
        int before = fx.system.items().size();
        String routeKey = event.json().path("routeKey").asText();
        Invoker.Response response = fx.call(event);
        assertEquals(400, response.status(), routeKey + " " + response);
        assertEquals(field, response.body().path("errors").get(0).path("field").asText(), routeKey + " " + response);
        assertEquals(before, fx.system.items().size(), "nothing written");
    }

    /** "%s"/"%S" in a path parameter stand for the course/session created in setUp. */
    private static void resolve(HttpEvent event, String name, String id) {
        String raw = event.json().path("pathParameters").path(name).asText("");
        if (raw.equals("%s") || raw.equals("%S")) {
            event.path(name, id);
        }
    }
}
