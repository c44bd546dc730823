package io.itops.backup;

import io.itops.backup.BackupItems.Update;
import io.itops.backup.Records.Job;
import io.itops.backup.Records.RestoreTest;
import io.itops.shared.error.ApiException;
import io.itops.shared.error.Problems;
import io.itops.shared.store.CursorCodec;
import io.itops.shared.store.Item;
import io.itops.shared.store.Page;
import io.itops.shared.store.PagedQuery;
import io.itops.shared.store.TransactionWrites;
import io.itops.shared.store.TransactionWrites.Condition;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * DynamoDB access for coverage, job history and restore evidence. Every change to a coverage item is
 * conditional on the revision that was read, so concurrent reports never lose each other's latest
 * job. AWS exceptions stop here.
 */
final class BackupStore {
    private static final int BATCH_GET = 100;
    private final DynamoDbClient dynamo;
    private final String table;
    private final CursorCodec cursors;

    BackupStore(DynamoDbClient dynamo, String table, CursorCodec cursors) {
        this.dynamo = dynamo;
        this.table = table;
        this.cursors = cursors;
    }

    /** The revision read is stale: someone changed the coverage meanwhile; read again and retry. */
    static final class StaleCoverage extends RuntimeException {
        StaleCoverage() {
            super("coverage changed concurrently", null, false, false);
        }
    }

    /** The agent already reported this job id. */
    static final class DuplicateJob extends RuntimeException {
        DuplicateJob() {
            super("job already reported", null, false, false);
        }
    }

    Optional<Coverage> find(String assetId) {
        Map<String, AttributeValue> item = mapped(() -> dynamo.getItem(r -> r.tableName(table)
                .key(BackupItems.coverageKey(assetId)).consistentRead(true)).item());
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(BackupItems.coverage(Item.of(item)));
    }

    /** Coverage of many assets in BatchGetItem calls of 100 keys; missing assets are absent from the map. */
    Map<String, Coverage> findAll(Collection<String> assetIds) {
        Map<String, Coverage> found = new HashMap<>();
        List<String> ids = List.copyOf(new java.util.LinkedHashSet<>(assetIds));
        for (int start = 0; start < ids.size(); start += BATCH_GET) {
            List<Map<String, AttributeValue>> keys = ids.subList(start, Math.min(ids.size(), start + BATCH_GET)).stream()
                    .map(BackupItems::coverageKey).toList();
            Map<String, KeysAndAttributes> request = Map.of(table, KeysAndAttributes.builder().keys(keys).consistentRead(true).build());
            for (int attempt = 0; !request.isEmpty(); attempt++) {
                if (attempt > 0) {
                    backoff(attempt);
                }
                Map<String, KeysAndAttributes> pending = request;
                BatchGetItemResponse response = dynamo.batchGetItem(r -> r.requestItems(pending));
                response.responses().getOrDefault(table, List.of())
                        .forEach(i -> found.put(i.get("assetId").s(), BackupItems.coverage(Item.of(i))));
                request = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
                if (attempt > 8 && !request.isEmpty()) {
                    throw new ApiException.Unavailable("The table is busy; retry shortly.", java.time.Duration.ofSeconds(1));
                }
            }
        }
        return found;
    }

    /** Asset ids whose projection carries {@code tag} (normally one). */
    List<String> assetIdsByTag(String tag) {
        return dynamo.query(r -> r.tableName(table).indexName("GSI1")
                        .keyConditionExpression("GSI1PK = :pk")
                        .expressionAttributeValues(Item.values(":pk", BackupItems.tagKey(tag))))
                .items().stream().map(i -> i.get("assetId").s()).toList();
    }

    /** Writes {@code after} over {@code before} (null: a new item); false when someone changed it meanwhile. */
    boolean save(Coverage before, Coverage after) {
        Update update = BackupItems.coverageUpdate(next(before, after));
        Map<String, String> names = new LinkedHashMap<>(update.names());
        Map<String, AttributeValue> values = new HashMap<>(update.values());
        String condition = condition(before, names, values);
        try {
            dynamo.updateItem(r -> r.tableName(table).key(BackupItems.coverageKey(after.assetId()))
                    .updateExpression(update.expression())
                    .conditionExpression(condition)
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException changed) {
            return false;
        }
    }

    /**
     * Stores a reported job: claims its id for the agent, adds it to the history and, when it moves
     * the latest job or latest success, updates the coverage; all or nothing.
     */
    void recordJob(Coverage before, Coverage after, Job job, String agent, String fingerprint, String uniqueId) {
        TransactionWrites tx = new TransactionWrites(table)
                .put(BackupItems.guard(agent, job, fingerprint), Condition.notExists(), DuplicateJob::new)
                .put(BackupItems.jobHistory(job, uniqueId));
        coverageWrite(tx, before, after);
        execute(tx);
    }

    void recordRestoreTest(Coverage before, Coverage after, RestoreTest test) {
        TransactionWrites tx = new TransactionWrites(table)
                .put(BackupItems.restoreHistory(test), Condition.notExists(),
                        () -> new ApiException.Conflict("RESTORE_TEST_EXISTS", "Restore test id already used"));
        coverageWrite(tx, before, after);
        execute(tx);
    }

    /** The fingerprint stored with a claimed job id, to tell a repeat from a different report reusing the id. */
    Optional<String> claimedFingerprint(String agent, String jobId) {
        Map<String, AttributeValue> item = mapped(() -> dynamo.getItem(r -> r.tableName(table)
                .key(BackupItems.guardKey(agent, jobId)).consistentRead(true)).item());
        return item == null || item.isEmpty() ? Optional.empty() : Optional.ofNullable(Item.of(item).string("fingerprint"));
    }

    Page<Job> jobs(String assetId, int limit, String cursor) {
        QueryRequest query = QueryRequest.builder().tableName(table)
                .keyConditionExpression("PK = :pk AND begins_with(SK, :prefix)")
                .expressionAttributeValues(Item.values(":pk", BackupItems.partition(assetId), ":prefix", BackupItems.JOB_PREFIX))
                .scanIndexForward(false)
                .build();
        return PagedQuery.run(dynamo, cursors, "backup-jobs|" + assetId, cursor, limit, query, BackupItems::jobHistory);
    }

    private void coverageWrite(TransactionWrites tx, Coverage before, Coverage after) {
        if (after == null) {
            tx.conditionCheck(BackupItems.coverageKey(before.assetId()), Condition.of("attribute_exists(PK)"), StaleCoverage::new);
            return;
        }
        Update update = BackupItems.coverageUpdate(next(before, after));
        Map<String, String> names = new LinkedHashMap<>(update.names());
        Map<String, AttributeValue> values = new HashMap<>(update.values());
        String condition = condition(before, names, values);
        tx.update(BackupItems.coverageKey(after.assetId()), update.expression(),
                Condition.of(condition, names, values), StaleCoverage::new);
    }

    private static Coverage next(Coverage before, Coverage after) {
        long rev = before == null ? 1 : before.rev() + 1;
        return new Coverage(after.asset(), after.policy(), after.lastJob(), after.lastSuccess(), after.lastRestoreTest(),
                rev, after.audit());
    }

    private static String condition(Coverage before, Map<String, String> names, Map<String, AttributeValue> values) {
        if (before == null) {
            return "attribute_not_exists(PK)";
        }
        names.put("#rev", "rev");
        values.put(":expectedRev", Item.n(before.rev()));
        return "attribute_exists(PK) AND #rev = :expectedRev";
    }

    private void execute(TransactionWrites tx) {
        mapped(() -> {
            tx.execute(dynamo);
            return null;
        });
    }

    /** Throttling and timeouts become ApiException.Unavailable, which callers may treat per row. */
    private static <T> T mapped(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (SdkException failure) {
            ApiException mapped = Problems.asApiException(failure);
            throw mapped != null ? mapped : failure;
        }
    }

    private static void backoff(int attempt) {
        try {
            Thread.sleep(Math.min(1000, 25L << Math.min(attempt, 6)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException.Unavailable("Interrupted; retry.", java.time.Duration.ofSeconds(1));
        }
    }
}
