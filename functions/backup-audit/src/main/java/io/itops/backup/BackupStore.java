package io.itops.backup;

import static io.itops.backup.BackupSchemas.AUDIT_MARK;
import static io.itops.backup.BackupSchemas.COVERAGE;
import static io.itops.backup.BackupSchemas.JOB_CLAIM;
import static io.itops.backup.BackupSchemas.JOB_ENTRY;
import static io.itops.backup.BackupSchemas.RESTORE_ENTRY;

import io.itops.backup.BackupSchemas.JobClaim;
import io.itops.backup.BackupSchemas.JobEntry;
import io.itops.backup.Records.AuditMark;
import io.itops.backup.Records.Job;
import io.itops.backup.Records.RestoreTest;
import io.itops.shared.error.ApiException;
import io.itops.shared.error.Problems;
import io.itops.shared.store.AttributeUpdate;
import io.itops.shared.store.Attributes;
import io.itops.shared.store.CursorCodec;
import io.itops.shared.store.Page;
import io.itops.shared.store.PagedQuery;
import io.itops.shared.store.SingleTable;
import io.itops.shared.store.TransactionWrites;
import io.itops.shared.store.TransactionWrites.Condition;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * DynamoDB access for coverage, job history and restore evidence. Every change to a coverage item is
 * conditional on the revision that was read, so concurrent reports never lose each other's latest
 * job. AWS exceptions stop here.
 */
final class BackupStore {
    /** What writers own on a coverage item: every attribute but its key and the audit's marks. */
    static final List<String> WRITER_OWNED = COVERAGE.attributeNames().stream()
            .filter(name -> !name.equals("PK") && !name.equals("SK") && !AUDIT_MARK.attributeNames().contains(name))
            .toList();
    private static final List<String> WRITER_OWNED_AND_MARKS = COVERAGE.attributeNames().stream()
            .filter(name -> !name.equals("PK") && !name.equals("SK"))
            .toList();

    private final SingleTable table;
    private final CursorCodec cursors;

    BackupStore(SingleTable table, CursorCodec cursors) {
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
        return mapped(() -> table.get(COVERAGE, BackupSchemas.coverageKey(assetId)));
    }

    /** Coverage of many assets (BatchGetItem); missing assets are absent from the map. */
    Map<String, Coverage> findAll(Collection<String> assetIds) {
        Map<String, Coverage> found = new HashMap<>();
        List<Map<String, AttributeValue>> keys = new LinkedHashSet<>(assetIds).stream()
                .map(BackupSchemas::coverageKey).toList();
        table.batchGet(COVERAGE, keys).forEach(c -> found.put(c.assetId(), c));
        return found;
    }

    /** Asset ids whose projection carries {@code tag} (normally one). */
    List<String> assetIdsByTag(String tag) {
        return table.of(COVERAGE).index("GSI1")
                .query(r -> r.queryConditional(QueryConditional.keyEqualTo(k -> k.partitionValue(BackupSchemas.tagKey(tag)))))
                .stream().flatMap(page -> page.items().stream()).map(Coverage::assetId).toList();
    }

    /** Writes {@code after} over {@code before} (null: a new item); false when someone changed it meanwhile. */
    boolean save(Coverage before, Coverage after) {
        AttributeUpdate update = writersUpdate(before, after);
        Condition condition = update.joined(revision(before));
        try {
            table.dynamo().updateItem(r -> r.tableName(table.name()).key(BackupSchemas.coverageKey(after.assetId()))
                    .updateExpression(update.expression())
                    .conditionExpression(condition.expression())
                    .expressionAttributeNames(condition.names())
                    .expressionAttributeValues(condition.values()));
            return true;
        } catch (ConditionalCheckFailedException changed) {
            return false;
        }
    }

    /**
     * Stores a reported job: claims its id for the agent, adds it to the history and, when it moves
     * the latest job or latest success, updates the coverage; all or nothing.
     */
    void recordJob(Coverage before, Coverage after, Job job, String agent, String fingerprint, String entryId) {
        TransactionWrites tx = table.transaction()
                .put(JOB_CLAIM, new JobClaim(agent, job.jobId(), job.assetId(), fingerprint, job.receivedAt()),
                        Condition.notExists(), DuplicateJob::new)
                .put(JOB_ENTRY, new JobEntry(job, entryId));
        coverageWrite(tx, before, after);
        execute(tx);
    }

    void recordRestoreTest(Coverage before, Coverage after, RestoreTest test) {
        TransactionWrites tx = table.transaction()
                .put(RESTORE_ENTRY, test, Condition.notExists(),
                        () -> new ApiException.Conflict("RESTORE_TEST_EXISTS", "Restore test id already used"));
        coverageWrite(tx, before, after);
        execute(tx);
    }

    /** The fingerprint stored with a claimed job id, to tell a repeat from a different report reusing the id. */
    Optional<String> claimedFingerprint(String agent, String jobId) {
        return mapped(() -> table.get(JOB_CLAIM, BackupSchemas.claimKey(agent, jobId)).map(JobClaim::fingerprint));
    }

    Page<Job> jobs(String assetId, int limit, String cursor) {
        QueryRequest query = QueryRequest.builder().tableName(table.name())
                .keyConditionExpression("PK = :pk AND begins_with(SK, :prefix)")
                .expressionAttributeValues(Attributes.values(":pk", BackupSchemas.partition(assetId), ":prefix", BackupSchemas.JOB_PREFIX))
                .scanIndexForward(false)
                .build();
        return PagedQuery.run(table.dynamo(), cursors, "backup-jobs|" + assetId, cursor, limit, query,
                item -> JOB_ENTRY.mapToItem(item).job());
    }

    private void coverageWrite(TransactionWrites tx, Coverage before, Coverage after) {
        if (after == null) {
            tx.conditionCheck(BackupSchemas.coverageKey(before.assetId()), Condition.of("attribute_exists(PK)"), StaleCoverage::new);
            return;
        }
        AttributeUpdate update = writersUpdate(before, after);
        tx.update(BackupSchemas.coverageKey(after.assetId()), update.expression(), update.joined(revision(before)), StaleCoverage::new);
    }

    /**
     * The update that makes the stored coverage equal {@code after} in the writers' attributes, with
     * the next revision; attributes {@code after} lacks are removed. Leaving the audited set also
     * forgets what the audits found, so returning later counts as new.
     */
    private static AttributeUpdate writersUpdate(Coverage before, Coverage after) {
        Coverage next = after.withRev(before == null ? 1 : before.rev() + 1);
        if (next.inScope()) {
            return AttributeUpdate.of(SingleTable.item(COVERAGE, next), WRITER_OWNED);
        }
        return AttributeUpdate.of(SingleTable.item(COVERAGE, next.withAudit(AuditMark.NONE)), WRITER_OWNED_AND_MARKS);
    }

    /** The item is still at the revision read ({@code before}), or still absent. */
    private static Condition revision(Coverage before) {
        if (before == null) {
            return Condition.notExists();
        }
        return Condition.of("attribute_exists(PK) AND #rev = :expectedRev", Map.of("#rev", "rev"),
                Map.of(":expectedRev", Attributes.n(before.rev())));
    }

    private static void execute(TransactionWrites tx) {
        mapped(() -> {
            tx.execute();
            return null;
        });
    }

    /** Throttling and timeouts become ApiException.Unavailable, which callers may treat per row. */
    private static <T> T mapped(Supplier<T> call) {
        try {
            return call.get();
        } catch (SdkException failure) {
            ApiException mapped = Problems.asApiException(failure);
            throw mapped != null ? mapped : failure;
        }
    }
}
