package io.itops.scan;

import static software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional.keyEqualTo;
import static software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional.sortBeginsWith;
import static software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional.sortLessThan;

import io.itops.scan.Requests.Selector;
import io.itops.shared.error.ApiException;
import io.itops.shared.events.AssetSnapshot;
import io.itops.shared.observability.Log;
import io.itops.shared.store.AttributeUpdate;
import io.itops.shared.store.Attributes;
import io.itops.shared.store.CursorCodec;
import io.itops.shared.store.Ids;
import io.itops.shared.store.Page;
import io.itops.shared.store.PagedQuery;
import io.itops.shared.store.SingleTable;
import io.itops.shared.store.TransactionWrites;
import io.itops.shared.store.TransactionWrites.Condition;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.Select;

/**
 * DynamoDB access for scans, findings and the scan targets (this function's projection of the
 * register), each read and written through its schema. Lists are Queries on keys and GSIs; writes
 * that must not happen twice carry their condition. AWS exceptions stop here, translated into
 * domain errors.
 */
final class ScanStore {
    static final int MAX_TRANSACTION = 100;
    static final int CHUNK = 25;
    /** What a projection writes: every attribute of a target but its key. */
    private static final List<String> PROJECTED = Target.SCHEMA.attributeNames().stream()
            .filter(attribute -> !Target.SCHEMA.tableMetadata().primaryKeys().contains(attribute)).toList();
    private final SingleTable table;
    private final CursorCodec cursors;

    ScanStore(SingleTable table, CursorCodec cursors) {
        this.table = table;
        this.cursors = cursors;
    }

    // ------------------------------------------------------------------ targets

    /**
     * Brings the projection of an asset up to {@code asset}; an older or equal version than the one
     * stored changes nothing. Returns whether it applied. An UpdateItem rather than a Put, so the scan
     * times on the target are kept: it sets every attribute of the projection's item (the scan times
     * only where absent) and removes those the asset no longer has.
     */
    boolean project(AssetSnapshot asset, Instant now) {
        AttributeUpdate update = AttributeUpdate.of(SingleTable.item(Target.SCHEMA, Target.projection(asset, now)),
                PROJECTED, Set.of(Target.REQUESTED, Target.COMPLETED));
        Condition newer = update.joined(Condition.of("attribute_not_exists(PK) OR assetVersion < :version",
                Map.of(), Attributes.values(":version", asset.version())));
        try {
            table.dynamo().updateItem(r -> r.tableName(table.name()).key(Target.key(asset.assetId()))
                    .updateExpression(update.expression())
                    .conditionExpression(newer.expression())
                    .expressionAttributeNames(newer.names())
                    .expressionAttributeValues(newer.values()));
            return true;
        } catch (ConditionalCheckFailedException stale) {
            return false;
        }
    }

    Optional<Target> target(String assetId) {
        return table.get(Target.SCHEMA, Target.key(assetId));
    }

    Optional<Target> targetByTag(String tag) {
        return table.of(Target.SCHEMA).index("GSI4")
                .query(r -> r.queryConditional(keyEqualTo(k -> k.partitionValue(Target.tagIndex(tag)))).limit(1))
                .stream().findFirst().flatMap(page -> page.items().stream().findFirst());
    }

    /** The targets with these asset ids that exist, by id (BatchGetItem, consistent). */
    Map<String, Target> targets(List<String> assetIds) {
        List<Map<String, AttributeValue>> keys = assetIds.stream().distinct().map(Target::key).toList();
        return table.batchGet(Target.SCHEMA, keys).stream().collect(Collectors.toMap(Target::assetId, t -> t));
    }

    /** Targets matching {@code selector}, reading at most {@code max} + 1 of them (enough to know there are too many). */
    List<Target> select(Selector selector, int max) {
        String index;
        QueryConditional key;
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> filters = new ArrayList<>();
        if (selector.department() != null) {
            index = "GSI2";
            key = keyEqualTo(k -> k.partitionValue(Target.departmentIndex(selector.department())));
            equal(filters, names, values, "category", selector.category());
            equal(filters, names, values, "status", selector.status());
        } else if (selector.category() != null) {
            index = "GSI3";
            String partition = Target.categoryIndex(selector.category());
            key = selector.status() == null ? keyEqualTo(k -> k.partitionValue(partition))
                    : sortBeginsWith(k -> k.partitionValue(partition).sortValue(selector.status() + "#"));
        } else {
            index = "GSI1";
            key = keyEqualTo(k -> k.partitionValue(Target.statusIndex(selector.status())));
        }
        if (selector.status() == null) {
            names.put("#status", "status");
            values.put(":retired", Attributes.s("retired"));
            values.put(":disposed", Attributes.s("disposed"));
            filters.add("NOT #status IN (:retired, :disposed)");
        }
        QueryEnhancedRequest.Builder query = QueryEnhancedRequest.builder().queryConditional(key);
        if (!filters.isEmpty()) {
            query.filterExpression(Expression.builder().expression(String.join(" AND ", filters))
                    .expressionNames(names).expressionValues(values).build());
        }
        List<Target> out = new ArrayList<>();
        for (var page : table.of(Target.SCHEMA).index(index).query(query.build())) {
            out.addAll(page.items());
            if (out.size() > max) {
                break;
            }
        }
        return out;
    }

    /** In-service targets, one page at a time (campaigns and the coverage sweep). */
    Page<Target> inService(int limit, String cursor) {
        QueryRequest query = QueryRequest.builder().tableName(table.name()).indexName("GSI1")
                .keyConditionExpression("GSI1PK = :pk")
                .expressionAttributeValues(Attributes.values(":pk", Target.statusIndex(Target.IN_SERVICE)))
                .build();
        return PagedQuery.run(table.dynamo(), cursors, "targets|in-service", cursor, limit, query, Target.SCHEMA::mapToItem);
    }

    // ------------------------------------------------------------------ scans

    /** Creates on-demand scans, all or none (at most {@value #MAX_TRANSACTION}). */
    void createScans(List<Scan> scans) {
        TransactionWrites tx = table.transaction();
        for (Scan scan : scans) {
            tx.put(StoredScan.SCHEMA, new StoredScan(scan, null, null), Condition.notExists(), ScanStore::scanIdClash);
        }
        tx.execute();
    }

    /**
     * Creates a scheduled or onboarding scan and records on its target when it was requested, in one
     * transaction. With {@code onboardingCause}, it also claims the asset's one onboarding scan.
     * Returns false, writing nothing, when the asset already had its onboarding scan.
     */
    boolean createTrackedScan(Scan scan, String onboardingCause) {
        TransactionWrites tx = table.transaction()
                .put(StoredScan.SCHEMA, new StoredScan(scan, null, null), Condition.notExists(), ScanStore::scanIdClash)
                .update(Target.key(scan.assetId()), "SET #requested.#profile = :at",
                        Condition.of("attribute_exists(PK)", Map.of("#requested", Target.REQUESTED, "#profile", scan.profile().toString()),
                                Attributes.values(":at", Target.scanTime(scan.requestedAt()))),
                        () -> new ApiException.NotFound("scan target", scan.assetId()));
        if (onboardingCause != null) {
            tx.put(Onboarding.SCHEMA, new Onboarding(scan.assetId(), scan.scanId(), onboardingCause, scan.requestedAt()),
                    Condition.notExists(), AlreadyOnboarded::new);
        }
        try {
            tx.execute();
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
        return table.get(StoredScan.SCHEMA, StoredScan.key(scanId));
    }

    /** Replaces a scan if it is still in {@code expected} state (and, when given, holds that result hash and lease); false otherwise. */
    boolean replaceScan(StoredScan after, ScanStatus expected, StoredScan before) {
        List<String> conditions = new ArrayList<>(List.of("#status = :expected"));
        Map<String, AttributeValue> values = Attributes.values(":expected", expected.toString());
        if (before != null && before.resultHash() != null) {
            conditions.add("resultHash = :hash");
            values.put(":hash", StoredScan.SCHEMA.attributeValue(before, "resultHash"));
        }
        if (before != null && before.processingUntil() != null) {
            conditions.add("processingUntil = :lease");
            values.put(":lease", StoredScan.SCHEMA.attributeValue(before, "processingUntil"));
        }
        Condition condition = Condition.of(String.join(" AND ", conditions), Map.of("#status", "status"), values);
        try {
            table.of(StoredScan.SCHEMA).putItem(r -> r.item(after).conditionExpression(condition.asExpression()));
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
        TransactionWrites tx = table.transaction().put(StoredScan.SCHEMA, done,
                Condition.of("#status = :requested", Map.of("#status", "status"),
                        Attributes.values(":requested", ScanStatus.REQUESTED.toString())),
                ScanMoved::new);
        updates.forEach(u -> putFinding(tx, u));
        try {
            tx.execute();
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
            table.dynamo().updateItem(r -> r.tableName(table.name()).key(Target.key(assetId))
                    .updateExpression("SET #completed.#profile = :at")
                    .conditionExpression("attribute_exists(PK) AND (attribute_not_exists(#completed.#profile) OR #completed.#profile < :at)")
                    .expressionAttributeNames(Map.of("#completed", Target.COMPLETED, "#profile", profile.toString()))
                    .expressionAttributeValues(Attributes.values(":at", Target.scanTime(at))));
        } catch (ConditionalCheckFailedException ignored) {
            // target unknown, or a later completion is already recorded
        } catch (SdkException e) {
            // the scan is already completed; missing this mark costs at most one extra coverage scan
            Log.warn("completion not recorded on target", "assetId", assetId,
                    "profile", profile.toString(), "error", e.getClass().getSimpleName());
        }
    }

    Page<Scan> scans(ScanFilter filter, int limit, String cursor) {
        QueryRequest.Builder query = QueryRequest.builder().tableName(table.name()).scanIndexForward(false);
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
        return run(query, names, values, filters, filter.scope(), cursor, limit, i -> StoredScan.SCHEMA.mapToItem(i).scan());
    }

    /** Open scans whose time to answer ended by {@code now}, one page at a time. */
    Page<StoredScan> openScansDue(Instant now, String cursor) {
        QueryRequest query = QueryRequest.builder().tableName(table.name()).indexName("GSI5")
                .keyConditionExpression("GSI5PK = :pk AND GSI5SK < :now")
                .expressionAttributeValues(Attributes.values(":pk", StoredScan.OPEN_SCANS, ":now", Ids.sortable(now)))
                .build();
        return PagedQuery.run(table.dynamo(), cursors, "scans|open-due", cursor, PagedQuery.MAX_LIMIT, query, StoredScan.SCHEMA::mapToItem);
    }

    // ------------------------------------------------------------------ findings

    /** Every finding of one asset and profile, read consistently (what a scan result is compared with). */
    List<Finding> findings(String assetId, Profile profile) {
        return table.of(Finding.SCHEMA).query(r -> r.consistentRead(true)
                        .queryConditional(sortBeginsWith(k -> k.partitionValue(Finding.partition(assetId)).sortValue(Finding.sortPrefix(profile)))))
                .items().stream().toList();
    }

    /**
     * Writes what a large result did to findings, in transactions of {@value #CHUNK}: a new finding
     * only if its fingerprint is free, a changed one only if nobody changed it meanwhile. Each write
     * stands alone (a resumed attempt skips what is done), so small chunks keep every call short.
     */
    void writeFindings(List<FindingRules.Update> updates) {
        for (int start = 0; start < updates.size(); start += CHUNK) {
            TransactionWrites tx = table.transaction();
            updates.subList(start, Math.min(updates.size(), start + CHUNK)).forEach(u -> putFinding(tx, u));
            tx.execute();
        }
    }

    private static void putFinding(TransactionWrites tx, FindingRules.Update u) {
        tx.put(Finding.SCHEMA, u.after(), u.before() == null ? Condition.notExists() : versionIs(u.before()),
                () -> findingConflict(u.after()));
    }

    /** Replaces one finding if it is still at {@code before}'s version. */
    void replaceFinding(Finding before, Finding after) {
        try {
            table.of(Finding.SCHEMA).putItem(r -> r.item(after).conditionExpression(versionIs(before).asExpression()));
        } catch (ConditionalCheckFailedException changed) {
            throw findingConflict(after);
        }
    }

    /** A finding by id: its key from GSI1, then the item itself, read consistently. */
    Optional<Finding> finding(String findingId) {
        DynamoDbTable<Finding> findings = table.of(Finding.SCHEMA);
        return findings.index("GSI1")
                .query(r -> r.queryConditional(keyEqualTo(k -> k.partitionValue("FINDING#" + findingId).sortValue("FINDING"))))
                .stream().findFirst().flatMap(page -> page.items().stream().findFirst())
                .map(indexed -> findings.getItem(r -> r.key(findings.keyFrom(indexed)).consistentRead(true)));
    }

    Page<Finding> findings(FindingFilter filter, Instant now, int limit, String cursor) {
        QueryRequest.Builder query = QueryRequest.builder().tableName(table.name());
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> filters = new ArrayList<>();
        String status = filter.effectiveStatus() == null ? null : filter.effectiveStatus().toString();
        String nowKey = Ids.sortable(now);
        if (filter.assetId() != null) {
            index(query, values, "GSI6", Finding.partition(filter.assetId()));
            statusRange(query, values, "GSI6SK", status, filter.overdue(), nowKey);
            equal(filters, names, values, "severity", string(filter.severity()));
            equal(filters, names, values, "department", filter.department());
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
                values.put(":now", Attributes.s(nowKey));
            }
        } else {
            index(query, values, "GSI5", "FINDING#ALL");
        }
        return run(query, names, values, filters, filter.scope(), cursor, limit, Finding.SCHEMA::mapToItem);
    }

    /** Open findings whose deadline passed before {@code now}, most overdue first (the daily sweep). */
    Page<Finding> overdue(Instant now, String cursor) {
        QueryRequest query = QueryRequest.builder().tableName(table.name()).indexName("GSI3")
                .keyConditionExpression("GSI3PK = :pk AND GSI3SK < :now")
                .expressionAttributeValues(Attributes.values(":pk", "FINDING#STATUS#" + FindingStatus.OPEN, ":now", Ids.sortable(now)))
                .build();
        return PagedQuery.run(table.dynamo(), cursors, "findings|overdue-sweep", cursor, PagedQuery.MAX_LIMIT, query,
                Finding.SCHEMA::mapToItem);
    }

    /** Accepted risks whose acceptance ended by {@code now} (the daily sweep). */
    Page<Finding> expiredAcceptances(Instant now, String cursor) {
        QueryRequest query = QueryRequest.builder().tableName(table.name()).indexName("GSI3")
                .keyConditionExpression("GSI3PK = :pk AND GSI3SK <= :now")
                .expressionAttributeValues(Attributes.values(":pk", "FINDING#STATUS#" + FindingStatus.ACCEPTED_RISK,
                        ":now", Ids.sortable(now) + "#~"))
                .build();
        return PagedQuery.run(table.dynamo(), cursors, "findings|expiry-sweep", cursor, PagedQuery.MAX_LIMIT, query,
                Finding.SCHEMA::mapToItem);
    }

    /** How many open findings of {@code severity} there are (a COUNT query: items are read, not returned). */
    int countOpen(Severity severity) {
        return count("GSI4", sortBeginsWith(k -> k.partitionValue("FINDING#SEVERITY#" + severity).sortValue(FindingStatus.OPEN + "#")));
    }

    int countOverdue(Instant now) {
        return count("GSI3", sortLessThan(k -> k.partitionValue("FINDING#STATUS#" + FindingStatus.OPEN).sortValue(Ids.sortable(now))));
    }

    private int count(String index, QueryConditional key) {
        return table.of(Finding.SCHEMA).index(index).query(r -> r.queryConditional(key).select(Select.COUNT))
                .stream().mapToInt(page -> page.count()).sum();
    }

    // ------------------------------------------------------------------ helpers

    private <T> Page<T> run(QueryRequest.Builder query, Map<String, String> names, Map<String, AttributeValue> values,
                            List<String> filters, String scope, String cursor, int limit,
                            Function<Map<String, AttributeValue>, T> mapper) {
        if (!filters.isEmpty()) {
            query.filterExpression(String.join(" AND ", filters));
        }
        if (!names.isEmpty()) {
            query.expressionAttributeNames(names);
        }
        query.expressionAttributeValues(values);
        return PagedQuery.run(table.dynamo(), cursors, scope, cursor, limit, query.build(), mapper);
    }

    /** Narrows a {@code <status>#<time>#<id>} sort key to one status, and to times before now when overdue. */
    private static void statusRange(QueryRequest.Builder query, Map<String, AttributeValue> values, String sortKey,
                                    String status, boolean overdue, String nowKey) {
        String partition = sortKey.replace("SK", "PK");
        if (overdue) {
            query.keyConditionExpression(partition + " = :pk AND " + sortKey + " BETWEEN :from AND :to");
            values.put(":from", Attributes.s(FindingStatus.OPEN + "#"));
            values.put(":to", Attributes.s(FindingStatus.OPEN + "#" + nowKey));
        } else if (status != null) {
            query.keyConditionExpression(partition + " = :pk AND begins_with(" + sortKey + ", :status)");
            values.put(":status", Attributes.s(status + "#"));
        }
    }

    private static void index(QueryRequest.Builder query, Map<String, AttributeValue> values, String index, String partition) {
        query.indexName(index).keyConditionExpression(index + "PK = :pk");
        values.put(":pk", Attributes.s(partition));
    }

    private static void equal(List<String> filters, Map<String, String> names, Map<String, AttributeValue> values,
                              String attribute, String value) {
        if (value != null) {
            names.put("#" + attribute, attribute);
            values.put(":" + attribute, Attributes.s(value));
            filters.add("#" + attribute + " = :" + attribute);
        }
    }

    private static String string(Object value) {
        return value == null ? null : value.toString();
    }

    private static Condition versionIs(Finding before) {
        return Condition.of("version = :expected", Map.of(), Attributes.values(":expected", before.version()));
    }

    private static ApiException scanIdClash() {
        return new ApiException.Conflict("SCAN_EXISTS", "Scan id already used", Map.of(), Duration.ofSeconds(1));
    }

    private static ApiException findingConflict(Finding f) {
        return new ApiException.Conflict("FINDING_CHANGED",
                "Finding " + f.findingId() + " changed at the same moment; nothing was changed. Retry.", Map.of(), Duration.ofSeconds(1));
    }
}
