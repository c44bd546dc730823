package io.itops.asset;

import io.itops.asset.Records.ArchiveEntry;
import io.itops.asset.Records.AuditRecord;
import io.itops.asset.Records.Fault;
import io.itops.asset.Records.HistoryEntry;
import io.itops.asset.Records.MaintenanceRecord;
import io.itops.shared.error.ApiException;
import io.itops.shared.store.Attributes;
import io.itops.shared.store.CursorCodec;
import io.itops.shared.store.Page;
import io.itops.shared.store.PagedQuery;
import io.itops.shared.store.SingleTable;
import io.itops.shared.store.TransactionWrites;
import io.itops.shared.store.TransactionWrites.Condition;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * DynamoDB access for the register (docs/table/asset-registration.md). Every change is one
 * transaction: the asset (guarded by its version), its uniqueness items, due-date items, the archive
 * entry and any record it adds. AWS exceptions stop here, translated into domain errors.
 */
final class AssetStore {
    private final SingleTable table;
    private final CursorCodec cursors;

    AssetStore(SingleTable table, CursorCodec cursors) {
        this.table = table;
        this.cursors = cursors;
    }

    void create(Asset asset, HistoryEntry entry) {
        TransactionWrites tx = table.transaction()
                .put(Asset.SCHEMA, asset, Condition.notExists(), () -> new ApiException.Conflict("ASSET_EXISTS", "Asset id already used"))
                .put(UniqueValue.TAG, new UniqueValue(asset.assetTag(), asset.assetId()), Condition.notExists(),
                        () -> tagTaken(asset.assetTag()));
        if (asset.serialNumber() != null) {
            tx.put(UniqueValue.SERIAL, new UniqueValue(asset.serialNumber(), asset.assetId()), Condition.notExists(),
                    () -> serialTaken(asset.serialNumber()));
        }
        dueWrites(tx, null, asset);
        tx.put(ArchiveEntry.SCHEMA, ArchiveEntry.of(asset.assetId(), entry));
        tx.execute();
    }

    /** Replaces {@code before} by {@code after} if nobody changed it meanwhile, and adds the archive entry. */
    void update(Asset before, Asset after, HistoryEntry entry) {
        update(before, after, entry, tx -> {});
    }

    /** {@link #update(Asset, Asset, HistoryEntry)} that also adds the maintenance record. */
    void update(Asset before, Asset after, HistoryEntry entry, MaintenanceRecord record) {
        update(before, after, entry, tx -> tx.put(MaintenanceRecord.SCHEMA, record));
    }

    /** {@link #update(Asset, Asset, HistoryEntry)} that also adds the audit record. */
    void update(Asset before, Asset after, HistoryEntry entry, AuditRecord record) {
        update(before, after, entry, tx -> tx.put(AuditRecord.SCHEMA, record));
    }

    private void update(Asset before, Asset after, HistoryEntry entry, Consumer<TransactionWrites> record) {
        TransactionWrites tx = table.transaction().put(Asset.SCHEMA, after,
                Condition.of("version = :expected", Map.of(), Attributes.values(":expected", before.version())),
                () -> versionConflict(before));
        if (!Objects.equals(before.serialNumber(), after.serialNumber())) {
            if (after.serialNumber() != null) {
                tx.put(UniqueValue.SERIAL, new UniqueValue(after.serialNumber(), after.assetId()), Condition.notExists(),
                        () -> serialTaken(after.serialNumber()));
            }
            if (before.serialNumber() != null) {
                tx.delete(UniqueValue.serialKey(before.serialNumber()));
            }
        }
        dueWrites(tx, before, after);
        tx.put(ArchiveEntry.SCHEMA, ArchiveEntry.of(after.assetId(), entry));
        record.accept(tx);
        tx.execute();
    }

    /** Adds a fault report to an asset's archive without changing the asset itself. */
    void addFault(Fault fault, HistoryEntry entry) {
        table.transaction()
                .conditionCheck(Asset.key(fault.assetId()), Condition.of("attribute_exists(PK)"),
                        () -> new ApiException.NotFound("asset", fault.assetId()))
                .put(Fault.SCHEMA, fault, Condition.notExists(), () -> new ApiException.Conflict("RECORD_EXISTS", "Record id already used"))
                .put(ArchiveEntry.SCHEMA, ArchiveEntry.of(fault.assetId(), entry))
                .execute();
    }

    void updateFault(Fault before, Fault after, HistoryEntry entry) {
        table.transaction()
                .put(Fault.SCHEMA, after,
                        Condition.of("#s = :open", Map.of("#s", "status"), Attributes.values(":open", Records.FaultStatus.OPEN.toString())),
                        () -> new ApiException.Conflict("FAULT_ALREADY_RESOLVED", "Fault " + before.faultId() + " is already resolved"))
                .put(ArchiveEntry.SCHEMA, ArchiveEntry.of(after.assetId(), entry))
                .execute();
    }

    Optional<Asset> find(String assetId) {
        return table.get(Asset.SCHEMA, Asset.key(assetId));
    }

    Optional<Asset> findByTag(String tag) {
        return table.get(UniqueValue.TAG, UniqueValue.tagKey(tag)).flatMap(t -> find(t.assetId()));
    }

    Optional<Asset> findBySerial(String serial) {
        return table.get(UniqueValue.SERIAL, UniqueValue.serialKey(serial)).flatMap(t -> find(t.assetId()));
    }

    /** The registered assets with these tags, by tag, read in batches (two reads per 100 tags). */
    Map<String, Asset> findByTags(List<String> tags) {
        List<Map<String, AttributeValue>> assetKeys = table.batchGet(UniqueValue.TAG, tags.stream().map(UniqueValue::tagKey).toList())
                .stream().map(t -> Asset.key(t.assetId())).toList();
        Map<String, Asset> byTag = new HashMap<>();
        for (Asset asset : table.batchGet(Asset.SCHEMA, assetKeys)) {
            byTag.put(asset.assetTag(), asset);
        }
        return byTag;
    }

    Optional<Fault> findFault(String assetId, String faultId) {
        return table.get(Fault.SCHEMA, Fault.key(assetId, faultId));
    }

    Page<Asset> list(AssetFilter filter, int limit, String cursor) {
        List<String> filters = new ArrayList<>();
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        QueryRequest.Builder query = QueryRequest.builder().tableName(table.name());
        if (filter.custodian() != null) {
            key(query, "GSI1", "GSI1PK", "CUSTODIAN#" + filter.custodian(), values);
            query.keyConditionExpression("GSI1PK = :pk AND begins_with(GSI1SK, :asset)");
            values.put(":asset", Attributes.s("ASSET#"));
        } else if (filter.location() != null) {
            key(query, "GSI5", "GSI5PK", "LOCATION#" + filter.location(), values);
        } else if (filter.department() != null) {
            key(query, "GSI2", "GSI2PK", "DEPARTMENT#" + filter.department(), values);
        } else if (filter.category() != null) {
            key(query, "GSI3", "GSI3PK", "CATEGORY#" + filter.category(), values);
            if (filter.status() != null) {
                query.keyConditionExpression("GSI3PK = :pk AND begins_with(GSI3SK, :status)");
                values.put(":status", Attributes.s(filter.status() + "#"));
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
        return PagedQuery.run(table.dynamo(), cursors, filter.scope(), cursor, limit, query.build(), Asset.SCHEMA::mapToItem);
    }

    Page<HistoryEntry> history(String assetId, int limit, String cursor) {
        return partition(assetId, "HIST#", true, limit, cursor, item -> ArchiveEntry.SCHEMA.mapToItem(item).entry());
    }

    Page<MaintenanceRecord> maintenance(String assetId, int limit, String cursor) {
        return partition(assetId, "MAINT#", false, limit, cursor, MaintenanceRecord.SCHEMA::mapToItem);
    }

    Page<Fault> faults(String assetId, int limit, String cursor) {
        return partition(assetId, "FAULT#", false, limit, cursor, Fault.SCHEMA::mapToItem);
    }

    /** Audit records, newest audit first. */
    Page<AuditRecord> audits(String assetId, int limit, String cursor) {
        return partition(assetId, "AUDIT#", false, limit, cursor, AuditRecord.SCHEMA::mapToItem);
    }

    /** Due items of {@code kind} up to {@code until} (overdue ones first). */
    Page<DueItem> due(DueKind kind, LocalDate until, int limit, String cursor) {
        return due(kind, null, until, limit, cursor);
    }

    /** Due items of {@code kind} dated from {@code from} (null: any past date) to {@code until}, earliest first. */
    Page<DueItem> due(DueKind kind, LocalDate from, LocalDate until, int limit, String cursor) {
        QueryRequest.Builder query = QueryRequest.builder().tableName(table.name()).indexName("GSI1");
        if (from == null) {
            query.keyConditionExpression("GSI1PK = :pk AND GSI1SK <= :until")
                    .expressionAttributeValues(Attributes.values(":pk", "DUE#" + kind.name(), ":until", until + "#~"));
        } else {
            query.keyConditionExpression("GSI1PK = :pk AND GSI1SK BETWEEN :from AND :until")
                    .expressionAttributeValues(Attributes.values(":pk", "DUE#" + kind.name(), ":from", from.toString(), ":until", until + "#~"));
        }
        return PagedQuery.run(table.dynamo(), cursors, "due|" + kind + "|" + from + "|" + until, cursor, limit, query.build(),
                item -> DueDate.SCHEMA.mapToItem(item).item());
    }

    private <T> Page<T> partition(String assetId, String prefix, boolean oldestFirst, int limit, String cursor,
                                  Function<Map<String, AttributeValue>, T> mapper) {
        QueryRequest query = QueryRequest.builder().tableName(table.name())
                .keyConditionExpression("PK = :pk AND begins_with(SK, :prefix)")
                .expressionAttributeValues(Attributes.values(":pk", "ASSET#" + assetId, ":prefix", prefix))
                .scanIndexForward(oldestFirst)
                .build();
        return PagedQuery.run(table.dynamo(), cursors, prefix + assetId, cursor, limit, query, mapper);
    }

    private static void key(QueryRequest.Builder query, String index, String attribute, String value, Map<String, AttributeValue> values) {
        query.indexName(index).keyConditionExpression(attribute + " = :pk");
        values.put(":pk", Attributes.s(value));
    }

    private static void addFilter(List<String> filters, Map<String, String> names, Map<String, AttributeValue> values,
                                  String attribute, String value) {
        if (value != null) {
            names.put("#" + attribute, attribute);
            values.put(":" + attribute, Attributes.s(value));
            filters.add("#" + attribute + " = :" + attribute);
        }
    }

    /** Keeps the due-date items in step with the asset: written when a date is set, removed when cleared. */
    private static void dueWrites(TransactionWrites tx, Asset before, Asset after) {
        for (DueKind kind : DueKind.values()) {
            if (kind.of(after) != null) {
                tx.put(DueDate.SCHEMA, DueDate.of(after, kind));
            } else if (before != null && kind.of(before) != null) {
                tx.delete(DueDate.key(after.assetId(), kind));
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
