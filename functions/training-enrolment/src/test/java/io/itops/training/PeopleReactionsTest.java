package io.itops.training;

import static io.itops.training.TrainingFixture.employee;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.itops.shared.events.Notice;
import io.itops.testing.Claims;
import io.itops.testing.HttpEvent;
import io.itops.testing.PersonEvents;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Training's reactions to the directory's events, on moto: each delivered three times, one effect. */
class PeopleReactionsTest {
    private final TrainingFixture fx = new TrainingFixture();

    private void deliver3x(byte[] event) {
        for (int i = 0; i < 3; i++) {
            fx.invoker.invokeRaw(event);
        }
    }

    private JsonNode sales() {
        JsonNode report = fx.call(HttpEvent.of("GET /training/compliance").query("department", "Sales").as(Claims.staff())).body();
        return report.path("departments").get(0);
    }

    @Test
    void complianceCountsEveryActivePersonOfTheDepartment_engagedOrNot() {
        fx.course("SEC-AWARE", true, 12, null);
        fx.call(HttpEvent.of("GET /me/training").as(employee("li.lei", "Sales")));
        fx.call(HttpEvent.of("GET /me/training").as(employee("han.mei", "Sales")));
        assertEquals(2, sales().path("people").asInt(), "before the directory: only who engaged");
        deliver3x(PersonEvents.joined("e-1", "quiet.one", "Sales", "2026-11-02"));
        assertEquals(3, sales().path("people").asInt());
        assertEquals(3, sales().path("notCompliant").size());
        deliver3x(PersonEvents.left("e-2", "quiet.one", "Sales", "2026-11-28"));
        assertEquals(2, sales().path("people").asInt(), "a leaver no longer counts");
        deliver3x(PersonEvents.moved("e-3", "han.mei", "Finance", "Sales"));
        assertEquals(1, sales().path("people").asInt(), "a mover counts in their new department");
    }

    @Test
    void aJoinerGetsTheirDepartmentsMandatoryCourses_dueNDaysAfterStart_once() {
        String security = fx.course("SEC-AWARE", true, 12, null);
        String salesOnly = fx.course("CRM-101", true, null, List.of("Sales"));
        fx.course("FIN-POLICY", true, null, List.of("Finance"));
        fx.course("EXCEL", false, null, null);
        fx.events.clear();
        deliver3x(PersonEvents.joined("e-10", "new.hire", "Sales", "2026-12-01"));
        List<PeopleReactions.Assignment> assigned = fx.services.people().assignments("new.hire");
        assertEquals(List.of(salesOnly, security).stream().sorted().toList(), assigned.stream().map(PeopleReactions.Assignment::courseId).sorted().toList());
        assigned.forEach(a -> assertEquals(LocalDate.parse("2026-12-31"), a.dueOn()));
        List<Notice> notices = fx.events.ofType(Notice.DETAIL_TYPE).stream().map(e -> (Notice) e.detail()).toList();
        assertEquals(1, notices.size(), "one welcome notice for three deliveries");
        assertEquals(List.of("new.hire"), notices.getFirst().to());
        assertTrue(notices.getFirst().en().contains("2026-12-31"), notices.getFirst().en());

        var mine = fx.call(HttpEvent.of("GET /me/training").as(employee("new.hire", "Sales")));
        assertEquals(200, mine.status(), mine.toString());
        Map<String, String> dueBy = new java.util.TreeMap<>();
        mine.body().path("courses").forEach(c -> dueBy.put(c.path("code").asText(), c.path("dueBy").asText(null)));
        assertEquals(Map.of("CRM-101", "2026-12-31", "SEC-AWARE", "2026-12-31"), dueBy, "the joiner sees each deadline in /me/training");
    }

    @Test
    void aLeaversFutureEnrolmentsAreCancelled_theSeatGoesToTheWaitlist_once() {
        String course = fx.course("SEC-AWARE", true, 12, null);
        String session = fx.session(course, "2026-12-10T09:30", 1);
        assertEquals(201, fx.enrol(session, employee("leaver.one", "Sales")).status());
        assertEquals(202, fx.enrol(session, employee("waiting.one", "Sales")).status());
        fx.events.clear();
        deliver3x(PersonEvents.left("e-20", "leaver.one", "Sales", "2026-11-30"));
        assertEquals(Map.of("leaver.one", "cancelled", "waiting.one", "confirmed"), fx.enrolmentRows(session));
        Session s = fx.storedSession(session);
        assertEquals(1, s.confirmed());
        assertEquals(0, s.waitlisted());
        assertEquals(1, fx.events.ofType(TrainingEvents.WAITLIST_PROMOTED).size(), "promoted once for three deliveries");
    }
}
