package io.itops.scan;

import io.itops.scan.Requests.ScanRequest;
import io.itops.scan.Requests.ScanResult;
import io.itops.scan.Requests.TriageRequest;
import io.itops.shared.auth.Role;
import io.itops.shared.aws.Lazy;
import io.itops.shared.chat.ChatCommand;
import io.itops.shared.config.Env;
import io.itops.shared.error.ApiException;
import io.itops.shared.events.AssetSnapshot;
import io.itops.shared.events.BusEvent;
import io.itops.shared.http.ApiRequest;
import io.itops.shared.http.ApiResponse;
import io.itops.shared.observability.Log;
import io.itops.shared.observability.Metrics;
import io.itops.shared.runtime.Dispatcher;
import io.itops.shared.runtime.FunctionHandler;
import io.itops.shared.runtime.Platform;
import io.itops.shared.security.MachineSignatures;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Security scans: POST/GET /scans, GET /scans/{scanId}, the scanners' signed POST
 * /scans/{scanId}/results, GET /findings, GET/PATCH /findings/{findingId}, GET
 * /assets/{assetId}/findings; weekly campaigns per profile, the daily coverage and finding sweeps,
 * the scan time-out sweep; asset events (projection, onboarding scans) and the scan/findings chat commands.
 */
public final class SecurityScanHandler extends FunctionHandler {
    private static final String[] ASSET_EVENTS = {ScanService.ASSET_REGISTERED, ScanService.ASSET_UPDATED,
            ScanService.ASSET_STATUS_CHANGED, ScanService.ASSET_CUSTODY_CHANGED};

    public SecurityScanHandler() {
        this(System.getenv());
    }

    public SecurityScanHandler(Map<String, String> environment) {
        this(Platform.from(new Env(environment)));
    }

    public SecurityScanHandler(Platform platform) {
        this(platform, new ScanService(new ScanStore(platform.table(), platform.cursors()),
                platform.events(), platform.clock(), ScanConfig.from(platform.env())));
    }

    SecurityScanHandler(Platform platform, ScanService service) {
        super(routes(platform, service));
    }

    private static Dispatcher routes(Platform platform, ScanService service) {
        Supplier<MachineSignatures> signatures = Lazy.of(() ->
                new MachineSignatures(platform.secrets(), service.config().scannerKeysSecret(), platform.clock()));
        ScanChat chat = new ScanChat(service, service.store(), service.events());
        Dispatcher.Builder routes = Dispatcher.builder(platform)
                .idempotentRoute("POST /scans", Role.STAFF, (r, caller) ->
                        ApiResponse.accepted(service.request(r.json(ScanRequest.class), caller)))
                .route("GET /scans", Role.STAFF, (r, caller) -> ApiResponse.ok(service.scans(scanFilter(r), r.limit(), r.cursor())))
                .route("GET /scans/{scanId}", Role.STAFF, (r, caller) -> ApiResponse.ok(service.scan(r.idParameter("scanId"))))
                .publicRoute("POST /scans/{scanId}/results", r -> {
                    String scanner = signatures.get().verify(r);
                    ScanService.Reported reported = service.report(r.idParameter("scanId"), scanner, r.body(), r.json(ScanResult.class));
                    ApiResponse response = ApiResponse.ok(reported.scan());
                    return reported.replayed() ? response.withHeader("idempotency-replayed", "true") : response;
                })
                .route("GET /findings", Role.STAFF, (r, caller) ->
                        ApiResponse.ok(service.findings(findingFilter(r, null), r.limit(), r.cursor())))
                .route("GET /findings/{findingId}", Role.EMPLOYEE, (r, caller) ->
                        withEtag(service.finding(r.idParameter("findingId"), caller)))
                .route("PATCH /findings/{findingId}", Role.STAFF, (r, caller) -> withEtag(service.triage(
                        r.idParameter("findingId"), r.json(TriageRequest.class),
                        r.header("if-match") == null ? null : r.ifMatchVersion(), caller)))
                .route("GET /assets/{assetId}/findings", Role.EMPLOYEE, (r, caller) -> {
                    String assetId = r.idParameter("assetId");
                    return ApiResponse.ok(service.assetFindings(assetId, findingFilter(r, assetId), caller, r.limit(), r.cursor()));
                })
                .queryParameters("GET /scans", Dispatcher.PAGE, "status", "profile", "assetId", "trigger")
                .queryParameters("GET /findings", Dispatcher.PAGE, "severity", "status", "assetId", "department", "overdue")
                .queryParameters("GET /assets/{assetId}/findings", Dispatcher.PAGE, "severity", "status", "overdue")
                .schedule("scan-coverage", run -> service.coverage())
                .schedule("scan-timeouts", run -> service.timeOut())
                .schedule("finding-sweep", run -> service.findingSweep())
                .on(ChatCommand.DETAIL_TYPE, event -> chat.handle(ChatCommand.from(event)));
        for (Profile profile : Profile.values()) {
            routes.schedule("campaign-" + profile, run -> service.campaign(profile));
        }
        for (String type : ASSET_EVENTS) {
            routes.on(type, event -> assetEvent(service, event));
        }
        return routes.build();
    }

    private static void assetEvent(ScanService service, BusEvent event) {
        AssetSnapshot asset = AssetSnapshots.from(event.detail());
        if (asset == null) {
            // retrying cannot help an event without the asset's state; count it and let it go
            Log.warn("asset event without detail.asset", "detailType", event.detailType(), "id", event.dedupeId());
            Metrics.count("AssetEventsUnreadable");
            return;
        }
        service.assetChanged(event.detailType(), asset);
    }

    private static ScanFilter scanFilter(ApiRequest r) {
        return new ScanFilter(r.query("status", ScanStatus::parse), r.query("profile", Profile::parse),
                r.query("assetId", SecurityScanHandler::assetId), r.query("trigger", Trigger::parse));
    }

    private static FindingFilter findingFilter(ApiRequest r, String assetId) {
        FindingStatus status = r.query("status", FindingStatus::parse);
        Boolean overdue = r.query("overdue", SecurityScanHandler::bool);
        if (Boolean.TRUE.equals(overdue) && status != null && status != FindingStatus.OPEN) {
            throw ApiException.Invalid.field("query.overdue", "applies only to open findings");
        }
        String asset = assetId != null ? assetId : r.query("assetId", SecurityScanHandler::assetId);
        return new FindingFilter(r.query("severity", Severity::parse), status, asset,
                assetId != null ? null : r.textQuery("department"), Boolean.TRUE.equals(overdue));
    }

    private static String assetId(String value) {
        if (!Checks.ID.matcher(value).matches()) {
            throw new IllegalArgumentException("must be an asset id (a ULID)");
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

    private static ApiResponse withEtag(Finding finding) {
        return ApiResponse.ok(finding).withHeader("etag", "\"" + finding.version() + "\"");
    }
}
