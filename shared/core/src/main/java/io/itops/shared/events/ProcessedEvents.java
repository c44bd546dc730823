package io.itops.shared.events;

import io.itops.shared.store.Item;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Makes event and schedule handlers idempotent: an id is claimed with a conditional write before
 * the work runs, so a redelivered event is skipped; a failed run releases the claim so the retry
 * does the work. Claims expire after a week (TTL).
 */
public final class ProcessedEvents {
    private static final Duration RETENTION = Duration.ofDays(7);
    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;

    public ProcessedEvents(DynamoDbClient dynamo, String table, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
    }

    /** Runs {@code work} unless {@code consumer} already handled {@code id}; returns whether it ran. */
    public boolean once(String consumer, String id, Runnable work) {
        Map<String, AttributeValue> key = Map.of("PK", Item.s("PROCESSED#" + consumer + "#" + id), "SK", Item.s("PROCESSED"));
        long now = clock.instant().getEpochSecond();
        try {
            dynamo.putItem(r -> r.tableName(table)
                    .item(Item.of(new java.util.HashMap<>(key)).put("expiresAt", now + RETENTION.toSeconds()).values())
                    .conditionExpression("attribute_not_exists(PK) OR expiresAt < :now")
                    .expressionAttributeValues(Item.values(":now", now)));
        } catch (ConditionalCheckFailedException duplicate) {
            return false;
        }
        try {
            work.run();
            return true;
        } catch (RuntimeException failure) {
            dynamo.deleteItem(r -> r.tableName(table).key(key));
            throw failure;
        }
    }
}
