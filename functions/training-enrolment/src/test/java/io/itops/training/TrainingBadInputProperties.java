package io.itops.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.itops.testing.BadInput;
import io.itops.testing.Claims;
import io.itops.testing.HttpEvent;
import io.itops.testing.Invoker;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.BeforeContainer;

/** Every training route with a body refuses bad bodies with a 4xx problem naming the field, and writes nothing. */
class TrainingBadInputProperties {
    private static final int MAX_BODY = 262_144;
    private static TrainingFixture fx;
    private static String courseId;
    private static String sessionId;
    private static int itemsBefore;

    @BeforeContainer
    static void setUp() {
        fx = new TrainingFixture();
        courseId = fx.course("SEC-AWARE", true, 12, null);
        sessionId = fx.session(courseId, "2026-12-10T09:30", 10);
        fx.enrol(sessionId, TrainingFixture.employee("li.lei", "Finance"));
        itemsBefore = fx.system.items().size();
    }

    @Property(tries = 200)
    void createCourseRefusesBadBodies(@ForAll("courses") BadInput.Case bad) {
        refused(bad, HttpEvent.of("POST /courses").as(Claims.staff()));
    }

    @Property(tries = 150)
    void updateCourseRefusesBadBodies(@ForAll("coursePatches") BadInput.Case bad) {
        refused(bad, HttpEvent.of("PATCH /courses/{courseId}").path("courseId", courseId).header("If-Match", "\"1\"").as(Claims.staff()));
    }

    @Property(tries = 200)
    void scheduleSessionRefusesBadBodies(@ForAll("sessions") BadInput.Case bad) {
        refused(bad, HttpEvent.of("POST /courses/{courseId}/sessions").path("courseId", courseId).as(Claims.staff()));
    }

    @Property(tries = 150)
    void enrolRefusesBadBodies(@ForAll("enrolments") BadInput.Case bad) {
        refused(bad, HttpEvent.of("POST /sessions/{sessionId}/enrolments").path("sessionId", sessionId).as(Claims.staff()));
    }

    @Property(tries = 150)
    void attendanceRefusesBadBodies(@ForAll("attendance") BadInput.Case bad) {
        refused(bad, HttpEvent.of("POST /sessions/{sessionId}/attendance").path("sessionId", sessionId).as(Claims.staff()));
    }

    @Property(tries = 150)
    void cancelSessionRefusesBadBodies(@ForAll("cancellations") BadInput.Case bad) {
        refused(bad, HttpEvent.of("POST /sessions/{sessionId}/cancel").path("sessionId", sessionId).as(Claims.staff()));
    }

    private static void refused(BadInput.Case bad, HttpEvent event) {
        Invoker.Response response = fx.invoker.call(bad.applyTo(event));
        BadInput.assertRefused(bad, response);
        fx.contract.assertValid(event.json().path("routeKey").asText(), response);
        assertEquals(itemsBefore, fx.system.items().size(), bad + ": nothing written");
    }

    @Provide
    Arbitrary<BadInput.Case> courses() {
        return BadInput.bodies(TrainingFixture.courseBody("NET-101", true, 24, List.of("Finance")), Set.of("code", "title"), MAX_BODY);
    }

    @Provide
    Arbitrary<BadInput.Case> coursePatches() {
        return BadInput.bodies("PATCH /courses/{courseId}", Map.of("title", "Networks", "mandatory", true, "validityMonths", 6,
                "audience", Map.of("scope", "all")), Set.of(), MAX_BODY);
    }

    @Provide
    Arbitrary<BadInput.Case> sessions() {
        Map<String, Object> valid = new java.util.LinkedHashMap<>(TrainingFixture.sessionBody("2026-12-20T09:30", "Asia/Shanghai", 12));
        valid.put("enrolmentClosesAt", "2026-12-18T18:00");
        return BadInput.bodies(valid, Set.of("start", "end", "timeZone", "capacity"), MAX_BODY);
    }

    @Provide
    Arbitrary<BadInput.Case> enrolments() {
        return BadInput.bodies(Map.of("userId", "wang.wei", "department", "Finance"), Set.of(), MAX_BODY);
    }

    @Provide
    Arbitrary<BadInput.Case> attendance() {
        return BadInput.bodies(Map.of("attendees", List.of("li.lei")), Set.of("attendees"), MAX_BODY);
    }

    @Provide
    Arbitrary<BadInput.Case> cancellations() {
        return BadInput.bodies(Map.of("reason", "Instructor ill"), Set.of("reason"), MAX_BODY);
    }

    @Property(tries = 300)
    void unknownQueryParametersAreRefusedOnEveryRoute(@ForAll("unknownQueries") BadInput.QueryCase query) {
        refused(query.expected(), query.event(Claims.admin()));
    }

    @Provide
    Arbitrary<BadInput.QueryCase> unknownQueries() {
        return BadInput.unknownQueryParameters(BadInput.routeKeys(TrainingFixture.FUNCTION));
    }
}
