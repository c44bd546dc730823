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
    static final String RETURN_OVERDUE = "AssetReturnOverdue";
    static final String END_OF_LIFE_NEAR = "AssetEndOfLifeNear";
    static final String MISSING = "AssetMissing";
    static final String FOUND = "AssetFound";

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

    /** What IT staff are told about a new fault (no recipient, no department: chat-webhook's IT staff channel). */
    static Notice faultNotice(Asset asset, Records.Fault fault) {
        String what = describe(asset.assetTag(), asset.model(), false);
        String whatZh = describe(asset.assetTag(), asset.model(), true);
        String en = "Fault reported on " + what + " by " + fault.reportedBy() + " (" + fault.severity() + "): " + fault.summary();
        String zh = fault.reportedBy() + " 报告了 " + whatZh + " 的故障（" + severityZh(fault.severity()) + "）：" + fault.summary();
        return new Notice(FAULT_REPORTED, asset.assetId(), List.of(), null, en, zh);
    }

    /** An audit did not find the asset: the event, and the notice for IT staff. */
    static List<DomainEvent> missing(Asset asset, LocalDate auditedOn, String by) {
        Map<String, Object> detail = base(asset);
        detail.put("missingSince", asset.missingSince().toString());
        detail.put("auditedOn", auditedOn.toString());
        detail.put("by", by);
        String what = describe(asset.assetTag(), asset.model(), false);
        String whatZh = describe(asset.assetTag(), asset.model(), true);
        String holder = asset.custodian() == null ? "" : " (held by " + asset.custodian() + ")";
        String holderZh = asset.custodian() == null ? "" : "（保管人 " + asset.custodian() + "）";
        Notice notice = new Notice(MISSING, asset.assetId(), List.of(), null,
                "The audit on " + auditedOn + " did not find " + what + holder + " at " + orDash(asset.location())
                        + "; it is listed as missing until an audit finds it.",
                auditedOn + " 的盘点未找到 " + whatZh + holderZh + "（登记位置 " + orDash(asset.location())
                        + "），在再次盘点找到之前列为丢失。");
        return List.of(event(MISSING, detail, asset), notice.event());
    }

    /** A later audit found an asset that was missing. */
    static DomainEvent found(Asset asset, LocalDate missingSince, String by) {
        Map<String, Object> detail = base(asset);
        detail.put("missingSince", missingSince.toString());
        detail.put("by", by);
        return event(FOUND, detail, asset);
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
        if (kind == DueKind.RETURN) {
            events.add(itNotice(due).event());
        }
        return events;
    }

    /** IT staff hear of every overdue loan, whether or not the holder can be reached. */
    static Notice itNotice(DueItem due) {
        String what = describe(due.assetTag(), due.model(), false);
        String whatZh = describe(due.assetTag(), due.model(), true);
        return new Notice(RETURN_OVERDUE, due.assetId(), List.of(), null,
                "The loan of " + what + " to " + due.custodian() + " was due back on " + due.dueDate() + ".",
                whatZh + " 借给 " + due.custodian() + " 的设备应于 " + due.dueDate() + " 归还。");
    }

    static String detailType(DueKind kind) {
        return switch (kind) {
            case MAINTENANCE -> MAINTENANCE_DUE;
            case WARRANTY -> WARRANTY_ENDING;
            case AUDIT -> AUDIT_OVERDUE;
            case RETURN -> RETURN_OVERDUE;
            case END_OF_LIFE -> END_OF_LIFE_NEAR;
            case MISSING -> MISSING;
        };
    }

    /** What the custodian (or, without one, the department) is told, in English and Chinese. */
    static Notice notice(DueKind kind, DueItem due, LocalDate today) {
        String what = describe(due.assetTag(), due.model(), false);
        String whatZh = describe(due.assetTag(), due.model(), true);
        LocalDate date = due.dueDate();
        boolean past = date.isBefore(today);
        String en = switch (kind) {
            case MAINTENANCE -> past
                    ? "Maintenance of " + what + " was due on " + date + " and is overdue; please arrange it with IT."
                    : "Maintenance of " + what + " is due on " + date + ".";
            case WARRANTY -> "The warranty of " + what + " ends on " + date + ".";
            case AUDIT -> "The physical audit of " + what + " is overdue (due " + date + "); IT will ask to see it.";
            case RETURN -> past
                    ? what + " was due back to IT on " + date + " and is overdue; please return it or ask IT to extend the loan."
                    : what + " is due back to IT on " + date + ".";
            case END_OF_LIFE -> what + " reaches its planned end of life on " + date + "; IT will plan its replacement.";
            case MISSING -> what + " has been missing since the audit on " + date + ".";
        };
        String zh = switch (kind) {
            case MAINTENANCE -> past
                    ? whatZh + " 的维护已于 " + date + " 到期，现已逾期，请联系 IT 安排。"
                    : whatZh + " 的维护将于 " + date + " 到期。";
            case WARRANTY -> whatZh + " 的保修将于 " + date + " 到期。";
            case AUDIT -> whatZh + " 的资产盘点已逾期（应于 " + date + " 完成），IT 会与你联系核对。";
            case RETURN -> past
                    ? whatZh + " 应于 " + date + " 归还 IT，现已逾期，请归还或联系 IT 延长借用。"
                    : whatZh + " 应于 " + date + " 归还 IT。";
            case END_OF_LIFE -> whatZh + " 将于 " + date + " 到达计划报废日期，IT 会安排更换。";
            case MISSING -> whatZh + " 自 " + date + " 盘点起下落不明。";
        };
        List<String> to = due.custodian() == null ? List.of() : List.of(due.custodian());
        return new Notice(detailType(kind), due.assetId(), to, due.department(), en, zh);
    }

    private static String describe(String tag, String model, boolean zh) {
        return model == null ? tag : zh ? tag + "（" + model + "）" : tag + " (" + model + ")";
    }

    private static String severityZh(Records.Severity severity) {
        return switch (severity) {
            case LOW -> "低";
            case MEDIUM -> "中";
            case HIGH -> "高";
            case CRITICAL -> "紧急";
        };
    }

    private static String orDash(String value) {
        return value == null ? "-" : value;
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
