package io.itops.training;

import static io.itops.training.EnrolmentConcurrencyProperties.concurrently;
import static io.itops.training.TrainingFixture.employee;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.itops.testing.Claims;
import io.itops.testing.HttpEvent;
import io.itops.testing.Invoker;
import io.itops.testing.MutableClock;
import io.itops.testing.RecordingEvents;
import io.itops.testing.TestSystem;
import io.itops.training.Statuses.EnrolmentStatus;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Faults and costs: throttled DynamoDB never leaves half a change, and list routes never Scan. */
class TrainingReliabilityTest {
    private final TestSystem system = TestSystem.create();
    private final MutableClock clock = MutableClock.at(TrainingFixture.NOW);
    private final TestSystem.Instrumented instrumented = system.instrumented(TrainingFixture.FUNCTION, clock);
    private final Invoker invoker = new Invoker(new TrainingEnrolmentHandler(instrumented.platform(),
            TrainingEnrolmentHandler.Services.of(instrumented.platform(), new RecordingEvents())));
    private final TrainingFixture fx = new TrainingFixture(system);

    @Test
    void underThirtyPercentThrottling_everyEnrolmentEndsCompleteOrA503WithNothingChanged() throws Exception {
        fx.clock.set(clock.instant());
        String session = fx.session(fx.course("SEC-AWARE", true, 12, null), "2026-12-10T09:30", 4);
        instrumented.throttling().throttle(0.3);
        List<Invoker.Response> responses = concurrently(IntStream.range(0, 12).<Callable<Invoker.Response>>mapToObj(i -> () ->
                invoker.call(HttpEvent.of("POST /sessions/{sessionId}/enrolments").path("sessionId", session)
                        .as(employee("t" + i, "Finance")).body(Map.of()))).toList());
        instrumented.throttling().throttle(0);

        assertTrue(instrumented.throttling().throttledCalls() > 0, "throttling was injected");
        SessionState state = SessionState.read(fx.store, session);
        state.assertConsistent();
        for (int i = 0; i < responses.size(); i++) {
            Invoker.Response r = responses.get(i);
            EnrolmentStatus stored = state.enrolments().get("t" + i);
            switch (r.status()) {
                case 201 -> assertEquals(EnrolmentStatus.CONFIRMED, stored);
                case 202 -> assertEquals(EnrolmentStatus.WAITLISTED, stored);
                case 503 -> {
                    assertNull(stored, "a 503 changed nothing: " + r);
                    assertTrue(r.header("retry-after") != null);
                }
                default -> throw new AssertionError("only 201, 202 or 503: " + r);
            }
        }
    }

    @Test
    void listRoutesQueryAndNeverScan() {
        fx.clock.set(clock.instant());
        String course = fx.course("SEC-AWARE", true, 12, null);
        String session = fx.session(course, "2026-12-10T09:30", 4);
        fx.enrol(session, employee("li.lei", "Finance"));
        instrumented.calls().reset();
        List<HttpEvent> reads = List.of(
                HttpEvent.of("GET /courses").as(Claims.staff()).query("audience", "Finance"),
                HttpEvent.of("GET /courses/{courseId}/sessions").path("courseId", course).as(Claims.staff()),
                HttpEvent.of("GET /sessions/{sessionId}/enrolments").path("sessionId", session).as(Claims.staff()),
                HttpEvent.of("GET /me/enrolments").as(employee("li.lei", "Finance")),
                HttpEvent.of("GET /me/training").as(employee("li.lei", "Finance")),
                HttpEvent.of("GET /training/compliance").as(Claims.staff()));
        for (HttpEvent read : reads) {
            assertEquals(200, invoker.call(read).status(), read.json().path("routeKey").asText());
        }
        assertEquals(0, instrumented.calls().count("Scan"), "operations: " + instrumented.calls().operations());
        assertTrue(instrumented.calls().count("Query") >= reads.size());
    }
}
