package io.itops.shared.events;

import io.itops.shared.aws.EventBusClient;
import io.itops.shared.observability.Log;
import io.itops.shared.observability.Metrics;
import io.itops.shared.store.Ids;
import io.itops.shared.store.Item;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Events the bus did not take, kept in the table until a later attempt delivers them: a write that
 * committed never loses its events to an EventBridge outage. One partition per event source
 * ({@code OUTBOX#<source>}), oldest first; kept two weeks at most (TTL). The function's
 * {@code outbox-resend} schedule sends them again; consumers deduplicate by the {@code eventId} each
 * detail carries, so a resend after a lost answer is harmless.
 */
public final class Outbox {
    public static final Duration RETENTION = Duration.ofDays(14);
    private static final int PAGE = 100;
    private final DynamoDbClient dynamo;
    private final String table;
    private final String partition;
    private final Clock clock;

    public Outbox(DynamoDbClient dynamo, String table, String source, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.partition = "OUTBOX#" + source;
        this.clock = clock;
    }

    /** Keeps {@code entries}; if even the table cannot take one, its full detail goes to the log for a manual replay. */
    public void keep(List<EventBusClient.Entry> entries) {
        for (EventBusClient.Entry entry : entries) {
            Item item = Item.create()
                    .put("PK", partition)
                    .put("SK", Ids.ulid(clock))
                    .put("eventBusName", entry.eventBusName())
                    .put("source", entry.source())
                    .put("detailType", entry.detailType())
                    .put("detail", entry.detail())
                    .put("time", entry.time())
                    .put("expiresAt", clock.instant().plus(RETENTION).getEpochSecond());
            try {
                dynamo.putItem(r -> r.tableName(table).item(item.values()));
                Metrics.count("EventKeptInOutbox");
                Log.warn("event kept in the outbox", "detailType", entry.detailType());
            } catch (SdkException e) {
                Metrics.count("EventPublishFailed");
                Log.error("event not published", e, "detailType", entry.detailType(), "detail", entry.detail());
            }
        }
    }

    /**
     * Sends kept events again, oldest first, and forgets those the bus takes; returns how many it
     * delivered. While the bus is still failing it stops and leaves the rest for the next run.
     */
    public int resend(EventBusClient client) {
        int delivered = 0;
        try {
            for (QueryResponse page : dynamo.queryPaginator(r -> r.tableName(table).keyConditionExpression("PK = :pk")
                    .expressionAttributeValues(Item.values(":pk", partition)).consistentRead(true).limit(PAGE))) {
                List<Map<String, AttributeValue>> items = page.items();
                for (int i = 0; i < items.size(); i += EventBridgePublisher.BATCH) {
                    delivered += resend(client, items.subList(i, Math.min(items.size(), i + EventBridgePublisher.BATCH)));
                }
            }
        } catch (SdkException e) {
            Log.warn("outbox resend stopped; the next run continues", "error", e.getClass().getSimpleName(), "delivered", delivered);
        }
        if (delivered > 0) {
            Metrics.count("OutboxResent", delivered);
            Log.info("outbox events delivered", "count", delivered);
        }
        return delivered;
    }

    private int resend(EventBusClient client, List<Map<String, AttributeValue>> items) {
        List<EventBusClient.Entry> entries = new ArrayList<>();
        for (Map<String, AttributeValue> values : items) {
            Item item = Item.of(values);
            entries.add(new EventBusClient.Entry(item.string("eventBusName"), item.string("source"), item.string("detailType"),
                    item.string("detail"), item.instant("time")));
        }
        List<String> errors = client.putEvents(entries);
        int delivered = 0;
        for (int i = 0; i < items.size(); i++) {
            if (errors.get(i) == null) {
                Map<String, AttributeValue> key = Map.of("PK", items.get(i).get("PK"), "SK", items.get(i).get("SK"));
                dynamo.deleteItem(r -> r.tableName(table).key(key));
                delivered++;
            }
        }
        return delivered;
    }
}
