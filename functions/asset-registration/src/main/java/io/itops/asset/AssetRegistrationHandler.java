package io.itops.asset;

import com.fasterxml.jackson.databind.JsonNode;
import io.itops.asset.Requests.AuditRequest;
import io.itops.asset.Requests.CheckinRequest;
import io.itops.asset.Requests.CheckoutRequest;
import io.itops.asset.Requests.FaultReport;
import io.itops.asset.Requests.FaultResolutionRequest;
import io.itops.asset.Requests.ImportRequest;
import io.itops.asset.Requests.MaintenanceRequest;
import io.itops.asset.Requests.Transition;
import io.itops.shared.auth.Role;
import io.itops.shared.chat.ChatCommand;
import io.itops.shared.config.Env;
import io.itops.shared.error.ApiException;
import io.itops.shared.error.FieldError;
import io.itops.shared.http.ApiRequest;
import io.itops.shared.http.ApiResponse;
import io.itops.shared.json.Json;
import io.itops.shared.runtime.Dispatcher;
import io.itops.shared.runtime.FunctionHandler;
import io.itops.shared.runtime.Platform;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Asset registration: POST/GET /assets, /assets/import, /assets/due, /me/assets,
 * GET/PATCH /assets/{assetId} and its transitions, checkout, checkin, maintenance, faults, audits,
 * history; the daily "asset-reminders" schedule; the chat commands my-assets, asset and report-fault;
 * TicketResolved from the service desk; the directory's PersonLeft and PersonMoved.
 */
public final class AssetRegistrationHandler extends FunctionHandler {
    /** The service desk's event (events.md): a resolved ticket may resolve the fault it was opened for. */
    static final String TICKET_RESOLVED = "TicketResolved";

    public AssetRegistrationHandler() {
        this(System.getenv());
    }

    public AssetRegistrationHandler(Map<String, String> environment) {
        this(Platform.from(new Env(environment)));
    }

    public AssetRegistrationHandler(Platform platform) {
        this(platform, new AssetService(new AssetStore(platform.table(), platform.cursors()),
                platform.events(), platform.clock(), AssetConfig.from(platform.env())));
    }

    AssetRegistrationHandler(Platform platform, AssetService service) {
        this(platform, service, new PeopleReactions(new AssetStore(platform.table(), platform.cursors()), platform.events(), platform.clock()));
    }

    AssetRegistrationHandler(Platform platform, AssetService service, PeopleReactions people) {
        super(routes(platform, service, people));
    }

    private static Dispatcher routes(Platform platform, AssetService service, PeopleReactions people) {
        return Dispatcher.builder(platform)
                .idempotentRoute("POST /assets", Role.STAFF, (r, caller) -> {
                    Asset asset = service.register(r.json(AssetInput.class), caller);
                    return withEtag(ApiResponse.created("/assets/" + asset.assetId(), asset), asset);
                })
                .route("GET /assets", Role.STAFF, (r, caller) -> ApiResponse.ok(list(service, r)))
                .route("GET /me/assets", Role.EMPLOYEE, (r, caller) -> ApiResponse.ok(service.heldBy(caller, r.limit(), r.cursor())))
                .route("GET /assets/{assetId}", Role.EMPLOYEE, (r, caller) ->
                        withEtag(service.get(r.idParameter("assetId"), caller)))
                .route("PATCH /assets/{assetId}", Role.STAFF, (r, caller) ->
                        withEtag(service.update(r.idParameter("assetId"), AssetPatch.parse(r), r.ifMatchVersion(), caller)))
                .route("POST /assets/{assetId}/transitions", Role.STAFF, (r, caller) ->
                        withEtag(service.transition(r.idParameter("assetId"), r.json(Transition.class), caller)))
                .route("POST /assets/{assetId}/checkout", Role.STAFF, (r, caller) ->
                        withEtag(service.checkout(r.idParameter("assetId"), r.json(CheckoutRequest.class), caller)))
                .route("POST /assets/{assetId}/checkin", Role.STAFF, (r, caller) ->
                        withEtag(service.checkin(r.idParameter("assetId"), r.json(CheckinRequest.class), caller)))
                .idempotentRoute("POST /assets/{assetId}/maintenance", Role.STAFF, (r, caller) ->
                        ApiResponse.json(201, service.recordMaintenance(r.idParameter("assetId"), r.json(MaintenanceRequest.class), caller)))
                .route("GET /assets/{assetId}/maintenance", Role.EMPLOYEE, (r, caller) ->
                        ApiResponse.ok(service.maintenance(r.idParameter("assetId"), caller, r.limit(), r.cursor())))
                .idempotentRoute("POST /assets/{assetId}/faults", Role.EMPLOYEE, (r, caller) ->
                        ApiResponse.json(201, service.reportFault(r.idParameter("assetId"), r.json(FaultReport.class), caller)))
                .route("GET /assets/{assetId}/faults", Role.EMPLOYEE, (r, caller) ->
                        ApiResponse.ok(service.faults(r.idParameter("assetId"), caller, r.limit(), r.cursor())))
                .route("POST /assets/{assetId}/faults/{faultId}/resolution", Role.STAFF, (r, caller) ->
                        ApiResponse.ok(service.resolveFault(r.idParameter("assetId"), r.idParameter("faultId"),
                                r.json(FaultResolutionRequest.class), caller)))
                .idempotentRoute("POST /assets/{assetId}/audits", Role.STAFF, (r, caller) ->
                        ApiResponse.json(201, service.audit(r.idParameter("assetId"), r.json(AuditRequest.class), caller)))
                .route("GET /assets/{assetId}/audits", Role.STAFF, (r, caller) ->
                        ApiResponse.ok(service.audits(r.idParameter("assetId"), caller, r.limit(), r.cursor())))
                .route("GET /assets/{assetId}/history", Role.EMPLOYEE, (r, caller) ->
                        ApiResponse.ok(service.history(r.idParameter("assetId"), caller, r.limit(), r.cursor())))
                .route("GET /assets/due", Role.STAFF, (r, caller) -> ApiResponse.ok(service.due(
                        required(r.query("kind", DueKind::parse)), r.intQuery("withinDays", 0, 365, 30), r.limit(), r.cursor())))
                .idempotentRoute("POST /assets/import", Role.STAFF, (r, caller) -> ApiResponse.ok(service.importRows(importRows(r), caller)))
                .queryParameters("GET /assets", Dispatcher.PAGE, "category", "status", "department", "custodian", "location", "assetTag", "serial")
                .queryParameters("GET /assets/{assetId}/audits", Dispatcher.PAGE)
                .queryParameters("GET /me/assets", Dispatcher.PAGE)
                .queryParameters("GET /assets/{assetId}/maintenance", Dispatcher.PAGE)
                .queryParameters("GET /assets/{assetId}/faults", Dispatcher.PAGE)
                .queryParameters("GET /assets/{assetId}/history", Dispatcher.PAGE)
                .queryParameters("GET /assets/due", Dispatcher.PAGE, "kind", "withinDays")
                .schedule("asset-reminders", run -> service.sendReminders())
                .on(ChatCommand.DETAIL_TYPE, event -> service.answer(ChatCommand.from(event)))
                .on(TICKET_RESOLVED, event -> platform.processedEvents().once("asset-ticket-resolved", event.dedupeId(),
                        () -> service.ticketResolved(event)))
                .on(PeopleReactions.PERSON_LEFT, people::handle)
                .on(PeopleReactions.PERSON_MOVED, people::handle)
                .build();
    }

    /** The register filtered, or with {@code assetTag} / {@code serial} the one asset that has it. */
    private static io.itops.shared.store.Page<Asset> list(AssetService service, ApiRequest r) {
        AssetFilter filter = filter(r);
        String tag = r.textQuery("assetTag");
        String serial = r.textQuery("serial");
        if (tag == null && serial == null) {
            return service.list(filter, r.limit(), r.cursor());
        }
        if (!filter.isEmpty() || r.cursor() != null) {
            throw ApiException.Invalid.field(tag != null ? "query.assetTag" : "query.serial",
                    "is an exact lookup: it cannot be combined with filters or a cursor");
        }
        return service.lookup(tag, serial);
    }

    private static AssetFilter filter(ApiRequest r) {
        return new AssetFilter(r.query("category", Category::parse), r.query("status", Status::parse),
                r.textQuery("department"), r.textQuery("custodian"), r.textQuery("location"));
    }

    private static List<ImportRow> importRows(ApiRequest r) {
        r.requireBodyWithin();
        if ("text/csv".equals(r.mediaType())) {
            return CsvRows.parse(r.bodyText());
        }
        // rows are checked one by one, so the body's own errors are answered before any row is
        ImportRequest request;
        try {
            request = r.jsonAllOrNothing(ImportRequest.class);
        } catch (ApiException.Invalid invalid) {
            throw new ApiException.Invalid(withRowShapes(invalid.errors(), r));
        }
        return request.rows() == null ? null : request.rows().stream().map(ImportRow::parse).toList();
    }

    /** A refused body names every invalid field at once: its own errors and each row that is not an object. */
    private static List<FieldError> withRowShapes(List<FieldError> errors, ApiRequest r) {
        List<FieldError> all = new ArrayList<>(errors);
        JsonNode rows = Json.tree(
                r.bodyText().getBytes(StandardCharsets.UTF_8)).path("rows");
        for (int i = 0; i < rows.size() && rows.isArray(); i++) {
            String field = "rows[" + i + "]";
            if (!rows.get(i).isObject() && all.stream().noneMatch(e -> e.field().startsWith(field))) {
                all.add(new FieldError(field, "must be an object"));
            }
        }
        return all;
    }

    private static DueKind required(DueKind kind) {
        if (kind == null) {
            throw ApiException.Invalid.field("query.kind",
                    "is required: maintenance, warranty, audit, return, end-of-life or missing");
        }
        return kind;
    }

    private static ApiResponse withEtag(Asset asset) {
        return withEtag(ApiResponse.ok(asset), asset);
    }

    private static ApiResponse withEtag(ApiResponse response, Asset asset) {
        return response.withHeader("etag", "\"" + asset.version() + "\"");
    }
}
