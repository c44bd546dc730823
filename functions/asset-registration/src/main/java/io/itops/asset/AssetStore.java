package io.itops.asset;

import io.itops.asset.AssetEvents.DueItem;
import io.itops.asset.Records.Fault;
import io.itops.asset.Records.HistoryEntry;
import io.itops.asset.Records.MaintenanceRecord;
import io.itops.shared.error.ApiException;
import io.itops.shared.store.CursorCodec;
import io.itops.shared.store.Item;
import io.itops.shared.store.Page;
import io.itops.shared.store.PagedQuery;
import io.itops.shared.store.TransactionWrites;
import io.itops.shared.store.TransactionWrites.Condition;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * DynamoDB access for the register. Every change is one transaction: the asset (guarded by its
 * version), its uniqueness items, due-date items, the archive entry and any record it adds.
 * AWS exceptions stop here, translated into domain errors.
 */
final class AssetStore {
    private static final int BATCH_GET = 100;
    private static final int BATCH_GET_ATTEMPTS = 5;
    private final DynamoDbClient dynamo;
    private final String table;
    private final CursorCodec cursors;

    AssetStore(DynamoDbClient dynamo, String table, CursorCodec cursors) {
        this.dynamo = dynamo;
        this.table = table;
        this.cursors = cursors;
    }

    void create(Asset asset, HistoryEntry entry) {
        TransactionWrites tx = new TransactionWrites(table)
                .put(AssetItems.asset(asset), Condition.notExists(), () -> new ApiException.Conflict("ASSET_EXISTS", "Asset id already used"))
                .put(AssetItems.tag(asset.assetTag(), asset.assetId()), Condition.notExists(), () -> tagTaken(asset.assetTag()));
        if (asset.serialNumber() != null) {
            tx.put(AssetItems.serial(asset.serialNumber(), asset.assetId()), Condition.notExists(), () -> serialTaken(asset.serialNumber()));
        }
        dueWrites(tx, null, asset);
        tx.put(AssetItems.history(asset.assetId(), entry));
        tx.execute(dynamo);
    }

    /** Replaces {@code before} by {@code after} if nobody changed it meanwhile; adds the archive entry and records. */
    void update(Asset before, Asset after, HistoryEntry entry, List<Item> records) {
        TransactionWrites tx = new TransactionWrites(table).put(AssetItems.asset(after),
                Condition.of("version = :expected", Map.of(), Item.values(":expected", before.version())),
                () -> versionConflict(before));
        if (!Objects.equals(before.serialNumber(), after.serialNumber())) {
            if (after.serialNumber() != null) {
                tx.put(AssetItems.serial(after.serialNumber(), after.assetId()), Condition.notExists(), () -> serialTaken(after.serialNumber()));
            }
            if (before.serialNumber() != null) {
                tx.delete(AssetItems.serialKey(before.serialNumber()));
            }
        }
        dueWrites(tx, before, after);
        tx.put(AssetItems.history(after.assetId(), entry));
        records.forEach(tx::put);
        tx.execute(dynamo);
    }

    /** Adds a record (a fault report) to an asset's archive without changing the asset itself. */
    void addRecord(String assetId, Item record, HistoryEntry entry) {
        new TransactionWrites(table)
                .conditionCheck(AssetItems.assetKey(assetId), Condition.of("attribute_exists(PK)"),
                        () -> new ApiException.NotFound("asset", assetId))
                .put(record, Condition.notExists(), () -> new ApiException.Conflict("RECORD_EXISTS", "Record id already used"))
                .put(AssetItems.history(assetId, entry))
                .execute(dynamo);
    }

    void updateFault(Fault before, Fault after, HistoryEntry entry) {
        new TransactionWrites(table)
                .put(AssetItems.fault(after),
                        Condition.of("#s = :open", Map.of("#s", "status"), Item.values(":open", Records.FaultStatus.OPEN.toString())),
                        () -> new ApiException.Conflict("FAULT_ALREADY_RESOLVED", "Fault " + before.faultId() + " is already resolved"))
                .put(AssetItems.history(after.assetId(), entry))
                .execute(dynamo);
    }

    Optional<Asset> find(String assetId) {
        return get(AssetItems.assetKey(assetId)).map(AssetItems::asset);
    }

    Optional<Asset> findByTag(String tag) {
        return get(AssetItems.tagKey(tag)).flatMap(i -> find(i.string("assetId")));
    }

    /** The registered assets with these tags, by tag, read in batches (two reads per 100 tags). */
    Map<String, Asset> findByTags(List<String> tags) {
        Map<String, Asset> byTag = new HashMap<>();
        List<Map<String, AttributeValue>> assetKeys = batchGet(tags.stream().map(AssetItems::tagKey).toList()).stream()
                .map(tag -> AssetItems.assetKey(tag.string("assetId"))).toList();
        for (Item item : batchGet(assetKeys)) {
            Asset asset = AssetItems.asset(item);
            byTag.put(asset.assetTag(), asset);
        }
        return byTag;
    }

    Optional<Fault> findFault(String assetId, String faultId) {
        return get(AssetItems.faultKey(assetId, faultId)).map(AssetItems::fault);
    }

    Page<Asset> list(AssetFilter filter, int limit, String cursor) {
        List<String> filters = new ArrayList<>();
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        QueryRequest.Builder query = QueryRequest.builder().tableName(table);
        if (filter.custodian() != null) {
            key(query, "GSI1", "GSI1PK", "CUSTODIAN#" + filter.custodian(), values);
            query.keyConditionExpression("GSI1PK = :pk AND begins_with(GSI1SK, :asset)");
            values.put(":asset", Item.s("ASSET#"));
        } else if (filter.location() != null) {
            key(query, "GSI5", "GSI5PK", "LOCATION#" + filter.location(), values);
        } else if (filter.department() != null) {
            key(query, "GSI2", "GSI2PK", "DEPARTMENT#" + filter.department(), values);
        } else if (filter.category() != null) {
            key(query, "GSI3", "GSI3PK", "CATEGORY#" + filter.category(), values);
            if (filter.status() != null) {
                query.keyConditionExpression("GSI3PK = :pk AND begins_with(GSI3SK, :status)");
                values.put(":status", Item.s(filter.status() + "#"));
            }
        } else if (filter.status() != null) {
            key(query, "GSI4", "GSI4PK", "STATUS#" + filter.status(), values);
        } else {
            key(query, "GSI6", "GSI6PK", "ASSETS", values);
        }
        addFilter(filters, names, values, "category", filter.category() == null ? null : filter.category().toString());
        addFilter(filters, names, values, "status", filter.status() == null ? null : filter.status().toString());
        addFilter(filters, names, values, "department", filter.department());
        addFilter(filters, names, values, "custodian", filter.custodian());
        addFilter(filters, names, values, "location", filter.location());
        if (!filters.isEmpty()) {
            query.filterExpression(String.join(" AND ", filters)).expressionAttributeNames(names);
        }
        query.expressionAttributeValues(values);
        return PagedQuery.run(dynamo, cursors, filter.scope(), cursor, limit, query.build(), AssetItems::asset);
    }

    Page<HistoryEntry> history(String assetId, int limit, String cursor) {
        return partition(assetId, "HIST#", true, limit, cursor, AssetItems::history);
    }

    Page<MaintenanceRecord> maintenance(String assetId, int limit, String cursor) {
        return partition(assetId, "MAINT#", false, limit, cursor, AssetItems::maintenance);
    }

    Page<Fault> faults(String assetId, int limit, String cursor) {
        return partition(assetId, "FAULT#", false, limit, cursor, AssetItems::fault);
    }

    /** Due items of {@code kind} up to {@code until} (overdue ones first). */
    Page<DueItem> due(DueKind kind, LocalDate until, int limit, String cursor) {
        return due(kind, null, until, limit, cursor);
    }

    /** Due items of {@code kind} dated from {@code from} (null: any past date) to {@code until}, earliest first. */
    Page<DueItem> due(DueKind kind, LocalDate from, LocalDate until, int limit, String cursor) {
        QueryRequest.Builder query = QueryRequest.builder().tableName(table).indexName("GSI1");
        if (from == null) {
            query.keyConditionExpression("GSI1PK = :pk AND GSI1SK <= :until")
                    .expressionAttributeValues(Item.values(":pk", "DUE#" + kind.name(), ":until", until + "#~"));
        } else {
            query.keyConditionExpression("GSI1PK = :pk AND GSI1SK BETWEEN :from AND :until")
                    .expressionAttributeValues(Item.values(":pk", "DUE#" + kind.name(), ":from", from.toString(), ":until", until + "#~"));
        }
        return PagedQuery.run(dynamo, cursors, "due|" + kind + "|" + from + "|" + until, cursor, limit, query.build(), AssetItems::due);
    }

    private <T> Page<T> partition(String assetId, String prefix, boolean oldestFirst, int limit, String cursor,
                                  java.util.function.Function<Item, T> mapper) {
        QueryRequest query = QueryRequest.builder().tableName(table)
                .keyConditionExpression("PK = :pk AND begins_with(SK, :prefix)")
                .expressionAttributeValues(Item.values(":pk", "ASSET#" + assetId, ":prefix", prefix))
                .scanIndexForward(oldestFirst)
                .build();
        return PagedQuery.run(dynamo, cursors, prefix + assetId, cursor, limit, query, mapper);
    }

    /** BatchGetItem in chunks of 100 keys; keys DynamoDB leaves unprocessed are asked again. */
    private List<Item> batchGet(List<Map<String, AttributeValue>> keys) {
        List<Item> found = new ArrayList<>();
        for (int start = 0; start < keys.size(); start += BATCH_GET) {
            Map<String, KeysAndAttributes> pending = Map.of(table, KeysAndAttributes.builder()
                    .keys(keys.subList(start, Math.min(keys.size(), start + BATCH_GET))).consistentRead(true).build());
            for (int attempt = 0; !pending.isEmpty(); attempt++) {
                if (attempt == BATCH_GET_ATTEMPTS) {
                    throw new ApiException.Unavailable("The table is busy; nothing was changed. Retry shortly.", Duration.ofSeconds(1));
                }
                pause(attempt);
                Map<String, KeysAndAttributes> asking = pending;
                BatchGetItemResponse response = dynamo.batchGetItem(r -> r.requestItems(asking));
                response.responses().getOrDefault(table, List.of()).forEach(item -> found.add(Item.of(item)));
                pending = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
            }
        }
        return found;
    }

    private static void pause(int attempt) {
        if (attempt == 0) {
            return;
        }
        try {
            Thread.sleep(50L << attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException.Unavailable("Interrupted while reading; nothing was changed.", Duration.ofSeconds(1));
        }
    }

    private Optional<Item> get(Map<String, AttributeValue> key) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).key(key).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(Item.of(item));
    }

    private static void key(QueryRequest.Builder query, String index, String attribute, String value, Map<String, AttributeValue> values) {
        query.indexName(index).keyConditionExpression(attribute + " = :pk");
        values.put(":pk", Item.s(value));
    }

    private static void addFilter(List<String> filters, Map<String, String> names, Map<String, AttributeValue> values,
                                  String attribute, String value) {
        if (value != null) {
            names.put("#" + attribute, attribute);
            values.put(":" + attribute, Item.s(value));
            filters.add("#" + attribute + " = :" + attribute);
        }
    }

    /** Keeps the due-date items in step with the asset: written when a date is set, removed when cleared. */
    private static void dueWrites(TransactionWrites tx, Asset before, Asset after) {
        for (DueKind kind : DueKind.values()) {
            if (kind.of(after) != null) {
                tx.put(AssetItems.due(after, kind));
            } else if (before != null && kind.of(before) != null) {
                tx.delete(AssetItems.dueKey(after.assetId(), kind));
            }
        }
    }

    private static ApiException tagTaken(String tag) {
        return new ApiException.Conflict("ASSET_TAG_TAKEN", "Asset tag " + tag + " is already registered",
                Map.of("field", "assetTag"));
    }

    private static ApiException serialTaken(String serial) {
        return new ApiException.Conflict("SERIAL_NUMBER_TAKEN", "Serial number " + serial + " is already registered",
                Map.of("field", "serialNumber"));
    }

    private static ApiException versionConflict(Asset before) {
        return new ApiException.Conflict("VERSION_CONFLICT",
                "The asset changed since version " + before.version() + "; read it again and retry",
                Map.of("expectedVersion", before.version()));
    }
}
