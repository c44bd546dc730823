package io.itops.shared.events;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;

import io.itops.shared.store.Attributes;
import io.itops.shared.store.SingleTable;
import io.itops.shared.store.TransactionWrites.Condition;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Makes event and schedule handlers idempotent: an id is claimed with a conditional write before
 * the work runs, so a redelivered event is skipped; a failed run releases the claim so the retry
 * does the work. Claims expire after a week (TTL).
 */
public final class ProcessedEvents {
    private static final Duration RETENTION = Duration.ofDays(7);
    private static final String SK = "PROCESSED";

    /** A claim: {@code PROCESSED#<consumer>#<id>}, expiring (TTL) after {@link #RETENTION}. */
    static final class Claim {
        String pk;
        long expiresAt;
    }

    static final TableSchema<Claim> SCHEMA = StaticTableSchema.builder(Claim.class)
            .newItemSupplier(Claim::new)
            .addAttribute(String.class, a -> a.name("PK").getter(c -> c.pk).setter((c, v) -> c.pk = v).tags(primaryPartitionKey()))
            .addAttribute(String.class, a -> a.name("SK").getter(c -> SK).setter((c, v) -> {}).tags(primarySortKey()))
            .addAttribute(Long.class, a -> a.name("expiresAt").getter(c -> c.expiresAt).setter((c, v) -> c.expiresAt = v))
            .build();

    private final SingleTable table;
    private final Clock clock;

    public ProcessedEvents(SingleTable table, Clock clock) {
        this.table = table;
        this.clock = clock;
    }

    /** Runs {@code work} unless {@code consumer} already handled {@code id}; returns whether it ran. */
    public boolean once(String consumer, String id, Runnable work) {
        Claim claim = new Claim();
        claim.pk = "PROCESSED#" + consumer + "#" + id;
        long now = clock.instant().getEpochSecond();
        claim.expiresAt = now + RETENTION.toSeconds();
        try {
            table.of(SCHEMA).putItem(r -> r.item(claim).conditionExpression(
                    Condition.of("attribute_not_exists(PK) OR expiresAt < :now", Map.of(), Attributes.values(":now", now)).asExpression()));
        } catch (ConditionalCheckFailedException duplicate) {
            return false;
        }
        try {
            work.run();
            return true;
        } catch (RuntimeException failure) {
            table.dynamo().deleteItem(r -> r.tableName(table.name()).key(Attributes.key(claim.pk, SK)));
            throw failure;
        }
    }
}
