package io.itops.asset;

import io.itops.shared.events.AssetSnapshot;
import io.itops.shared.events.DomainEvent;
import io.itops.shared.events.Notice;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The events the register tells the other functions about (detail-types are the bus contract).
 * Every one carries the asset's state as {@code detail.asset}, so consumers keep their own projection.
 */
final class AssetEvents {
    static final String REGISTERED = "AssetRegistered";
    static final String UPDATED = "AssetUpdated";
    static final String STATUS_CHANGED = "AssetStatusChanged";
    static final String CUSTODY_CHANGED = "AssetCustodyChanged";
    static final String FAULT_REPORTED = "AssetFaultReported";
    static final String MAINTENANCE_DUE = "AssetMaintenanceDue";
    static final String WARRANTY_ENDING = "AssetWarrantyEnding";
    static final String AUDIT_OVERDUE = "AssetAuditOverdue";

    private AssetEvents() {}

    static AssetSnapshot snapshot(Asset a) {
        return new AssetSnapshot(a.assetId(), a.assetTag(), a.category().toString(), a.status().toString(), a.model(),
                a.department(), a.custodian(), a.location(), a.holdsBusinessData(), a.version());
    }

    static DomainEvent registered(Asset asset) {
        Map<String, Object> detail = base(asset);
        detail.put("category", asset.category().toString());
        detail.put("status", asset.status().toString());
        detail.put("location", asset.location());
        detail.put("holdsBusinessData", asset.holdsBusinessData());
        return event(REGISTERED, detail, asset);
    }

    /** Fields changed by PATCH or by an import row; {@code changed} names them. */
    static DomainEvent updated(Asset after, Collection<String> changed, String by) {
        Map<String, Object> detail = base(after);
        detail.put("changed", List.copyOf(changed));
        detail.put("by", by);
        return event(UPDATED, detail, after);
    }

    static DomainEvent statusChanged(Asset before, Asset after, String by) {
        Map<String, Object> detail = base(after);
        detail.put("category", after.category().toString());
        detail.put("from", before.status().toString());
        detail.put("to", after.status().toString());
        detail.put("by", by);
        return event(STATUS_CHANGED, detail, after);
    }

    static DomainEvent custodyChanged(Asset before, Asset after, String by) {
        Map<String, Object> detail = base(after);
        detail.put("from", before.custodian());
        detail.put("to", after.custodian());
        detail.put("by", by);
        return event(CUSTODY_CHANGED, detail, after);
    }

    static DomainEvent faultReported(Asset asset, Records.Fault fault) {
        Map<String, Object> detail = base(asset);
        detail.put("faultId", fault.faultId());
        detail.put("summary", fault.summary());
        detail.put("severity", fault.severity().toString());
        detail.put("reportedBy", fault.reportedBy());
        return event(FAULT_REPORTED, detail, asset);
    }

    /** A reminder: the event for the functions, then the notice for the people concerned. */
    static List<DomainEvent> due(DueKind kind, DueItem due, LocalDate today) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("assetId", due.assetId());
        detail.put("assetTag", due.assetTag());
        detail.put("custodian", due.custodian());
        detail.put("department", due.department());
        detail.put("kind", kind.toString());
        detail.put("dueDate", due.dueDate().toString());
        detail.put("asset", due.snapshot());
        String type = detailType(kind);
        List<DomainEvent> events = new ArrayList<>(2);
        events.add(new DomainEvent(type, detail));
        events.add(notice(kind, due, today).event());
        return events;
    }

    static String detailType(DueKind kind) {
        return switch (kind) {
            case MAINTENANCE -> MAINTENANCE_DUE;
            case WARRANTY -> WARRANTY_ENDING;
            case AUDIT -> AUDIT_OVERDUE;
        };
    }

    /** What the custodian (or, without one, the department) is told, in English and Chinese. */
    static Notice notice(DueKind kind, DueItem due, LocalDate today) {
        String what = due.model() == null ? due.assetTag() : due.assetTag() + " (" + due.model() + ")";
        String whatZh = due.model() == null ? due.assetTag() : due.assetTag() + "（" + due.model() + "）";
        LocalDate date = due.dueDate();
        boolean past = date.isBefore(today);
        String en = switch (kind) {
            case MAINTENANCE -> past
                    ? "Maintenance of " + what + " was due on " + date + " and is overdue; please arrange it with IT."
                    : "Maintenance of " + what + " is due on " + date + ".";
            case WARRANTY -> "The warranty of " + what + " ends on " + date + ".";
            case AUDIT -> "The physical audit of " + what + " is overdue (due " + date + "); IT will ask to see it.";
        };
        String zh = switch (kind) {
            case MAINTENANCE -> past
                    ? whatZh + " 的维护已于 " + date + " 到期，现已逾期，请联系 IT 安排。"
                    : whatZh + " 的维护将于 " + date + " 到期。";
            case WARRANTY -> whatZh + " 的保修将于 " + date + " 到期。";
            case AUDIT -> whatZh + " 的资产盘点已逾期（应于 " + date + " 完成），IT 会与你联系核对。";
        };
        List<String> to = due.custodian() == null ? List.of() : List.of(due.custodian());
        return new Notice(detailType(kind), due.assetId(), to, due.department(), en, zh);
    }

    private static Map<String, Object> base(Asset asset) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("assetId", asset.assetId());
        detail.put("assetTag", asset.assetTag());
        detail.put("department", asset.department());
        detail.put("custodian", asset.custodian());
        return detail;
    }

    private static DomainEvent event(String type, Map<String, Object> detail, Asset asset) {
        detail.put("asset", snapshot(asset));
        return new DomainEvent(type, detail);
    }
}
