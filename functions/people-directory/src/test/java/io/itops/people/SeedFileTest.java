package io.itops.people;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.itops.shared.json.Json;
import io.itops.testing.Claims;
import io.itops.testing.HttpEvent;
import io.itops.testing.Invoker;
import io.itops.testing.TemplateModel;
import java.nio.file.Files;
import java.util.Iterator;
import org.junit.jupiter.api.Test;

/** local/seed/05-people.json: the dev server's issuer users (local/users.json) are people, and Sales has several. */
class SeedFileTest {
    private final PeopleFixture fx = new PeopleFixture(false);

    @Test
    void theSeedImportsEveryLocalUser_andASalesDepartment() throws Exception {
        JsonNode seed = Json.tree(Files.readAllBytes(TemplateModel.projectRoot().resolve("local/seed/05-people.json")));
        for (JsonNode entry : seed) {
            assertEquals("/people/import", entry.path("path").asText());
            Invoker.Response r = fx.call(HttpEvent.of("POST /people/import").as(Claims.staff()).body(entry.path("body")));
            assertEquals(200, r.status(), r.toString());
            assertEquals(0, r.body().path("rejected").asInt(), r.toString());
        }
        JsonNode users = Json.tree(Files.readAllBytes(TemplateModel.projectRoot().resolve("local/users.json")));
        for (Iterator<String> names = users.fieldNames(); names.hasNext(); ) {
            String user = names.next();
            if (user.startsWith("_")) continue;
            Invoker.Response person = fx.call(HttpEvent.of("GET /people/{personId}").path("personId", user).as(Claims.staff()));
            assertEquals(200, person.status(), user + " is in the seed");
            assertEquals(users.path(user).path("department").asText(), person.body().path("department").asText(), user);
        }
        JsonNode sales = fx.call(HttpEvent.of("GET /people").query("department", "Sales").as(Claims.staff())).body().path("items");
        assertTrue(sales.size() >= 4, "a Sales department of several people: " + sales.size());
    }
}
