package io.itops.backup;

import com.fasterxml.jackson.databind.JsonNode;
import io.itops.backup.BackupStore.DuplicateJob;
import io.itops.backup.BackupStore.StaleCoverage;
import io.itops.backup.Records.Job;
import io.itops.backup.Records.Policy;
import io.itops.backup.Records.PolicyView;
import io.itops.backup.Records.RestoreTest;
import io.itops.backup.Requests.PolicyInput;
import io.itops.backup.Requests.ReportInput;
import io.itops.backup.Requests.ReportResults;
import io.itops.backup.Requests.RestoreTestInput;
import io.itops.backup.Requests.RowResult;
import io.itops.backup.Vocabulary.JobStatus;
import io.itops.shared.auth.Caller;
import io.itops.shared.error.ApiException;
import io.itops.shared.error.FieldError;
import io.itops.shared.events.AssetSnapshot;
import io.itops.shared.events.BusEvent;
import io.itops.shared.json.Json;
import io.itops.shared.observability.Log;
import io.itops.shared.observability.Metrics;
import io.itops.shared.store.Ids;
import io.itops.shared.store.Page;
import io.itops.shared.validation.Validator;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The rules of backup evidence: policies, agent reports (one or a batch, each row judged on its own),
 * restore tests, and the coverage projection kept from the register's asset events.
 */
final class BackupService {
    static final int MAX_REPORTS = 100;
    static final Pattern ID = Pattern.compile("[0-9A-HJKMNP-TV-Z]{26}");
    static final Pattern TAG = Pattern.compile("[A-Z0-9][A-Z0-9._/-]{0,31}");
    static final Pattern JOB_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/@-]{0,127}");
    /** Agents' clocks may run a little ahead. */
    static final Duration SKEW = Duration.ofMinutes(5);
    static final Duration OLDEST = Duration.ofDays(3650);
    private static final int ATTEMPTS = 5;

    private final BackupStore store;
    private final Clock clock;

    BackupService(BackupStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    // ---------------------------------------------------------------- policies

    PolicyView putPolicy(String assetId, PolicyInput in, Caller caller) {
        Validator.check()
                .required("rpoHours", in.rpoHours()).range("rpoHours", in.rpoHours(), 1, 8760)
                .required("retentionDays", in.retentionDays()).range("retentionDays", in.retentionDays(), 1, 3650)
                .required("method", in.method())
                .requiredText("target", in.target(), 200)
                .required("encrypted", in.encrypted())
                .required("offsiteCopy", in.offsiteCopy())
                .required("restoreTestIntervalDays", in.restoreTestIntervalDays())
                .range("restoreTestIntervalDays", in.restoreTestIntervalDays(), 1, 730)
                .required("rtoMinutes", in.rtoMinutes()).range("rtoMinutes", in.rtoMinutes(), 1, 43200)
                .validate();
        Instant now = clock.instant();
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Coverage before = existing(assetId);
            Policy policy = Policy.builder().rpoHours(in.rpoHours()).retentionDays(in.retentionDays()).method(in.method())
                    .target(in.target()).encrypted(in.encrypted()).offsiteCopy(in.offsiteCopy())
                    .restoreTestIntervalDays(in.restoreTestIntervalDays()).rtoMinutes(in.rtoMinutes())
                    .since(before.policy() == null ? now : before.policy().since()).updatedAt(now).updatedBy(caller.userId())
                    .build();
            if (store.save(before, before.withPolicy(policy))) {
                return PolicyView.of(assetId, before.asset().assetTag(), policy);
            }
        }
        throw concurrentChange();
    }

    PolicyView policy(String assetId) {
        Coverage coverage = existing(assetId);
        if (coverage.policy() == null) {
            throw new ApiException.NotFound("BACKUP_POLICY_NOT_FOUND", "Asset " + assetId + " has no backup policy", Map.of());
        }
        return PolicyView.of(assetId, coverage.asset().assetTag(), coverage.policy());
    }

    Page<Job> jobs(String assetId, int limit, String cursor) {
        existing(assetId);
        return store.jobs(assetId, limit, cursor);
    }

    // ---------------------------------------------------------------- restore tests

    RestoreTest recordRestoreTest(String assetId, RestoreTestInput in, Caller caller) {
        Instant now = clock.instant();
        Validator.check()
                .required("testedAt", in.testedAt())
                .rule(in.testedAt() == null || !in.testedAt().isAfter(now.plus(SKEW)), "testedAt", "must not be in the future")
                .rule(in.testedAt() == null || in.testedAt().isAfter(now.minus(OLDEST)), "testedAt", "must be within the last 10 years")
                .required("passed", in.passed())
                .rule(!Boolean.TRUE.equals(in.passed()) || in.durationMinutes() != null, "durationMinutes",
                        "is required for a passed test (it is compared with the RTO)")
                .range("durationMinutes", in.durationMinutes(), 0, 100_000)
                .pattern("jobId", in.jobId(), JOB_ID, "a job id (1-128 letters, digits or . _ : / @ -)")
                .text("notes", in.notes(), 2000)
                .validate();
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Coverage before = existing(assetId);
            RestoreTest test = RestoreTest.builder().testId(Ids.ulid(clock)).assetId(assetId).testedAt(in.testedAt())
                    .passed(in.passed()).durationMinutes(in.durationMinutes()).jobId(in.jobId()).notes(in.notes())
                    .recordedAt(now).recordedBy(caller.userId()).build();
            Coverage after = before.withRestoreTest(test);
            try {
                store.recordRestoreTest(before, after.lastRestoreTest() == test ? after : null, test);
                return test;
            } catch (StaleCoverage changed) {
                // read again and retry
            }
        }
        throw concurrentChange();
    }

    // ---------------------------------------------------------------- agent reports

    /** One report (the body is the report) or a batch ({@code {"reports": [...]}}) from agent {@code agent}. */
    ReportResults report(String agent, JsonNode body) {
        if (!body.isObject()) {
            throw ApiException.Invalid.field("body", "must be a JSON object: one report or {\"reports\": [...]}");
        }
        if (!body.has("reports")) {
            Row row = row(0, "", body);
            if (!row.errors().isEmpty()) {
                throw new ApiException.Invalid(row.errors());
            }
            ReportResults results = store(agent, List.of(row));
            RowResult result = results.results().getFirst();
            switch (result.result()) {
                case "rejected" -> throw single(result);
                case "retry" -> throw new ApiException.Unavailable("The table is busy; nothing was stored. Retry shortly.", Duration.ofSeconds(1));
                default -> {
                    return results;
                }
            }
        }
        // a batch with a field of its own that is wrong is refused whole, naming every invalid field
        List<FieldError> batchErrors = new ArrayList<>();
        Iterator<String> fields = body.fieldNames();
        while (fields.hasNext()) {
            String field = fields.next();
            if (!field.equals("reports")) {
                batchErrors.add(new FieldError(field, "unknown field"));
            }
        }
        JsonNode reports = body.get("reports");
        if (!reports.isArray()) {
            batchErrors.add(new FieldError("reports", "must be an array of reports"));
            throw new ApiException.Invalid(batchErrors);
        }
        if (reports.isEmpty()) {
            batchErrors.add(new FieldError("reports", "must have at least 1 entry"));
            throw new ApiException.Invalid(batchErrors);
        }
        if (reports.size() > MAX_REPORTS) {
            batchErrors.add(new FieldError("reports", "must have at most " + MAX_REPORTS + " entries"));
            throw new ApiException.Invalid(batchErrors);
        }
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < reports.size(); i++) {
            rows.add(row(i, "reports[" + i + "].", reports.get(i)));
        }
        if (!batchErrors.isEmpty()) {
            rows.forEach(row -> batchErrors.addAll(row.errors()));
            throw new ApiException.Invalid(batchErrors);
        }
        return store(agent, rows);
    }

    /** A report row: parsed and checked on its own, so one bad row does not hold back the others. */
    private record Row(int index, String prefix, ReportInput input, List<FieldError> errors) {
        String tag() {
            return input.assetTag() == null ? null : input.assetTag().trim().toUpperCase(Locale.ROOT);
        }

        String field(String name) {
            return prefix + name;
        }
    }

    private Row row(int index, String prefix, JsonNode node) {
        if (!node.isObject()) {
            return new Row(index, prefix, null, List.of(new FieldError(prefix.isEmpty() ? "body" : strip(prefix), "must be a report object")));
        }
        Json.Bound<ReportInput> bound;
        try {
            bound = Json.bindAll(node, ReportInput.class);
        } catch (ApiException.Invalid invalid) {
            return new Row(index, prefix, null, prefixed(prefix, invalid.errors()));
        }
        // the fields binding refused and the rules of the rest, in one list, one error per field
        List<FieldError> binding = prefixed(prefix, bound.errors());
        List<FieldError> all = Validator.oneErrorPerField(binding, validate(prefix, bound.value()));
        return new Row(index, prefix, binding.isEmpty() ? bound.value() : null, all);
    }

    private List<FieldError> prefixed(String prefix, List<FieldError> errors) {
        return errors.stream()
                .map(e -> new FieldError(e.field().equals("body") ? (prefix.isEmpty() ? "body" : strip(prefix)) : prefix + e.field(), e.message()))
                .toList();
    }

    private List<FieldError> validate(String p, ReportInput in) {
        Instant now = clock.instant();
        boolean byId = in.assetId() != null;
        boolean byTag = in.assetTag() != null;
        Validator v = Validator.check()
                .rule(byId || byTag, p + "assetId", "or assetTag is required")
                .rule(!(byId && byTag), p + "assetTag", "must not be given together with assetId")
                .pattern(p + "assetId", in.assetId(), ID, "an asset id (ULID)")
                .pattern(p + "assetTag", in.assetTag() == null ? null : in.assetTag().trim().toUpperCase(Locale.ROOT), TAG,
                        "1-32 letters, digits or . _ / -")
                .required(p + "jobId", in.jobId())
                .pattern(p + "jobId", in.jobId(), JOB_ID, "1-128 letters, digits or . _ : / @ -")
                .required(p + "status", in.status())
                .required(p + "startedAt", in.startedAt())
                .required(p + "finishedAt", in.finishedAt())
                .rule(in.startedAt() == null || in.finishedAt() == null || !in.finishedAt().isBefore(in.startedAt()),
                        p + "finishedAt", "must not be before startedAt")
                .rule(in.finishedAt() == null || !in.finishedAt().isAfter(now.plus(SKEW)), p + "finishedAt", "must not be in the future")
                .rule(in.startedAt() == null || in.startedAt().isAfter(now.minus(OLDEST)), p + "startedAt", "must be within the last 10 years")
                .range(p + "sizeBytes", in.sizeBytes(), 0, 1L << 60)
                .text(p + "location", in.location(), 500)
                .text(p + "checksum", in.checksum(), 200)
                .text(p + "message", in.message(), 1000);
        if (in.status() != null && in.status() != JobStatus.FAILED) {
            String why = "is required when status is " + in.status();
            v.rule(in.sizeBytes() != null, p + "sizeBytes", why)
                    .rule(in.location() != null, p + "location", why)
                    .rule(in.encrypted() != null, p + "encrypted", why)
                    .rule(in.checksum() != null, p + "checksum", why);
        }
        return v.errors();
    }

    private ReportResults store(String agent, List<Row> rows) {
        Instant now = clock.instant();
        Map<String, List<String>> byTag = new HashMap<>();
        List<String> ids = new ArrayList<>();
        for (Row row : rows) {
            if (!row.errors().isEmpty()) continue;
            if (row.tag() != null) {
                byTag.computeIfAbsent(row.tag(), store::assetIdsByTag).forEach(ids::add);
            } else {
                ids.add(row.input().assetId());
            }
        }
        Map<String, Coverage> coverage = new HashMap<>(store.findAll(ids));
        List<RowResult> results = new ArrayList<>();
        int accepted = 0, duplicates = 0, rejected = 0, retry = 0;
        for (Row row : rows) {
            RowResult result = storeRow(agent, row, byTag, coverage, now);
            results.add(result);
            switch (result.result()) {
                case "accepted" -> accepted++;
                case "duplicate" -> duplicates++;
                case "retry" -> retry++;
                default -> rejected++;
            }
        }
        Metrics.count("BackupReportsAccepted", accepted);
        return new ReportResults(accepted, duplicates, rejected, retry, results);
    }

    private RowResult storeRow(String agent, Row row, Map<String, List<String>> byTag, Map<String, Coverage> coverage, Instant now) {
        String jobId = row.input() == null ? null : row.input().jobId();
        if (!row.errors().isEmpty()) {
            return new RowResult(row.index(), jobId, null, "rejected", row.errors());
        }
        ReportInput in = row.input();
        String assetId;
        if (row.tag() != null) {
            List<String> matches = byTag.getOrDefault(row.tag(), List.of());
            if (matches.size() != 1) {
                return rejected(row, null, "assetTag", matches.isEmpty()
                        ? "no asset with this tag is known to backup coverage" : "matches more than one asset; send assetId");
            }
            assetId = matches.getFirst();
        } else {
            assetId = in.assetId();
        }
        if (!coverage.containsKey(assetId)) {
            return rejected(row, null, row.tag() != null ? "assetTag" : "assetId", "no asset with this id is known to backup coverage");
        }
        Job job = Job.builder().jobId(in.jobId()).assetId(assetId).status(in.status()).startedAt(in.startedAt())
                .finishedAt(in.finishedAt()).sizeBytes(in.sizeBytes()).location(in.location()).encrypted(in.encrypted())
                .checksum(in.checksum()).message(in.message()).agent(agent).receivedAt(now).build();
        String fingerprint = fingerprint(job);
        try {
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                Coverage before = coverage.get(assetId);
                if (before == null) {
                    return rejected(row, assetId, "assetId", "no asset with this id is known to backup coverage");
                }
                Coverage moved = before.withJob(job);
                boolean changes = moved.lastJob() == job || moved.lastSuccess() == job;
                try {
                    store.recordJob(before, changes ? moved : null, job, agent, fingerprint, Ids.ulid(clock));
                    if (changes) {
                        coverage.put(assetId, moved.withRev(before.rev() + 1));
                    }
                    return new RowResult(row.index(), jobId, assetId, "accepted", List.of());
                } catch (DuplicateJob duplicate) {
                    boolean same = store.claimedFingerprint(agent, job.jobId()).map(fingerprint::equals).orElse(false);
                    return same ? new RowResult(row.index(), jobId, assetId, "duplicate", List.of())
                            : rejected(row, assetId, "jobId", "was already reported by this agent with different content");
                } catch (StaleCoverage changed) {
                    coverage.put(assetId, store.find(assetId).orElse(null));
                }
            }
        } catch (ApiException.Unavailable busy) {
            Log.warn("backup report row not stored", "jobId", jobId, "reason", busy.getMessage());
        }
        return new RowResult(row.index(), jobId, assetId, "retry", List.of());
    }

    private static RowResult rejected(Row row, String assetId, String field, String message) {
        return new RowResult(row.index(), row.input().jobId(), assetId, "rejected", List.of(new FieldError(row.field(field), message)));
    }

    private static ApiException single(RowResult result) {
        FieldError error = result.errors().getFirst();
        if (error.field().equals("jobId")) {
            return new ApiException.Conflict("JOB_ID_REUSED", "Job " + result.jobId() + " " + error.message(), Map.of("field", "jobId"));
        }
        return new ApiException.Unprocessable("UNKNOWN_ASSET", error.message(), Map.of("errors", result.errors()));
    }

    private static String strip(String prefix) {
        return prefix.endsWith(".") ? prefix.substring(0, prefix.length() - 1) : prefix;
    }

    private static String fingerprint(Job job) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("assetId", job.assetId());
        facts.put("status", job.status().toString());
        facts.put("startedAt", job.startedAt().toString());
        facts.put("finishedAt", job.finishedAt().toString());
        facts.put("sizeBytes", job.sizeBytes());
        facts.put("location", job.location());
        facts.put("encrypted", job.encrypted());
        facts.put("checksum", job.checksum());
        facts.put("message", job.message());
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Json.bytes(facts)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---------------------------------------------------------------- the register's projection

    /** Keeps the asset part of the coverage in step with the register; older or repeated versions change nothing. */
    void project(BusEvent event) {
        AssetSnapshot snapshot = snapshot(event.detail().path("asset"));
        if (snapshot == null) {
            Log.warn("asset event without a usable asset snapshot", "detailType", event.detailType(), "eventId", event.dedupeId());
            Metrics.count("AssetEventUnusable");
            return;
        }
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<Coverage> current = store.find(snapshot.assetId());
            if (current.isPresent() && current.get().asset().version() >= snapshot.version()) {
                return;
            }
            Coverage after = current.map(c -> c.withAsset(snapshot)).orElseGet(() -> Coverage.of(snapshot));
            if (store.save(current.orElse(null), after)) {
                return;
            }
        }
        throw new IllegalStateException("coverage of " + snapshot.assetId() + " kept changing; the event will be retried");
    }

    private static AssetSnapshot snapshot(JsonNode a) {
        String assetId = a.path("assetId").asText("");
        if (!a.isObject() || !ID.matcher(assetId).matches() || !a.path("version").canConvertToLong() || a.path("version").asLong() < 1) {
            return null;
        }
        String tag = text(a, "assetTag");
        return new AssetSnapshot(assetId, tag == null ? null : tag.toUpperCase(Locale.ROOT), text(a, "category"),
                text(a, "status"), text(a, "model"), text(a, "department"), text(a, "custodian"), text(a, "location"),
                a.path("holdsBusinessData").asBoolean(false), a.path("version").asLong());
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.asText().isBlank() ? null : value.asText();
    }

    private Coverage existing(String assetId) {
        return store.find(assetId).orElseThrow(() -> new ApiException.NotFound("ASSET_NOT_FOUND",
                "No asset with id " + assetId + " is known to backup coverage", Map.of()));
    }

    private static ApiException concurrentChange() {
        return new ApiException.Conflict("CONCURRENT_UPDATE",
                "The asset's backup coverage kept changing while this was saved; nothing was changed. Retry.", Map.of(),
                Duration.ofSeconds(1));
    }
}
