package io.itops.desk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.itops.testing.HttpEvent;
import io.itops.testing.Invoker;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * DynamoDB throttles 30% of calls: every request ends complete (2xx) or as a 503 with Retry-After
 * that changed nothing, never a 500. (A 503 may use up a ticket number: numbers can have gaps.)
 */
class DeskThrottlingTest {
    private final DeskFixture fx = new DeskFixture();

    private long tickets() {
        return fx.tickets().stream().filter(i -> "Ticket".equals(i.get("type").s())).count();
    }

    @Test
    void raisingAndWorkingTicketsUnderThrottling_endCompleteOrUnchanged() {
        fx.throttling.throttle(0.3);
        int unavailable = 0;
        long created = 0;
        for (int i = 0; i < 20; i++) {
            fx.throttling.throttle(0);
            long before = tickets();
            // the last ten at 80%, so the SDK's retries run out and the 503 path is exercised too
            fx.throttling.throttle(i < 10 ? 0.3 : 0.8);
            Invoker.Response r = fx.invoker.call(HttpEvent.of("POST /tickets").as(DeskFixture.EMMA)
                    .body(Map.of("title", "Throttled " + i, "category", "software")));
            fx.throttling.throttle(0);
            if (r.status() == 503) {
                unavailable++;
                assertNotNull(r.header("retry-after"));
                assertEquals(before, tickets(), "a 503 wrote no ticket");
            } else {
                assertEquals(201, r.status(), r.toString());
                created++;
                assertEquals(before + 1, tickets());
            }
        }
        assertEquals(created, tickets());
        assertTrue(unavailable > 0, "some creates ran out of retries");

        String id = fx.openVpn().path("ticketId").asText();
        for (String step : new String[] {"take", "comments", "status"}) {
            Object body = switch (step) {
                case "comments" -> Map.of("text", "On it");
                case "status" -> Map.of("status", "in-progress");
                default -> null;
            };
            Invoker.Response r;
            int attempts = 0;
            do {
                long version = fx.get(DeskFixture.SAM, id).body().path("version").asLong();
                fx.throttling.throttle(0.3);
                HttpEvent e = HttpEvent.of("POST /tickets/{ticketId}/" + step).path("ticketId", id).as(DeskFixture.SAM);
                r = fx.invoker.call(body == null ? e : e.body(body));
                fx.throttling.throttle(0);
                if (r.status() == 503) {
                    unavailable++;
                    assertEquals(version, fx.get(DeskFixture.SAM, id).body().path("version").asLong(), "a 503 changed nothing");
                }
            } while (r.status() == 503 && ++attempts < 50);
            assertTrue(r.status() / 100 == 2, step + ": " + r);
        }
        var t = fx.get(DeskFixture.SAM, id).body();
        assertEquals("in-progress", t.path("status").asText());
        assertEquals(1, t.path("comments").size());
        assertEquals(4, t.path("version").asInt(), "each step written once");
        assertTrue(fx.throttling.throttledCalls() > 0, "throttling was injected");
        System.out.println("throttled calls: " + fx.throttling.throttledCalls() + ", 503 answers: " + unavailable);
    }
}
