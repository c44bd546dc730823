package io.itops.desk;

import io.itops.desk.Requests.ActionRequest;
import io.itops.desk.Requests.AssignRequest;
import io.itops.desk.Requests.EscalateRequest;
import io.itops.desk.Requests.InvestigationRequest;
import io.itops.desk.Requests.NewIncident;
import io.itops.desk.Requests.TimelineRequest;
import io.itops.desk.Requests.CommentRequest;
import io.itops.desk.Requests.NewTicket;
import io.itops.desk.Requests.ReopenRequest;
import io.itops.desk.Requests.StatusRequest;
import io.itops.desk.Views.TicketView;
import io.itops.shared.auth.Role;
import io.itops.shared.chat.ChatCommand;
import io.itops.shared.config.Env;
import io.itops.shared.error.ApiException;
import io.itops.shared.error.FieldError;
import io.itops.shared.http.ApiRequest;
import io.itops.shared.http.ApiResponse;
import io.itops.shared.runtime.Dispatcher;
import io.itops.shared.runtime.FunctionHandler;
import io.itops.shared.runtime.Platform;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Service desk: POST /tickets, GET /tickets (staff queue), GET /me/tickets, GET /tickets/{ticketId},
 * POST /tickets/{ticketId}/assign|take|status (staff), /reopen (requester), /comments; GET
 * /service-desk/metrics; the SLA sweep and auto-close schedules; tickets from AssetFaultReported,
 * PersonJoined and PersonLeft; the help-me, report-phishing and my-tickets chat commands. Security incidents:
 * POST/GET /incidents, GET /incidents/{incidentId}, POST .../timeline, .../actions, .../actions/{actionId}/done,
 * .../investigation, POST /tickets/{ticketId}/escalate; FindingOpened under the configured rule; the incident sweep.
 */
public final class ServiceDeskHandler extends FunctionHandler {

    public ServiceDeskHandler() {
        this(System.getenv());
    }

    public ServiceDeskHandler(Map<String, String> environment) {
        this(Platform.from(new Env(environment)));
    }

    public ServiceDeskHandler(Platform platform) {
        this(platform, new DeskService(new TicketStore(platform.table(), platform.cursors()), platform.events(),
                platform.clock(), DeskConfig.from(platform.env())));
    }

    ServiceDeskHandler(Platform platform, DeskService service) {
        this(platform, service, new IncidentService(new IncidentStore(platform.table(), platform.cursors()), service.store(),
                service.events(), platform.clock(), IncidentConfig.from(platform.env()), service.config()));
    }

    ServiceDeskHandler(Platform platform, DeskService service, IncidentService incidents) {
        super(routes(platform, service, incidents));
    }

    private static Dispatcher routes(Platform platform, DeskService service, IncidentService incidents) {
        DeskChat chat = new DeskChat(service);
        DeskIntake intake = new DeskIntake(service);
        DeskMetrics metrics = new DeskMetrics(service.store(), service.config());
        return Dispatcher.builder(platform)
                .idempotentRoute("POST /tickets", Role.EMPLOYEE, (r, caller) -> {
                    TicketView created = service.open(r.json(NewTicket.class), caller, Source.API);
                    return ApiResponse.created("/tickets/" + created.ticket().ticketId(), created);
                })
                .route("GET /tickets", Role.STAFF, (r, caller) -> ApiResponse.ok(service.queue(filter(r), r.limit(), r.cursor())))
                .route("GET /me/tickets", Role.EMPLOYEE, (r, caller) -> ApiResponse.ok(service.mine(caller, r.limit(), r.cursor())))
                .route("GET /tickets/{ticketId}", Role.EMPLOYEE, (r, caller) -> ApiResponse.ok(service.ticket(r.idParameter("ticketId"), caller)))
                .route("POST /tickets/{ticketId}/assign", Role.STAFF, (r, caller) ->
                        ApiResponse.ok(service.assign(r.idParameter("ticketId"), r.json(AssignRequest.class), caller)))
                .route("POST /tickets/{ticketId}/take", Role.STAFF, (r, caller) -> {
                    String id = r.idParameter("ticketId");
                    if (r.hasBody()) {
                        throw ApiException.Invalid.field("body", "take has no body");
                    }
                    return ApiResponse.ok(service.take(id, caller));
                })
                .route("POST /tickets/{ticketId}/status", Role.STAFF, (r, caller) ->
                        ApiResponse.ok(service.changeStatus(r.idParameter("ticketId"), r.json(StatusRequest.class), caller)))
                .route("POST /tickets/{ticketId}/reopen", Role.EMPLOYEE, (r, caller) ->
                        ApiResponse.ok(service.reopen(r.idParameter("ticketId"), r.json(ReopenRequest.class), caller)))
                .route("POST /tickets/{ticketId}/comments", Role.EMPLOYEE, (r, caller) -> {
                    String id = r.idParameter("ticketId");
                    return ApiResponse.created("/tickets/" + id, service.comment(id, r.json(CommentRequest.class), caller));
                })
                .route("GET /service-desk/metrics", Role.STAFF, (r, caller) -> {
                    String from = r.queryParameter("from");
                    String to = r.queryParameter("to");
                    if (from == null || to == null) {
                        List<FieldError> missing = new ArrayList<>();
                        if (from == null) missing.add(new FieldError("query.from", "is required"));
                        if (to == null) missing.add(new FieldError("query.to", "is required"));
                        throw new ApiException.Invalid(missing);
                    }
                    return ApiResponse.ok(metrics.compute(DeskMetrics.month("from", from), DeskMetrics.month("to", to)));
                })
                .idempotentRoute("POST /incidents", Role.STAFF, (r, caller) -> {
                    IncidentService.IncidentView created = incidents.open(r.json(NewIncident.class), caller);
                    return ApiResponse.created("/incidents/" + created.incident().incidentId(), created);
                })
                .route("GET /incidents", Role.STAFF, (r, caller) -> ApiResponse.ok(incidents.list(r.limit(), r.cursor())))
                .route("GET /incidents/{incidentId}", Role.STAFF, (r, caller) -> ApiResponse.ok(incidents.incident(r.idParameter("incidentId"))))
                .route("POST /incidents/{incidentId}/timeline", Role.STAFF, (r, caller) ->
                        ApiResponse.ok(incidents.addEntry(r.idParameter("incidentId"), r.json(TimelineRequest.class), caller)))
                .route("POST /incidents/{incidentId}/actions", Role.STAFF, (r, caller) ->
                        ApiResponse.ok(incidents.addAction(r.idParameter("incidentId"), r.json(ActionRequest.class), caller)))
                .route("POST /incidents/{incidentId}/actions/{actionId}/done", Role.STAFF, (r, caller) -> {
                    String id = r.idParameter("incidentId");
                    String action = r.idParameter("actionId");
                    if (r.hasBody()) {
                        throw ApiException.Invalid.field("body", "done has no body");
                    }
                    return ApiResponse.ok(incidents.completeAction(id, action));
                })
                .route("POST /incidents/{incidentId}/investigation", Role.STAFF, (r, caller) ->
                        ApiResponse.ok(incidents.investigate(r.idParameter("incidentId"), r.json(InvestigationRequest.class))))
                .route("POST /tickets/{ticketId}/escalate", Role.STAFF, (r, caller) -> {
                    IncidentService.IncidentView created = incidents.escalate(r.idParameter("ticketId"), r.json(EscalateRequest.class), caller);
                    return ApiResponse.created("/incidents/" + created.incident().incidentId(), created);
                })
                .queryParameters("GET /tickets", Dispatcher.PAGE, "status", "priority", "category", "assignee", "breached")
                .queryParameters("GET /me/tickets", Dispatcher.PAGE)
                .queryParameters("GET /incidents", Dispatcher.PAGE)
                .queryParameters("GET /service-desk/metrics", "from", "to")
                .schedule("incident-sweep", run -> incidents.sweep())
                .on("FindingOpened", incidents::findingOpened)
                .schedule("sla-sweep", run -> service.slaSweep())
                .schedule("ticket-auto-close", run -> service.autoClose())
                .on(ChatCommand.DETAIL_TYPE, event -> chat.handle(ChatCommand.from(event)))
                .on(DeskIntake.FAULT_REPORTED, intake::faultReported)
                .on(DeskIntake.PERSON_JOINED, intake::personJoined)
                .on(DeskIntake.PERSON_LEFT, intake::personLeft)
                .build();
    }

    private static TicketFilter filter(ApiRequest r) {
        return new TicketFilter(r.query("status", TicketStatus::parse), r.query("priority", Priority::parse),
                r.query("category", Category::parse), r.query("assignee", ServiceDeskHandler::user),
                r.query("breached", ServiceDeskHandler::bool));
    }

    private static String user(String value) {
        if (!DeskService.USER.matcher(value).matches()) {
            throw new IllegalArgumentException("must be a user id");
        }
        return value;
    }

    private static Boolean bool(String value) {
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("must be true or false");
        };
    }
}
