package io.itops.asset;

import com.fasterxml.jackson.databind.JsonNode;
import io.itops.asset.Records.AuditRecord;
import io.itops.asset.Records.Fault;
import io.itops.asset.Records.FieldChange;
import io.itops.asset.Records.FaultStatus;
import io.itops.asset.Records.HistoryEntry;
import io.itops.asset.Records.MaintenanceRecord;
import io.itops.asset.Records.Resolution;
import io.itops.asset.Requests.AuditRequest;
import io.itops.asset.Requests.CheckinRequest;
import io.itops.asset.Requests.CheckoutRequest;
import io.itops.asset.Requests.FaultReport;
import io.itops.asset.Requests.FaultResolutionRequest;
import io.itops.asset.Requests.MaintenanceRequest;
import io.itops.asset.Requests.Transition;
import io.itops.shared.auth.Caller;
import io.itops.shared.chat.ChatCommand;
import io.itops.shared.error.ApiException;
import io.itops.shared.error.FieldError;
import io.itops.shared.error.Problems;
import io.itops.shared.events.BusEvent;
import io.itops.shared.events.DomainEvent;
import io.itops.shared.events.EventSink;
import io.itops.shared.store.Ids;
import io.itops.shared.store.Page;
import io.itops.shared.store.PagedQuery;
import io.itops.shared.validation.Validator;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/** The register's rules: who may see and change what, the lifecycle, custody, due dates, the archive. */
final class AssetService {
    static final int MAX_IMPORT_ROWS = 1000;
    /** Rows written at once: 1,000 transactions one after another would use most of the API's 30 s. */
    private static final int IMPORT_WRITERS = 8;
    private static final String NOT_IMPORTED = "not imported: the table was busy; repeat the import to finish it";
    /** How far ahead each daily reminder looks; missing assets are told to IT when the audit misses them, not daily. */
    private static final Map<DueKind, Integer> REMINDER_WINDOW_DAYS = Map.of(
            DueKind.MAINTENANCE, 7, DueKind.WARRANTY, 30, DueKind.AUDIT, 0, DueKind.RETURN, 0, DueKind.END_OF_LIFE, 90);
    /** Kinds reminded only while the date is ahead (an ended warranty or a passed end of life is no news every day). */
    private static final Set<DueKind> AHEAD_ONLY = Set.of(DueKind.WARRANTY, DueKind.END_OF_LIFE);

    private final AssetStore store;
    private final EventSink events;
    private final Clock clock;
    private final AssetConfig config;

    AssetService(AssetStore store, EventSink events, Clock clock, AssetConfig config) {
        this.store = store;
        this.events = events;
        this.clock = clock;
        this.config = config;
    }

    Asset register(AssetInput input, Caller caller) {
        Asset asset = newAsset(input, caller, Ids.ulid(clock));
        Validator v = Validator.check();
        AssetRules.checkNew(v, "", asset);
        v.validate();
        store.create(asset, entry("REGISTERED", caller, "Registered " + asset.assetTag() + " (" + asset.category() + ")", Map.of(
                "status", asset.status().toString())));
        events.publish(AssetEvents.registered(asset));
        return asset;
    }

    Asset get(String assetId, Caller caller) {
        return visible(assetId, caller);
    }

    Page<Asset> list(AssetFilter filter, int limit, String cursor) {
        return store.list(filter, limit, cursor);
    }

    /** GET /assets?assetTag= or ?serial=: the one asset with that tag or serial number (exact, case-insensitive), as a page. */
    Page<Asset> lookup(String tag, String serial) {
        Validator.check().rule(tag == null || serial == null, "query.serial", "cannot be combined with assetTag")
                .pattern("query.assetTag", AssetRules.normaliseTag(tag), AssetRules.TAG, "an asset tag (1-32 letters, digits or . _ / -)")
                .pattern("query.serial", AssetRules.normaliseTag(serial), AssetRules.SERIAL, "a serial number (1-64 letters, digits or . _ / -)")
                .validate();
        Optional<Asset> found = tag != null ? store.findByTag(AssetRules.normaliseTag(tag))
                : store.findBySerial(AssetRules.normaliseTag(serial));
        return new Page<>(found.stream().toList(), null);
    }

    Page<Asset> heldBy(Caller caller, int limit, String cursor) {
        return store.list(new AssetFilter(null, null, null, caller.userId(), null), limit, cursor);
    }

    Asset update(String assetId, AssetPatch patch, long expectedVersion, Caller caller) {
        Asset before = existing(assetId);
        requireChangeable(before, List.copyOf(patch.fields()));
        requireVersion(before, expectedVersion);
        Asset after = patch.applyTo(before, clock.instant(), caller.userId());
        Validator v = Validator.check();
        AssetRules.check(v, "", after);
        v.validate();
        store.update(before, after, updateEntry(caller, "Updated " + String.join(", ", patch.fields()), before, after, patch.fields()));
        events.publish(AssetEvents.updated(after, changedFields(before, after), caller.userId()));
        return after;
    }

    Asset transition(String assetId, Transition request, Caller caller) {
        boolean acceptanceGiven = request.acceptedBy() != null || request.checklist() != null || request.documentRef() != null;
        Validator.check().required("to", request.to()).text("note", request.note(), 500)
                .pattern("custodian", request.custodian(), AssetRules.USER, "a user id")
                .text("location", request.location(), AssetRules.MAX_TEXT)
                .rule(request.custodian() == null || request.to() == null || !request.to().endsCustody(), "custodian",
                        "cannot be given when the asset becomes " + request.to() + " (it ends the custody)")
                .pattern("acceptedBy", request.acceptedBy(), AssetRules.USER, "a user id")
                .size("checklist", request.checklist(), 50)
                .rule(request.checklist() == null || request.checklist().stream().allMatch(c -> c != null && !c.isBlank() && c.length() <= 200),
                        "checklist", "items must be non-blank text of at most 200 characters")
                .text("documentRef", request.documentRef(), AssetRules.MAX_TEXT)
                .rule(!acceptanceGiven || request.to() == null || request.to() == Status.ACCEPTED,
                        acceptanceField(request), "belongs to the acceptance record: only with to: accepted")
                .validate();
        Asset before = existing(assetId);
        Status target = request.to();
        if (!before.status().canMoveTo(target)) {
            throw new ApiException.Conflict("INVALID_TRANSITION",
                    "An asset that is " + before.status() + " cannot become " + target,
                    Map.of("from", before.status().toString(), "allowed", names(before.status().next())));
        }
        if (target.adminOnly() && !caller.isAdmin()) {
            throw new ApiException.Forbidden("Only admins may make an asset " + target);
        }
        String custodian = request.custodian() != null ? request.custodian() : before.custodian();
        String location = request.location() != null ? request.location() : before.location();
        if (target.needsCustodianAndLocation()) {
            Validator.check()
                    .rule(custodian != null, "custodian", "is required to make an asset " + target + " (acceptance needs a custodian)")
                    .rule(location != null, "location", "is required to make an asset " + target + " (acceptance needs a location)")
                    .validate();
        }
        Instant now = clock.instant();
        Asset after = before.withStatus(target, custodian, location, now, caller.userId());
        Map<String, String> details = new LinkedHashMap<>();
        details.put("from", before.status().toString());
        details.put("to", target.toString());
        if (request.note() != null) details.put("note", request.note());
        if (target == Status.ACCEPTED) {
            Acceptance acceptance = new Acceptance(request.acceptedBy() != null ? request.acceptedBy() : after.custodian(), now,
                    after.custodian(), request.checklist(), request.documentRef(), caller.userId());
            after = after.toBuilder().acceptance(acceptance).build();
            details.put("acceptedBy", acceptance.acceptedBy());
            details.put("acceptedAt", acceptance.acceptedAt().toString());
            if (acceptance.documentRef() != null) details.put("documentRef", acceptance.documentRef());
            if (!acceptance.checklist().isEmpty()) details.put("checklist", String.join("; ", acceptance.checklist()));
        }
        if (target.endsCustody() && before.custodian() != null) {
            details.put("custodyEndedFor", before.custodian());
        }
        store.update(before, after, entry("STATUS_CHANGED", caller, before.status() + " -> " + target, details));
        List<DomainEvent> published = new ArrayList<>(List.of(AssetEvents.statusChanged(before, after, caller.userId())));
        if (!Objects.equals(before.custodian(), after.custodian())) {
            published.add(AssetEvents.custodyChanged(before, after, caller.userId()));
        }
        events.publish(published);
        return after;
    }

    Asset checkout(String assetId, CheckoutRequest request, Caller caller) {
        LocalDate today = today();
        Validator.check().required("custodian", request.custodian())
                .pattern("custodian", request.custodian(), AssetRules.USER, "a user id")
                .notBefore("expectedReturn", request.expectedReturn(), today, "today")
                .text("note", request.note(), 500).validate();
        Asset before = existing(assetId);
        if (!before.status().isActive() || before.status() == Status.ORDERED) {
            throw new ApiException.Conflict("NOT_AVAILABLE", "An asset that is " + before.status() + " cannot be checked out");
        }
        if (request.custodian().equals(before.custodian())) {
            throw new ApiException.Conflict("ALREADY_HELD", before.assetTag() + " is already held by " + request.custodian());
        }
        boolean transfer = before.custodian() != null;
        if (transfer && !Boolean.TRUE.equals(request.transfer())) {
            throw new ApiException.Conflict("HELD_BY_ANOTHER", before.assetTag() + " is held by " + before.custodian()
                    + "; check it in first, or send transfer: true to hand it over directly",
                    Map.of("custodian", before.custodian()));
        }
        Instant now = clock.instant();
        Asset after = before.withCustody(request.custodian(),
                new Checkout(request.custodian(), now, request.expectedReturn(), caller.userId()),
                before.location(), now, caller.userId());
        // from stock back into service: it was accepted before, so it is deployed again with its new holder
        boolean redeployed = before.status() == Status.IN_STOCK;
        if (redeployed) {
            after = after.toBuilder().status(Status.IN_SERVICE).build();
        }
        Map<String, String> details = new LinkedHashMap<>();
        if (before.custodian() != null) details.put("from", before.custodian());
        details.put("to", request.custodian());
        if (transfer) details.put("transfer", "true");
        if (redeployed) details.put("status", before.status() + " -> " + after.status());
        if (request.expectedReturn() != null) details.put("expectedReturn", request.expectedReturn().toString());
        if (request.note() != null) details.put("note", request.note());
        store.update(before, after, entry(transfer ? "TRANSFERRED" : "CHECKED_OUT", caller, transfer
                ? "Transferred from " + before.custodian() + " to " + request.custodian()
                : "Checked out to " + request.custodian(), details));
        List<DomainEvent> published = new ArrayList<>(List.of(AssetEvents.custodyChanged(before, after, caller.userId())));
        if (redeployed) {
            published.add(AssetEvents.statusChanged(before, after, caller.userId()));
        }
        events.publish(published);
        return after;
    }

    Asset checkin(String assetId, CheckinRequest request, Caller caller) {
        Validator.check().text("location", request.location(), AssetRules.MAX_TEXT)
                .text("condition", request.condition(), 100).text("note", request.note(), 500).validate();
        Asset before = existing(assetId);
        if (before.custodian() == null) {
            throw new ApiException.Conflict("NOT_CHECKED_OUT", before.assetTag() + " is not held by anyone");
        }
        Instant now = clock.instant();
        String location = request.location() != null ? request.location() : before.location();
        Asset after = before.withCustody(null, null, location, now, caller.userId());
        // a deployed asset handed back goes to stock, ready for the next holder
        boolean toStock = before.status().needsCustodianAndLocation();
        if (toStock) {
            after = after.toBuilder().status(Status.IN_STOCK).build();
        }
        Map<String, String> details = new LinkedHashMap<>();
        details.put("from", before.custodian());
        if (toStock) details.put("status", before.status() + " -> " + after.status());
        if (request.condition() != null) details.put("condition", request.condition());
        if (request.note() != null) details.put("note", request.note());
        store.update(before, after, entry("CHECKED_IN", caller, "Returned by " + before.custodian()
                + (toStock ? "; back in stock" : ""), details));
        List<DomainEvent> published = new ArrayList<>(List.of(AssetEvents.custodyChanged(before, after, caller.userId())));
        if (toStock) {
            published.add(AssetEvents.statusChanged(before, after, caller.userId()));
        }
        events.publish(published);
        return after;
    }

    MaintenanceRecord recordMaintenance(String assetId, MaintenanceRequest request, Caller caller) {
        LocalDate today = today();
        Validator.check().required("kind", request.kind()).required("performedOn", request.performedOn())
                .rule(request.performedOn() == null || !request.performedOn().isAfter(today), "performedOn", "must not be in the future")
                .requiredText("performedBy", request.performedBy(), AssetRules.MAX_TEXT)
                .nonNegative("cost", request.cost(), 2)
                .pattern("currency", request.currency(), AssetRules.CURRENCY, "an ISO 4217 code")
                .rule(request.cost() == null || request.currency() != null, "currency", "is required with a cost")
                .text("notes", request.notes(), 2000)
                .size("checklist", request.checklist(), 50)
                .rule(request.checklist() == null || request.checklist().stream().allMatch(c -> c != null && !c.isBlank() && c.length() <= 200),
                        "checklist", "items must be non-blank text of at most 200 characters")
                .rule(request.nextDue() == null || request.performedOn() == null || request.nextDue().isAfter(request.performedOn()),
                        "nextDue", "must be after performedOn")
                .validate();
        Asset before = existing(assetId);
        requireChangeable(before, List.of("kind"));
        LocalDate nextDue = AssetRules.nextMaintenance(request.performedOn(), before.maintenanceIntervalDays(),
                request.nextDue(), before.nextMaintenanceDue());
        LocalDate last = before.lastMaintenance() == null || request.performedOn().isAfter(before.lastMaintenance())
                ? request.performedOn() : before.lastMaintenance();
        Instant now = clock.instant();
        MaintenanceRecord record = MaintenanceRecord.builder().recordId(Ids.ulid(clock)).assetId(assetId).kind(request.kind())
                .performedOn(request.performedOn()).performedBy(request.performedBy()).cost(request.cost())
                .currency(request.currency()).notes(request.notes()).checklist(request.checklist()).nextDue(nextDue)
                .recordedAt(now).recordedBy(caller.userId()).build();
        Asset after = before.withMaintenance(last, nextDue, now, caller.userId());
        Map<String, String> details = new LinkedHashMap<>();
        details.put("recordId", record.recordId());
        details.put("kind", record.kind().toString());
        details.put("performedOn", record.performedOn().toString());
        if (nextDue != null) details.put("nextMaintenanceDue", nextDue.toString());
        store.update(before, after, entry("MAINTENANCE_RECORDED", caller, record.kind() + " maintenance by " + record.performedBy(), details),
                record);
        return record;
    }

    Page<MaintenanceRecord> maintenance(String assetId, Caller caller, int limit, String cursor) {
        visible(assetId, caller);
        return store.maintenance(assetId, limit, cursor);
    }

    Fault reportFault(String assetId, FaultReport report, Caller caller) {
        Instant now = clock.instant();
        Validator.check().requiredText("summary", report.summary(), AssetRules.MAX_TEXT)
                .text("description", report.description(), 4000)
                .rule(report.occurredAt() == null || !report.occurredAt().isAfter(now.plusSeconds(300)), "occurredAt", "must not be in the future")
                .validate();
        Asset before = visible(assetId, caller);
        requireChangeable(before, List.of("summary"));
        Fault fault = Fault.builder().faultId(Ids.ulid(clock)).assetId(assetId).assetTag(before.assetTag())
                .summary(report.summary()).description(report.description())
                .severity(report.severity() == null ? Records.Severity.MEDIUM : report.severity()).status(FaultStatus.OPEN)
                .occurredAt(report.occurredAt() == null ? now : report.occurredAt()).reportedAt(now).reportedBy(caller.userId())
                .build();
        store.addFault(fault, entry("FAULT_REPORTED", caller, "Fault: " + fault.summary(),
                Map.of("faultId", fault.faultId(), "severity", fault.severity().toString())));
        events.publish(List.of(AssetEvents.faultReported(before, fault), AssetEvents.faultNotice(before, fault).event()));
        return fault;
    }

    Fault resolveFault(String assetId, String faultId, FaultResolutionRequest request, Caller caller) {
        Validator.check().requiredText("resolution", request.resolution(), 2000)
                .required("rootCause", request.rootCause())
                .requiredText("causeAnalysis", request.causeAnalysis(), 4000)
                .text("correctiveAction", request.correctiveAction(), 2000)
                .text("preventiveAction", request.preventiveAction(), 2000)
                .validate();
        existing(assetId);
        Fault before = store.findFault(assetId, faultId).orElseThrow(() -> new ApiException.NotFound("fault", faultId));
        if (before.status() == FaultStatus.RESOLVED) {
            throw new ApiException.Conflict("FAULT_ALREADY_RESOLVED", "Fault " + faultId + " is already resolved");
        }
        Instant now = clock.instant();
        Fault after = before.toBuilder().status(FaultStatus.RESOLVED)
                .resolution(new Resolution(request.resolution(), request.rootCause(), request.causeAnalysis(),
                        request.correctiveAction(), request.preventiveAction(), now, caller.userId()))
                .build();
        store.updateFault(before, after, entry("FAULT_RESOLVED", caller, "Fault resolved: " + request.rootCause(),
                Map.of("faultId", faultId, "rootCause", request.rootCause().toString())));
        return after;
    }

    Page<Fault> faults(String assetId, Caller caller, int limit, String cursor) {
        visible(assetId, caller);
        return store.faults(assetId, limit, cursor);
    }

    AuditRecord audit(String assetId, AuditRequest request, Caller caller) {
        LocalDate today = today();
        Validator.check().required("found", request.found())
                .text("location", request.location(), AssetRules.MAX_TEXT)
                .text("notes", request.notes(), 2000)
                .rule(request.auditedOn() == null || !request.auditedOn().isAfter(today), "auditedOn", "must not be in the future")
                .rule(!Boolean.TRUE.equals(request.found()) || request.location() != null, "location", "is required when the asset was found")
                .rule(!Boolean.TRUE.equals(request.updateLocation()) || Boolean.TRUE.equals(request.found()), "updateLocation",
                        "needs found: true and the location where it was found")
                .validate();
        Asset before = existing(assetId);
        requireChangeable(before, List.of("found"));
        LocalDate auditedOn = request.auditedOn() == null ? today : request.auditedOn();
        LocalDate nextDue = auditedOn.plusDays(config.auditIntervalDays());
        boolean found = request.found();
        boolean matches = found && Objects.equals(request.location(), before.location());
        boolean moved = found && !matches && Boolean.TRUE.equals(request.updateLocation());
        LocalDate missingSince = found ? null : before.missingSince() != null ? before.missingSince() : auditedOn;
        Instant now = clock.instant();
        AuditRecord record = AuditRecord.builder().auditId(Ids.ulid(clock)).assetId(assetId).found(found)
                .location(request.location()).condition(request.condition()).locationMatches(matches)
                .registeredLocation(before.location()).locationUpdated(moved).notes(request.notes())
                .auditedOn(auditedOn).nextAuditDue(nextDue).recordedAt(now).recordedBy(caller.userId()).build();
        Asset after = before.withAudit(auditedOn, nextDue, missingSince, moved ? request.location() : before.location(), now,
                caller.userId());
        Map<String, String> details = new LinkedHashMap<>();
        details.put("auditId", record.auditId());
        details.put("found", Boolean.toString(found));
        details.put("locationMatches", Boolean.toString(matches));
        if (request.location() != null) details.put("observedLocation", request.location());
        if (moved) details.put("locationUpdated", "true");
        if (missingSince != null) details.put("missingSince", missingSince.toString());
        String summary = !found ? "Not found; listed as missing"
                : matches ? "Found where registered"
                : moved ? "Found at " + request.location() + "; location updated"
                : "Found at " + request.location() + "; registered at " + before.location();
        List<FieldChange> changes = moved ? List.of(new FieldChange("location", before.location(), request.location())) : List.of();
        store.update(before, after, new HistoryEntry(now, "AUDITED", caller.userId(), summary, details, changes), record);
        if (!found && before.missingSince() == null) {
            events.publish(AssetEvents.missing(after, auditedOn, caller.userId()));
        } else if (found && before.missingSince() != null) {
            events.publish(AssetEvents.found(after, before.missingSince(), caller.userId()));
        }
        return record;
    }

    Page<AuditRecord> audits(String assetId, Caller caller, int limit, String cursor) {
        visible(assetId, caller);
        return store.audits(assetId, limit, cursor);
    }

    /**
     * TicketResolved from the service desk: resolves the fault the ticket was opened for (cause =
     * the ticket's resolution, by = who resolved it). Redelivery, or a fault already resolved here, changes nothing.
     */
    void ticketResolved(BusEvent event) {
        JsonNode d = event.detail();
        String assetId = text(d, "assetId");
        String faultId = text(d, "faultId");
        String resolution = text(d, "resolution");
        String by = text(d, "resolvedBy");
        if (assetId == null || faultId == null || !d.path("resolveFault").asBoolean(false)) {
            return;
        }
        Optional<Fault> open = store.findFault(assetId, faultId).filter(f -> f.status() == FaultStatus.OPEN);
        if (open.isEmpty()) {
            return;
        }
        String ticket = text(d, "number") != null ? text(d, "number") : text(d, "ticketId");
        String text = resolution == null || resolution.isBlank() ? "Resolved in ticket " + ticket : resolution;
        text = text.length() > 2000 ? text.substring(0, 2000) : text;
        String resolver = by == null || !AssetRules.USER.matcher(by).matches() ? "service-desk" : by;
        Instant now = clock.instant();
        Fault before = open.get();
        Fault after = before.toBuilder().status(FaultStatus.RESOLVED)
                .resolution(new Resolution(text, Records.RootCause.UNKNOWN, text, null, null, now, resolver))
                .build();
        Map<String, String> details = new LinkedHashMap<>();
        details.put("faultId", faultId);
        if (ticket != null) details.put("ticket", ticket);
        try {
            store.updateFault(before, after, new HistoryEntry(now, "FAULT_RESOLVED", resolver,
                    "Fault resolved in ticket " + ticket, details));
        } catch (ApiException.Conflict alreadyResolved) {
            // resolved meanwhile (here or by another delivery): nothing more to do
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() ? value.asText() : null;
    }

    Page<HistoryEntry> history(String assetId, Caller caller, int limit, String cursor) {
        visible(assetId, caller);
        return store.history(assetId, limit, cursor);
    }

    Page<DueItem> due(DueKind kind, int withinDays, int limit, String cursor) {
        // every missing asset is listed, however long ago the audit missed it
        return store.due(kind, today().plusDays(withinDays), limit, cursor);
    }

    /**
     * Upserts rows by asset tag. Every row is judged first (parse errors, a tag or serial number given
     * twice, the rules, what would change) against one batched read of the register; then the rows
     * that change something are written, each in its own transaction, a few at a time. A row the
     * table refuses (a serial number taken meanwhile) is rejected alone; if the table stays busy, the
     * rows not yet written say so, and repeating the import finishes them (written rows are unchanged).
     */
    ImportReport importRows(List<ImportRow> rows, Caller caller) {
        if (rows == null || rows.isEmpty()) {
            throw ApiException.Invalid.field("rows", "must list at least one asset");
        }
        if (rows.size() > MAX_IMPORT_ROWS) {
            throw ApiException.Invalid.field("rows", "must have at most " + MAX_IMPORT_ROWS + " entries");
        }
        Map<String, Asset> registered = store.findByTags(rows.stream()
                .map(r -> r.input() == null ? null : AssetRules.normaliseTag(r.input().assetTag()))
                .filter(tag -> tag != null && AssetRules.TAG.matcher(tag).matches())
                .distinct().toList());
        Set<String> tags = new HashSet<>();
        Set<String> serials = new HashSet<>();
        List<ImportPlan> plans = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            plans.add(plan(i + 1, rows.get(i), registered, caller, tags, serials));
        }
        List<ImportOutcome> outcomes = write(plans, caller);
        events.publish(outcomes.stream().map(ImportOutcome::event).filter(Objects::nonNull).toList());
        return ImportReport.of(outcomes.stream().map(ImportOutcome::result).toList());
    }

    /** What one import row would do: nothing more to decide ({@code decided}), or a create or update to write. */
    private record ImportPlan(int row, String tag, Asset before, Asset after, Set<String> changed, ImportReport.RowResult decided) {
        static ImportPlan decided(ImportReport.RowResult result) {
            return new ImportPlan(result.row(), result.assetTag(), null, null, Set.of(), result);
        }
    }

    private record ImportOutcome(ImportReport.RowResult result, DomainEvent event) {}

    private ImportPlan plan(int row, ImportRow parsed, Map<String, Asset> registered, Caller caller,
                            Set<String> tags, Set<String> serials) {
        // fields are named within the row: the report's row number is the only numbering
        AssetInput input = parsed.input();
        if (input == null) {
            return ImportPlan.decided(rejected(row, null, parsed.errors().isEmpty()
                    ? List.of(new FieldError("row", "must be an object")) : parsed.errors()));
        }
        String tag = AssetRules.normaliseTag(input.assetTag());
        if (tag != null && !tags.add(tag)) {
            return ImportPlan.decided(rejected(row, tag, List.of(new FieldError("assetTag", "appears twice in this import"))));
        }
        String serial = AssetRules.normaliseTag(input.serialNumber());
        if (serial != null && !serials.add(serial)) {
            return ImportPlan.decided(rejected(row, tag, List.of(new FieldError("serialNumber", "appears twice in this import"))));
        }
        Asset existing = tag == null ? null : registered.get(tag);
        if (existing == null) {
            Asset created = newAsset(input, caller, Ids.ulid(clock));
            Validator v = Validator.check();
            AssetRules.checkNew(v, "", created);
            return v.hasErrors() ? ImportPlan.decided(rejected(row, tag, v.errors()))
                    : new ImportPlan(row, tag, null, created, Set.of(), null);
        }
        List<FieldError> errors = new ArrayList<>();
        if (input.status() != null && input.status() != existing.status()) {
            errors.add(new FieldError("status", "of a registered asset changes through transitions"));
        }
        if (input.custodian() != null && !input.custodian().equals(existing.custodian())) {
            errors.add(new FieldError("custodian", "of a registered asset changes through checkout"));
        }
        if (!errors.isEmpty()) {
            return ImportPlan.decided(rejected(row, tag, errors));
        }
        Asset merged = merge(existing, input, caller);
        Validator v = Validator.check();
        AssetRules.check(v, "", merged);
        if (v.hasErrors()) {
            return ImportPlan.decided(rejected(row, tag, v.errors()));
        }
        Set<String> changed = changedFields(existing, merged);
        if (changed.isEmpty()) {
            return ImportPlan.decided(new ImportReport.RowResult(row, tag, ImportReport.Outcome.UNCHANGED, existing.assetId(), List.of()));
        }
        if (existing.status() == Status.DISPOSED) {
            return ImportPlan.decided(rejected(row, tag, changed.stream()
                    .map(f -> new FieldError(f, "cannot change on a disposed asset")).toList()));
        }
        return new ImportPlan(row, tag, existing, merged, changed, null);
    }

    /** Writes the planned rows, IMPORT_WRITERS at a time; outcomes come back in row order. */
    private List<ImportOutcome> write(List<ImportPlan> plans, Caller caller) {
        long writes = plans.stream().filter(p -> p.decided() == null).count();
        if (writes == 0) {
            return plans.stream().map(p -> new ImportOutcome(p.decided(), null)).toList();
        }
        AtomicBoolean busy = new AtomicBoolean();
        ExecutorService writers = Executors.newFixedThreadPool((int) Math.min(IMPORT_WRITERS, writes));
        try {
            List<Future<ImportOutcome>> futures = new ArrayList<>();
            for (ImportPlan plan : plans) {
                futures.add(plan.decided() != null
                        ? CompletableFuture.completedFuture(new ImportOutcome(plan.decided(), null))
                        : writers.submit(() -> write(plan, caller, busy)));
            }
            List<ImportOutcome> outcomes = new ArrayList<>(futures.size());
            for (Future<ImportOutcome> future : futures) {
                outcomes.add(await(future));
            }
            return outcomes;
        } finally {
            writers.shutdownNow();
        }
    }

    private ImportOutcome write(ImportPlan plan, Caller caller, AtomicBoolean busy) {
        if (busy.get()) {
            return new ImportOutcome(rejected(plan.row(), plan.tag(), List.of(new FieldError("row", NOT_IMPORTED))), null);
        }
        try {
            if (plan.before() == null) {
                Asset created = plan.after();
                store.create(created, entry("REGISTERED", caller, "Imported " + created.assetTag(), Map.of("import", "true")));
                return new ImportOutcome(new ImportReport.RowResult(plan.row(), plan.tag(), ImportReport.Outcome.CREATED,
                        created.assetId(), List.of()), AssetEvents.registered(created));
            }
            store.update(plan.before(), plan.after(), updateEntry(caller, "Import updated " + String.join(", ", plan.changed()),
                    plan.before(), plan.after(), plan.changed()));
            return new ImportOutcome(new ImportReport.RowResult(plan.row(), plan.tag(), ImportReport.Outcome.UPDATED,
                    plan.after().assetId(), List.of()), AssetEvents.updated(plan.after(), plan.changed(), caller.userId()));
        } catch (ApiException.Conflict conflict) {
            return new ImportOutcome(rejected(plan.row(), plan.tag(), List.of(new FieldError(
                    String.valueOf(conflict.extensions().getOrDefault("field", "row")), conflict.detail()))), null);
        } catch (RuntimeException failure) {
            if (!(Problems.asApiException(failure) instanceof ApiException.Unavailable)) {
                throw failure;
            }
            busy.set(true);
            return new ImportOutcome(rejected(plan.row(), plan.tag(), List.of(new FieldError("row", NOT_IMPORTED))), null);
        }
    }

    private static ImportOutcome await(Future<ImportOutcome> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("import interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    /**
     * The daily reminders: maintenance due within a week (and overdue), warranties ending within 30
     * days (not those already ended), audits overdue. Each asset gets its event and a notice.
     */
    void sendReminders() {
        LocalDate today = today();
        for (DueKind kind : DueKind.values()) {
            if (kind == DueKind.MISSING) {
                continue;
            }
            LocalDate from = AHEAD_ONLY.contains(kind) ? today : null;
            LocalDate until = today.plusDays(REMINDER_WINDOW_DAYS.get(kind));
            String cursor = null;
            do {
                Page<DueItem> page = store.due(kind, from, until, PagedQuery.MAX_LIMIT, cursor);
                events.publish(page.items().stream().flatMap(item -> AssetEvents.due(kind, item, today).stream()).toList());
                cursor = page.nextCursor();
            } while (cursor != null);
        }
    }

    /** Answers a chat command this function owns (my-assets, asset, report-fault) in the command's language. */
    void answer(ChatCommand command) {
        String text = new AssetChat(this).answer(command);
        if (text != null) {
            events.publish(command.reply(text));
        }
    }

    /** The asset with this tag if the caller may see it (employees: only what they hold). */
    Optional<Asset> visibleByTag(String tag, Caller caller) {
        String normalised = AssetRules.normaliseTag(tag);
        if (normalised == null || !AssetRules.TAG.matcher(normalised).matches()) {
            return Optional.empty();
        }
        return store.findByTag(normalised).filter(asset -> caller.isStaff() || caller.userId().equals(asset.custodian()));
    }

    private Asset newAsset(AssetInput in, Caller caller, String assetId) {
        Instant now = clock.instant();
        LocalDate today = today();
        return Asset.builder().assetId(assetId).assetTag(AssetRules.normaliseTag(in.assetTag()))
                .serialNumber(AssetRules.normaliseTag(in.serialNumber())).category(in.category())
                .status(in.status() == null ? Status.RECEIVED : in.status()).model(in.model()).vendor(in.vendor())
                .location(in.location()).department(in.department()).custodian(in.custodian()).purchase(in.purchase())
                .warrantyEnd(in.warrantyEnd()).holdsBusinessData(Boolean.TRUE.equals(in.holdsBusinessData()))
                .maintenanceIntervalDays(in.maintenanceIntervalDays())
                .nextMaintenanceDue(in.nextMaintenanceDue() != null ? in.nextMaintenanceDue()
                        : in.maintenanceIntervalDays() == null ? null : today.plusDays(in.maintenanceIntervalDays()))
                .nextAuditDue(today.plusDays(config.auditIntervalDays()))
                .endOfLife(in.endOfLife() != null ? in.endOfLife() : config.endOfLife().plannedFor(in.category(), in.model(),
                        in.purchase() == null ? null : in.purchase().date(), today))
                .attributes(in.attributes()).version(1)
                .createdAt(now).createdBy(caller.userId()).updatedAt(now).updatedBy(caller.userId())
                .build();
    }

    /** An import row given for a registered asset: the fields it names replace the stored ones. */
    private Asset merge(Asset a, AssetInput in, Caller caller) {
        return a.changed(clock.instant(), caller.userId())
                .serialNumber(in.serialNumber() != null ? AssetRules.normaliseTag(in.serialNumber()) : a.serialNumber())
                .category(in.category() != null ? in.category() : a.category())
                .model(in.model() != null ? in.model() : a.model())
                .vendor(in.vendor() != null ? in.vendor() : a.vendor())
                .location(in.location() != null ? in.location() : a.location())
                .department(in.department() != null ? in.department() : a.department())
                .purchase(in.purchase() != null ? in.purchase() : a.purchase())
                .warrantyEnd(in.warrantyEnd() != null ? in.warrantyEnd() : a.warrantyEnd())
                .holdsBusinessData(in.holdsBusinessData() != null ? in.holdsBusinessData() : a.holdsBusinessData())
                .maintenanceIntervalDays(in.maintenanceIntervalDays() != null ? in.maintenanceIntervalDays() : a.maintenanceIntervalDays())
                .nextMaintenanceDue(in.nextMaintenanceDue() != null ? in.nextMaintenanceDue() : a.nextMaintenanceDue())
                .endOfLife(in.endOfLife() != null ? in.endOfLife() : a.endOfLife())
                .attributes(in.attributes() != null ? in.attributes() : a.attributes())
                .build();
    }

    private static Set<String> changedFields(Asset a, Asset b) {
        Set<String> changed = new TreeSet<>();
        compare(changed, "serialNumber", a.serialNumber(), b.serialNumber());
        compare(changed, "category", a.category(), b.category());
        compare(changed, "model", a.model(), b.model());
        compare(changed, "vendor", a.vendor(), b.vendor());
        compare(changed, "location", a.location(), b.location());
        compare(changed, "department", a.department(), b.department());
        compare(changed, "purchase", a.purchase(), b.purchase());
        compare(changed, "warrantyEnd", a.warrantyEnd(), b.warrantyEnd());
        compare(changed, "holdsBusinessData", a.holdsBusinessData(), b.holdsBusinessData());
        compare(changed, "maintenanceIntervalDays", a.maintenanceIntervalDays(), b.maintenanceIntervalDays());
        compare(changed, "nextMaintenanceDue", a.nextMaintenanceDue(), b.nextMaintenanceDue());
        compare(changed, "endOfLife", a.endOfLife(), b.endOfLife());
        compare(changed, "attributes", a.attributes(), b.attributes());
        return changed;
    }

    private static void compare(Set<String> changed, String field, Object before, Object after) {
        if (before instanceof java.math.BigDecimal || after instanceof java.math.BigDecimal) {
            if (before == null || after == null || ((java.math.BigDecimal) before).compareTo((java.math.BigDecimal) after) != 0) {
                changed.add(field);
            }
        } else if (!Objects.equals(before, after)) {
            changed.add(field);
        }
    }

    /**
     * The archive entry of an update: {@code changes} holds each field before and after (null for
     * empty); {@code details} keeps the new non-empty values, as before, for readers of that map.
     */
    private HistoryEntry updateEntry(Caller caller, String summary, Asset before, Asset after, Set<String> fields) {
        Map<String, String> details = new LinkedHashMap<>();
        List<FieldChange> changes = new ArrayList<>();
        for (String field : fields) {
            String was = FieldText.of(value(before, field));
            String now = FieldText.of(value(after, field));
            if (now != null) details.put(field, now);
            changes.add(new FieldChange(field, was, now));
        }
        return new HistoryEntry(clock.instant(), "UPDATED", caller.userId(), summary, details, changes);
    }

    private static Object value(Asset a, String field) {
        return switch (field) {
            case "serialNumber" -> a.serialNumber();
            case "category" -> a.category();
            case "model" -> a.model();
            case "vendor" -> a.vendor();
            case "location" -> a.location();
            case "department" -> a.department();
            case "purchase" -> a.purchase();
            case "warrantyEnd" -> a.warrantyEnd();
            case "holdsBusinessData" -> a.holdsBusinessData();
            case "maintenanceIntervalDays" -> a.maintenanceIntervalDays();
            case "nextMaintenanceDue" -> a.nextMaintenanceDue();
            case "endOfLife" -> a.endOfLife();
            case "attributes" -> a.attributes();
            default -> null;
        };
    }

    private static ImportReport.RowResult rejected(int row, String tag, List<FieldError> errors) {
        return new ImportReport.RowResult(row, tag, ImportReport.Outcome.REJECTED, null, errors);
    }

    private Asset existing(String assetId) {
        return store.find(assetId).orElseThrow(() -> new ApiException.NotFound("asset", assetId));
    }

    /** Employees see only what they hold; to them anything else does not exist. */
    private Asset visible(String assetId, Caller caller) {
        Asset asset = existing(assetId);
        if (!caller.isStaff() && !caller.userId().equals(asset.custodian())) {
            throw new ApiException.NotFound("asset", assetId);
        }
        return asset;
    }

    /** A disposed asset is closed: every change is refused (409), naming the fields the request sent. */
    private static void requireChangeable(Asset current, List<String> fields) {
        if (current.status() == Status.DISPOSED) {
            List<FieldError> errors = fields.stream().map(f -> new FieldError(f, "cannot change on a disposed asset")).toList();
            throw new ApiException.Conflict("ASSET_DISPOSED", current.assetTag() + " is disposed; its record is closed to changes",
                    Map.of("field", fields.getFirst(), "errors", errors));
        }
    }

    private static String acceptanceField(Transition request) {
        return request.acceptedBy() != null ? "acceptedBy" : request.checklist() != null ? "checklist" : "documentRef";
    }

    private static void requireVersion(Asset current, long expected) {
        if (current.version() != expected) {
            throw new ApiException.Conflict("VERSION_CONFLICT",
                    "The asset is at version " + current.version() + ", not " + expected + "; read it again and retry",
                    Map.of("currentVersion", current.version()));
        }
    }

    private HistoryEntry entry(String type, Caller caller, String summary, Map<String, String> details) {
        return new HistoryEntry(clock.instant(), type, caller.userId(), summary, details);
    }

    LocalDate today() {
        return LocalDate.now(clock);
    }

    private static List<String> names(Set<Status> statuses) {
        return statuses.stream().map(Status::toString).toList();
    }
}
