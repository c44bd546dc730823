package io.itops.desk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.itops.testing.HttpEvent;
import io.itops.testing.Invoker;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Path and query parameters of every route: refused with a 400 naming the parameter, nothing written. */
class DeskBadParametersTest {
    private static final DeskFixture FX = new DeskFixture();
    private static final String TICKET = FX.openVpn().path("ticketId").asText();

    @ParameterizedTest(name = "{0} ?{1}={2}")
    @CsvSource(delimiter = '|', textBlock = """
            GET /tickets               | colour   | red        | query.colour
            GET /tickets               | status   | open       | query.status
            GET /tickets               | priority | urgent     | query.priority
            GET /tickets               | category | printers   | query.category
            GET /tickets               | assignee | a b        | query.assignee
            GET /tickets               | breached | yes        | query.breached
            GET /tickets               | limit    | 0          | query.limit
            GET /tickets               | limit    | 101        | query.limit
            GET /tickets               | cursor   | tampered   | query.cursor
            GET /me/tickets            | status   | new        | query.status
            GET /me/tickets            | limit    | ten        | query.limit
            GET /me/tickets            | cursor   | eyJhIjoxfQ | query.cursor
            GET /incidents             | limit    | -1         | query.limit
            GET /incidents             | severity | high       | query.severity
            GET /service-desk/metrics  | from     | 2026-1     | query.from
            GET /service-desk/metrics  | from     | 0000-01    | query.from
            """)
    void badQueryParameters(String route, String name, String value, String field) {
        HttpEvent event = HttpEvent.of(route).query(name, value).as(DeskFixture.SAM);
        if (route.endsWith("metrics") && !name.equals("to")) {
            event = event.query("to", "2026-12");
        }
        int before = FX.system.items().size();
        Invoker.Response r = FX.call(event);
        assertEquals(400, r.status(), r.toString());
        assertEquals(field, r.body().path("errors").get(0).path("field").asText(), r.toString());
        assertEquals(before, FX.system.items().size(), "nothing written");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            GET /tickets/{ticketId}                          | ticketId
            POST /tickets/{ticketId}/take                    | ticketId
            POST /tickets/{ticketId}/escalate                | ticketId
            GET /incidents/{incidentId}                      | incidentId
            POST /incidents/{incidentId}/actions/{actionId}/done | incidentId
            """)
    void badPathIds(String route, String parameter) {
        HttpEvent event = HttpEvent.of(route).path(parameter, "../etc").as(DeskFixture.SAM);
        if (route.contains("{actionId}")) {
            event = event.path("actionId", TICKET);
        }
        Invoker.Response r = FX.invoker.call(event.body(Map.of()));
        assertEquals(400, r.status(), r.toString());
        assertEquals("path." + parameter, r.body().path("errors").get(0).path("field").asText());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            GET /tickets
            GET /service-desk/metrics
            GET /incidents
            POST /tickets/{ticketId}/take
            """)
    void staffRoutesRefuseEmployees(String route) {
        HttpEvent event = HttpEvent.of(route).as(DeskFixture.EMMA);
        if (route.contains("{ticketId}")) {
            event = event.path("ticketId", TICKET);
        }
        assertEquals(403, FX.invoker.call(event).status());
    }
}
