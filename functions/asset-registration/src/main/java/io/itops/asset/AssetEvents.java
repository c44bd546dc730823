package io.itops.asset;

import io.itops.shared.events.DomainEvent;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/** The events the register tells the other functions about (detail-types are the bus contract). */
final class AssetEvents {
    static final String REGISTERED = "AssetRegistered";
    static final String STATUS_CHANGED = "AssetStatusChanged";
    static final String CUSTODY_CHANGED = "AssetCustodyChanged";
    static final String FAULT_REPORTED = "AssetFaultReported";
    static final String MAINTENANCE_DUE = "AssetMaintenanceDue";
    static final String WARRANTY_ENDING = "AssetWarrantyEnding";
    static final String AUDIT_OVERDUE = "AssetAuditOverdue";

    private AssetEvents() {}

    static DomainEvent registered(Asset asset) {
        Map<String, Object> detail = base(asset);
        detail.put("category", asset.category().toString());
        detail.put("status", asset.status().toString());
        detail.put("location", asset.location());
        detail.put("holdsBusinessData", asset.holdsBusinessData());
        return new DomainEvent(REGISTERED, detail);
    }

    static DomainEvent statusChanged(Asset before, Asset after, String by) {
        Map<String, Object> detail = base(after);
        detail.put("category", after.category().toString());
        detail.put("from", before.status().toString());
        detail.put("to", after.status().toString());
        detail.put("by", by);
        return new DomainEvent(STATUS_CHANGED, detail);
    }

    static DomainEvent custodyChanged(Asset before, Asset after, String by) {
        Map<String, Object> detail = base(after);
        detail.put("from", before.custodian());
        detail.put("to", after.custodian());
        detail.put("by", by);
        return new DomainEvent(CUSTODY_CHANGED, detail);
    }

    static DomainEvent faultReported(Asset asset, Records.Fault fault) {
        Map<String, Object> detail = base(asset);
        detail.put("faultId", fault.faultId());
        detail.put("summary", fault.summary());
        detail.put("severity", fault.severity().toString());
        detail.put("reportedBy", fault.reportedBy());
        return new DomainEvent(FAULT_REPORTED, detail);
    }

    static DomainEvent due(DueKind kind, DueItem due) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("assetId", due.assetId());
        detail.put("assetTag", due.assetTag());
        detail.put("custodian", due.custodian());
        detail.put("department", due.department());
        detail.put("kind", kind.toString());
        detail.put("dueDate", due.dueDate().toString());
        String type = switch (kind) {
            case MAINTENANCE -> MAINTENANCE_DUE;
            case WARRANTY -> WARRANTY_ENDING;
            case AUDIT -> AUDIT_OVERDUE;
        };
        return new DomainEvent(type, detail);
    }

    private static Map<String, Object> base(Asset asset) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("assetId", asset.assetId());
        detail.put("assetTag", asset.assetTag());
        detail.put("department", asset.department());
        detail.put("custodian", asset.custodian());
        return detail;
    }

    /** A due date held in the register, as the reminder and due-list read it. */
    record DueItem(String assetId, String assetTag, String category, String custodian, String department, LocalDate dueDate) {}
}
