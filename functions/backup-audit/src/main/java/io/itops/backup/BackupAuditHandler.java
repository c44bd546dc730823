package io.itops.backup;

import io.itops.backup.AuditRuns.FindingFilter;
import io.itops.backup.Requests.PolicyInput;
import io.itops.backup.Requests.RestoreTestInput;
import io.itops.backup.Vocabulary.Change;
import io.itops.backup.Vocabulary.FindingCode;
import io.itops.backup.Vocabulary.Severity;
import io.itops.shared.auth.Role;
import io.itops.shared.chat.ChatCommand;
import io.itops.shared.config.Env;
import io.itops.shared.error.ApiException;
import io.itops.shared.http.ApiRequest;
import io.itops.shared.http.ApiResponse;
import io.itops.shared.json.Json;
import io.itops.shared.runtime.Dispatcher;
import io.itops.shared.runtime.FunctionHandler;
import io.itops.shared.runtime.Platform;
import io.itops.shared.security.MachineSignatures;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Backup audit: PUT/GET /assets/{assetId}/backup-policy, GET /assets/{assetId}/backups,
 * POST /assets/{assetId}/restore-tests, POST /backup-reports (signed by backup agents),
 * POST/GET /backup-audits, GET /backup-audits/latest, GET /backup-audits/{runId}; the daily
 * "backup-audit" schedule; asset events (coverage projection), BackupAuditContinued and the
 * backup-status chat command.
 */
public final class BackupAuditHandler extends FunctionHandler {
    private static final String[] ASSET_EVENTS = {"AssetRegistered", "AssetUpdated", "AssetStatusChanged", "AssetCustodyChanged"};

    public BackupAuditHandler() {
        this(System.getenv());
    }

    public BackupAuditHandler(Map<String, String> environment) {
        this(Platform.from(new Env(environment)));
    }

    public BackupAuditHandler(Platform platform) {
        this(platform, BackupConfig.from(platform.env()));
    }

    private BackupAuditHandler(Platform platform, BackupConfig config) {
        this(platform, config,
                new BackupService(new BackupStore(platform.table(), platform.cursors()), platform.clock()),
                new AuditService(new AuditStore(platform.table(), platform.cursors()), platform.events(), platform.clock(), config),
                TimeBudget::untilTimeout);
    }

    BackupAuditHandler(Platform platform, BackupConfig config, BackupService backups, AuditService audits, Supplier<TimeBudget> budget) {
        super(routes(platform, new MachineSignatures(platform.secrets(), config.agentKeysSecret(), platform.clock()),
                backups, audits, budget));
    }

    private static Dispatcher routes(Platform platform, MachineSignatures agents, BackupService backups, AuditService audits,
                                     Supplier<TimeBudget> budget) {
        Dispatcher.Builder builder = Dispatcher.builder(platform)
                .route("PUT /assets/{assetId}/backup-policy", Role.STAFF, (r, caller) ->
                        ApiResponse.ok(backups.putPolicy(r.idParameter("assetId"), r.json(PolicyInput.class), caller)))
                .route("GET /assets/{assetId}/backup-policy", Role.STAFF, (r, caller) ->
                        ApiResponse.ok(backups.policy(r.idParameter("assetId"))))
                .route("GET /assets/{assetId}/backups", Role.STAFF, (r, caller) ->
                        ApiResponse.ok(backups.jobs(r.idParameter("assetId"), r.limit(), r.cursor())))
                .idempotentRoute("POST /assets/{assetId}/restore-tests", Role.STAFF, (r, caller) ->
                        ApiResponse.json(201, backups.recordRestoreTest(r.idParameter("assetId"), r.json(RestoreTestInput.class), caller)))
                .publicRoute("POST /backup-reports", r -> {
                    String agent = agents.verify(r);
                    return ApiResponse.ok(backups.report(agent, jsonBody(r)));
                })
                .idempotentRoute("POST /backup-audits", Role.ADMIN, (r, caller) -> {
                    requireNoBody(r);
                    AuditRuns.AuditRun run = audits.startManual(caller);
                    return ApiResponse.accepted(run).withHeader("location", "/backup-audits/" + run.runId());
                })
                .route("GET /backup-audits", Role.STAFF, (r, caller) -> ApiResponse.ok(audits.runs(r.limit(), r.cursor())))
                .route("GET /backup-audits/latest", Role.STAFF, (r, caller) -> ApiResponse.ok(audits.latest()))
                .route("GET /backup-audits/{runId}", Role.STAFF, (r, caller) ->
                        ApiResponse.ok(audits.run(r.idParameter("runId"), filter(r), r.limit(), r.cursor())))
                .queryParameters("GET /assets/{assetId}/backups", Dispatcher.PAGE)
                .queryParameters("GET /backup-audits", Dispatcher.PAGE)
                .queryParameters("GET /backup-audits/{runId}", Dispatcher.PAGE, "code", "severity", "department", "change")
                .schedule("backup-audit", run -> audits.scheduled(run, budget.get()))
                .on(BackupEvents.CONTINUED, event -> audits.resume(event, budget.get()))
                .on(ChatCommand.DETAIL_TYPE, event -> audits.chat(ChatCommand.from(event)));
        for (String type : ASSET_EVENTS) {
            builder.on(type, backups::project);
        }
        return builder.build();
    }

    private static FindingFilter filter(ApiRequest r) {
        return new FindingFilter(r.query("code", FindingCode::parse), r.query("severity", Severity::parse),
                r.textQuery("department"), r.query("change", Change::parse));
    }

    private static com.fasterxml.jackson.databind.JsonNode jsonBody(ApiRequest r) {
        r.requireBodyWithin();
        r.requireMediaType("application/json");
        return Json.tree(r.body());
    }

    private static void requireNoBody(ApiRequest r) {
        if (r.hasBody()) {
            throw ApiException.Invalid.field("body", "must be empty: an audit takes no parameters");
        }
    }
}
