package io.itops.people;

import static io.itops.people.PeopleFixture.row;
import static io.itops.people.PeopleFixture.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.itops.shared.events.DomainEvent;
import io.itops.testing.Claims;
import io.itops.testing.HttpEvent;
import io.itops.testing.Invoker;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PeopleApiTest {
    private final PeopleFixture fx = new PeopleFixture();

    private Invoker.Response importJson(Object body) {
        return fx.call(HttpEvent.of("POST /people/import").as(Claims.staff()).body(body));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> person(DomainEvent e) {
        return (Map<String, Object>) ((Map<String, Object>) e.detail()).get("person");
    }

    @Test
    void importCreatesPeople_andTellsTheirJoining_once() {
        Invoker.Response first = importJson(rows(row("li.lei", "Li Lei", "Sales", "han.mei"), row("han.mei", "Han Mei", "Sales", null)));
        assertEquals(200, first.status(), first.toString());
        assertEquals(2, first.body().path("created").asInt());
        assertEquals(List.of("li.lei", "han.mei"), fx.events.ofType(PeopleEvents.JOINED).stream().map(e -> person(e).get("personId")).toList());
        assertEquals("Sales", person(fx.events.all().getFirst()).get("department"));
        assertEquals(2, fx.system.items("PERSON#").size());

        fx.events.clear();
        Invoker.Response again = importJson(rows(row("li.lei", "Li Lei", "Sales", "han.mei"), row("han.mei", "Han Mei", "Sales", null)));
        assertEquals(2, again.body().path("unchanged").asInt(), again.toString());
        assertEquals(List.of(), fx.events.all(), "re-importing the same data publishes nothing");
    }

    @Test
    void aMoveCarriesThePreviousDepartmentAndManager_andALeaverGetsTodayAsLeaveDate() {
        importJson(rows(row("li.lei", "Li Lei", "Sales", "han.mei")));
        fx.events.clear();
        Invoker.Response moved = importJson(rows(Map.of("personId", "li.lei", "department", "Finance", "manager", "wang.wei")));
        assertEquals("updated", moved.body().path("rows").get(0).path("result").asText(), moved.toString());
        DomainEvent move = fx.events.ofType(PeopleEvents.MOVED).getFirst();
        assertEquals(Map.of("department", "Sales", "manager", "han.mei"), ((Map<?, ?>) move.detail()).get("previous"));
        assertEquals("Finance", person(move).get("department"));
        assertEquals("Li Lei", person(move).get("name"), "fields left out keep their value");

        fx.events.clear();
        importJson(rows(Map.of("personId", "li.lei", "status", "left")));
        assertEquals(1, fx.events.all().size());
        Map<String, Object> left = person(fx.events.ofType(PeopleEvents.LEFT).getFirst());
        assertEquals("left", left.get("status"));
        assertEquals("2026-11-28", left.get("leaveDate"));
        Invoker.Response stored = fx.call(HttpEvent.of("GET /people/{personId}").path("personId", "li.lei").as(Claims.staff()));
        assertEquals("left", stored.body().path("status").asText());
        assertEquals(3, stored.body().path("version").asInt());
    }

    @Test
    void csvImportOfADepartment_isListedInPages_andEachRowReported() {
        StringBuilder csv = new StringBuilder("personId,name,email,department,manager,startDate\n");
        for (int i = 1; i <= 20; i++) {
            csv.append("sales.").append(i).append(",Sales Person ").append(i).append(",s").append(i).append("@example.com,Sales,han.mei,2026-01-0")
                    .append(1 + i % 9).append('\n');
        }
        csv.append("bad id!,Broken,,Sales,,2026-13-01\n");
        Invoker.Response report = fx.call(HttpEvent.of("POST /people/import").as(Claims.staff()).header("content-type", "text/csv").body(csv.toString()));
        assertEquals(200, report.status(), report.toString());
        assertEquals(20, report.body().path("created").asInt());
        assertEquals(1, report.body().path("rejected").asInt());
        JsonNode rejected = report.body().path("rows").get(20);
        assertEquals("rejected", rejected.path("result").asText());
        assertEquals("rows[20].startDate", rejected.path("errors").get(0).path("field").asText(), rejected.toString());
        assertEquals(20, fx.events.ofType(PeopleEvents.JOINED).size());

        List<String> listed = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            HttpEvent page = HttpEvent.of("GET /people").query("department", "Sales").query("limit", "6").as(Claims.staff());
            if (cursor != null) page.query("cursor", cursor);
            Invoker.Response r = fx.call(page);
            assertEquals(200, r.status(), r.toString());
            r.body().path("items").forEach(p -> listed.add(p.path("personId").asText()));
            cursor = r.body().path("nextCursor").isTextual() ? r.body().path("nextCursor").asText() : null;
            pages++;
        } while (cursor != null);
        assertEquals(20, listed.size());
        assertEquals(20, listed.stream().distinct().count());
        assertTrue(pages >= 4, "listed in pages of 6");
        assertEquals(0, fx.call(HttpEvent.of("GET /people").query("department", "Finance").as(Claims.staff())).body().path("items").size());
        assertEquals(20, fx.call(HttpEvent.of("GET /people").query("manager", "han.mei").query("status", "active").query("limit", "100")
                .as(Claims.staff())).body().path("items").size());
    }

    @Test
    void employeesReadOnlyThemselves_andMeIsA404ForStrangers() {
        importJson(rows(row("emma.employee", "Emma", "Finance", null), row("li.lei", "Li Lei", "Sales", null)));
        Invoker.Response me = fx.call(HttpEvent.of("GET /me").as(Claims.employee()));
        assertEquals(200, me.status(), me.toString());
        assertEquals("Finance", me.body().path("department").asText());
        assertEquals(200, fx.call(HttpEvent.of("GET /people/{personId}").path("personId", "emma.employee").as(Claims.employee())).status());
        assertEquals(403, fx.call(HttpEvent.of("GET /people/{personId}").path("personId", "li.lei").as(Claims.employee())).status());
        assertEquals(403, fx.call(HttpEvent.of("GET /people").as(Claims.employee())).status());
        Invoker.Response stranger = fx.call(HttpEvent.of("GET /me").as(Claims.employee("nobody.known")));
        assertEquals(404, stranger.status());
        assertEquals("PERSON_NOT_FOUND", stranger.body().path("code").asText());
        assertEquals(400, fx.call(HttpEvent.of("GET /people").query("status", "retired").as(Claims.staff())).status());
        assertEquals(403, fx.call(HttpEvent.of("POST /people/sync").as(Claims.staff())).status(), "sync is for admins");
    }

    @Test
    void rowsThatBreakTheRules_areRejectedAlone_andWriteNothing() {
        Map<String, Object> selfManaged = row("li.lei", "Li Lei", "Sales", "li.lei");
        Map<String, Object> leavesBeforeStart = new java.util.LinkedHashMap<>(row("han.mei", "Han Mei", "Sales", null));
        leavesBeforeStart.put("leaveDate", "2026-01-01");
        Map<String, Object> nameless = Map.of("personId", "wang.wei");
        Invoker.Response report = importJson(rows(selfManaged, leavesBeforeStart, nameless, row("ok.person", "Ok", "Sales", null),
                row("ok.person", "Ok twice", "Sales", null)));
        assertEquals(200, report.status(), report.toString());
        JsonNode r = report.body().path("rows");
        assertEquals("rows[0].manager", r.get(0).path("errors").get(0).path("field").asText());
        assertEquals("rows[1].leaveDate", r.get(1).path("errors").get(0).path("field").asText());
        assertEquals("rows[2].name", r.get(2).path("errors").get(0).path("field").asText());
        assertEquals("created", r.get(3).path("result").asText());
        assertEquals("rows[4].personId", r.get(4).path("errors").get(0).path("field").asText());
        assertEquals(1, fx.system.items("PERSON#").size());
        assertNull(fx.events.ofType(PeopleEvents.LEFT).stream().findFirst().orElse(null));
    }
}
