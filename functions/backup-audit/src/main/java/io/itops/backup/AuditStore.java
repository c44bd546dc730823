package io.itops.backup;

import io.itops.backup.AuditRuns.FindingFilter;
import io.itops.backup.AuditRuns.RunState;
import io.itops.backup.AuditRuns.Segment;
import io.itops.backup.Records.AuditFinding;
import io.itops.backup.Vocabulary.Change;
import io.itops.backup.Vocabulary.RunStatus;
import io.itops.shared.error.ApiException;
import io.itops.shared.store.CursorCodec;
import io.itops.shared.store.Item;
import io.itops.shared.store.Page;
import io.itops.shared.store.PagedQuery;
import io.itops.shared.store.TransactionWrites;
import io.itops.shared.store.TransactionWrites.Condition;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * DynamoDB access for audit runs: the lock that keeps one run at a time, run records whose segment
 * checkpoints move only by compare-and-set, the sparse audit index read page by page, findings, and
 * the marks each run leaves on coverage items. AWS exceptions stop here.
 */
final class AuditStore {
    private static final int BATCH_WRITE = 25;
    private final DynamoDbClient dynamo;
    private final String table;
    private final CursorCodec cursors;

    AuditStore(DynamoDbClient dynamo, String table, CursorCodec cursors) {
        this.dynamo = dynamo;
        this.table = table;
        this.cursors = cursors;
    }

    /** Another run holds the lock. */
    static final class Busy extends RuntimeException {
        Busy() {
            super("an audit is running", null, false, false);
        }
    }

    /** This schedule slot already started a run. */
    static final class AlreadyTriggered extends RuntimeException {
        AlreadyTriggered() {
            super("slot already triggered", null, false, false);
        }
    }

    record Lock(String runId, Instant leaseUntil) {}

    /** One page of a shard: the coverage items, where to go on (null at the end) and how many items DynamoDB read. */
    record ShardPage(List<Coverage> items, Map<String, AttributeValue> lastKey, int itemsRead) {}

    Optional<RunState> run(String runId) {
        return get(AuditItems.runKey(runId)).map(AuditItems::run);
    }

    Optional<Lock> lock() {
        return get(AuditItems.lockKey()).map(i -> new Lock(i.string("runId"), Instant.ofEpochSecond(i.longValue("leaseUntil"))));
    }

    Optional<String> triggeredRun(String slotId) {
        return get(AuditItems.triggerKey(slotId)).map(i -> i.string("runId"));
    }

    /** Takes the lock (free or past its lease) and stores the new run, and the slot's claim when scheduled. */
    void create(RunState run, String slotId, Instant now, Instant leaseUntil) {
        TransactionWrites tx = new TransactionWrites(table);
        if (slotId != null) {
            tx.put(AuditItems.trigger(slotId, run.runId(), now.plus(Duration.ofDays(30))), Condition.notExists(), AlreadyTriggered::new);
        }
        tx.put(AuditItems.lock(run.runId(), leaseUntil),
                        Condition.of("attribute_not_exists(PK) OR leaseUntil < :now", Map.of(), Item.values(":now", now.getEpochSecond())),
                        Busy::new)
                .put(AuditItems.run(run), Condition.notExists(), () -> new ApiException.Conflict("RUN_EXISTS", "Run id already used"))
                .execute(dynamo);
    }

    /** Extends the lock while {@code runId} holds it; false when another run took it over. */
    boolean renewLease(String runId, Instant until) {
        try {
            dynamo.updateItem(r -> r.tableName(table).key(AuditItems.lockKey())
                    .updateExpression("SET leaseUntil = :until")
                    .conditionExpression("runId = :run")
                    .expressionAttributeValues(Item.values(":until", until.getEpochSecond(), ":run", runId)));
            return true;
        } catch (ConditionalCheckFailedException lost) {
            return false;
        }
    }

    void releaseLock(String runId) {
        try {
            dynamo.deleteItem(r -> r.tableName(table).key(AuditItems.lockKey())
                    .conditionExpression("runId = :run")
                    .expressionAttributeValues(Item.values(":run", runId)));
        } catch (ConditionalCheckFailedException notHeld) {
            // another run holds it now
        }
    }

    /** Counts an invocation working on the run; -1 when the run is no longer running. */
    long countInvocation(String runId) {
        try {
            return Long.parseLong(dynamo.updateItem(r -> r.tableName(table).key(AuditItems.runKey(runId))
                    .updateExpression("ADD invocations :one")
                    .conditionExpression("#status = :running")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Item.values(":one", 1, ":running", RunStatus.RUNNING.toString()))
                    .returnValues(ReturnValue.UPDATED_NEW)).attributes().get("invocations").n());
        } catch (ConditionalCheckFailedException notRunning) {
            return -1;
        }
    }

    /** One page of an audit shard of the sparse index: only coverage items of audited assets live there. */
    ShardPage readShard(int shard, Map<String, AttributeValue> start, int pageSize) {
        QueryRequest.Builder query = QueryRequest.builder().tableName(table).indexName("GSI2")
                .keyConditionExpression("GSI2PK = :pk")
                .expressionAttributeValues(Item.values(":pk", BackupItems.shardKey(shard)))
                .limit(pageSize);
        if (start != null) {
            query.exclusiveStartKey(start);
        }
        QueryResponse response = dynamo.query(query.build());
        List<Coverage> items = new ArrayList<>(response.items().size());
        response.items().forEach(i -> items.add(BackupItems.coverage(Item.of(i))));
        Map<String, AttributeValue> last = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                ? response.lastEvaluatedKey() : null;
        return new ShardPage(items, last, response.scannedCount() == null ? items.size() : response.scannedCount());
    }

    /** Moves a segment's checkpoint from {@code before} to {@code after}; false when another invocation moved it first. */
    boolean checkpoint(String runId, Segment before, Segment after) {
        try {
            dynamo.updateItem(r -> r.tableName(table).key(AuditItems.runKey(runId))
                    .updateExpression("SET #segments.#seg = :after")
                    .conditionExpression("#segments.#seg.#pages = :pages AND #status = :running")
                    .expressionAttributeNames(Map.of("#segments", "segments", "#seg", before.name(), "#pages", "pages", "#status", "status"))
                    .expressionAttributeValues(Map.of(":after", AttributeValue.fromM(AuditItems.segment(after).values()),
                            ":pages", Item.n(before.pages()), ":running", Item.s(RunStatus.RUNNING.toString()))));
            return true;
        } catch (ConditionalCheckFailedException moved) {
            return false;
        }
    }

    /** Records what an audit found on a coverage item (only when it changed), leaving the writers' attributes alone. */
    void markAudited(String assetId, List<String> codes, String runId, List<String> prevCodes) {
        List<String> set = new ArrayList<>(List.of("#run = :run"));
        List<String> remove = new ArrayList<>();
        Map<String, AttributeValue> values = new HashMap<>(Item.values(":run", runId));
        (codes.isEmpty() ? remove : set).add(codes.isEmpty() ? "#codes" : "#codes = :codes");
        (prevCodes.isEmpty() ? remove : set).add(prevCodes.isEmpty() ? "#prev" : "#prev = :prev");
        if (!codes.isEmpty()) values.put(":codes", AttributeValue.fromL(codes.stream().map(Item::s).toList()));
        if (!prevCodes.isEmpty()) values.put(":prev", AttributeValue.fromL(prevCodes.stream().map(Item::s).toList()));
        String expression = "SET " + String.join(", ", set) + (remove.isEmpty() ? "" : " REMOVE " + String.join(", ", remove));
        try {
            dynamo.updateItem(r -> r.tableName(table).key(BackupItems.coverageKey(assetId))
                    .updateExpression(expression)
                    .conditionExpression("attribute_exists(PK)")
                    .expressionAttributeNames(Map.of("#run", "auditChangedRun", "#codes", "auditCodes", "#prev", "auditPrevCodes"))
                    .expressionAttributeValues(values));
        } catch (ConditionalCheckFailedException gone) {
            // the coverage item no longer exists; nothing to mark
        }
    }

    /** Writes findings in BatchWriteItem calls of 25, resending what DynamoDB leaves unprocessed. */
    void putFindings(List<Item> items) {
        for (int start = 0; start < items.size(); start += BATCH_WRITE) {
            List<WriteRequest> writes = items.subList(start, Math.min(items.size(), start + BATCH_WRITE)).stream()
                    .map(i -> WriteRequest.builder().putRequest(PutRequest.builder().item(i.values()).build()).build())
                    .toList();
            Map<String, List<WriteRequest>> request = Map.of(table, writes);
            for (int attempt = 0; !request.isEmpty(); attempt++) {
                if (attempt > 0) {
                    sleep(Math.min(2000, 25L << Math.min(attempt, 7)));
                }
                if (attempt > 10) {
                    throw new ApiException.Unavailable("The table keeps refusing writes", Duration.ofSeconds(5));
                }
                Map<String, List<WriteRequest>> pending = request;
                BatchWriteItemResponse response = dynamo.batchWriteItem(r -> r.requestItems(pending));
                request = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
            }
        }
    }

    /** Marks the run completed with its totals; false when it was not running (another invocation finished it). */
    boolean complete(RunState completed) {
        Item run = AuditItems.run(completed);
        Map<String, AttributeValue> values = new HashMap<>(Map.of(
                ":completed", Item.s(RunStatus.COMPLETED.toString()), ":running", Item.s(RunStatus.RUNNING.toString()),
                ":at", run.values().get("completedAt"), ":totals", run.values().get("totals"),
                ":gsiPk", run.values().get("GSI4PK"), ":gsiSk", run.values().get("GSI4SK")));
        try {
            dynamo.updateItem(r -> r.tableName(table).key(AuditItems.runKey(completed.runId()))
                    .updateExpression("SET #status = :completed, completedAt = :at, totals = :totals, GSI4PK = :gsiPk, GSI4SK = :gsiSk")
                    .conditionExpression("#status = :running")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException notRunning) {
            return false;
        }
    }

    void markAnnounced(String runId) {
        dynamo.updateItem(r -> r.tableName(table).key(AuditItems.runKey(runId))
                .updateExpression("SET announced = :yes")
                .expressionAttributeValues(Item.values(":yes", true)));
    }

    void abandon(String runId) {
        try {
            dynamo.updateItem(r -> r.tableName(table).key(AuditItems.runKey(runId))
                    .updateExpression("SET #status = :abandoned")
                    .conditionExpression("#status = :running")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Item.values(":abandoned", RunStatus.ABANDONED.toString(),
                            ":running", RunStatus.RUNNING.toString())));
        } catch (ConditionalCheckFailedException notRunning) {
            // already finished or abandoned
        }
    }

    Page<RunState> runs(int limit, String cursor) {
        QueryRequest query = QueryRequest.builder().tableName(table).indexName("GSI3")
                .keyConditionExpression("GSI3PK = :pk")
                .expressionAttributeValues(Item.values(":pk", "AUDITRUN#ALL"))
                .scanIndexForward(false)
                .build();
        return PagedQuery.run(dynamo, cursors, "backup-audits", cursor, limit, query, AuditItems::run);
    }

    Optional<RunState> latestCompleted() {
        QueryResponse response = dynamo.query(r -> r.tableName(table).indexName("GSI4")
                .keyConditionExpression("GSI4PK = :pk")
                .expressionAttributeValues(Item.values(":pk", "AUDITRUN#COMPLETED"))
                .scanIndexForward(false)
                .limit(1));
        return response.items().stream().findFirst().map(i -> AuditItems.run(Item.of(i)));
    }

    Page<AuditFinding> findings(String runId, FindingFilter filter, int limit, String cursor) {
        String prefix = (filter.change() == Change.RESOLVED ? AuditItems.RESOLVED_PREFIX : AuditItems.FINDING_PREFIX)
                + (filter.code() == null ? "" : filter.code().name() + "#");
        Map<String, AttributeValue> values = new HashMap<>(Item.values(":pk", AuditItems.partition(runId), ":prefix", prefix));
        Map<String, String> names = new HashMap<>();
        List<String> filters = new ArrayList<>();
        if (filter.severity() != null) {
            names.put("#severity", "severity");
            values.put(":severity", Item.s(filter.severity().toString()));
            filters.add("#severity = :severity");
        }
        if (filter.department() != null) {
            names.put("#department", "department");
            values.put(":department", Item.s(filter.department()));
            filters.add("#department = :department");
        }
        if (filter.change() != null && filter.change() != Change.RESOLVED) {
            names.put("#change", "change");
            values.put(":change", Item.s(filter.change().toString()));
            filters.add("#change = :change");
        }
        QueryRequest.Builder query = QueryRequest.builder().tableName(table)
                .keyConditionExpression("PK = :pk AND begins_with(SK, :prefix)")
                .expressionAttributeValues(values);
        if (!filters.isEmpty()) {
            query.filterExpression(String.join(" AND ", filters)).expressionAttributeNames(names);
        }
        return PagedQuery.run(dynamo, cursors, filter.scope(runId), cursor, limit, query.build(), AuditItems::finding);
    }

    private Optional<Item> get(Map<String, AttributeValue> key) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).key(key).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(Item.of(item));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException.Unavailable("Interrupted; retry.", Duration.ofSeconds(1));
        }
    }
}
