package io.itops.training;

import io.itops.shared.events.DomainEvent;
import io.itops.shared.events.EventSink;
import io.itops.training.Statuses.EnrolmentStatus;
import io.itops.training.Statuses.SessionStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The daily "training-reminders" run: people confirmed for a session that takes place tomorrow (in
 * the session's own time zone), and people whose mandatory training expires in 30, 7 or 1 days or
 * expired yesterday, each get a Notification for chat-webhook to deliver.
 */
final class Reminders {
    private final TrainingStore store;
    private final EventSink events;
    private final TrainingConfig config;

    Reminders(TrainingStore store, EventSink events, TrainingConfig config) {
        this.store = store;
        this.events = events;
        this.config = config;
    }

    /** Sends the reminders for the run scheduled at {@code at}; returns how many notices went out. */
    int send(Instant at) {
        List<DomainEvent> notices = new ArrayList<>();
        sessionsTomorrow(at, notices);
        expiry(at, notices);
        events.publish(notices);
        return notices.size();
    }

    private void sessionsTomorrow(Instant at, List<DomainEvent> notices) {
        // "tomorrow" in any zone (UTC-12 to UTC+14) starts within 24 h of now and ends within 48 h
        for (Session s : store.sessionsStartingBetween(at, at.plus(Duration.ofHours(48)))) {
            LocalDate tomorrowThere = LocalDate.ofInstant(at, s.zone()).plusDays(1);
            if (s.status() != SessionStatus.SCHEDULED || !s.localStart().toLocalDate().equals(tomorrowThere)) {
                continue;
            }
            List<String> confirmed = store.allEnrolments(s.sessionId()).stream()
                    .filter(e -> e.status() == EnrolmentStatus.CONFIRMED).map(Enrolment::userId).toList();
            if (!confirmed.isEmpty()) {
                notices.add(TrainingEvents.tomorrow(s, confirmed));
            }
        }
    }

    private void expiry(Instant at, List<DomainEvent> notices) {
        LocalDate today = LocalDate.ofInstant(at, config.zone());
        Set<Long> remindAt = Set.of((long) config.expiringWithinDays(), 7L, 1L);
        Map<String, Course> courses = new HashMap<>();
        store.allCourses().forEach(c -> courses.put(c.courseId(), c));
        for (Completion c : store.validUntilBetween(today.minusDays(1), today.plusDays(config.expiringWithinDays()))) {
            Course course = courses.get(c.courseId());
            if (course == null || !course.mandatory() || !course.audience().includes(c.department())) {
                continue;
            }
            long daysLeft = ChronoUnit.DAYS.between(today, c.validUntil());
            if (daysLeft == -1) {
                notices.add(TrainingEvents.expiredNotice(c));
            } else if (remindAt.contains(daysLeft)) {
                notices.add(TrainingEvents.expiringNotice(c, daysLeft));
            }
        }
    }
}
