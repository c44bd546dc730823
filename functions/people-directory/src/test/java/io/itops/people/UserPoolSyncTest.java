package io.itops.people;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.itops.shared.events.DomainEvent;
import io.itops.testing.Claims;
import io.itops.testing.HttpEvent;
import io.itops.testing.Invoker;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The sync against moto's Cognito user pool, with more users than one ListUsers page. */
class UserPoolSyncTest {
    private static final int USERS = UserPoolSync.PAGE + 7;
    private final PeopleFixture fx = new PeopleFixture();

    private JsonNode sync() {
        Invoker.Response r = fx.call(HttpEvent.of("POST /people/sync").as(Claims.admin()));
        assertEquals(200, r.status(), r.toString());
        return r.body();
    }

    @SuppressWarnings("unchecked")
    private static String personId(DomainEvent e) {
        return (String) ((Map<String, Object>) ((Map<String, Object>) e.detail()).get("person")).get("personId");
    }

    @Test
    void everyUserOfEveryPageBecomesAPerson_andLeaversAreTheDisabledAndTheRemoved() {
        for (int i = 0; i < USERS; i++) {
            fx.addUser(String.format("user.%03d", i), "User " + i, i % 2 == 0 ? "Sales" : "Finance", "han.mei");
        }
        JsonNode first = sync();
        assertEquals(USERS, first.path("listed").asInt());
        assertEquals(2, first.path("pages").asInt(), "ListUsers paged at " + UserPoolSync.PAGE);
        assertEquals(USERS, first.path("created").asInt());
        assertEquals(USERS, fx.events.ofType(PeopleEvents.JOINED).size());
        JsonNode person = fx.call(HttpEvent.of("GET /people/{personId}").path("personId", "user.066").as(Claims.staff())).body();
        assertEquals("Sales", person.path("department").asText());
        assertEquals("han.mei", person.path("manager").asText());
        assertEquals("2026-01-05", person.path("startDate").asText());
        assertEquals("user.066@example.com", person.path("email").asText());

        fx.events.clear();
        JsonNode again = sync();
        assertEquals(USERS, again.path("unchanged").asInt());
        assertEquals(List.of(), fx.events.all(), "a sync that finds nothing new tells nothing");

        fx.cognito.adminDisableUser(r -> r.userPoolId(fx.userPoolId).username("user.003"));
        fx.cognito.adminDeleteUser(r -> r.userPoolId(fx.userPoolId).username("user.004"));
        fx.setDepartment("user.005", "Sales");
        JsonNode changes = sync();
        assertEquals(1, changes.path("markedLeft").asInt(), changes.toString());
        assertEquals(List.of("user.003", "user.004"), fx.events.ofType(PeopleEvents.LEFT).stream().map(UserPoolSyncTest::personId).sorted().toList());
        assertEquals(List.of("user.005"), fx.events.ofType(PeopleEvents.MOVED).stream().map(UserPoolSyncTest::personId).toList());
        JsonNode gone = fx.call(HttpEvent.of("GET /people/{personId}").path("personId", "user.004").as(Claims.staff())).body();
        assertEquals("left", gone.path("status").asText());
        assertEquals("2026-11-28", gone.path("leaveDate").asText());

        fx.events.clear();
        sync();
        assertEquals(List.of(), fx.events.all(), "a leaver leaves once");
    }

    @Test
    void peopleOnlyHrKnows_areNotRetiredBySync() {
        fx.call(HttpEvent.of("POST /people/import").as(Claims.staff()).body(PeopleFixture.rows(PeopleFixture.row("contractor.1", "C One", "IT", null))));
        fx.addUser("user.001", "User 1", "Sales", "han.mei");
        fx.events.clear();
        JsonNode report = sync();
        assertEquals(0, report.path("markedLeft").asInt());
        assertEquals("active", fx.call(HttpEvent.of("GET /people/{personId}").path("personId", "contractor.1").as(Claims.staff()))
                .body().path("status").asText());
    }
}
