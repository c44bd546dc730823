package io.itops.backup;

import static io.itops.backup.AuditSchemas.FINDING;
import static io.itops.backup.AuditSchemas.FINDING_ENTRY;
import static io.itops.backup.AuditSchemas.LOCK;
import static io.itops.backup.AuditSchemas.RUN;
import static io.itops.backup.AuditSchemas.SEGMENT;
import static io.itops.backup.AuditSchemas.SLOT_CLAIM;
import static io.itops.backup.BackupSchemas.AUDIT_MARK;
import static io.itops.backup.BackupSchemas.COVERAGE;

import io.itops.backup.AuditRuns.FindingFilter;
import io.itops.backup.AuditRuns.Lock;
import io.itops.backup.AuditRuns.RunState;
import io.itops.backup.AuditRuns.Segment;
import io.itops.backup.AuditSchemas.FindingEntry;
import io.itops.backup.AuditSchemas.SlotClaim;
import io.itops.backup.Records.AuditFinding;
import io.itops.backup.Records.AuditMark;
import io.itops.backup.Vocabulary.Change;
import io.itops.backup.Vocabulary.RunStatus;
import io.itops.shared.error.ApiException;
import io.itops.shared.store.AttributeUpdate;
import io.itops.shared.store.Attributes;
import io.itops.shared.store.CursorCodec;
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
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * DynamoDB access for audit runs: the lock that keeps one run at a time, run records whose segment
 * checkpoints move only by compare-and-set, the sparse audit index read page by page, findings, and
 * the marks each run leaves on coverage items. AWS exceptions stop here.
 */
final class AuditStore {
    private static final Map<String, String> STATUS = Map.of("#status", "status");
    private static final Condition RUNNING = Condition.of("#status = :running", STATUS,
            Map.of(":running", Attributes.s(RunStatus.RUNNING.toString())));
    /** What completing a run changes on its item. */
    private static final List<String> COMPLETION = List.of("status", "completedAt", "totals", "GSI4PK", "GSI4SK");

    private final SingleTable table;
    private final CursorCodec cursors;

    AuditStore(SingleTable table, CursorCodec cursors) {
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

    /** One page of a shard: the coverage items, where to go on (null at the end) and how many items DynamoDB read. */
    record ShardPage(List<Coverage> items, Map<String, AttributeValue> lastKey, int itemsRead) {}

    Optional<RunState> run(String runId) {
        return table.get(RUN, AuditSchemas.runKey(runId));
    }

    Optional<Lock> lock() {
        return table.get(LOCK, AuditSchemas.lockKey());
    }

    Optional<String> triggeredRun(String slotId) {
        return table.get(SLOT_CLAIM, AuditSchemas.slotKey(slotId)).map(SlotClaim::runId);
    }

    /** Takes the lock (free or past its lease) and stores the new run, and the slot's claim when scheduled. */
    void create(RunState run, String slotId, Instant now, Instant leaseUntil) {
        TransactionWrites tx = table.transaction();
        if (slotId != null) {
            tx.put(SLOT_CLAIM, new SlotClaim(slotId, run.runId(), now.plus(Duration.ofDays(30))), Condition.notExists(),
                    AlreadyTriggered::new);
        }
        tx.put(LOCK, new Lock(run.runId(), leaseUntil),
                        Condition.of("attribute_not_exists(PK) OR leaseUntil < :now", Map.of(),
                                Attributes.values(":now", now.getEpochSecond())),
                        Busy::new)
                .put(RUN, run, Condition.notExists(), () -> new ApiException.Conflict("RUN_EXISTS", "Run id already used"))
                .execute();
    }

    /** Extends the lock while {@code runId} holds it; false when another run took it over. */
    boolean renewLease(String runId, Instant until) {
        try {
            table.dynamo().updateItem(r -> r.tableName(table.name()).key(AuditSchemas.lockKey())
                    .updateExpression("SET leaseUntil = :until")
                    .conditionExpression("runId = :run")
                    .expressionAttributeValues(Attributes.values(":until", until.getEpochSecond(), ":run", runId)));
            return true;
        } catch (ConditionalCheckFailedException lost) {
            return false;
        }
    }

    void releaseLock(String runId) {
        try {
            table.of(LOCK).deleteItem(r -> r.key(Key.builder().partitionValue(AuditSchemas.LOCK_PK).sortValue(AuditSchemas.LOCK_SK).build())
                    .conditionExpression(Condition.of("runId = :run", Map.of(), Attributes.values(":run", runId)).asExpression()));
        } catch (ConditionalCheckFailedException notHeld) {
            // another run holds it now
        }
    }

    /** Counts an invocation working on the run; -1 when the run is no longer running. */
    long countInvocation(String runId) {
        try {
            return Long.parseLong(table.dynamo().updateItem(r -> r.tableName(table.name()).key(AuditSchemas.runKey(runId))
                    .updateExpression("ADD invocations :one")
                    .conditionExpression(RUNNING.expression())
                    .expressionAttributeNames(RUNNING.names())
                    .expressionAttributeValues(with(RUNNING.values(), ":one", Attributes.n(1)))
                    .returnValues(ReturnValue.UPDATED_NEW)).attributes().get("invocations").n());
        } catch (ConditionalCheckFailedException notRunning) {
            return -1;
        }
    }

    /** One page of an audit shard of the sparse index: only coverage items of audited assets live there. */
    ShardPage readShard(int shard, Map<String, AttributeValue> start, int pageSize) {
        var page = table.of(COVERAGE).index("GSI2")
                .query(r -> r.queryConditional(QueryConditional.keyEqualTo(k -> k.partitionValue(BackupSchemas.shardKey(shard))))
                        .limit(pageSize)
                        .exclusiveStartKey(start))
                .iterator().next();
        Map<String, AttributeValue> last = page.lastEvaluatedKey() == null || page.lastEvaluatedKey().isEmpty()
                ? null : page.lastEvaluatedKey();
        return new ShardPage(page.items(), last, page.scannedCount() == null ? page.items().size() : page.scannedCount());
    }

    /** Moves a segment's checkpoint from {@code before} to {@code after}; false when another invocation moved it first. */
    boolean checkpoint(String runId, Segment before, Segment after) {
        Map<String, String> names = new HashMap<>(STATUS);
        names.putAll(Map.of("#segments", "segments", "#seg", before.name(), "#pages", "pages"));
        try {
            table.dynamo().updateItem(r -> r.tableName(table.name()).key(AuditSchemas.runKey(runId))
                    .updateExpression("SET #segments.#seg = :after")
                    .conditionExpression("#segments.#seg.#pages = :pages AND " + RUNNING.expression())
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(with(with(RUNNING.values(), ":pages", Attributes.n(before.pages())),
                            ":after", AttributeValue.fromM(SingleTable.item(SEGMENT, after)))));
            return true;
        } catch (ConditionalCheckFailedException moved) {
            return false;
        }
    }

    /** Records what an audit found on a coverage item (only when it changed), leaving the writers' attributes alone. */
    void markAudited(String assetId, List<String> codes, String runId, List<String> prevCodes) {
        AttributeUpdate update = AttributeUpdate.of(SingleTable.item(AUDIT_MARK, new AuditMark(codes, runId, prevCodes)),
                AUDIT_MARK.attributeNames());
        Condition exists = update.joined(Condition.of("attribute_exists(PK)"));
        try {
            table.dynamo().updateItem(r -> r.tableName(table.name()).key(BackupSchemas.coverageKey(assetId))
                    .updateExpression(update.expression())
                    .conditionExpression(exists.expression())
                    .expressionAttributeNames(exists.names())
                    .expressionAttributeValues(exists.values()));
        } catch (ConditionalCheckFailedException gone) {
            // the coverage item no longer exists; nothing to mark
        }
    }

    /** Writes a page's findings (BatchWriteItem; a page processed again writes the same items). */
    void putFindings(List<FindingEntry> findings) {
        table.putAll(FINDING_ENTRY, findings);
    }

    /** Marks the run completed with its totals; false when it was not running (another invocation finished it). */
    boolean complete(RunState completed) {
        AttributeUpdate update = AttributeUpdate.of(SingleTable.item(RUN, completed), COMPLETION);
        Condition running = update.joined(RUNNING);
        try {
            table.dynamo().updateItem(r -> r.tableName(table.name()).key(AuditSchemas.runKey(completed.runId()))
                    .updateExpression(update.expression())
                    .conditionExpression(running.expression())
                    .expressionAttributeNames(running.names())
                    .expressionAttributeValues(running.values()));
            return true;
        } catch (ConditionalCheckFailedException notRunning) {
            return false;
        }
    }

    void markAnnounced(String runId) {
        table.dynamo().updateItem(r -> r.tableName(table.name()).key(AuditSchemas.runKey(runId))
                .updateExpression("SET announced = :yes")
                .expressionAttributeValues(Attributes.values(":yes", true)));
    }

    void abandon(String runId) {
        try {
            table.dynamo().updateItem(r -> r.tableName(table.name()).key(AuditSchemas.runKey(runId))
                    .updateExpression("SET #status = :abandoned")
                    .conditionExpression(RUNNING.expression())
                    .expressionAttributeNames(RUNNING.names())
                    .expressionAttributeValues(with(RUNNING.values(), ":abandoned", Attributes.s(RunStatus.ABANDONED.toString()))));
        } catch (ConditionalCheckFailedException notRunning) {
            // already finished or abandoned
        }
    }

    Page<RunState> runs(int limit, String cursor) {
        QueryRequest query = QueryRequest.builder().tableName(table.name()).indexName("GSI3")
                .keyConditionExpression("GSI3PK = :pk")
                .expressionAttributeValues(Attributes.values(":pk", AuditSchemas.ALL_RUNS))
                .scanIndexForward(false)
                .build();
        return PagedQuery.run(table.dynamo(), cursors, "backup-audits", cursor, limit, query, RUN::mapToItem);
    }

    Optional<RunState> latestCompleted() {
        return table.of(RUN).index("GSI4")
                .query(r -> r.queryConditional(QueryConditional.keyEqualTo(k -> k.partitionValue(AuditSchemas.COMPLETED_RUNS)))
                        .scanIndexForward(false)
                        .limit(1))
                .iterator().next().items().stream().findFirst();
    }

    Page<AuditFinding> findings(String runId, FindingFilter filter, int limit, String cursor) {
        String prefix = (filter.change() == Change.RESOLVED ? AuditSchemas.RESOLVED_PREFIX : AuditSchemas.FINDING_PREFIX)
                + (filter.code() == null ? "" : filter.code().name() + "#");
        Map<String, AttributeValue> values = Attributes.values(":pk", AuditSchemas.partition(runId), ":prefix", prefix);
        Map<String, String> names = new HashMap<>();
        List<String> filters = new ArrayList<>();
        if (filter.severity() != null) {
            names.put("#severity", "severity");
            values.put(":severity", Attributes.s(filter.severity().toString()));
            filters.add("#severity = :severity");
        }
        if (filter.department() != null) {
            names.put("#department", "department");
            values.put(":department", Attributes.s(filter.department()));
            filters.add("#department = :department");
        }
        if (filter.change() != null && filter.change() != Change.RESOLVED) {
            names.put("#change", "change");
            values.put(":change", Attributes.s(filter.change().toString()));
            filters.add("#change = :change");
        }
        QueryRequest.Builder query = QueryRequest.builder().tableName(table.name())
                .keyConditionExpression("PK = :pk AND begins_with(SK, :prefix)")
                .expressionAttributeValues(values);
        if (!filters.isEmpty()) {
            query.filterExpression(String.join(" AND ", filters)).expressionAttributeNames(names);
        }
        return PagedQuery.run(table.dynamo(), cursors, filter.scope(runId), cursor, limit, query.build(), FINDING::mapToItem);
    }

    private static Map<String, AttributeValue> with(Map<String, AttributeValue> values, String name, AttributeValue value) {
        Map<String, AttributeValue> out = new HashMap<>(values);
        out.put(name, value);
        return out;
    }
}
