package io.itops.training;

import static io.itops.training.TrainingFixture.employee;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.itops.shared.events.DomainEvent;
import io.itops.testing.HttpEvent;
import io.itops.testing.Invoker;
import io.itops.training.Statuses.EnrolmentStatus;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;

/**
 * Seats under real concurrency: requests on parallel threads against moto, which serialises them
 * as DynamoDB would. Each try gets its own table.
 */
class EnrolmentConcurrencyProperties {

    /** A session of {@code capacity} seats, {@code people} enrolling at once, then {@code cancels} of them leaving while {@code newcomers} enrol. */
    record Scenario(int capacity, int people, int cancels, int newcomers) {}

    @Provide
    Arbitrary<Scenario> scenarios() {
        return Arbitraries.integers().between(1, 5).flatMap(c -> Arbitraries.integers().between(1, 4 * c + 10).flatMap(n ->
                Arbitraries.integers().between(0, Math.min(n, c)).flatMap(k ->
                        Arbitraries.integers().between(0, c + 3).map(m -> new Scenario(c, n, k, m)))));
    }

    @Property(tries = 12, shrinking = ShrinkingMode.OFF)
    void concurrentEnrolmentsConfirmExactlyTheSeats_andConcurrentCancelsPromoteInOrderWithoutOverBooking(
            @ForAll("scenarios") Scenario scenario) throws Exception {
        TrainingFixture fx = new TrainingFixture();
        String session = fx.session(fx.course("SEC-AWARE", true, 12, null), "2026-12-10T09:30", scenario.capacity());
        int n = scenario.people();
        int c = scenario.capacity();

        // step 1: N people enrol at the same moment
        List<Invoker.Response> responses = concurrently(IntStream.range(0, n).<Callable<Invoker.Response>>mapToObj(i ->
                () -> fx.invoker.call(enrol(session, "p" + i))).toList());
        assertEquals(Math.min(n, c), count(responses, 201), "exactly min(N, C) confirmed: " + responses);
        assertEquals(n - Math.min(n, c), count(responses, 202), "the rest waitlisted: " + responses);
        Set<Integer> positions = new TreeSet<>();
        responses.stream().filter(r -> r.status() == 202).forEach(r -> positions.add(r.body().path("waitlistPosition").asInt()));
        assertEquals(IntStream.rangeClosed(1, n - Math.min(n, c)).boxed().toList(), List.copyOf(positions), "distinct positions in arrival order");
        SessionState afterEnrol = SessionState.read(fx.store, session);
        afterEnrol.assertConsistent();
        assertEquals(Math.min(n, c), afterEnrol.session().confirmed());

        // step 2: some confirmed people cancel while newcomers enrol
        List<String> confirmed = new ArrayList<>(afterEnrol.with(EnrolmentStatus.CONFIRMED));
        Collections.shuffle(confirmed);
        List<String> leaving = confirmed.subList(0, scenario.cancels());
        List<String> waitingBefore = new ArrayList<>(afterEnrol.waitlist().values());
        fx.events.clear();
        List<Callable<Invoker.Response>> mixed = new ArrayList<>();
        leaving.forEach(user -> mixed.add(() -> fx.invoker.call(HttpEvent.of("DELETE /sessions/{sessionId}/enrolments/{userId}")
                .path("sessionId", session).path("userId", user).as(employee(user, "Finance")))));
        for (int i = 0; i < scenario.newcomers(); i++) {
            String user = "new" + i;
            mixed.add(() -> fx.invoker.call(enrol(session, user)));
        }
        List<Invoker.Response> mixedResponses = concurrently(mixed);
        assertTrue(mixedResponses.subList(0, leaving.size()).stream().allMatch(r -> r.status() == 204), "every cancel done: " + mixedResponses);
        assertTrue(mixedResponses.subList(leaving.size(), mixed.size()).stream().allMatch(r -> r.status() == 201 || r.status() == 202),
                "every newcomer enrolled or waitlisted: " + mixedResponses);
        SessionState after = SessionState.read(fx.store, session);
        after.assertConsistent();
        int active = after.with(EnrolmentStatus.CONFIRMED).size() + after.with(EnrolmentStatus.WAITLISTED).size();
        assertEquals(n - leaving.size() + scenario.newcomers(), active, "nobody lost, nobody doubled: " + after);
        leaving.forEach(user -> assertEquals(EnrolmentStatus.CANCELLED, after.enrolments().get(user)));

        // the promoted are the earliest of those who waited, each promoted (and told) once
        List<String> promoted = waitingBefore.stream().filter(u -> after.enrolments().get(u) == EnrolmentStatus.CONFIRMED).toList();
        assertEquals(waitingBefore.subList(0, promoted.size()), promoted, "promotion follows the waitlist order");
        assertEquals(Math.min(leaving.size(), waitingBefore.size()), promoted.size(), "each freed seat went to someone waiting");
        Map<String, Integer> promotions = new HashMap<>();
        for (DomainEvent e : fx.events.ofType(TrainingEvents.WAITLIST_PROMOTED)) {
            promotions.merge(String.valueOf(((Map<?, ?>) e.detail()).get("userId")), 1, Integer::sum);
        }
        assertTrue(promotions.values().stream().allMatch(count -> count == 1), "a promoted person is confirmed once: " + promotions);
        Set<String> newlyConfirmedFromWaitlist = new HashSet<>(promoted);
        for (int i = 0; i < scenario.newcomers(); i++) {
            Invoker.Response r = mixedResponses.get(leaving.size() + i);
            if (r.status() == 202 && after.enrolments().get("new" + i) == EnrolmentStatus.CONFIRMED) {
                newlyConfirmedFromWaitlist.add("new" + i);
            }
        }
        assertEquals(newlyConfirmedFromWaitlist, promotions.keySet(), "promotion events name exactly the promoted");

        // step 3: everyone still confirmed leaves; the waitlist drains into the seats
        List<String> remaining = after.with(EnrolmentStatus.CONFIRMED);
        concurrently(remaining.stream().<Callable<Invoker.Response>>map(user -> () -> fx.invoker.call(
                HttpEvent.of("DELETE /sessions/{sessionId}/enrolments/{userId}").path("sessionId", session).path("userId", user)
                        .as(employee(user, "Finance")))).toList());
        SessionState drained = SessionState.read(fx.store, session);
        drained.assertConsistent();
        assertEquals(Math.min(c, after.with(EnrolmentStatus.WAITLISTED).size()), drained.session().confirmed());
    }

    static HttpEvent enrol(String sessionId, String user) {
        return HttpEvent.of("POST /sessions/{sessionId}/enrolments").path("sessionId", sessionId).as(employee(user, "Finance")).body(Map.of());
    }

    /** Runs every call on its own thread, released together; returns the results in the order given. */
    static <T> List<T> concurrently(List<Callable<T>> calls) throws Exception {
        if (calls.isEmpty()) {
            return List.of();
        }
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        try {
            CountDownLatch ready = new CountDownLatch(calls.size());
            CountDownLatch go = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> call : calls) {
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return call.call();
                }));
            }
            ready.await();
            go.countDown();
            List<T> out = new ArrayList<>();
            for (Future<T> f : futures) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    private static long count(List<Invoker.Response> responses, int status) {
        return responses.stream().filter(r -> r.status() == status).count();
    }
}
