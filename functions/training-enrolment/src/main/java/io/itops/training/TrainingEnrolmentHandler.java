package io.itops.training;

import io.itops.shared.auth.Role;
import io.itops.shared.chat.ChatCommand;
import io.itops.shared.config.Env;
import io.itops.shared.error.ApiException;
import io.itops.shared.http.ApiRequest;
import io.itops.shared.http.ApiResponse;
import io.itops.shared.runtime.Dispatcher;
import io.itops.shared.runtime.FunctionHandler;
import io.itops.shared.runtime.Platform;
import io.itops.training.Requests.AttendanceRequest;
import io.itops.training.Requests.CancelSessionRequest;
import io.itops.training.Requests.CourseInput;
import io.itops.training.Requests.EnrolRequest;
import io.itops.training.Requests.SessionInput;
import io.itops.training.Statuses.EnrolmentStatus;
import io.itops.training.Statuses.When;
import java.util.Map;

/**
 * Training enrolment: POST/GET /courses, GET/PATCH /courses/{courseId}, POST/GET
 * /courses/{courseId}/sessions, GET /sessions/{sessionId}, POST /sessions/{sessionId}/cancel,
 * POST/GET /sessions/{sessionId}/enrolments, DELETE /sessions/{sessionId}/enrolments/{userId},
 * POST /sessions/{sessionId}/attendance, GET /me/enrolments, /me/training, /training/compliance;
 * the daily "training-reminders" schedule; ChatCommand courses, enrol, cancel, my-training; the
 * directory's PersonJoined, PersonMoved, PersonLeft.
 */
public final class TrainingEnrolmentHandler extends FunctionHandler {

    public TrainingEnrolmentHandler() {
        this(System.getenv());
    }

    public TrainingEnrolmentHandler(Map<String, String> environment) {
        this(Platform.from(new Env(environment)));
    }

    public TrainingEnrolmentHandler(Platform platform) {
        this(platform, Services.of(platform, platform.events()));
    }

    TrainingEnrolmentHandler(Platform platform, Services services) {
        super(routes(platform, services));
    }

    /** The function's collaborators, built once around one store. */
    record Services(TrainingService training, ComplianceService compliance, Reminders reminders, TrainingChat chat, PeopleReactions people) {
        static Services of(Platform platform, io.itops.shared.events.EventSink events) {
            TrainingStore store = new TrainingStore(platform.table(), platform.cursors());
            TrainingConfig config = TrainingConfig.from(platform.env());
            TrainingService training = new TrainingService(store, events, platform.clock());
            ComplianceService compliance = new ComplianceService(store, platform.clock(), config);
            return new Services(training, compliance, new Reminders(store, events, config),
                    new TrainingChat(training, compliance, store, events, platform.clock()),
                    new PeopleReactions(platform.table(), store, training, events, platform.clock(), config));
        }
    }

    private static Dispatcher routes(Platform platform, Services s) {
        TrainingService training = s.training();
        return Dispatcher.builder(platform)
                .idempotentRoute("POST /courses", Role.STAFF, (r, caller) -> {
                    Course course = training.createCourse(r.json(CourseInput.class), caller);
                    return etag(ApiResponse.created("/courses/" + course.courseId(), course), course.version());
                })
                .route("GET /courses", Role.EMPLOYEE, (r, caller) -> ApiResponse.ok(training.courses(
                        r.query("mandatory", TrainingEnrolmentHandler::bool), r.textQuery("audience"), r.limit(), r.cursor())))
                .route("GET /courses/{courseId}", Role.EMPLOYEE, (r, caller) -> {
                    Course course = training.course(r.idParameter("courseId"));
                    return etag(ApiResponse.ok(course), course.version());
                })
                .route("PATCH /courses/{courseId}", Role.STAFF, (r, caller) -> {
                    Course course = training.updateCourse(r.idParameter("courseId"), CoursePatch.parse(r), r.ifMatchVersion(), caller);
                    return etag(ApiResponse.ok(course), course.version());
                })
                .idempotentRoute("POST /courses/{courseId}/sessions", Role.STAFF, (r, caller) -> {
                    String courseId = r.idParameter("courseId");
                    Session session = training.scheduleSession(courseId, r.json(SessionInput.class), caller);
                    return ApiResponse.created("/sessions/" + session.sessionId(), session);
                })
                .route("GET /courses/{courseId}/sessions", Role.EMPLOYEE, (r, caller) -> ApiResponse.ok(training.sessions(
                        r.idParameter("courseId"), r.query("when", When::parse), r.limit(), r.cursor())))
                .route("GET /sessions/{sessionId}", Role.EMPLOYEE, (r, caller) ->
                        ApiResponse.ok(training.session(r.idParameter("sessionId"))))
                .route("POST /sessions/{sessionId}/cancel", Role.STAFF, (r, caller) -> {
                    String sessionId = r.idParameter("sessionId");
                    return ApiResponse.ok(training.cancelSession(sessionId, r.json(CancelSessionRequest.class), caller));
                })
                .idempotentRoute("POST /sessions/{sessionId}/enrolments", Role.EMPLOYEE, (r, caller) -> {
                    String sessionId = r.idParameter("sessionId");
                    Enrolment e = training.enrol(sessionId, r.json(EnrolRequest.class), caller);
                    return e.status() == EnrolmentStatus.CONFIRMED
                            ? ApiResponse.created("/sessions/" + sessionId + "/enrolments/" + e.userId(), e)
                            : ApiResponse.accepted(e);
                })
                .route("GET /sessions/{sessionId}/enrolments", Role.STAFF, (r, caller) -> ApiResponse.ok(training.enrolments(
                        r.idParameter("sessionId"), r.query("status", EnrolmentStatus::parse), r.limit(), r.cursor())))
                .route("DELETE /sessions/{sessionId}/enrolments/{userId}", Role.EMPLOYEE, (r, caller) -> {
                    training.cancelEnrolment(r.idParameter("sessionId"), userParameter(r), caller);
                    return ApiResponse.noContent();
                })
                .route("GET /me/enrolments", Role.EMPLOYEE, (r, caller) ->
                        ApiResponse.ok(training.myEnrolments(caller, r.query("when", When::parse), r.limit(), r.cursor())))
                .idempotentRoute("POST /sessions/{sessionId}/attendance", Role.STAFF, (r, caller) -> {
                    String sessionId = r.idParameter("sessionId");
                    return ApiResponse.ok(training.recordAttendance(sessionId, r.json(AttendanceRequest.class), caller));
                })
                .route("GET /me/training", Role.EMPLOYEE, (r, caller) -> ApiResponse.ok(s.compliance().myTraining(caller)))
                .route("GET /training/compliance", Role.STAFF, (r, caller) ->
                        ApiResponse.ok(s.compliance().compliance(r.textQuery("department"))))
                .queryParameters("GET /courses", Dispatcher.PAGE, "mandatory", "audience")
                .queryParameters("GET /courses/{courseId}/sessions", Dispatcher.PAGE, "when")
                .queryParameters("GET /sessions/{sessionId}/enrolments", Dispatcher.PAGE, "status")
                .queryParameters("GET /me/enrolments", Dispatcher.PAGE, "when")
                .queryParameters("GET /training/compliance", "department")
                .schedule("training-reminders", run -> s.reminders().send(run.scheduledTime()))
                .on(ChatCommand.DETAIL_TYPE, event -> s.chat().handle(ChatCommand.from(event)))
                .on(PeopleReactions.JOINED, event -> s.people().handle(event))
                .on(PeopleReactions.MOVED, event -> s.people().handle(event))
                .on(PeopleReactions.LEFT, event -> s.people().handle(event))
                .build();
    }

    private static Boolean bool(String value) {
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("must be true or false");
        };
    }

    private static String userParameter(ApiRequest r) {
        String userId = r.pathParameter("userId");
        if (!TrainingRules.USER.matcher(userId).matches()) {
            throw ApiException.Invalid.field("path.userId", "must be a user id");
        }
        return userId;
    }

    private static ApiResponse etag(ApiResponse response, long version) {
        return response.withHeader("etag", "\"" + version + "\"");
    }
}
