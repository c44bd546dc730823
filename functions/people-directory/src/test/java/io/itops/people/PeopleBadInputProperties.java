package io.itops.people;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.itops.testing.BadInput;
import io.itops.testing.Claims;
import io.itops.testing.HttpEvent;
import io.itops.testing.Invoker;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The import refuses bad bodies (malformed JSON, wrong types, missing and unknown fields, oversize,
 * deep nesting, invalid UTF-8, wrong content type) with a 4xx problem naming the field, and a CSV row
 * with a bad value is rejected alone, naming its cell; either way nothing is written.
 */
class PeopleBadInputProperties {
    private static final int MAX_BODY = 262_144;
    private static PeopleFixture fx;
    private static int itemsBefore;

    @BeforeContainer
    static void setUp() {
        fx = new PeopleFixture();
        fx.call(HttpEvent.of("POST /people/import").as(Claims.staff()).body(PeopleFixture.rows(PeopleFixture.row("li.lei", "Li Lei", "Sales", null))));
        itemsBefore = fx.system.items().size();
    }

    @Property(tries = 200)
    void jsonImportsRefuseBadBodies(@ForAll("imports") BadInput.Case bad) {
        Invoker.Response response = fx.invoker.call(bad.applyTo(HttpEvent.of("POST /people/import").as(Claims.staff())));
        BadInput.assertRefused(bad, response);
        fx.contract.assertValid("POST /people/import", response);
        assertEquals(itemsBefore, fx.system.items().size(), bad + ": nothing written");
    }

    @Property(tries = 150)
    void aCsvRowWithABadValueIsRejectedAlone_namingTheCell(@ForAll("badCells") Map.Entry<String, String> cell) {
        String csv = "personId,name,status,startDate,leaveDate,manager,email\n" + switch (cell.getKey()) {
            case "personId" -> csvField(cell.getValue()) + ",Name,active,2026-01-05,,,";
            case "status" -> "new.person,Name," + csvField(cell.getValue()) + ",2026-01-05,,,";
            case "startDate" -> "new.person,Name,active," + csvField(cell.getValue()) + ",,,";
            case "manager" -> "new.person,Name,active,2026-01-05,," + csvField(cell.getValue()) + ",";
            default -> "new.person,Name,active,2026-01-05,,," + csvField(cell.getValue());
        } + "\n";
        Invoker.Response response = fx.call(HttpEvent.of("POST /people/import").as(Claims.staff()).header("content-type", "text/csv").body(csv));
        assertEquals(200, response.status(), cell + " " + response);
        JsonNode row = response.body().path("rows").get(0);
        assertEquals("rejected", row.path("result").asText(), cell + " " + response);
        assertEquals("rows[0]." + cell.getKey(), row.path("errors").get(0).path("field").asText(), cell + " " + response);
        assertEquals(itemsBefore, fx.system.items().size(), cell + ": nothing written");
    }

    private static String csvField(String value) {
        return "\"" + value.replace("\"", "\"\"") + "\"";
    }

    @Provide
    Arbitrary<BadInput.Case> imports() {
        return BadInput.bodies(Map.of("rows", List.of(PeopleFixture.row("wang.wei", "Wang Wei", "Finance", "li.lei"))), Set.of("rows"), MAX_BODY);
    }

    @Provide
    Arbitrary<Map.Entry<String, String>> badCells() {
        Arbitrary<String> junk = Arbitraries.strings().withChars("!#$%^&* /\\\"',;").ofMinLength(1).ofMaxLength(12)
                .filter(s -> !s.isBlank());
        Arbitrary<String> badDates = Arbitraries.of("2026-13-01", "2026-02-30", "0000-01-01", "26-01-01", "2026/01/05", "tomorrow", "+2026-01-05");
        return Arbitraries.oneOf(
                junk.map(v -> Map.entry("personId", "x" + v)),
                Arbitraries.of("retired", "ACTIVE", "on leave", "gone").map(v -> Map.entry("status", v)),
                badDates.map(v -> Map.entry("startDate", v)),
                junk.map(v -> Map.entry("manager", "m" + v)),
                Combinators.combine(junk, junk).as((a, b) -> Map.entry("email", "a" + a + "no-at-sign" + b.replace("@", ""))));
    }
}
