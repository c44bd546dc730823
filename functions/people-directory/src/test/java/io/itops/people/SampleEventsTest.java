package io.itops.people;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import io.itops.shared.json.Json;
import io.itops.testing.HttpEvent;
import io.itops.testing.Invoker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every sample in events/people-directory invoked exactly as Lambda delivers it, in order, on a
 * deployment without a user pool; the bus samples are the shapes PeopleEvents publishes.
 */
class SampleEventsTest {
    private static final Path DIR = io.itops.testing.TemplateModel.projectRoot().resolve("events/people-directory");
    private final PeopleFixture fx = new PeopleFixture(false);

    record Sample(String file, int status, Consumer<Invoker.Response> check) {}

    private static final List<Sample> HTTP = List.of(
            new Sample("import-people-json", 200, r -> assertEquals(2, r.body().path("created").asInt())),
            new Sample("import-people-csv", 200, r -> assertEquals(2, r.body().path("created").asInt())),
            new Sample("import-people-leaver", 200, r -> assertEquals("updated", r.body().path("rows").get(0).path("result").asText())),
            new Sample("import-people-bad-unknown-column", 400, r -> assertEquals("header[2]", field(r))),
            new Sample("import-people-bad-no-rows", 400, r -> assertEquals("rows", field(r))),
            new Sample("list-people", 200, r -> assertEquals(3, r.body().path("items").size())),
            new Sample("list-people-bad-status", 400, r -> assertEquals("query.status", field(r))),
            new Sample("list-people-employee", 403, r -> assertEquals("FORBIDDEN", r.body().path("code").asText())),
            new Sample("get-person", 200, r -> assertEquals("zhang.san", r.body().path("manager").asText())),
            new Sample("get-person-bad-not-self", 403, r -> assertEquals("FORBIDDEN", r.body().path("code").asText())),
            new Sample("get-me-unknown", 404, r -> assertEquals("PERSON_NOT_FOUND", r.body().path("code").asText())),
            new Sample("sync-people-no-pool", 422, r -> assertEquals("USER_POOL_NOT_CONFIGURED", r.body().path("code").asText())),
            new Sample("sync-people-bad-staff", 403, r -> assertEquals("FORBIDDEN", r.body().path("code").asText())));

    private static String field(Invoker.Response r) {
        return r.body().path("errors").get(0).path("field").asText();
    }

    @TestFactory
    Stream<DynamicTest> httpSamplesAnswerAsExpected() {
        return HTTP.stream().map(s -> dynamicTest(s.file(), () -> {
            byte[] event = HttpEvent.sample("people-directory/" + s.file() + ".json");
            Invoker.Response response = fx.invoker.call(event);
            fx.contract.assertValid(Json.tree(event).path("routeKey").asText(), response);
            assertEquals(s.status(), response.status(), response.toString());
            s.check().accept(response);
        }));
    }

    @Test
    void theScheduleSampleRunsTheSync_whichWithoutAPoolDoesNothing() throws IOException {
        JsonNode result = fx.invoker.invokeRaw(Files.readAllBytes(DIR.resolve("schedule-people-sync.json")));
        assertEquals("people-sync", result.path("schedule").asText());
        assertEquals(0, fx.system.items("PERSON#").size());
    }

    @Test
    void busSamplesHaveThePublishedShape() throws IOException {
        Person p = Person.builder().personId("liu.yang").name("Liu Yang").status(PersonStatus.LEFT).startDate(LocalDate.parse("2025-01-13"))
                .leaveDate(LocalDate.parse("2026-12-04")).updatedAt(Instant.EPOCH).build();
        Set<String> published = new TreeSet<>(PeopleEvents.person(p).keySet());
        for (String name : List.of("person-joined", "person-moved", "person-left")) {
            JsonNode sample = Json.tree(Files.readAllBytes(DIR.resolve(name + ".json")));
            assertEquals("itops.people", sample.path("source").asText());
            Set<String> keys = new TreeSet<>();
            sample.path("detail").path("person").fieldNames().forEachRemaining(keys::add);
            assertEquals(published, keys, name);
        }
    }
}
