package io.itops.training;

import io.itops.shared.auth.Caller;
import io.itops.shared.error.ApiException;
import io.itops.shared.error.FieldError;
import io.itops.shared.events.DomainEvent;
import io.itops.shared.events.EventSink;
import io.itops.shared.store.Ids;
import io.itops.shared.store.Page;
import io.itops.shared.validation.Validator;
import io.itops.training.Requests.AttendanceRequest;
import io.itops.training.Requests.CancelSessionRequest;
import io.itops.training.Requests.CourseInput;
import io.itops.training.Requests.EnrolRequest;
import io.itops.training.Requests.SessionInput;
import io.itops.training.Statuses.EnrolmentStatus;
import io.itops.training.Statuses.SessionStatus;
import io.itops.training.Statuses.When;
import io.itops.training.Views.AttendanceReport;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Training's rules: courses and their audience, sessions, seats and the waitlist, cancellation and
 * promotion, attendance and completions. Every seat decision is taken from fresh reads and written
 * by a transaction whose conditions re-check it; when a concurrent change wins, the decision is
 * taken again from new reads, until the {@link Contention} deadline.
 */
final class TrainingService {
    private final TrainingStore store;
    private final EventSink events;
    private final Clock clock;

    TrainingService(TrainingStore store, EventSink events, Clock clock) {
        this.store = store;
        this.events = events;
        this.clock = clock;
    }

    // ------------------------------------------------------------------ courses

    Course createCourse(CourseInput in, Caller caller) {
        Instant now = clock.instant();
        Course course = Course.builder().courseId(Ids.ulid(clock)).code(TrainingRules.normaliseCode(in.code())).title(in.title())
                .description(in.description()).mandatory(Boolean.TRUE.equals(in.mandatory())).validityMonths(in.validityMonths())
                .audience(in.audience() == null ? Audience.ALL : in.audience())
                .version(1).createdAt(now).createdBy(caller.userId()).updatedAt(now).updatedBy(caller.userId()).build();
        Validator v = Validator.check();
        TrainingRules.checkCourse(v, course);
        v.validate();
        store.createCourse(course);
        return course;
    }

    Course course(String courseId) {
        return store.findCourse(courseId).orElseThrow(() -> new ApiException.NotFound("course", courseId));
    }

    Page<Course> courses(Boolean mandatory, String audience, int limit, String cursor) {
        return store.courses(mandatory, audience, limit, cursor);
    }

    Course updateCourse(String courseId, CoursePatch patch, long expectedVersion, Caller caller) {
        Course before = course(courseId);
        if (before.version() != expectedVersion) {
            throw new ApiException.Conflict("VERSION_CONFLICT",
                    "The course is at version " + before.version() + ", not " + expectedVersion + "; read it again and retry",
                    Map.of("currentVersion", before.version()));
        }
        Course after = patch.applyTo(before, clock.instant(), caller.userId());
        Validator v = Validator.check();
        TrainingRules.checkCourse(v, after);
        v.validate();
        store.updateCourse(before, after);
        return after;
    }

    // ------------------------------------------------------------------ sessions

    Session scheduleSession(String courseId, SessionInput in, Caller caller) {
        Instant now = clock.instant();
        Validator v = Validator.check();
        TrainingRules.Times times = TrainingRules.checkSession(v, in, now);
        v.validate();
        Course course = course(courseId);
        Session session = Session.builder().sessionId(Ids.ulid(clock)).courseId(courseId).courseCode(course.code())
                .courseTitle(course.title()).start(times.start()).end(times.end()).timeZone(in.timeZone()).place(in.place())
                .onlineLink(in.onlineLink()).instructor(in.instructor()).capacity(in.capacity()).enrolmentClosesAt(times.closesAt())
                .status(SessionStatus.SCHEDULED).waitlistNext(1).version(1).createdAt(now).createdBy(caller.userId()).build();
        store.createSession(session);
        events.publish(TrainingEvents.sessionScheduled(session));
        return session;
    }

    Session session(String sessionId) {
        return store.findSession(sessionId).orElseThrow(() -> new ApiException.NotFound("session", sessionId));
    }

    Page<Session> sessions(String courseId, When when, int limit, String cursor) {
        course(courseId);
        return store.sessionsOfCourse(courseId, when == null ? When.UPCOMING : when, clock.instant(), limit, cursor);
    }

    /** Cancels a session that has not started; everyone enrolled or waiting is told. */
    Session cancelSession(String sessionId, CancelSessionRequest request, Caller caller) {
        Validator.check().requiredText("reason", request.reason(), 500).validate();
        Session cancelled = Contention.retry(() -> {
            Instant now = clock.instant();
            Session before = session(sessionId);
            refuseChanges(before, now);
            Session after = before.cancelled(request.reason(), now, caller.userId());
            store.cancelSession(before, after, now);
            return after;
        });
        List<String> enrolled = store.allEnrolments(sessionId).stream()
                .filter(e -> e.status() == EnrolmentStatus.CONFIRMED || e.status() == EnrolmentStatus.WAITLISTED)
                .map(Enrolment::userId).toList();
        List<DomainEvent> published = new ArrayList<>();
        published.add(TrainingEvents.sessionCancelled(cancelled, enrolled));
        enrolled.forEach(userId -> published.add(TrainingEvents.cancelledNotice(cancelled, userId)));
        events.publish(published);
        return cancelled;
    }

    // ------------------------------------------------------------------ enrolment

    /**
     * Enrols the caller (or, for staff, the person named) in a session: a confirmed seat while one is
     * free and nobody waits, else the next waitlist position.
     */
    Enrolment enrol(String sessionId, EnrolRequest request, Caller caller) {
        Validator.check().pattern("userId", request.userId(), TrainingRules.USER, "a user id")
                .text("department", request.department(), 100).validate();
        String userId = request.userId() == null ? caller.userId() : request.userId();
        boolean self = userId.equals(caller.userId());
        if (!self && !caller.isStaff()) {
            throw new ApiException.Forbidden("Only IT staff may enrol someone else");
        }
        if (self && request.department() != null) {
            throw ApiException.Invalid.field("department", "comes from your sign-in; only staff enrolling someone else may give it");
        }
        String department = self ? caller.department() : request.department();
        Session first = session(sessionId);
        Course course = course(first.courseId());
        Enrolment enrolment = Contention.retry(() -> attemptEnrol(sessionId, course, userId, department, caller, self));
        events.publish(TrainingEvents.enrolment(enrolment.status() == EnrolmentStatus.CONFIRMED
                ? TrainingEvents.ENROLMENT_CONFIRMED : TrainingEvents.ENROLMENT_WAITLISTED, enrolment, caller.userId()));
        return enrolment;
    }

    private Enrolment attemptEnrol(String sessionId, Course course, String userId, String department, Caller caller, boolean self) {
        Instant now = clock.instant();
        Session session = session(sessionId);
        refuseEnrolment(session, now);
        if (!course.audience().includes(department)) {
            if (!self && department == null) {
                throw ApiException.Invalid.field("department", "is required: " + course.code() + " is for "
                        + String.join(", ", course.audience().departments()));
            }
            throw new ApiException.Unprocessable("NOT_IN_AUDIENCE", (self ? "Your department" : "Department " + department)
                    + " is not in the audience of " + course.code() + " (" + String.join(", ", course.audience().departments()) + ")",
                    Map.of("audience", course.audience().departments()));
        }
        Optional<Enrolment> existing = store.findEnrolment(sessionId, userId);
        if (existing.isPresent() && existing.get().status().active()) {
            Enrolment e = existing.get();
            throw new ApiException.Conflict("ALREADY_ENROLLED", (self ? "You are" : userId + " is") + " already "
                    + (e.status() == EnrolmentStatus.WAITLISTED ? "on the waitlist (position " + e.waitlistPosition() + ")" : e.status().toString())
                    + " for this session", Map.of("enrolmentStatus", e.status().toString()));
        }
        TraineeProfile profile = department == null ? null : new TraineeProfile(userId, department, now);
        if (!session.full()) {
            Enrolment confirmed = enrolment(session, userId, department, EnrolmentStatus.CONFIRMED, null, now, caller);
            store.enrolConfirmed(session, confirmed, profile, now);
            return confirmed;
        }
        long position = store.reservePosition(sessionId);
        Enrolment waitlisted = enrolment(session, userId, department, EnrolmentStatus.WAITLISTED, Math.toIntExact(position), now, caller);
        store.enrolWaitlisted(session, waitlisted, profile, now);
        return waitlisted;
    }

    /** Cancels an enrolment; a freed seat goes to the first on the waitlist in the same transaction. */
    void cancelEnrolment(String sessionId, String userId, Caller caller) {
        if (!userId.equals(caller.userId()) && !caller.isStaff()) {
            throw new ApiException.Forbidden("You may cancel only your own enrolment");
        }
        record Outcome(Session session, Enrolment cancelled, WaitlistEntry promoted) {}
        Outcome outcome = Contention.retry(() -> {
            Instant now = clock.instant();
            Session session = session(sessionId);
            refuseChanges(session, now);
            Enrolment enrolment = store.findEnrolment(sessionId, userId).filter(e -> e.status().active())
                    .orElseThrow(() -> new ApiException.NotFound("ENROLMENT_NOT_FOUND", userId + " is not enrolled in session " + sessionId, Map.of()));
            if (enrolment.status() == EnrolmentStatus.WAITLISTED) {
                store.cancelWaitlisted(session, enrolment, now, caller.userId());
                return new Outcome(session, enrolment, null);
            }
            Optional<WaitlistEntry> first = store.firstWaitlisted(sessionId);
            if (first.isEmpty()) {
                store.cancelConfirmed(session, enrolment, now, caller.userId());
            } else {
                store.cancelConfirmedAndPromote(session, enrolment, first.get(), now, caller.userId());
            }
            return new Outcome(session, enrolment, first.orElse(null));
        });
        List<DomainEvent> published = new ArrayList<>();
        published.add(TrainingEvents.enrolment(TrainingEvents.ENROLMENT_CANCELLED, outcome.cancelled(), caller.userId()));
        if (outcome.promoted() != null) {
            published.add(TrainingEvents.promoted(outcome.session(), outcome.promoted().userId(), outcome.promoted().position()));
            published.add(TrainingEvents.promotedNotice(outcome.session(), outcome.promoted().userId()));
        }
        events.publish(published);
    }

    Page<Enrolment> enrolments(String sessionId, EnrolmentStatus status, int limit, String cursor) {
        session(sessionId);
        return store.enrolments(sessionId, status, limit, cursor);
    }

    /** The caller's enrolments with each session's current state (a cancelled session voids them). */
    Page<Enrolment> myEnrolments(Caller caller, When when, int limit, String cursor) {
        Page<Enrolment> page = store.enrolmentsOf(caller.userId(), when == null ? When.UPCOMING : when, clock.instant(), limit, cursor);
        Map<String, Session> sessions = store.sessions(page.items().stream().map(Enrolment::sessionId).toList());
        return page.map(e -> {
            Session s = sessions.get(e.sessionId());
            return s == null ? e : e.withSessionStatus(s.status());
        });
    }

    // ------------------------------------------------------------------ attendance

    /** Records who attended a started session; each attendee's completion counts from the session's local date. */
    AttendanceReport recordAttendance(String sessionId, AttendanceRequest request, Caller caller) {
        List<String> attendees = request.attendees();
        Validator v = Validator.check().required("attendees", attendees).size("attendees", attendees, TrainingRules.MAX_ATTENDEES);
        if (attendees != null) {
            v.rule(!attendees.isEmpty(), "attendees", "must list at least one person");
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < attendees.size(); i++) {
                String a = attendees.get(i);
                v.required("attendees[" + i + "]", a).pattern("attendees[" + i + "]", a, TrainingRules.USER, "a user id");
                v.rule(a == null || seen.add(a), "attendees[" + i + "]", "appears twice");
            }
        }
        v.validate();
        Instant now = clock.instant();
        Session session = session(sessionId);
        if (session.status() == SessionStatus.CANCELLED) {
            throw cancelled(session);
        }
        if (!session.started(now)) {
            throw new ApiException.Conflict("SESSION_NOT_STARTED", "Attendance can be recorded once the session has started ("
                    + session.start() + ")");
        }
        Course course = course(session.courseId());
        Map<String, Enrolment> enrolments = new HashMap<>();
        store.allEnrolments(sessionId).forEach(e -> enrolments.put(e.userId(), e));
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < attendees.size(); i++) {
            Enrolment e = enrolments.get(attendees.get(i));
            if (e == null || e.status() != EnrolmentStatus.CONFIRMED && e.status() != EnrolmentStatus.ATTENDED) {
                errors.add(new FieldError("attendees[" + i + "]", "holds no confirmed seat in this session"
                        + (e == null ? "" : " (" + e.status() + ")")));
            }
        }
        if (!errors.isEmpty()) {
            throw new ApiException.Unprocessable("NOT_ENROLLED", errors.size() == 1 ? errors.getFirst().field() + " " + errors.getFirst().message()
                    : errors.size() + " attendees hold no confirmed seat in this session", Map.of("errors", errors));
        }
        LocalDate completedOn = session.localStart().toLocalDate();
        LocalDate validUntil = TrainingRules.validUntil(completedOn, course.validityMonths());
        List<Completion> recorded = new ArrayList<>();
        List<String> already = new ArrayList<>();
        for (String userId : attendees) {
            Enrolment e = enrolments.get(userId);
            Completion completion = Completion.builder().userId(userId).courseId(course.courseId()).courseCode(course.code())
                    .courseTitle(course.title()).sessionId(sessionId).department(e.department()).completedOn(completedOn)
                    .validUntil(validUntil).recordedAt(now).recordedBy(caller.userId()).build();
            boolean done = Contention.retry(() -> recordOne(sessionId, userId, completion, now, caller));
            if (done) {
                recorded.add(completion);
            } else {
                already.add(userId);
            }
        }
        events.publish(recorded.stream().map(TrainingEvents::completed).toList());
        return new AttendanceReport(sessionId, course.courseId(), recorded, already);
    }

    /** Returns false when the attendee was already recorded. */
    private boolean recordOne(String sessionId, String userId, Completion completion, Instant now, Caller caller) {
        Enrolment e = store.findEnrolment(sessionId, userId).orElseThrow();
        if (e.status() == EnrolmentStatus.ATTENDED) {
            return false;
        }
        boolean newest = store.findCompletion(userId, completion.courseId())
                .map(c -> !c.completedOn().isAfter(completion.completedOn())).orElse(true);
        store.recordAttendance(e, newest ? completion : null, now, caller.userId());
        return true;
    }

    // ------------------------------------------------------------------ helpers

    private static Enrolment enrolment(Session s, String userId, String department, EnrolmentStatus status, Integer position,
                                       Instant now, Caller caller) {
        return Enrolment.builder().sessionId(s.sessionId()).courseId(s.courseId()).courseCode(s.courseCode()).courseTitle(s.courseTitle())
                .userId(userId).department(department).status(status).waitlistPosition(position).sessionStart(s.start())
                .sessionTimeZone(s.timeZone()).enrolledAt(now).enrolledBy(caller.userId())
                .confirmedAt(status == EnrolmentStatus.CONFIRMED ? now : null).build();
    }

    /** Enrolment needs a scheduled session that has not started and whose enrolment is open. */
    private static void refuseEnrolment(Session s, Instant now) {
        refuseChanges(s, now);
        if (s.closed(now)) {
            throw new ApiException.Conflict("ENROLMENT_CLOSED", "Enrolment for this session closed at " + s.enrolmentClosesAt(),
                    Map.of("enrolmentClosesAt", s.enrolmentClosesAt().toString()));
        }
    }

    /** A cancelled or started session no longer changes. */
    private static void refuseChanges(Session s, Instant now) {
        if (s.status() == SessionStatus.CANCELLED) {
            throw cancelled(s);
        }
        if (s.started(now)) {
            throw new ApiException.Conflict("SESSION_STARTED", "The session started at " + s.start(),
                    Map.of("start", s.start().toString()));
        }
    }

    private static ApiException cancelled(Session s) {
        return new ApiException.Conflict("SESSION_CANCELLED", "The session was cancelled: " + s.cancelReason());
    }
}
