package io.itops.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.itops.training.Statuses.EnrolmentStatus;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A session as the table holds it, read consistently (Query on its partition), with the invariants every state must keep. */
record SessionState(Session session, Map<String, EnrolmentStatus> enrolments, Map<Long, String> waitlist,
                    Map<String, Integer> positions) {

    static SessionState read(TrainingStore store, String sessionId) {
        Session session = store.findSession(sessionId).orElseThrow();
        Map<String, EnrolmentStatus> enrolments = new TreeMap<>();
        Map<String, Integer> positions = new TreeMap<>();
        for (Enrolment e : store.allEnrolments(sessionId)) {
            enrolments.put(e.userId(), e.status());
            if (e.waitlistPosition() != null) {
                positions.put(e.userId(), e.waitlistPosition());
            }
        }
        Map<Long, String> waitlist = new TreeMap<>();
        for (WaitlistEntry w : store.waitlist(sessionId)) {
            waitlist.put(w.position(), w.userId());
        }
        return new SessionState(session, enrolments, waitlist, positions);
    }

    List<String> with(EnrolmentStatus status) {
        return enrolments.entrySet().stream().filter(e -> e.getValue() == status).map(Map.Entry::getKey).toList();
    }

    /** Seat counter == rows holding a seat (confirmed or attended), never over capacity; waitlist counter == waitlisted rows == waitlist items; nobody waits while a seat is free. */
    void assertConsistent() {
        // a seat stays taken once its holder attended
        int confirmed = with(EnrolmentStatus.CONFIRMED).size() + with(EnrolmentStatus.ATTENDED).size();
        List<String> waiting = with(EnrolmentStatus.WAITLISTED);
        assertEquals(confirmed, session.confirmed(), "seat counter == rows holding a seat: " + this);
        assertTrue(confirmed <= session.capacity(), "never over-booked: " + this);
        assertEquals(waiting.size(), session.waitlisted(), "waitlist counter == waitlisted rows: " + this);
        assertEquals(waiting.size(), waitlist.size(), "one waitlist item per waitlisted person: " + this);
        for (String user : waiting) {
            Integer position = positions.get(user);
            assertEquals(user, waitlist.get(position.longValue()), "waitlist item at the person's position: " + this);
        }
        assertEquals(waiting.size(), positions.size(), "only waitlisted enrolments carry a position: " + this);
        assertTrue(waiting.isEmpty() || confirmed == session.capacity(), "nobody waits while a seat is free: " + this);
        assertTrue(waitlist.keySet().stream().allMatch(p -> p < session.waitlistNext()), "positions below the next one: " + this);
    }
}
