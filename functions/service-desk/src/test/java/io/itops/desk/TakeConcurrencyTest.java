package io.itops.desk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.itops.testing.Claims;
import io.itops.testing.HttpEvent;
import io.itops.testing.Invoker;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Staff taking the same ticket at the same moment: exactly one wins, every other gets a 409, one assignee stored. */
class TakeConcurrencyTest {
    static final int STAFF = 8;

    @Test
    void ofEightStaffTakingOneTicketAtOnce_exactlyOneWins() throws Exception {
        DeskFixture fx = new DeskFixture();
        String id = fx.openVpn().path("ticketId").asText();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(STAFF);
        List<Future<Invoker.Response>> answers = new ArrayList<>();
        for (int i = 0; i < STAFF; i++) {
            Map<String, Object> staff = Claims.of("staff-" + i, "IT", List.of("staff"));
            answers.add(pool.submit(() -> {
                start.await();
                return fx.invoker.call(HttpEvent.of("POST /tickets/{ticketId}/take").path("ticketId", id).as(staff));
            }));
        }
        start.countDown();
        List<String> winners = new ArrayList<>();
        int conflicts = 0;
        for (Future<Invoker.Response> answer : answers) {
            Invoker.Response r = answer.get();
            if (r.status() == 200) {
                winners.add(r.body().path("assignee").asText());
            } else {
                assertEquals(409, r.status(), r.toString());
                conflicts++;
            }
        }
        pool.shutdown();
        assertEquals(1, winners.size(), "exactly one take wins");
        assertEquals(STAFF - 1, conflicts);
        var stored = fx.get(DeskFixture.SAM, id).body();
        assertEquals(winners.getFirst(), stored.path("assignee").asText());
        assertEquals(2, stored.path("version").asInt(), "one change written");
        assertEquals(1, fx.events.ofType("Notification").stream()
                .filter(e -> ((io.itops.shared.events.Notice) e.detail()).kind().equals(DeskEvents.TICKET_ASSIGNED)).count(), "one assignment notice");
    }
}
