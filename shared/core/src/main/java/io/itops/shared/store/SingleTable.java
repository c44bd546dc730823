package io.itops.shared.store;

import io.itops.shared.error.ApiException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The one table as every store uses it: the Enhanced Client's {@link DynamoDbTable} for each record
 * schema, consistent gets, batch get and batch write that resend what DynamoDB leaves unprocessed
 * (with the SDK's jittered exponential backoff between rounds, and a 503 when it keeps refusing),
 * and transactions whose conditions carry their domain errors. Mixed partitions (a session with its
 * enrolments) are read as maps and each item decoded by its own schema ({@link TableSchema#mapToItem}).
 */
public final class SingleTable {
    static final int BATCH_GET = 100;
    static final int BATCH_WRITE = 25;
    static final int ROUNDS = 6;
    private static final BackoffStrategy BACKOFF =
            BackoffStrategy.exponentialDelayHalfJitter(Duration.ofMillis(25), Duration.ofSeconds(1));

    private final DynamoDbClient dynamo;
    private final DynamoDbEnhancedClient enhanced;
    private final String name;
    private final Map<TableSchema<?>, DynamoDbTable<?>> tables = new ConcurrentHashMap<>();

    public SingleTable(DynamoDbClient dynamo, DynamoDbEnhancedClient enhanced, String name) {
        this.dynamo = dynamo;
        this.enhanced = enhanced;
        this.name = name;
    }

    public String name() {
        return name;
    }

    /** The low-level client, for what the Enhanced Client cannot say (ADD counters, list appends, queries over mixed items). */
    public DynamoDbClient dynamo() {
        return dynamo;
    }

    /** The typed view of the table for records of {@code schema}. */
    @SuppressWarnings("unchecked")
    public <T> DynamoDbTable<T> of(TableSchema<T> schema) {
        return (DynamoDbTable<T>) tables.computeIfAbsent(schema, s -> enhanced.table(name, s));
    }

    /** The item {@code schema} makes of {@code record}, nulls left out. */
    public static <T> Map<String, AttributeValue> item(TableSchema<T> schema, T record) {
        return schema.itemToMap(record, true);
    }

    /** A strongly consistent read of one item, decoded by {@code schema}. */
    public <T> Optional<T> get(TableSchema<T> schema, Map<String, AttributeValue> key) {
        return getItem(key).map(schema::mapToItem);
    }

    /** A strongly consistent read of one item, undecoded (for items whose type the caller must look at first). */
    public Optional<Map<String, AttributeValue>> getItem(Map<String, AttributeValue> key) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(name).key(key).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
    }

    /** An unconditional put of {@code record}. */
    public <T> void put(TableSchema<T> schema, T record) {
        of(schema).putItem(record);
    }

    /** Strongly consistent BatchGetItem of any number of keys, in calls of 100; order of the answer is not the keys' order. */
    public List<Map<String, AttributeValue>> batchGet(Collection<Map<String, AttributeValue>> keys) {
        List<Map<String, AttributeValue>> asked = List.copyOf(keys);
        List<Map<String, AttributeValue>> found = new ArrayList<>();
        for (int start = 0; start < asked.size(); start += BATCH_GET) {
            Map<String, KeysAndAttributes> pending = Map.of(name, KeysAndAttributes.builder()
                    .keys(asked.subList(start, Math.min(asked.size(), start + BATCH_GET))).consistentRead(true).build());
            for (int round = 1; !pending.isEmpty(); round++) {
                pauseBefore(round, "reading");
                Map<String, KeysAndAttributes> request = pending;
                BatchGetItemResponse response = dynamo.batchGetItem(r -> r.requestItems(request));
                found.addAll(response.responses().getOrDefault(name, List.of()));
                pending = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
            }
        }
        return found;
    }

    /** {@link #batchGet} decoded by {@code schema}. */
    public <T> List<T> batchGet(TableSchema<T> schema, Collection<Map<String, AttributeValue>> keys) {
        return batchGet(keys).stream().map(schema::mapToItem).toList();
    }

    /** BatchWriteItem of any number of writes, in calls of 25. Not atomic: each write must be safe to repeat. */
    public void batchWrite(List<WriteRequest> writes) {
        for (int start = 0; start < writes.size(); start += BATCH_WRITE) {
            Map<String, List<WriteRequest>> pending = Map.of(name, writes.subList(start, Math.min(writes.size(), start + BATCH_WRITE)));
            for (int round = 1; !pending.isEmpty(); round++) {
                pauseBefore(round, "writing");
                Map<String, List<WriteRequest>> request = pending;
                BatchWriteItemResponse response = dynamo.batchWriteItem(r -> r.requestItems(request));
                pending = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
            }
        }
    }

    /** Puts every record with {@link #batchWrite}. */
    public <T> void putAll(TableSchema<T> schema, Collection<T> records) {
        batchWrite(records.stream().map(r -> WriteRequest.builder().putRequest(p -> p.item(item(schema, r))).build()).toList());
    }

    /** A transaction on this table. */
    public TransactionWrites transaction() {
        return new TransactionWrites(name, dynamo);
    }

    /** Adds one to the counter item's {@code attribute} (created at 1) and returns the new value: never the same twice. */
    public long increment(Map<String, AttributeValue> key, String attribute) {
        return Long.parseLong(dynamo.updateItem(r -> r.tableName(name).key(key)
                .updateExpression("ADD #n :one").expressionAttributeNames(Map.of("#n", attribute))
                .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"))).returnValues(ReturnValue.UPDATED_NEW))
                .attributes().get(attribute).n());
    }

    private static void pauseBefore(int round, String doing) {
        if (round == 1) {
            return;
        }
        if (round > ROUNDS) {
            throw new ApiException.Unavailable("The table is busy; retry shortly.", Duration.ofSeconds(1));
        }
        try {
            Thread.sleep(BACKOFF.computeDelay(round - 1).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException.Unavailable("Interrupted while " + doing + "; retry shortly.", Duration.ofSeconds(1));
        }
    }
}
