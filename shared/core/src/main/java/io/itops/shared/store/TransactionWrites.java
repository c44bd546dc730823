package io.itops.shared.store;

import io.itops.shared.error.ApiException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Builds one DynamoDB transaction whose conditions carry the domain error to raise when they fail:
 * a cancelled transaction becomes the error of its first failed condition, so stores state their
 * rules once, beside the write that enforces them.
 */
public final class TransactionWrites {
    private final String table;
    private final DynamoDbClient dynamo;
    private final List<TransactWriteItem> writes = new ArrayList<>();
    private final List<Supplier<? extends RuntimeException>> onConditionFailed = new ArrayList<>();

    TransactionWrites(String table, DynamoDbClient dynamo) {
        this.table = table;
        this.dynamo = dynamo;
    }

    /** Puts {@code record} as its schema makes it. */
    public <T> TransactionWrites put(TableSchema<T> schema, T record) {
        return put(SingleTable.item(schema, record));
    }

    /** Puts {@code record} as its schema makes it, if {@code condition} holds; else {@code onFailure}'s error. */
    public <T> TransactionWrites put(TableSchema<T> schema, T record, Condition condition, Supplier<? extends RuntimeException> onFailure) {
        return put(SingleTable.item(schema, record), condition, onFailure);
    }

    public TransactionWrites put(Map<String, AttributeValue> item) {
        return add(TransactWriteItem.builder().put(p -> p.tableName(table).item(item)).build(), null);
    }

    public TransactionWrites put(Map<String, AttributeValue> item, Condition condition, Supplier<? extends RuntimeException> onFailure) {
        return add(TransactWriteItem.builder().put(p -> {
            p.tableName(table).item(item).conditionExpression(condition.expression());
            if (!condition.names().isEmpty()) p.expressionAttributeNames(condition.names());
            if (!condition.values().isEmpty()) p.expressionAttributeValues(condition.values());
        }).build(), onFailure);
    }

    public TransactionWrites update(Map<String, AttributeValue> key, String updateExpression, Condition condition,
                                    Supplier<? extends RuntimeException> onFailure) {
        return add(TransactWriteItem.builder().update(u -> {
            u.tableName(table).key(key).updateExpression(updateExpression);
            if (condition.expression() != null) u.conditionExpression(condition.expression());
            if (!condition.names().isEmpty()) u.expressionAttributeNames(condition.names());
            if (!condition.values().isEmpty()) u.expressionAttributeValues(condition.values());
        }).build(), onFailure);
    }

    public TransactionWrites delete(Map<String, AttributeValue> key) {
        return add(TransactWriteItem.builder().delete(d -> d.tableName(table).key(key)).build(), null);
    }

    public TransactionWrites delete(Map<String, AttributeValue> key, Condition condition, Supplier<? extends RuntimeException> onFailure) {
        return add(TransactWriteItem.builder().delete(d -> {
            d.tableName(table).key(key).conditionExpression(condition.expression());
            if (!condition.names().isEmpty()) d.expressionAttributeNames(condition.names());
            if (!condition.values().isEmpty()) d.expressionAttributeValues(condition.values());
        }).build(), onFailure);
    }

    public TransactionWrites conditionCheck(Map<String, AttributeValue> key, Condition condition, Supplier<? extends RuntimeException> onFailure) {
        return add(TransactWriteItem.builder().conditionCheck(c -> {
            c.tableName(table).key(key).conditionExpression(condition.expression());
            if (!condition.names().isEmpty()) c.expressionAttributeNames(condition.names());
            if (!condition.values().isEmpty()) c.expressionAttributeValues(condition.values());
        }).build(), onFailure);
    }

    private TransactionWrites add(TransactWriteItem write, Supplier<? extends RuntimeException> onFailure) {
        writes.add(write);
        onConditionFailed.add(onFailure);
        return this;
    }

    public int size() {
        return writes.size();
    }

    public void execute() {
        if (writes.isEmpty()) {
            return;
        }
        try {
            dynamo.transactWriteItems(r -> r.transactItems(writes));
        } catch (TransactionCanceledException cancelled) {
            throw translate(cancelled);
        }
    }

    private RuntimeException translate(TransactionCanceledException cancelled) {
        List<CancellationReason> reasons = cancelled.hasCancellationReasons() ? cancelled.cancellationReasons() : List.of();
        for (int i = 0; i < reasons.size() && i < onConditionFailed.size(); i++) {
            if ("ConditionalCheckFailed".equals(reasons.get(i).code()) && onConditionFailed.get(i) != null) {
                return onConditionFailed.get(i).get();
            }
        }
        for (CancellationReason reason : reasons) {
            if ("ThrottlingError".equals(reason.code()) || "ProvisionedThroughputExceeded".equals(reason.code())) {
                return new ApiException.Unavailable("The table is busy; nothing was changed. Retry shortly.", Duration.ofSeconds(1));
            }
        }
        return new ApiException.Conflict("CONCURRENT_UPDATE",
                "Another change to the same records happened at the same moment; nothing was changed. Retry.",
                Map.of(), Duration.ofSeconds(1));
    }

    /** A condition expression with its placeholders. */
    public record Condition(String expression, Map<String, String> names, Map<String, AttributeValue> values) {
        public static Condition of(String expression) {
            return new Condition(expression, Map.of(), Map.of());
        }

        public static Condition of(String expression, Map<String, String> names, Map<String, AttributeValue> values) {
            return new Condition(expression, names, values);
        }

        public static Condition none() {
            return new Condition(null, Map.of(), Map.of());
        }

        public static Condition notExists() {
            return of("attribute_not_exists(PK)");
        }

        /** The Enhanced Client's form of this condition (for conditional puts and deletes through a {@code DynamoDbTable}). */
        public Expression asExpression() {
            return Expression.builder().expression(expression)
                    .expressionNames(names.isEmpty() ? null : names)
                    .expressionValues(values.isEmpty() ? null : values)
                    .build();
        }
    }
}
