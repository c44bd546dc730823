package io.itops.asset;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondarySortKey;

import io.itops.shared.store.Attributes;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A registered piece of IT equipment, as stored and as returned by the API. */
public record Asset(
        String assetId,
        String assetTag,
        String serialNumber,
        Category category,
        Status status,
        String model,
        String vendor,
        String location,
        String department,
        String custodian,
        Purchase purchase,
        LocalDate warrantyEnd,
        boolean holdsBusinessData,
        Integer maintenanceIntervalDays,
        LocalDate lastMaintenance,
        LocalDate nextMaintenanceDue,
        LocalDate lastAudit,
        LocalDate nextAuditDue,
        LocalDate endOfLife,
        LocalDate missingSince,
        Checkout checkout,
        Acceptance acceptance,
        Map<String, String> attributes,
        long version,
        Instant createdAt,
        String createdBy,
        Instant updatedAt,
        String updatedBy) {

    /**
     * {@code ASSET#<assetId>} / {@code ASSET}, listed through GSI1 (custodian, only while held), GSI2
     * (department), GSI3 (category, then status), GSI4 (status), GSI5 (location) and GSI6 (all), each by tag.
     */
    static final TableSchema<Asset> SCHEMA = StaticImmutableTableSchema.builder(Asset.class, Builder.class)
            .newItemBuilder(Builder::new, Builder::build)
            .addAttribute(String.class, a -> a.name("PK").getter(x -> "ASSET#" + x.assetId()).setter((b, v) -> {})
                    .tags(primaryPartitionKey()))
            .addAttribute(String.class, a -> a.name("SK").getter(x -> "ASSET").setter((b, v) -> {}).tags(primarySortKey()))
            .addAttribute(String.class, a -> a.name("type").getter(x -> "Asset").setter((b, v) -> {}))
            .addAttribute(String.class, a -> a.name("assetId").getter(Asset::assetId).setter(Builder::assetId))
            .addAttribute(String.class, a -> a.name("assetTag").getter(Asset::assetTag).setter(Builder::assetTag))
            .addAttribute(String.class, a -> a.name("serialNumber").getter(Asset::serialNumber).setter(Builder::serialNumber))
            .addAttribute(Category.class, a -> a.name("category").getter(Asset::category).setter(Builder::category))
            .addAttribute(Status.class, a -> a.name("status").getter(Asset::status).setter(Builder::status))
            .addAttribute(String.class, a -> a.name("model").getter(Asset::model).setter(Builder::model))
            .addAttribute(String.class, a -> a.name("vendor").getter(Asset::vendor).setter(Builder::vendor))
            .addAttribute(String.class, a -> a.name("location").getter(Asset::location).setter(Builder::location))
            .addAttribute(String.class, a -> a.name("department").getter(Asset::department).setter(Builder::department))
            .addAttribute(String.class, a -> a.name("custodian").getter(Asset::custodian).setter(Builder::custodian))
            .addAttribute(EnhancedType.documentOf(Purchase.class, Purchase.SCHEMA, d -> d.ignoreNulls(true)), a -> a.name("purchase")
                    .getter(x -> Purchase.NONE.equals(x.purchase()) ? null : x.purchase()).setter(Builder::purchase))
            .addAttribute(LocalDate.class, a -> a.name("warrantyEnd").getter(Asset::warrantyEnd).setter(Builder::warrantyEnd))
            .addAttribute(Boolean.class, a -> a.name("holdsBusinessData").getter(Asset::holdsBusinessData)
                    .setter(Builder::holdsBusinessData))
            .addAttribute(Integer.class, a -> a.name("maintenanceIntervalDays").getter(Asset::maintenanceIntervalDays)
                    .setter(Builder::maintenanceIntervalDays))
            .addAttribute(LocalDate.class, a -> a.name("lastMaintenance").getter(Asset::lastMaintenance).setter(Builder::lastMaintenance))
            .addAttribute(LocalDate.class, a -> a.name("nextMaintenanceDue").getter(Asset::nextMaintenanceDue)
                    .setter(Builder::nextMaintenanceDue))
            .addAttribute(LocalDate.class, a -> a.name("lastAudit").getter(Asset::lastAudit).setter(Builder::lastAudit))
            .addAttribute(LocalDate.class, a -> a.name("nextAuditDue").getter(Asset::nextAuditDue).setter(Builder::nextAuditDue))
            .addAttribute(LocalDate.class, a -> a.name("endOfLife").getter(Asset::endOfLife).setter(Builder::endOfLife))
            .addAttribute(LocalDate.class, a -> a.name("missingSince").getter(Asset::missingSince).setter(Builder::missingSince))
            .addAttribute(EnhancedType.documentOf(Checkout.class, Checkout.SCHEMA, d -> d.ignoreNulls(true)),
                    a -> a.name("checkout").getter(Asset::checkout).setter(Builder::checkout))
            .addAttribute(EnhancedType.documentOf(Acceptance.class, Acceptance.SCHEMA, d -> d.ignoreNulls(true)),
                    a -> a.name("acceptance").getter(Asset::acceptance).setter(Builder::acceptance))
            .addAttribute(EnhancedType.mapOf(String.class, String.class), a -> a.name("attributes")
                    .getter(x -> x.attributes().isEmpty() ? null : x.attributes()).setter(Builder::attributes))
            .addAttribute(Long.class, a -> a.name("version").getter(Asset::version).setter(Builder::version))
            .addAttribute(Instant.class, a -> a.name("createdAt").getter(Asset::createdAt).setter(Builder::createdAt))
            .addAttribute(String.class, a -> a.name("createdBy").getter(Asset::createdBy).setter(Builder::createdBy))
            .addAttribute(Instant.class, a -> a.name("updatedAt").getter(Asset::updatedAt).setter(Builder::updatedAt))
            .addAttribute(String.class, a -> a.name("updatedBy").getter(Asset::updatedBy).setter(Builder::updatedBy))
            .addAttribute(String.class, a -> a.name("GSI1PK").getter(x -> x.custodian() == null ? null : "CUSTODIAN#" + x.custodian())
                    .setter((b, v) -> {}).tags(secondaryPartitionKey("GSI1")))
            .addAttribute(String.class, a -> a.name("GSI1SK").getter(x -> x.custodian() == null ? null : "ASSET#" + x.assetTag())
                    .setter((b, v) -> {}).tags(secondarySortKey("GSI1")))
            .addAttribute(String.class, a -> a.name("GSI2PK").getter(x -> x.department() == null ? null : "DEPARTMENT#" + x.department())
                    .setter((b, v) -> {}).tags(secondaryPartitionKey("GSI2")))
            .addAttribute(String.class, a -> a.name("GSI2SK").getter(x -> x.department() == null ? null : x.assetTag())
                    .setter((b, v) -> {}).tags(secondarySortKey("GSI2")))
            .addAttribute(String.class, a -> a.name("GSI3PK").getter(x -> "CATEGORY#" + x.category())
                    .setter((b, v) -> {}).tags(secondaryPartitionKey("GSI3")))
            .addAttribute(String.class, a -> a.name("GSI3SK").getter(x -> x.status() + "#" + x.assetTag())
                    .setter((b, v) -> {}).tags(secondarySortKey("GSI3")))
            .addAttribute(String.class, a -> a.name("GSI4PK").getter(x -> "STATUS#" + x.status())
                    .setter((b, v) -> {}).tags(secondaryPartitionKey("GSI4")))
            .addAttribute(String.class, a -> a.name("GSI4SK").getter(Asset::assetTag).setter((b, v) -> {}).tags(secondarySortKey("GSI4")))
            .addAttribute(String.class, a -> a.name("GSI5PK").getter(x -> x.location() == null ? null : "LOCATION#" + x.location())
                    .setter((b, v) -> {}).tags(secondaryPartitionKey("GSI5")))
            .addAttribute(String.class, a -> a.name("GSI5SK").getter(x -> x.location() == null ? null : x.assetTag())
                    .setter((b, v) -> {}).tags(secondarySortKey("GSI5")))
            .addAttribute(String.class, a -> a.name("GSI6PK").getter(x -> "ASSETS").setter((b, v) -> {})
                    .tags(secondaryPartitionKey("GSI6")))
            .addAttribute(String.class, a -> a.name("GSI6SK").getter(Asset::assetTag).setter((b, v) -> {}).tags(secondarySortKey("GSI6")))
            .build();

    public Asset {
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }

    static Map<String, AttributeValue> key(String assetId) {
        return Attributes.key("ASSET#" + assetId, "ASSET");
    }

    static Builder builder() {
        return new Builder();
    }

    Builder toBuilder() {
        return new Builder().assetId(assetId).assetTag(assetTag).serialNumber(serialNumber).category(category).status(status)
                .model(model).vendor(vendor).location(location).department(department).custodian(custodian).purchase(purchase)
                .warrantyEnd(warrantyEnd).holdsBusinessData(holdsBusinessData).maintenanceIntervalDays(maintenanceIntervalDays)
                .lastMaintenance(lastMaintenance).nextMaintenanceDue(nextMaintenanceDue).lastAudit(lastAudit)
                .nextAuditDue(nextAuditDue).endOfLife(endOfLife).missingSince(missingSince).checkout(checkout)
                .acceptance(acceptance).attributes(attributes).version(version)
                .createdAt(createdAt).createdBy(createdBy).updatedAt(updatedAt).updatedBy(updatedBy);
    }

    /** In a stage that {@linkplain Status#endsCustody ends custody}, the holder and the open checkout are cleared. */
    public Asset withStatus(Status next, String custodian, String location, Instant at, String by) {
        Builder b = changed(at, by).status(next).location(location);
        return next.endsCustody() ? b.custodian(null).checkout(null).build() : b.custodian(custodian).build();
    }

    public Asset withCustody(String custodian, Checkout checkout, String location, Instant at, String by) {
        return changed(at, by).custodian(custodian).checkout(checkout).location(location).build();
    }

    public Asset withMaintenance(LocalDate last, LocalDate nextDue, Instant at, String by) {
        return changed(at, by).lastMaintenance(last).nextMaintenanceDue(nextDue).build();
    }

    /** After an audit: found clears {@code missingSince}, not found keeps the first day it was missed. */
    public Asset withAudit(LocalDate last, LocalDate nextDue, LocalDate missingSince, String location, Instant at, String by) {
        return changed(at, by).lastAudit(last).nextAuditDue(nextDue).missingSince(missingSince).location(location).build();
    }

    /** The next version of this asset, changed at {@code at} by {@code by}. */
    Builder changed(Instant at, String by) {
        return toBuilder().version(version + 1).updatedAt(at).updatedBy(by);
    }

    static final class Builder {
        private String assetId;
        private String assetTag;
        private String serialNumber;
        private Category category;
        private Status status;
        private String model;
        private String vendor;
        private String location;
        private String department;
        private String custodian;
        private Purchase purchase;
        private LocalDate warrantyEnd;
        private boolean holdsBusinessData;
        private Integer maintenanceIntervalDays;
        private LocalDate lastMaintenance;
        private LocalDate nextMaintenanceDue;
        private LocalDate lastAudit;
        private LocalDate nextAuditDue;
        private LocalDate endOfLife;
        private LocalDate missingSince;
        private Checkout checkout;
        private Acceptance acceptance;
        private Map<String, String> attributes;
        private long version;
        private Instant createdAt;
        private String createdBy;
        private Instant updatedAt;
        private String updatedBy;

        Builder assetId(String v) { assetId = v; return this; }
        Builder assetTag(String v) { assetTag = v; return this; }
        Builder serialNumber(String v) { serialNumber = v; return this; }
        Builder category(Category v) { category = v; return this; }
        Builder status(Status v) { status = v; return this; }
        Builder model(String v) { model = v; return this; }
        Builder vendor(String v) { vendor = v; return this; }
        Builder location(String v) { location = v; return this; }
        Builder department(String v) { department = v; return this; }
        Builder custodian(String v) { custodian = v; return this; }
        Builder purchase(Purchase v) { purchase = v; return this; }
        Builder warrantyEnd(LocalDate v) { warrantyEnd = v; return this; }
        Builder holdsBusinessData(boolean v) { holdsBusinessData = v; return this; }
        Builder maintenanceIntervalDays(Integer v) { maintenanceIntervalDays = v; return this; }
        Builder lastMaintenance(LocalDate v) { lastMaintenance = v; return this; }
        Builder nextMaintenanceDue(LocalDate v) { nextMaintenanceDue = v; return this; }
        Builder lastAudit(LocalDate v) { lastAudit = v; return this; }
        Builder nextAuditDue(LocalDate v) { nextAuditDue = v; return this; }
        Builder endOfLife(LocalDate v) { endOfLife = v; return this; }
        Builder missingSince(LocalDate v) { missingSince = v; return this; }
        Builder checkout(Checkout v) { checkout = v; return this; }
        Builder acceptance(Acceptance v) { acceptance = v; return this; }
        Builder attributes(Map<String, String> v) { attributes = v; return this; }
        Builder version(long v) { version = v; return this; }
        Builder createdAt(Instant v) { createdAt = v; return this; }
        Builder createdBy(String v) { createdBy = v; return this; }
        Builder updatedAt(Instant v) { updatedAt = v; return this; }
        Builder updatedBy(String v) { updatedBy = v; return this; }

        Asset build() {
            return new Asset(assetId, assetTag, serialNumber, category, status, model, vendor, location, department, custodian,
                    purchase, warrantyEnd, holdsBusinessData, maintenanceIntervalDays, lastMaintenance, nextMaintenanceDue,
                    lastAudit, nextAuditDue, endOfLife, missingSince, checkout, acceptance, attributes, version, createdAt, createdBy, updatedAt, updatedBy);
        }
    }
}
