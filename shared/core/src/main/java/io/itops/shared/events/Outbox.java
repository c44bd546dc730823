package io.itops.shared.events;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;

import io.itops.shared.observability.Log;
import io.itops.shared.observability.Metrics;
import io.itops.shared.store.Ids;
import io.itops.shared.store.SingleTable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;
import software.amazon.awssdk.enhanced.dynamodb.model.Page;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;

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

    /** A kept event: its PutEvents entry, under {@code OUTBOX#<source>} / a ULID (oldest first). */
    static final class Kept {
        String pk;
        String sk;
        String eventBusName;
        String source;
        String detailType;
        String detail;
        Instant time;
        Long expiresAt;

        PutEventsRequestEntry entry() {
            return PutEventsRequestEntry.builder().eventBusName(eventBusName).source(source).detailType(detailType)
                    .detail(detail).time(time).build();
        }
    }

    static final TableSchema<Kept> SCHEMA = StaticTableSchema.builder(Kept.class)
            .newItemSupplier(Kept::new)
            .addAttribute(String.class, a -> a.name("PK").getter(k -> k.pk).setter((k, v) -> k.pk = v).tags(primaryPartitionKey()))
            .addAttribute(String.class, a -> a.name("SK").getter(k -> k.sk).setter((k, v) -> k.sk = v).tags(primarySortKey()))
            .addAttribute(String.class, a -> a.name("eventBusName").getter(k -> k.eventBusName).setter((k, v) -> k.eventBusName = v))
            .addAttribute(String.class, a -> a.name("source").getter(k -> k.source).setter((k, v) -> k.source = v))
            .addAttribute(String.class, a -> a.name("detailType").getter(k -> k.detailType).setter((k, v) -> k.detailType = v))
            .addAttribute(String.class, a -> a.name("detail").getter(k -> k.detail).setter((k, v) -> k.detail = v))
            .addAttribute(Instant.class, a -> a.name("time").getter(k -> k.time).setter((k, v) -> k.time = v))
            .addAttribute(Long.class, a -> a.name("expiresAt").getter(k -> k.expiresAt).setter((k, v) -> k.expiresAt = v))
            .build();

    private final SingleTable table;
    private final String partition;
    private final Clock clock;

    public Outbox(SingleTable table, String source, Clock clock) {
        this.table = table;
        this.partition = "OUTBOX#" + source;
        this.clock = clock;
    }

    /** Keeps {@code entries}; if even the table cannot take one, its full detail goes to the log for a manual replay. */
    public void keep(List<PutEventsRequestEntry> entries) {
        for (PutEventsRequestEntry entry : entries) {
            Kept kept = new Kept();
            kept.pk = partition;
            kept.sk = Ids.ulid(clock);
            kept.eventBusName = entry.eventBusName();
            kept.source = entry.source();
            kept.detailType = entry.detailType();
            kept.detail = entry.detail();
            kept.time = entry.time();
            kept.expiresAt = clock.instant().plus(RETENTION).getEpochSecond();
            try {
                table.put(SCHEMA, kept);
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
    public int resend(EventBridgeClient client) {
        int delivered = 0;
        int seen = 0;
        boolean stopped = false;
        try {
            for (Page<Kept> page : table.of(SCHEMA).query(r -> r.queryConditional(QueryConditional.keyEqualTo(k -> k.partitionValue(partition)))
                    .consistentRead(true).limit(PAGE))) {
                List<Kept> items = page.items();
                seen += items.size();
                for (int i = 0; i < items.size(); i += EventBridgePublisher.BATCH) {
                    delivered += resend(client, items.subList(i, Math.min(items.size(), i + EventBridgePublisher.BATCH)));
                }
            }
        } catch (SdkException e) {
            Log.warn("outbox resend stopped; the next run continues", "error", e.getClass().getSimpleName(), "delivered", delivered);
            stopped = true;
        }
        int stillKept = stopped ? Math.max(1, seen - delivered) : seen - delivered;
        if (stillKept > 0) {
            // events that outlived this resend cycle (the OutboxAlarm fires on two cycles in a row)
            Metrics.count("OutboxStillKept", stillKept);
        }
        if (delivered > 0) {
            Metrics.count("OutboxResent", delivered);
            Log.info("outbox events delivered", "count", delivered);
        }
        return delivered;
    }

    private int resend(EventBridgeClient client, List<Kept> kept) {
        List<PutEventsRequestEntry> entries = kept.stream().map(Kept::entry).toList();
        boolean[] refused = EventBridgePublisher.refused(client, entries);
        int delivered = 0;
        for (int i = 0; i < kept.size(); i++) {
            if (!refused[i]) {
                Kept done = kept.get(i);
                table.of(SCHEMA).deleteItem(Key.builder().partitionValue(done.pk).sortValue(done.sk).build());
                delivered++;
            }
        }
        return delivered;
    }
}
