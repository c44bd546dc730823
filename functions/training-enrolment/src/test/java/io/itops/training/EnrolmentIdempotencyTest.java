package io.itops.training;

import static io.itops.training.EnrolmentConcurrencyProperties.concurrently;
import static io.itops.training.TrainingFixture.employee;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.itops.testing.HttpEvent;
import io.itops.testing.Invoker;
import io.itops.training.Statuses.EnrolmentStatus;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** One person pressing "enrol" twenty times at once: with one Idempotency-Key, and with twenty. */
class EnrolmentIdempotencyTest {
    private final TrainingFixture fx = new TrainingFixture();

    @Test
    void sameUserSameKey_twentyConcurrentRequests_makeOneEnrolment() throws Exception {
        String session = fx.session(fx.course("SEC-AWARE", true, 12, null), "2026-12-10T09:30", 5);
        List<Invoker.Response> responses = concurrently(IntStream.range(0, 20).<Callable<Invoker.Response>>mapToObj(i -> () ->
                fx.invoker.call(request(session, "same-key-0001"))).toList());

        List<Invoker.Response> created = responses.stream().filter(r -> r.status() == 201).toList();
        assertTrue(created.size() >= 1, responses.toString());
        assertEquals(1, created.stream().map(Invoker.Response::rawBody).distinct().count(), "every 201 is the one enrolment, replayed");
        assertTrue(responses.stream().allMatch(r -> r.status() == 201
                        || r.status() == 409 && r.body().path("code").asText().equals("IDEMPOTENCY_IN_PROGRESS") && r.header("retry-after") != null),
                "the others were told the first is in progress: " + responses);
        SessionState state = SessionState.read(fx.store, session);
        state.assertConsistent();
        assertEquals(Map.of("li.lei", EnrolmentStatus.CONFIRMED), state.enrolments());
        assertEquals(1, state.session().confirmed());
    }

    @Test
    void sameUserDifferentKeys_twentyConcurrentRequests_oneConfirmedAndNineteenAlreadyEnrolled() throws Exception {
        String session = fx.session(fx.course("SEC-AWARE", true, 12, null), "2026-12-10T09:30", 5);
        List<Invoker.Response> responses = concurrently(IntStream.range(0, 20).<Callable<Invoker.Response>>mapToObj(i -> () ->
                fx.invoker.call(request(session, "key-" + String.format("%08d", i)))).toList());

        assertEquals(1, responses.stream().filter(r -> r.status() == 201).count(), responses.toString());
        assertEquals(19, responses.stream().filter(r -> r.status() == 409 && r.body().path("code").asText().equals("ALREADY_ENROLLED")).count(),
                responses.toString());
        SessionState state = SessionState.read(fx.store, session);
        state.assertConsistent();
        assertEquals(1, state.session().confirmed());
        assertEquals(0, state.session().waitlisted());
    }

    private static HttpEvent request(String session, String key) {
        return HttpEvent.of("POST /sessions/{sessionId}/enrolments").path("sessionId", session).as(employee("li.lei", "Finance"))
                .header("Idempotency-Key", key).body(Map.of());
    }
}
