package io.itops.asset;

import io.itops.asset.Records.AuditRecord;
import io.itops.asset.Records.Fault;
import io.itops.asset.Records.HistoryEntry;
import io.itops.asset.Records.MaintenanceRecord;
import io.itops.asset.Records.Resolution;
import io.itops.shared.store.Ids;
import io.itops.shared.store.Item;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * How the register's records sit in the one table (docs/table/asset-registration.md lists the access patterns):
 * an asset and its archive share the partition {@code ASSET#id}; tags and serial numbers own
 * uniqueness items; due dates are small items indexed by date on GSI1.
 */
final class AssetItems {
    private AssetItems() {}

    static Map<String, AttributeValue> assetKey(String assetId) {
        return Map.of("PK", Item.s("ASSET#" + assetId), "SK", Item.s("ASSET"));
    }

    static Map<String, AttributeValue> tagKey(String tag) {
        return Map.of("PK", Item.s("ASSETTAG#" + tag), "SK", Item.s("ASSETTAG"));
    }

    static Map<String, AttributeValue> serialKey(String serial) {
        return Map.of("PK", Item.s("ASSETSERIAL#" + serial), "SK", Item.s("ASSETSERIAL"));
    }

    static Map<String, AttributeValue> dueKey(String assetId, DueKind kind) {
        return Map.of("PK", Item.s("ASSET#" + assetId), "SK", Item.s("DUE#" + kind.name()));
    }

    static Map<String, AttributeValue> faultKey(String assetId, String faultId) {
        return Map.of("PK", Item.s("ASSET#" + assetId), "SK", Item.s("FAULT#" + faultId));
    }

    static Item tag(String tag, String assetId) {
        return Item.of(new java.util.HashMap<>(tagKey(tag))).put("type", "AssetTag").put("assetId", assetId);
    }

    static Item serial(String serial, String assetId) {
        return Item.of(new java.util.HashMap<>(serialKey(serial))).put("type", "AssetSerial").put("assetId", assetId);
    }

    static Item asset(Asset a) {
        Item item = Item.of(new java.util.HashMap<>(assetKey(a.assetId())))
                .put("type", "Asset")
                .put("assetId", a.assetId())
                .put("assetTag", a.assetTag())
                .put("serialNumber", a.serialNumber())
                .put("category", a.category())
                .put("status", a.status())
                .put("model", a.model())
                .put("vendor", a.vendor())
                .put("location", a.location())
                .put("department", a.department())
                .put("custodian", a.custodian())
                .put("warrantyEnd", a.warrantyEnd())
                .put("holdsBusinessData", a.holdsBusinessData())
                .put("maintenanceIntervalDays", a.maintenanceIntervalDays())
                .put("lastMaintenance", a.lastMaintenance())
                .put("nextMaintenanceDue", a.nextMaintenanceDue())
                .put("lastAudit", a.lastAudit())
                .put("nextAuditDue", a.nextAuditDue())
                .putStrings("attributes", a.attributes())
                .put("version", a.version())
                .put("createdAt", a.createdAt())
                .put("createdBy", a.createdBy())
                .put("updatedAt", a.updatedAt())
                .put("updatedBy", a.updatedBy())
                .put("GSI3PK", "CATEGORY#" + a.category())
                .put("GSI3SK", a.status() + "#" + a.assetTag())
                .put("GSI4PK", "STATUS#" + a.status())
                .put("GSI4SK", a.assetTag())
                .put("GSI6PK", "ASSETS")
                .put("GSI6SK", a.assetTag());
        if (a.custodian() != null) {
            item.put("GSI1PK", "CUSTODIAN#" + a.custodian()).put("GSI1SK", "ASSET#" + a.assetTag());
        }
        if (a.department() != null) {
            item.put("GSI2PK", "DEPARTMENT#" + a.department()).put("GSI2SK", a.assetTag());
        }
        if (a.location() != null) {
            item.put("GSI5PK", "LOCATION#" + a.location()).put("GSI5SK", a.assetTag());
        }
        Purchase p = a.purchase();
        if (p != null) {
            item.putItem("purchase", Item.create().put("date", p.date()).put("cost", p.cost()).put("currency", p.currency())
                    .put("supplier", p.supplier()).put("orderNumber", p.orderNumber()));
        }
        Checkout c = a.checkout();
        if (c != null) {
            item.putItem("checkout", Item.create().put("custodian", c.custodian()).put("since", c.since())
                    .put("expectedReturn", c.expectedReturn()).put("by", c.by()));
        }
        return item;
    }

    static Asset asset(Item i) {
        Item p = i.item("purchase");
        Item c = i.item("checkout");
        return new Asset(
                i.string("assetId"), i.string("assetTag"), i.string("serialNumber"),
                i.enumValue("category", Category::parse), i.enumValue("status", Status::parse),
                i.string("model"), i.string("vendor"), i.string("location"), i.string("department"), i.string("custodian"),
                p == null ? null : new Purchase(p.date("date"), p.decimal("cost"), p.string("currency"), p.string("supplier"), p.string("orderNumber")),
                i.date("warrantyEnd"), Boolean.TRUE.equals(i.bool("holdsBusinessData")), i.integer("maintenanceIntervalDays"),
                i.date("lastMaintenance"), i.date("nextMaintenanceDue"), i.date("lastAudit"), i.date("nextAuditDue"),
                c == null ? null : new Checkout(c.string("custodian"), c.instant("since"), c.date("expectedReturn"), c.string("by")),
                i.strings("attributes"), i.longValue("version"),
                i.instant("createdAt"), i.string("createdBy"), i.instant("updatedAt"), i.string("updatedBy"));
    }

    static Item due(Asset a, DueKind kind) {
        return Item.of(new java.util.HashMap<>(dueKey(a.assetId(), kind)))
                .put("type", "AssetDue")
                .put("assetId", a.assetId())
                .put("assetTag", a.assetTag())
                .put("category", a.category())
                .put("status", a.status())
                .put("model", a.model())
                .put("location", a.location())
                .put("custodian", a.custodian())
                .put("department", a.department())
                .put("holdsBusinessData", a.holdsBusinessData())
                .put("version", a.version())
                .put("dueDate", kind.of(a))
                .put("GSI1PK", "DUE#" + kind.name())
                .put("GSI1SK", kind.of(a) + "#" + a.assetId());
    }

    static AssetEvents.DueItem due(Item i) {
        return new AssetEvents.DueItem(i.string("assetId"), i.string("assetTag"), i.string("category"),
                i.string("status"), i.string("model"), i.string("location"), i.string("custodian"), i.string("department"),
                Boolean.TRUE.equals(i.bool("holdsBusinessData")), i.longValue("version"), i.date("dueDate"));
    }

    static Item history(String assetId, HistoryEntry e) {
        return Item.create()
                .put("PK", "ASSET#" + assetId)
                .put("SK", "HIST#" + Ids.sortable(e.at()) + "#" + Ids.ulid(e.at().toEpochMilli()))
                .put("type", "AssetHistory")
                .put("at", e.at())
                .put("event", e.type())
                .put("actor", e.actor())
                .put("summary", e.summary())
                .putStrings("details", e.details());
    }

    static HistoryEntry history(Item i) {
        return new HistoryEntry(i.instant("at"), i.string("event"), i.string("actor"), i.string("summary"), i.strings("details"));
    }

    static Item maintenance(MaintenanceRecord r) {
        return Item.create()
                .put("PK", "ASSET#" + r.assetId())
                .put("SK", "MAINT#" + r.performedOn() + "#" + r.recordId())
                .put("type", "MaintenanceRecord")
                .put("recordId", r.recordId())
                .put("assetId", r.assetId())
                .put("kind", r.kind())
                .put("performedOn", r.performedOn())
                .put("performedBy", r.performedBy())
                .put("cost", r.cost())
                .put("currency", r.currency())
                .put("notes", r.notes())
                .putList("checklist", r.checklist())
                .put("nextDue", r.nextDue())
                .put("recordedAt", r.recordedAt())
                .put("recordedBy", r.recordedBy());
    }

    static MaintenanceRecord maintenance(Item i) {
        return new MaintenanceRecord(i.string("recordId"), i.string("assetId"),
                i.enumValue("kind", Records.MaintenanceKind::parse), i.date("performedOn"), i.string("performedBy"),
                i.decimal("cost"), i.string("currency"), i.string("notes"), i.list("checklist"), i.date("nextDue"),
                i.instant("recordedAt"), i.string("recordedBy"));
    }

    static Item fault(Fault f) {
        Item item = Item.of(new java.util.HashMap<>(faultKey(f.assetId(), f.faultId())))
                .put("type", "Fault")
                .put("faultId", f.faultId())
                .put("assetId", f.assetId())
                .put("assetTag", f.assetTag())
                .put("summary", f.summary())
                .put("description", f.description())
                .put("severity", f.severity())
                .put("status", f.status())
                .put("occurredAt", f.occurredAt())
                .put("reportedAt", f.reportedAt())
                .put("reportedBy", f.reportedBy());
        Resolution r = f.resolution();
        if (r != null) {
            item.putItem("resolution", Item.create().put("resolution", r.resolution()).put("rootCause", r.rootCause())
                    .put("causeAnalysis", r.causeAnalysis()).put("correctiveAction", r.correctiveAction())
                    .put("preventiveAction", r.preventiveAction()).put("resolvedAt", r.resolvedAt())
                    .put("resolvedBy", r.resolvedBy()));
        }
        return item;
    }

    static Fault fault(Item i) {
        Item r = i.item("resolution");
        return new Fault(i.string("faultId"), i.string("assetId"), i.string("assetTag"), i.string("summary"),
                i.string("description"), i.enumValue("severity", Records.Severity::parse),
                i.enumValue("status", Records.FaultStatus::parse), i.instant("occurredAt"), i.instant("reportedAt"),
                i.string("reportedBy"),
                r == null ? null : new Resolution(r.string("resolution"), r.enumValue("rootCause", Records.RootCause::parse),
                        r.string("causeAnalysis"), r.string("correctiveAction"), r.string("preventiveAction"),
                        r.instant("resolvedAt"), r.string("resolvedBy")));
    }

    static Item audit(AuditRecord a) {
        return Item.create()
                .put("PK", "ASSET#" + a.assetId())
                .put("SK", "AUDIT#" + a.auditedOn() + "#" + a.auditId())
                .put("type", "AuditRecord")
                .put("auditId", a.auditId())
                .put("assetId", a.assetId())
                .put("found", a.found())
                .put("location", a.location())
                .put("condition", a.condition())
                .put("locationMatches", a.locationMatches())
                .put("notes", a.notes())
                .put("auditedOn", a.auditedOn())
                .put("nextAuditDue", a.nextAuditDue())
                .put("recordedAt", a.recordedAt())
                .put("recordedBy", a.recordedBy());
    }
}
