package io.itops.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import io.itops.shared.auth.Caller;
import io.itops.shared.auth.Role;
import io.itops.shared.chat.ChatCommand.ChatReply;
import io.itops.shared.events.Notice;
import io.itops.shared.json.Json;
import io.itops.testing.HttpEvent;
import io.itops.testing.Invoker;
import io.itops.training.Requests.EnrolRequest;
import io.itops.training.Statuses.AudienceScope;
import io.itops.training.Statuses.SessionStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import io.itops.testing.TemplateModel;

/**
 * Every sample in events/training-enrolment, good and bad, invoked exactly as Lambda delivers it,
 * in one small world whose ids the samples name. Order matters: later samples see earlier effects.
 */
class SampleEventsTest {
    static final String SEC = "01KBC0VRSE0000000000000SEC";
    static final String ENG = "01KBC0VRSE0000000000000ENG";
    static final String OPEN = "01KBSESS100000000000000001";
    static final String FULL = "01KBSESS100000000000000002";
    static final String ENGINEERING = "01KBSESS100000000000000003";
    static final String TOMORROW = "01KBSESS100000000000000004";
    private static final Instant NOW = Instant.parse(TrainingFixture.NOW);
    private static final Instant AFTER_TOMORROWS_START = Instant.parse("2026-11-29T03:00:00Z");

    private final TrainingFixture fx = new TrainingFixture();

    record Sample(String file, int status, Instant clock, Consumer<Invoker.Response> check) {}

    private List<Sample> samples() {
        return List.of(
                http("get-course", 200, r -> assertEquals("SEC-AWARE", r.body().path("code").asText())),
                http("get-course-not-found", 404, r -> assertEquals("COURSE_NOT_FOUND", r.body().path("code").asText())),
                http("list-courses", 200, r -> assertEquals(1, r.body().path("items").size())),
                http("list-courses-bad-query", 400, r -> assertEquals("query.mandatory", field(r))),
                http("create-course", 201, r -> assertEquals("NET-101", r.body().path("code").asText())),
                http("create-course-invalid", 400, r -> assertEquals(Set.of("code", "title", "validityMonths", "audience.departments"), fields(r))),
                http("update-course", 200, r -> assertEquals(24, r.body().path("validityMonths").asInt())),
                http("update-course-stale", 409, r -> assertEquals("VERSION_CONFLICT", r.body().path("code").asText())),
                http("schedule-session", 201, r -> assertEquals("2027-01-14T06:00:00Z", r.body().path("start").asText())),
                http("schedule-session-dst-gap", 400, r -> assertEquals("start", field(r))),
                http("list-sessions", 200, r -> assertEquals(TOMORROW, r.body().path("items").get(0).path("sessionId").asText())),
                http("get-session", 200, r -> assertEquals(1, r.body().path("confirmed").asInt())),
                http("enrol", 201, r -> assertEquals("confirmed", r.body().path("status").asText())),
                http("enrol-when-full", 202, r -> assertEquals(1, r.body().path("waitlistPosition").asInt())),
                http("enrol-outside-audience", 422, r -> assertEquals("NOT_IN_AUDIENCE", r.body().path("code").asText())),
                http("enrol-someone-else", 201, r -> assertEquals("zhang.san", r.body().path("userId").asText())),
                http("enrol-bad-body", 400, r -> assertEquals("userId", field(r))),
                http("list-enrolments", 200, r -> assertEquals(3, r.body().path("items").size())),
                http("cancel-enrolment", 204, r -> assertEquals("cancelled", fx.enrolmentRows(OPEN).get("li.lei"))),
                http("cancel-enrolment-not-enrolled", 404, r -> assertEquals("ENROLMENT_NOT_FOUND", r.body().path("code").asText())),
                http("my-enrolments", 200, r -> assertEquals(TOMORROW, r.body().path("items").get(0).path("sessionId").asText())),
                bus("chat-courses", r -> assertTrue(reply().text().contains("SEC-AWARE") && reply().text().contains(TOMORROW), reply().text())),
                bus("chat-enrol", r -> assertTrue(reply().text().contains("报名成功"), reply().text())),
                bus("chat-enrol-bad-args", r -> assertTrue(reply().text().startsWith("用法"), reply().text())),
                bus("chat-cancel", r -> assertTrue(reply().text().contains("is cancelled"), reply().text())),
                bus("chat-enrol-unlinked", r -> assertTrue(reply().text().contains("`link`"), reply().text())),
                bus("chat-my-training", r -> assertTrue(reply().text().contains("never done"), reply().text())),
                bus("schedule-training-reminders", r -> assertEquals(List.of("li.lei"), notice(TrainingEvents.NOTICE_TOMORROW).to())),
                http("record-attendance-too-early", 409, r -> assertEquals("SESSION_NOT_STARTED", r.body().path("code").asText())),
                new Sample("record-attendance", 200, AFTER_TOMORROWS_START,
                        r -> assertEquals("2028-11-29", r.body().path("completions").get(0).path("validUntil").asText(), "24 months since update-course")),
                new Sample("record-attendance-bad-body", 400, AFTER_TOMORROWS_START, r -> assertEquals("attendees", field(r))),
                new Sample("my-training", 200, AFTER_TOMORROWS_START,
                        r -> assertEquals("valid", r.body().path("courses").get(0).path("status").asText())),
                new Sample("compliance", 200, AFTER_TOMORROWS_START,
                        r -> assertEquals(1, r.body().path("departments").get(0).path("compliant").asInt(), r.toString())),
                http("compliance-as-employee", 403, r -> assertEquals("FORBIDDEN", r.body().path("code").asText())),
                http("cancel-session-no-reason", 400, r -> assertEquals("reason", field(r))),
                http("cancel-session", 200, r -> assertEquals("cancelled", r.body().path("status").asText())));
    }

    @TestFactory
    Stream<DynamicTest> everySampleInOrder() {
        world();
        return samples().stream().map(sample -> dynamicTest(sample.file(), () -> {
            fx.clock.set(sample.clock());
            fx.events.clear();
            byte[] event = HttpEvent.sample("training-enrolment/" + sample.file() + ".json");
            JsonNode json = Json.tree(event);
            if (json.has("routeKey")) {
                Invoker.Response response = fx.invoker.call(event);
                assertEquals(sample.status(), response.status(), sample.file() + ": " + response);
                fx.contract.assertValid(json.path("routeKey").asText(), response);
                sample.check().accept(response);
            } else {
                fx.invoker.invokeRaw(event);
                sample.check().accept(null);
            }
        }));
    }

    @Test
    void everySampleFileIsExercised() throws IOException {
        Set<String> files = new TreeSet<>();
        try (Stream<Path> list = Files.list(TemplateModel.projectRoot().resolve("events/training-enrolment"))) {
            list.forEach(p -> files.add(p.getFileName().toString().replace(".json", "")));
        }
        Set<String> covered = new TreeSet<>();
        samples().forEach(s -> covered.add(s.file()));
        assertEquals(files, covered);
    }

    /** Two courses, four sessions (one full, one for Engineering only, one tomorrow), two enrolments. */
    private void world() {
        Audience engineering = new Audience(AudienceScope.DEPARTMENTS, List.of("Engineering"));
        fx.store.createCourse(Course.builder().courseId(SEC).code("SEC-AWARE").title("Security awareness")
                .description("Phishing, passwords, data handling").mandatory(true).validityMonths(12).audience(Audience.ALL)
                .version(1).createdAt(NOW).createdBy("sam.staff").updatedAt(NOW).updatedBy("sam.staff").build());
        fx.store.createCourse(Course.builder().courseId(ENG).code("ENG-GIT").title("Git for engineers").audience(engineering)
                .version(1).createdAt(NOW).createdBy("sam.staff").updatedAt(NOW).updatedBy("sam.staff").build());
        session(OPEN, SEC, "SEC-AWARE", "2026-12-10T01:30:00Z", 20);
        session(FULL, SEC, "SEC-AWARE", "2026-12-12T01:30:00Z", 1);
        session(ENGINEERING, ENG, "ENG-GIT", "2026-12-15T01:30:00Z", 10);
        session(TOMORROW, SEC, "SEC-AWARE", "2026-11-29T01:30:00Z", 10);
        Caller staff = new Caller("sam.staff", null, null, "IT", Role.STAFF, Set.of());
        fx.services.training().enrol(FULL, new EnrolRequest("wang.wei", "Finance"), staff);
        fx.services.training().enrol(OPEN, new EnrolRequest("li.lei", "Finance"), staff);
        fx.services.training().enrol(TOMORROW, new EnrolRequest("li.lei", "Finance"), staff);
    }

    private void session(String id, String courseId, String code, String start, int capacity) {
        Instant at = Instant.parse(start);
        fx.store.createSession(Session.builder().sessionId(id).courseId(courseId).courseCode(code)
                .courseTitle(code.equals("SEC-AWARE") ? "Security awareness" : "Git for engineers").start(at).end(at.plusSeconds(7200))
                .timeZone("Asia/Shanghai").place("HQ 3F Room 301").instructor("sam.staff").capacity(capacity).enrolmentClosesAt(at)
                .status(SessionStatus.SCHEDULED).waitlistNext(1).version(1).createdAt(NOW).createdBy("sam.staff").build());
    }

    private static Sample http(String file, int status, Consumer<Invoker.Response> check) {
        return new Sample(file, status, NOW, check);
    }

    private static Sample bus(String file, Consumer<Invoker.Response> check) {
        return new Sample(file, 0, NOW, check);
    }

    private ChatReply reply() {
        List<ChatReply> replies = fx.events.ofType("ChatReply").stream().map(e -> (ChatReply) e.detail()).toList();
        assertEquals(1, replies.size(), "one reply: " + replies);
        return replies.getFirst();
    }

    private Notice notice(String kind) {
        return fx.events.ofType(Notice.DETAIL_TYPE).stream().map(e -> (Notice) e.detail()).filter(n -> n.kind().equals(kind))
                .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " in " + fx.events.all()));
    }

    private static String field(Invoker.Response r) {
        return r.body().path("errors").get(0).path("field").asText();
    }

    private static Set<String> fields(Invoker.Response r) {
        Set<String> out = new TreeSet<>();
        r.body().path("errors").forEach(e -> out.add(e.path("field").asText()));
        return out;
    }
}
