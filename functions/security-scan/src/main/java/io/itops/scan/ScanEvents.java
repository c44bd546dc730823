package io.itops.scan;

import io.itops.shared.events.DomainEvent;
import io.itops.shared.events.Notice;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The events this function tells the others about (detail-types are the bus contract; docs/scanners.md
 * describes ScanRequested for scanners), and the notices people get, in English and Chinese.
 */
final class ScanEvents {
    static final String SCAN_REQUESTED = "ScanRequested";
    static final String SCAN_COMPLETED = "ScanCompleted";
    static final String FINDING_OPENED = "FindingOpened";
    static final String FINDING_OVERDUE = "FindingOverdue";
    static final String RISK_EXPIRED = "FindingRiskExpired";

    private ScanEvents() {}

    /** The work order a scanner picks up. */
    static DomainEvent requested(Scan s) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("scanId", s.scanId());
        detail.put("assetId", s.assetId());
        detail.put("assetTag", s.assetTag());
        detail.put("category", s.category());
        detail.put("department", s.department());
        detail.put("location", s.location());
        detail.put("model", s.model());
        detail.put("profile", s.profile().toString());
        detail.put("trigger", s.trigger().toString());
        detail.put("reason", s.reason());
        detail.put("requestedAt", s.requestedAt().toString());
        detail.put("respondBy", s.respondBy().toString());
        detail.put("resultPath", "/scans/" + s.scanId() + "/results");
        return new DomainEvent(SCAN_REQUESTED, detail);
    }

    static DomainEvent completed(Scan s) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("scanId", s.scanId());
        detail.put("assetId", s.assetId());
        detail.put("assetTag", s.assetTag());
        detail.put("department", s.department());
        detail.put("profile", s.profile().toString());
        detail.put("status", s.status().toString());
        detail.put("summary", s.summary());
        return new DomainEvent(SCAN_COMPLETED, detail);
    }

    /** A critical or high finding opened (or reopened): the event and a notice to the custodian. */
    static List<DomainEvent> opened(Finding f, boolean reopened, String scanId) {
        Map<String, Object> detail = findingDetail(f);
        detail.put("reopened", reopened);
        if (scanId != null) {
            detail.put("scanId", scanId);
        }
        String due = f.dueAt() == null ? null : date(f.dueAt()).toString();
        String en = (reopened ? "Finding reopened" : "New " + f.severity() + " finding") + " on " + f.assetTag()
                + " (" + f.profile() + "): " + f.ruleId() + " " + f.title() + "." + (due == null ? "" : " Remediate by " + due + ".");
        String zh = f.assetTag() + (reopened ? " 的" + f.severity().chinese() + "安全问题再次出现" : " 新发现" + f.severity().chinese() + "安全问题")
                + "（" + f.profile().chinese() + "）：" + f.ruleId() + " " + f.title() + "。" + (due == null ? "" : "请于 " + due + " 前整改。");
        return List.of(new DomainEvent(FINDING_OPENED, detail), notice(FINDING_OPENED, f, en, zh));
    }

    /** An open finding past its deadline: the event and a notice to the custodian. */
    static List<DomainEvent> overdue(Finding f, Instant now) {
        long days = Math.max(1, Duration.between(f.dueAt(), now).toDays());
        Map<String, Object> detail = findingDetail(f);
        detail.put("daysOverdue", days);
        String due = date(f.dueAt()).toString();
        String en = "Overdue: " + f.severity() + " finding on " + f.assetTag() + " (" + f.profile() + "): " + f.ruleId()
                + " " + f.title() + " was due " + due + " (" + days + (days == 1 ? " day" : " days") + " ago).";
        String zh = "逾期：" + f.assetTag() + " 的" + f.severity().chinese() + "安全问题（" + f.profile().chinese() + "）："
                + f.ruleId() + " " + f.title() + "，整改期限 " + due + "，已逾期 " + days + " 天。";
        return List.of(new DomainEvent(FINDING_OVERDUE, detail), notice(FINDING_OVERDUE, f, en, zh));
    }

    /** An accepted risk ran out: a notice, and FindingOpened when the finding is critical or high. */
    static List<DomainEvent> riskExpired(Finding f) {
        String due = f.dueAt() == null ? null : date(f.dueAt()).toString();
        String en = "Accepted risk expired on " + f.assetTag() + ": " + f.ruleId() + " " + f.title() + " is open again."
                + (due == null ? "" : " Remediate by " + due + ".");
        String zh = f.assetTag() + " 的风险接受已到期：" + f.ruleId() + " " + f.title() + " 已重新打开。"
                + (due == null ? "" : "请于 " + due + " 前整改。");
        List<DomainEvent> out = new ArrayList<>();
        if (f.severity().announced()) {
            out.add(opened(f, true, null).getFirst());
        }
        out.add(notice(RISK_EXPIRED, f, en, zh));
        return out;
    }

    private static Map<String, Object> findingDetail(Finding f) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("findingId", f.findingId());
        detail.put("assetId", f.assetId());
        detail.put("assetTag", f.assetTag());
        detail.put("department", f.department());
        detail.put("custodian", f.custodian());
        detail.put("profile", f.profile().toString());
        detail.put("ruleId", f.ruleId());
        detail.put("title", f.title());
        detail.put("severity", f.severity().toString());
        detail.put("cvss", f.cvss());
        detail.put("dueAt", f.dueAt() == null ? null : f.dueAt().toString());
        return detail;
    }

    private static DomainEvent notice(String kind, Finding f, String en, String zh) {
        return new Notice(kind, f.findingId(), f.custodian() == null ? List.of() : List.of(f.custodian()),
                f.department(), en, zh).event();
    }

    private static LocalDate date(Instant at) {
        return at.atZone(ZoneOffset.UTC).toLocalDate();
    }
}
