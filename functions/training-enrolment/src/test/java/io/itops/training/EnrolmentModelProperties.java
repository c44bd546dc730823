package io.itops.training;

import static io.itops.training.TrainingFixture.employee;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.itops.testing.Claims;
import io.itops.testing.HttpEvent;
import io.itops.testing.Invoker;
import io.itops.training.Statuses.EnrolmentStatus;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Model-based: random sequences of enrol, cancel, attend, close and replay against a session, run
 * through the handler on moto and through a plain in-memory model of the rules. After every step
 * the responses agree and the table holds exactly what the model holds.
 */
class EnrolmentModelProperties {
    private static final List<String> USERS = List.of("ann", "bob", "cai", "dan", "eve", "fay");
    private static final Instant CLOSES = Instant.parse("2026-12-09T10:00:00Z");
    private static final Instant STARTS = Instant.parse("2026-12-10T01:30:00Z");
    private static TrainingFixture fx;
    private static String course;

    sealed interface Op permits Enrol, Cancel, Attend, Close, Replay {}

    record Enrol(int user) implements Op {}

    record Cancel(int user) implements Op {}

    /** Moves the clock past the start (if needed) and records these people as attendees. */
    record Attend(List<Integer> users) implements Op {}

    /** Moves the clock past the enrolment deadline. */
    record Close() implements Op {}

    /** Sends the last enrolment request again, with its Idempotency-Key. */
    record Replay() implements Op {}

    @BeforeContainer
    static void setUp() {
        fx = new TrainingFixture();
        course = fx.course("SEC-AWARE", true, 12, null);
    }

    @Provide
    Arbitrary<List<Op>> operations() {
        Arbitrary<Integer> user = Arbitraries.integers().between(0, USERS.size() - 1);
        Arbitrary<Op> op = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, user.map(Enrol::new)),
                net.jqwik.api.Tuple.of(4, user.map(Cancel::new)),
                net.jqwik.api.Tuple.of(1, user.list().ofMinSize(1).ofMaxSize(3).uniqueElements().map(Attend::new)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(new Close())),
                net.jqwik.api.Tuple.of(2, Arbitraries.just(new Replay())));
        return op.list().ofMinSize(1).ofMaxSize(18);
    }

    @Property(tries = 30)
    void theStoreAgreesWithTheModelAfterEveryStep(@ForAll @IntRange(min = 1, max = 3) int capacity,
                                                  @ForAll("operations") List<Op> ops) {
        fx.clock.set(Instant.parse(TrainingFixture.NOW));
        String session = created(fx.call(HttpEvent.of("POST /courses/{courseId}/sessions").path("courseId", course).as(Claims.staff())
                .body(Map.of("start", "2026-12-10T09:30", "end", "2026-12-10T12:00", "timeZone", "Asia/Shanghai",
                        "place", "HQ", "capacity", capacity, "enrolmentClosesAt", "2026-12-09T18:00"))));
        Model model = new Model(capacity);
        Map<Integer, Integer> keys = new LinkedHashMap<>();
        HttpEvent lastEnrol = null;
        String lastUser = null;
        Instant lastSent = null;
        Invoker.Response lastAnswer = null;
        for (int step = 0; step < ops.size(); step++) {
            Op op = ops.get(step);
            String at = "step " + step + " " + op + " of " + ops + ": ";
            switch (op) {
                case Enrol e -> {
                    String user = USERS.get(e.user());
                    int n = keys.merge(e.user(), 1, Integer::sum);
                    HttpEvent request = HttpEvent.of("POST /sessions/{sessionId}/enrolments").path("sessionId", session)
                            .as(employee(user, "Finance")).header("Idempotency-Key", "model-" + session + "-" + user + "-" + n).body(Map.of());
                    Invoker.Response response = fx.call(request);
                    Expected expected = model.enrol(user);
                    assertEquals(expected.status(), response.status(), at + response);
                    assertEquals(expected.code(), code(response), at + response);
                    if (expected.position() != null) {
                        assertEquals(expected.position().intValue(), response.body().path("waitlistPosition").asInt(), at + response);
                    }
                    lastEnrol = request;
                    lastUser = user;
                    lastSent = fx.clock.instant();
                    lastAnswer = response;
                }
                case Cancel c -> {
                    String user = USERS.get(c.user());
                    Invoker.Response response = fx.cancel(session, user, employee(user, "Finance"));
                    Expected expected = model.cancel(user);
                    assertEquals(expected.status(), response.status(), at + response);
                    assertEquals(expected.code(), code(response), at + response);
                }
                case Attend a -> {
                    if (fx.clock.instant().isBefore(STARTS)) {
                        fx.clock.set(STARTS.plusSeconds(3600));
                    }
                    List<String> attendees = a.users().stream().map(USERS::get).toList();
                    Invoker.Response response = fx.call(HttpEvent.of("POST /sessions/{sessionId}/attendance").path("sessionId", session)
                            .as(Claims.staff()).body(Map.of("attendees", attendees)));
                    Expected expected = model.attend(attendees);
                    assertEquals(expected.status(), response.status(), at + response);
                    assertEquals(expected.code(), code(response), at + response);
                }
                case Close ignored -> {
                    if (fx.clock.instant().isBefore(CLOSES)) {
                        fx.clock.set(CLOSES.plusSeconds(3600));
                    }
                    model.closed = true;
                }
                case Replay ignored -> {
                    if (lastEnrol != null) {
                        Invoker.Response replayed = fx.call(lastEnrol);
                        boolean keyReleased = lastAnswer.status() >= 300; // a refused request frees its key for a retry
                        if (keyReleased || fx.clock.instant().isAfter(lastSent.plus(java.time.Duration.ofHours(24)))) {
                            // keys are kept 24 hours: after that, or once freed, the same request is a new one
                            Expected expected = model.enrol(lastUser);
                            assertEquals(expected.status(), replayed.status(), at + replayed);
                            assertEquals(expected.code(), code(replayed), at + replayed);
                            lastAnswer = replayed;
                            lastSent = fx.clock.instant();
                        } else {
                            assertEquals(lastAnswer.status(), replayed.status(), at + replayed);
                            assertEquals(lastAnswer.rawBody(), replayed.rawBody(), at + "the same answer, replayed");
                            assertEquals("true", replayed.header("idempotency-replayed"), at);
                        }
                    }
                }
            }
            assertAgrees(model, session, course, at);
        }
    }

    private static void assertAgrees(Model model, String session, String courseId, String at) {
        SessionState state = SessionState.read(fx.store, session);
        state.assertConsistent();
        assertEquals(model.status, state.enrolments(), at + "enrolments");
        assertEquals(model.waitlist, state.waitlist(), at + "waitlist");
        assertEquals(model.seatsTaken(), state.session().confirmed(), at + "seat counter");
        assertEquals(model.waitlist.size(), state.session().waitlisted(), at + "waitlist counter");
        for (String user : model.completed) {
            Completion c = fx.store.findCompletion(user, courseId).orElseThrow(() -> new AssertionError(at + "no completion for " + user));
            assertEquals(session, c.sessionId(), at + "completion from this session");
        }
    }

    record Expected(int status, String code, Long position) {
        static Expected ok(int status) {
            return new Expected(status, null, null);
        }

        static Expected refused(int status, String code) {
            return new Expected(status, code, null);
        }
    }

    /** The rules, without storage or concurrency. */
    static final class Model {
        final int capacity;
        final Map<String, EnrolmentStatus> status = new TreeMap<>();
        final Map<Long, String> waitlist = new TreeMap<>();
        final TreeSet<String> completed = new TreeSet<>();
        long nextPosition = 1;
        boolean closed;
        boolean started;

        Model(int capacity) {
            this.capacity = capacity;
        }

        long seatsTaken() {
            return count(EnrolmentStatus.CONFIRMED) + count(EnrolmentStatus.ATTENDED);
        }

        long count(EnrolmentStatus s) {
            return status.values().stream().filter(v -> v == s).count();
        }

        Expected enrol(String user) {
            if (started) {
                return Expected.refused(409, "SESSION_STARTED");
            }
            if (closed) {
                return Expected.refused(409, "ENROLMENT_CLOSED");
            }
            EnrolmentStatus current = status.get(user);
            if (current != null && current.active()) {
                return Expected.refused(409, "ALREADY_ENROLLED");
            }
            if (seatsTaken() < capacity && waitlist.isEmpty()) {
                status.put(user, EnrolmentStatus.CONFIRMED);
                return Expected.ok(201);
            }
            long position = nextPosition++;
            status.put(user, EnrolmentStatus.WAITLISTED);
            waitlist.put(position, user);
            return new Expected(202, null, position);
        }

        Expected cancel(String user) {
            if (started) {
                return Expected.refused(409, "SESSION_STARTED");
            }
            EnrolmentStatus current = status.get(user);
            if (current == null || !current.active()) {
                return Expected.refused(404, "ENROLMENT_NOT_FOUND");
            }
            status.put(user, EnrolmentStatus.CANCELLED);
            if (current == EnrolmentStatus.WAITLISTED) {
                waitlist.values().remove(user);
            } else if (!waitlist.isEmpty()) {
                Long first = waitlist.keySet().iterator().next();
                status.put(waitlist.remove(first), EnrolmentStatus.CONFIRMED);
            }
            return Expected.ok(204);
        }

        Expected attend(List<String> attendees) {
            started = true;
            closed = true;
            for (String user : attendees) {
                EnrolmentStatus s = status.get(user);
                if (s != EnrolmentStatus.CONFIRMED && s != EnrolmentStatus.ATTENDED) {
                    return Expected.refused(422, "NOT_ENROLLED");
                }
            }
            attendees.forEach(user -> {
                status.put(user, EnrolmentStatus.ATTENDED);
                completed.add(user);
            });
            return Expected.ok(200);
        }
    }

    private static String code(Invoker.Response response) {
        return response.status() < 300 ? null : response.body().path("code").asText();
    }

    private static String created(Invoker.Response response) {
        assertEquals(201, response.status(), response.toString());
        return response.body().path("sessionId").asText();
    }
}
