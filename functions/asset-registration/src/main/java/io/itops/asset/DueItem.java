package io.itops.asset;

import io.itops.shared.events.AssetSnapshot;
import java.time.LocalDate;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;

/**
 * A due date held in the register, as the reminder and due-list read it. The due item is
 * rewritten in the same transaction as its asset, so it also carries the asset's snapshot fields.
 */
record DueItem(String assetId, String assetTag, String category, String status, String model, String location,
               String custodian, String department, boolean holdsBusinessData, long version, LocalDate dueDate) {

    /** The item's own attributes; {@link DueDate} adds the keys. */
    static final TableSchema<DueItem> SCHEMA = StaticImmutableTableSchema.builder(DueItem.class, Builder.class)
            .newItemBuilder(Builder::new, Builder::build)
            .addAttribute(String.class, a -> a.name("assetId").getter(DueItem::assetId).setter(Builder::assetId))
            .addAttribute(String.class, a -> a.name("assetTag").getter(DueItem::assetTag).setter(Builder::assetTag))
            .addAttribute(String.class, a -> a.name("category").getter(DueItem::category).setter(Builder::category))
            .addAttribute(String.class, a -> a.name("status").getter(DueItem::status).setter(Builder::status))
            .addAttribute(String.class, a -> a.name("model").getter(DueItem::model).setter(Builder::model))
            .addAttribute(String.class, a -> a.name("location").getter(DueItem::location).setter(Builder::location))
            .addAttribute(String.class, a -> a.name("custodian").getter(DueItem::custodian).setter(Builder::custodian))
            .addAttribute(String.class, a -> a.name("department").getter(DueItem::department).setter(Builder::department))
            .addAttribute(Boolean.class, a -> a.name("holdsBusinessData").getter(DueItem::holdsBusinessData)
                    .setter(Builder::holdsBusinessData))
            .addAttribute(Long.class, a -> a.name("version").getter(DueItem::version).setter(Builder::version))
            .addAttribute(LocalDate.class, a -> a.name("dueDate").getter(DueItem::dueDate).setter(Builder::dueDate))
            .build();

    static DueItem of(Asset a, LocalDate dueDate) {
        return new DueItem(a.assetId(), a.assetTag(), a.category().toString(), a.status().toString(), a.model(), a.location(),
                a.custodian(), a.department(), a.holdsBusinessData(), a.version(), dueDate);
    }

    AssetSnapshot snapshot() {
        return new AssetSnapshot(assetId, assetTag, category, status, model, department, custodian, location,
                holdsBusinessData, version);
    }

    static final class Builder {
        private String assetId;
        private String assetTag;
        private String category;
        private String status;
        private String model;
        private String location;
        private String custodian;
        private String department;
        private boolean holdsBusinessData;
        private long version;
        private LocalDate dueDate;

        Builder assetId(String v) { assetId = v; return this; }
        Builder assetTag(String v) { assetTag = v; return this; }
        Builder category(String v) { category = v; return this; }
        Builder status(String v) { status = v; return this; }
        Builder model(String v) { model = v; return this; }
        Builder location(String v) { location = v; return this; }
        Builder custodian(String v) { custodian = v; return this; }
        Builder department(String v) { department = v; return this; }
        Builder holdsBusinessData(boolean v) { holdsBusinessData = v; return this; }
        Builder version(long v) { version = v; return this; }
        Builder dueDate(LocalDate v) { dueDate = v; return this; }

        DueItem build() {
            return new DueItem(assetId, assetTag, category, status, model, location, custodian, department, holdsBusinessData,
                    version, dueDate);
        }
    }
}
