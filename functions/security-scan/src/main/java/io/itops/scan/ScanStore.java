package io.itops.scan;

import io.itops.scan.Requests.Selector;
import io.itops.scan.ScanItems.StoredScan;
import io.itops.shared.error.ApiException;
import io.itops.shared.events.AssetSnapshot;
import io.itops.shared.observability.Log;
import io.itops.shared.store.CursorCodec;
import io.itops.shared.store.Ids;
import io.itops.shared.store.Item;
import io.itops.shared.store.Page;
import io.itops.shared.store.PagedQuery;
import io.itops.shared.store.TransactionWrites;
import io.itops.shared.store.TransactionWrites.Condition;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;

/**
 * DynamoDB access for scans, findings and the scan targets (this function's projection of the
 * register). Lists are Queries on keys and GSIs; writes that must not happen twice carry their
 * condition. AWS exceptions stop here, translated into domain errors.
 */
final class ScanStore {
    static final int MAX_TRANSACTION = 100;
    static final int CHUNK = 25;
    private final DynamoDbClient dynamo;
    private final String table;
    private final CursorCodec cursors;

    ScanStore(DynamoDbClient dynamo, String table, CursorCodec cursors) {
        this.dynamo = dynamo;
        this.table = table;
        this.cursors = cursors;
    }

    // ------------------------------------------------------------------ targets

    /**
     * Brings the projection of an asset up to {@code asset}; an older or equal version than the one
     * stored changes nothing. Returns whether it applied. Scan times recorded on the target are kept.
     */
    boolean project(AssetSnapshot asset, Instant now) {
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> set = new ArrayList<>();
        List<String> remove = new ArrayList<>();
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("type", "ScanTarget");
        fields.put("assetId", asset.assetId());
        fields.put("assetTag", asset.assetTag());
        fields.put("category", asset.category());
        fields.put("status", asset.status());
        fields.put("model", asset.model());
        fields.put("department", asset.department());
        fields.put("custodian", asset.custodian());
        fields.put("location", asset.location());
        fields.put("holdsBusinessData", asset.holdsBusinessData());
        fields.put("assetVersion", asset.version());
        fields.put("projectedAt", now.toString());
        fields.put("GSI1PK", ScanItems.statusIndex(asset.status()));
        fields.put("GSI1SK", asset.assetTag());
        fields.put("GSI2PK", asset.department() == null ? null : ScanItems.departmentIndex(asset.department()));
        fields.put("GSI2SK", asset.department() == null ? null : asset.assetTag());
        fields.put("GSI3PK", ScanItems.categoryIndex(asset.category()));
        fields.put("GSI3SK", asset.status() + "#" + asset.assetTag());
        fields.put("GSI4PK", ScanItems.tagIndex(asset.assetTag()));
        fields.put("GSI4SK", "SCANTARGET");
        int n = 0;
        for (Map.Entry<String, Object> field : fields.entrySet()) {
            String name = "#a" + n;
            names.put(name, field.getKey());
            if (field.getValue() == null) {
                remove.add(name);
            } else {
                values.put(":v" + n, field.getValue() instanceof Boolean b ? AttributeValue.fromBool(b)
                        : field.getValue() instanceof Number num ? Item.n(num) : Item.s(field.getValue().toString()));
                set.add(name + " = :v" + n);
            }
            n++;
        }
        names.put("#requested", "requested");
        names.put("#completed", "completed");
        values.put(":empty", AttributeValue.fromM(Map.of()));
        set.add("#requested = if_not_exists(#requested, :empty)");
        set.add("#completed = if_not_exists(#completed, :empty)");
        values.put(":version", Item.n(asset.version()));
        String update = "SET " + String.join(", ", set) + (remove.isEmpty() ? "" : " REMOVE " + String.join(", ", remove));
        try {
            dynamo.updateItem(r -> r.tableName(table).key(ScanItems.targetKey(asset.assetId()))
                    .updateExpression(update)
                    .conditionExpression("attribute_not_exists(PK) OR assetVersion < :version")
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException stale) {
            return false;
        }
    }

    Optional<Target> target(String assetId) {
        return get(ScanItems.targetKey(assetId)).map(ScanItems::target);
    }

    Optional<Target> targetByTag(String tag) {
        QueryResponse response = dynamo.query(r -> r.tableName(table).indexName("GSI4")
                .keyConditionExpression("GSI4PK = :pk")
                .expressionAttributeValues(Item.values(":pk", ScanItems.tagIndex(tag))).limit(1));
        return response.items().stream().findFirst().map(i -> ScanItems.target(Item.of(i)));
    }

    /** The targets with these asset ids that exist, by id (one BatchGetItem, consistent). */
    Map<String, Target> targets(List<String> assetIds) {
        Map<String, Target> found = new HashMap<>();
        if (assetIds.isEmpty()) {
            return found;
        }
        List<Map<String, AttributeValue>> keys = assetIds.stream().distinct().map(ScanItems::targetKey).toList();
        Map<String, KeysAndAttributes> request = Map.of(table, KeysAndAttributes.builder().keys(keys).consistentRead(true).build());
        for (int attempt = 0; attempt < 5 && !request.isEmpty(); attempt++) {
            Map<String, KeysAndAttributes> asked = request;
            BatchGetItemResponse response = dynamo.batchGetItem(r -> r.requestItems(asked));
            response.responses().getOrDefault(table, List.of()).forEach(i -> {
                Target t = ScanItems.target(Item.of(i));
                found.put(t.assetId(), t);
            });
            request = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
        }
        if (!request.isEmpty()) {
            throw new ApiException.Unavailable("The table is busy; nothing was changed. Retry shortly.", Duration.ofSeconds(1));
        }
        return found;
    }

    /** Targets matching {@code selector}, reading at most {@code max} + 1 of them (enough to know there are too many). */
    List<Target> select(Selector selector, int max) {
        QueryRequest.Builder query = QueryRequest.builder().tableName(table);
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> filters = new ArrayList<>();
        if (selector.department() != null) {
            query.indexName("GSI2").keyConditionExpression("GSI2PK = :pk");
            values.put(":pk", Item.s(ScanItems.departmentIndex(selector.department())));
            equal(filters, names, values, "category", selector.category());
            equal(filters, names, values, "status", selector.status());
        } else if (selector.category() != null) {
            query.indexName("GSI3").keyConditionExpression("GSI3PK = :pk");
            values.put(":pk", Item.s(ScanItems.categoryIndex(selector.category())));
            if (selector.status() != null) {
                query.keyConditionExpression("GSI3PK = :pk AND begins_with(GSI3SK, :status)");
                values.put(":status", Item.s(selector.status() + "#"));
            }
        } else {
            query.indexName("GSI1").keyConditionExpression("GSI1PK = :pk");
            values.put(":pk", Item.s(ScanItems.statusIndex(selector.status())));
        }
        if (selector.status() == null) {
            names.put("#status", "status");
            values.put(":retired", Item.s("retired"));
            values.put(":disposed", Item.s("disposed"));
            filters.add("NOT #status IN (:retired, :disposed)");
        }
        if (!filters.isEmpty()) {
            query.filterExpression(String.join(" AND ", filters)).expressionAttributeNames(names);
        }
        query.expressionAttributeValues(values);
        List<Target> out = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            QueryRequest.Builder page = query.build().toBuilder();
            if (start != null) {
                page.exclusiveStartKey(start);
            }
            QueryResponse response = dynamo.query(page.build());
            response.items().forEach(i -> out.add(ScanItems.target(Item.of(i))));
            start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty() ? response.lastEvaluatedKey() : null;
        } while (start != null && out.size() <= max);
        return out;
    }

    /** In-service targets, one page at a time (campaigns and the coverage sweep). */
    Page<Target> inService(int limit, String cursor) {
        QueryRequest query = QueryRequest.builder().tableName(table).indexName("GSI1")
                .keyConditionExpression("GSI1PK = :pk")
                .expressionAttributeValues(Item.values(":pk", ScanItems.statusIndex(Target.IN_SERVICE)))
                .build();
        return PagedQuery.run(dynamo, cursors, "targets|in-service", cursor, limit, query, ScanItems::target);
    }

    // ------------------------------------------------------------------ scans

    /** Creates on-demand scans, all or none (at most {@value #MAX_TRANSACTION}). */
    void createScans(List<Scan> scans) {
        TransactionWrites tx = new TransactionWrites(table);
        for (Scan scan : scans) {
            tx.put(ScanItems.scan(new StoredScan(scan, null, null)), Condition.notExists(), ScanStore::scanIdClash);
        }
        tx.execute(dynamo);
    }

    /**
     * Creates a scheduled or onboarding scan and records on its target when it was requested, in one
     * transaction. With {@code onboardingCause}, it also claims the asset's one onboarding scan.
     * Returns false, writing nothing, when the asset already had its onboarding scan.
     */
    boolean createTrackedScan(Scan scan, String onboardingCause) {
        TransactionWrites tx = new TransactionWrites(table)
                .put(ScanItems.scan(new StoredScan(scan, null, null)), Condition.notExists(), ScanStore::scanIdClash)
                .update(ScanItems.targetKey(scan.assetId()), "SET #requested.#profile = :at",
                        Condition.of("attribute_exists(PK)", Map.of("#requested", "requested", "#profile", scan.profile().toString()),
                                Item.values(":at", Ids.sortable(scan.requestedAt()))),
                        () -> new ApiException.NotFound("scan target", scan.assetId()));
        if (onboardingCause != null) {
            tx.put(ScanItems.onboarding(scan.assetId(), scan.scanId(), onboardingCause, scan.requestedAt()),
                    Condition.notExists(), AlreadyOnboarded::new);
        }
        try {
            tx.execute(dynamo);
            return true;
        } catch (AlreadyOnboarded | ApiException.NotFound skipped) {
            return false;
        }
    }

    /** Raised inside the store only: the asset's onboarding scan exists. */
    private static final class AlreadyOnboarded extends RuntimeException {
        AlreadyOnboarded() {
            super(null, null, false, false);
        }
    }

    Optional<StoredScan> scan(String scanId) {
        return get(ScanItems.scanKey(scanId)).map(ScanItems::storedScan);
    }

    /** Replaces a scan if it is still in {@code expected} state (and, when given, holds that result hash and lease); false otherwise. */
    boolean replaceScan(StoredScan after, ScanStatus expected, StoredScan before) {
        List<String> conditions = new ArrayList<>(List.of("#status = :expected"));
        Map<String, AttributeValue> values = Item.values(":expected", expected.toString());
        if (before != null && before.resultHash() != null) {
            conditions.add("resultHash = :hash");
            values.put(":hash", Item.s(before.resultHash()));
        }
        if (before != null && before.processingUntil() != null) {
            conditions.add("processingUntil = :lease");
            values.put(":lease", Item.s(before.processingUntil().toString()));
        }
        try {
            dynamo.putItem(r -> r.tableName(table).item(ScanItems.scan(after).values())
                    .conditionExpression(String.join(" AND ", conditions))
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException moved) {
            return false;
        }
    }

    /**
     * Completes a requested scan and writes every finding it changes in one transaction; false,
     * writing nothing, when the scan is no longer requested.
     */
    boolean complete(StoredScan done, List<FindingRules.Update> updates) {
        TransactionWrites tx = new TransactionWrites(table).put(ScanItems.scan(done),
                Condition.of("#status = :requested", Map.of("#status", "status"), Item.values(":requested", ScanStatus.REQUESTED.toString())),
                ScanMoved::new);
        for (FindingRules.Update u : updates) {
            tx.put(ScanItems.finding(u.after()), u.before() == null ? Condition.notExists() : versionIs(u.before()),
                    () -> findingConflict(u.after()));
        }
        try {
            tx.execute(dynamo);
            return true;
        } catch (ScanMoved moved) {
            return false;
        }
    }

    /** Raised inside the store only: the scan left the state a write expected. */
    private static final class ScanMoved extends RuntimeException {
        ScanMoved() {
            super(null, null, false, false);
        }
    }

    /** Records on the target that a scan of {@code profile} completed at {@code at}; nothing when the target is gone. */
    void markCompleted(String assetId, Profile profile, Instant at) {
        try {
            dynamo.updateItem(r -> r.tableName(table).key(ScanItems.targetKey(assetId))
                    .updateExpression("SET #completed.#profile = :at")
                    .conditionExpression("attribute_exists(PK) AND (attribute_not_exists(#completed.#profile) OR #completed.#profile < :at)")
                    .expressionAttributeNames(Map.of("#completed", "completed", "#profile", profile.toString()))
                    .expressionAttributeValues(Item.values(":at", Ids.sortable(at))));
        } catch (ConditionalCheckFailedException ignored) {
            // target unknown, or a later completion is already recorded
        } catch (SdkException e) {
            // the scan is already completed; missing this mark costs at most one extra coverage scan
            Log.warn("completion not recorded on target", "assetId", assetId,
                    "profile", profile.toString(), "error", e.getClass().getSimpleName());
        }
    }

    Page<Scan> scans(ScanFilter filter, int limit, String cursor) {
        QueryRequest.Builder query = QueryRequest.builder().tableName(table).scanIndexForward(false);
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> filters = new ArrayList<>();
        if (filter.assetId() != null) {
            index(query, values, "GSI1", "SCAN#ASSET#" + filter.assetId());
            equal(filters, names, values, "status", string(filter.status()));
            equal(filters, names, values, "profile", string(filter.profile()));
        } else if (filter.status() != null) {
            index(query, values, "GSI2", "SCAN#STATUS#" + filter.status());
            equal(filters, names, values, "profile", string(filter.profile()));
        } else if (filter.profile() != null) {
            index(query, values, "GSI3", "SCAN#PROFILE#" + filter.profile());
        } else {
            index(query, values, "GSI4", "SCAN#ALL");
        }
        equal(filters, names, values, "trigger", string(filter.trigger()));
        return run(query, names, values, filters, filter.scope(), cursor, limit, ScanItems::scan);
    }

    /** Open scans whose time to answer ended by {@code now}, one page at a time. */
    Page<StoredScan> openScansDue(Instant now, String cursor) {
        QueryRequest query = QueryRequest.builder().tableName(table).indexName("GSI5")
                .keyConditionExpression("GSI5PK = :pk AND GSI5SK < :now")
                .expressionAttributeValues(Item.values(":pk", ScanItems.OPEN_SCANS, ":now", Ids.sortable(now)))
                .build();
        return PagedQuery.run(dynamo, cursors, "scans|open-due", cursor, PagedQuery.MAX_LIMIT, query, ScanItems::storedScan);
    }

    // ------------------------------------------------------------------ findings

    /** Every finding of one asset and profile, read consistently (what a scan result is compared with). */
    List<Finding> findings(String assetId, Profile profile) {
        List<Finding> out = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            QueryRequest.Builder query = QueryRequest.builder().tableName(table).consistentRead(true)
                    .keyConditionExpression("PK = :pk AND begins_with(SK, :prefix)")
                    .expressionAttributeValues(Item.values(":pk", ScanItems.findingPartition(assetId),
                            ":prefix", ScanItems.findingSortPrefix(profile)));
            if (start != null) {
                query.exclusiveStartKey(start);
            }
            QueryResponse response = dynamo.query(query.build());
            response.items().forEach(i -> out.add(ScanItems.finding(Item.of(i))));
            start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty() ? response.lastEvaluatedKey() : null;
        } while (start != null);
        return out;
    }

    /**
     * Writes what a large result did to findings, in transactions of {@value #CHUNK}: a new finding
     * only if its fingerprint is free, a changed one only if nobody changed it meanwhile. Each write
     * stands alone (a resumed attempt skips what is done), so small chunks keep every call short.
     */
    void writeFindings(List<FindingRules.Update> updates) {
        for (int start = 0; start < updates.size(); start += CHUNK) {
            TransactionWrites tx = new TransactionWrites(table);
            for (FindingRules.Update u : updates.subList(start, Math.min(updates.size(), start + CHUNK))) {
                tx.put(ScanItems.finding(u.after()), u.before() == null ? Condition.notExists() : versionIs(u.before()),
                        () -> findingConflict(u.after()));
            }
            tx.execute(dynamo);
        }
    }

    /** Replaces one finding if it is still at {@code before}'s version. */
    void replaceFinding(Finding before, Finding after) {
        new TransactionWrites(table).put(ScanItems.finding(after), versionIs(before), () -> findingConflict(after)).execute(dynamo);
    }

    /** A finding by id: its key from GSI1, then the item itself, read consistently. */
    Optional<Finding> finding(String findingId) {
        QueryResponse response = dynamo.query(r -> r.tableName(table).indexName("GSI1")
                .keyConditionExpression("GSI1PK = :pk AND GSI1SK = :sk")
                .expressionAttributeValues(Item.values(":pk", "FINDING#" + findingId, ":sk", "FINDING")));
        if (response.items().isEmpty()) {
            return Optional.empty();
        }
        Map<String, AttributeValue> indexed = response.items().getFirst();
        return get(Map.of("PK", indexed.get("PK"), "SK", indexed.get("SK"))).map(ScanItems::finding);
    }

    Page<Finding> findings(FindingFilter filter, Instant now, int limit, String cursor) {
        QueryRequest.Builder query = QueryRequest.builder().tableName(table);
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> filters = new ArrayList<>();
        String status = filter.effectiveStatus() == null ? null : filter.effectiveStatus().toString();
        String nowKey = Ids.sortable(now);
        if (filter.assetId() != null) {
            query.keyConditionExpression("PK = :pk AND begins_with(SK, :prefix)").consistentRead(true);
            values.put(":pk", Item.s(ScanItems.findingPartition(filter.assetId())));
            values.put(":prefix", Item.s("FINDING#"));
            equal(filters, names, values, "status", status);
            equal(filters, names, values, "severity", string(filter.severity()));
            equal(filters, names, values, "department", filter.department());
            if (filter.overdue()) {
                // GSI3SK of an open finding starts with its deadline in sortable form
                values.put(":now", Item.s(nowKey));
                filters.add("GSI3SK < :now");
            }
        } else if (filter.department() != null) {
            index(query, values, "GSI2", "FINDING#DEPT#" + filter.department());
            statusRange(query, values, "GSI2SK", status, filter.overdue(), nowKey);
            equal(filters, names, values, "severity", string(filter.severity()));
        } else if (filter.severity() != null) {
            index(query, values, "GSI4", "FINDING#SEVERITY#" + filter.severity());
            statusRange(query, values, "GSI4SK", status, filter.overdue(), nowKey);
        } else if (status != null) {
            index(query, values, "GSI3", "FINDING#STATUS#" + status);
            if (filter.overdue()) {
                query.keyConditionExpression("GSI3PK = :pk AND GSI3SK < :now");
                values.put(":now", Item.s(nowKey));
            }
        } else {
            index(query, values, "GSI5", "FINDING#ALL");
        }
        return run(query, names, values, filters, filter.scope(), cursor, limit, ScanItems::finding);
    }

    /** Open findings whose deadline passed before {@code now}, most overdue first (the daily sweep). */
    Page<Finding> overdue(Instant now, String cursor) {
        QueryRequest query = QueryRequest.builder().tableName(table).indexName("GSI3")
                .keyConditionExpression("GSI3PK = :pk AND GSI3SK < :now")
                .expressionAttributeValues(Item.values(":pk", "FINDING#STATUS#" + FindingStatus.OPEN, ":now", Ids.sortable(now)))
                .build();
        return PagedQuery.run(dynamo, cursors, "findings|overdue-sweep", cursor, PagedQuery.MAX_LIMIT, query, ScanItems::finding);
    }

    /** Accepted risks whose acceptance ended by {@code now} (the daily sweep). */
    Page<Finding> expiredAcceptances(Instant now, String cursor) {
        QueryRequest query = QueryRequest.builder().tableName(table).indexName("GSI3")
                .keyConditionExpression("GSI3PK = :pk AND GSI3SK <= :now")
                .expressionAttributeValues(Item.values(":pk", "FINDING#STATUS#" + FindingStatus.ACCEPTED_RISK,
                        ":now", Ids.sortable(now) + "#~"))
                .build();
        return PagedQuery.run(dynamo, cursors, "findings|expiry-sweep", cursor, PagedQuery.MAX_LIMIT, query, ScanItems::finding);
    }

    /** How many open findings of {@code severity} there are (a COUNT query: items are read, not returned). */
    int countOpen(Severity severity) {
        return count(QueryRequest.builder().tableName(table).indexName("GSI4")
                .keyConditionExpression("GSI4PK = :pk AND begins_with(GSI4SK, :open)")
                .expressionAttributeValues(Item.values(":pk", "FINDING#SEVERITY#" + severity, ":open", FindingStatus.OPEN + "#")));
    }

    int countOverdue(Instant now) {
        return count(QueryRequest.builder().tableName(table).indexName("GSI3")
                .keyConditionExpression("GSI3PK = :pk AND GSI3SK < :now")
                .expressionAttributeValues(Item.values(":pk", "FINDING#STATUS#" + FindingStatus.OPEN, ":now", Ids.sortable(now))));
    }

    private int count(QueryRequest.Builder query) {
        int total = 0;
        Map<String, AttributeValue> start = null;
        do {
            QueryRequest.Builder page = query.build().toBuilder().select(Select.COUNT);
            if (start != null) {
                page.exclusiveStartKey(start);
            }
            QueryResponse response = dynamo.query(page.build());
            total += response.count();
            start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty() ? response.lastEvaluatedKey() : null;
        } while (start != null);
        return total;
    }

    // ------------------------------------------------------------------ helpers

    private <T> Page<T> run(QueryRequest.Builder query, Map<String, String> names, Map<String, AttributeValue> values,
                            List<String> filters, String scope, String cursor, int limit, Function<Item, T> mapper) {
        if (!filters.isEmpty()) {
            query.filterExpression(String.join(" AND ", filters));
        }
        if (!names.isEmpty()) {
            query.expressionAttributeNames(names);
        }
        query.expressionAttributeValues(values);
        return PagedQuery.run(dynamo, cursors, scope, cursor, limit, query.build(), mapper);
    }

    /** Narrows a {@code <status>#<time>#<id>} sort key to one status, and to times before now when overdue. */
    private static void statusRange(QueryRequest.Builder query, Map<String, AttributeValue> values, String sortKey,
                                    String status, boolean overdue, String nowKey) {
        String partition = sortKey.replace("SK", "PK");
        if (overdue) {
            query.keyConditionExpression(partition + " = :pk AND " + sortKey + " BETWEEN :from AND :to");
            values.put(":from", Item.s(FindingStatus.OPEN + "#"));
            values.put(":to", Item.s(FindingStatus.OPEN + "#" + nowKey));
        } else if (status != null) {
            query.keyConditionExpression(partition + " = :pk AND begins_with(" + sortKey + ", :status)");
            values.put(":status", Item.s(status + "#"));
        }
    }

    private static void index(QueryRequest.Builder query, Map<String, AttributeValue> values, String index, String partition) {
        query.indexName(index).keyConditionExpression(index + "PK = :pk");
        values.put(":pk", Item.s(partition));
    }

    private static void equal(List<String> filters, Map<String, String> names, Map<String, AttributeValue> values,
                              String attribute, String value) {
        if (value != null) {
            names.put("#" + attribute, attribute);
            values.put(":" + attribute, Item.s(value));
            filters.add("#" + attribute + " = :" + attribute);
        }
    }

    private static String string(Object value) {
        return value == null ? null : value.toString();
    }

    private static Condition versionIs(Finding before) {
        return Condition.of("version = :expected", Map.of(), Item.values(":expected", before.version()));
    }

    private Optional<Item> get(Map<String, AttributeValue> key) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).key(key).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(Item.of(item));
    }

    private static ApiException scanIdClash() {
        return new ApiException.Conflict("SCAN_EXISTS", "Scan id already used", Map.of(), Duration.ofSeconds(1));
    }

    private static ApiException findingConflict(Finding f) {
        return new ApiException.Conflict("FINDING_CHANGED",
                "Finding " + f.findingId() + " changed at the same moment; nothing was changed. Retry.", Map.of(), Duration.ofSeconds(1));
    }
}
