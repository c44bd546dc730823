package io.itops.backup;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.itops.backup.AuditRuns.RunState;
import io.itops.backup.AuditRuns.Totals;
import io.itops.backup.Records.Finding;
import io.itops.backup.Vocabulary.FindingCode;
import io.itops.shared.events.DomainEvent;
import io.itops.shared.events.Notice;
import io.itops.shared.json.Json;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The events backup-audit tells the others about, and the notices people get. Events a run may send
 * twice (a page processed again after an interrupted invocation, a summary re-sent after a failed
 * hand-over) carry an {@code eventId} derived from the run, so consumers deduplicate them.
 */
final class BackupEvents {
    static final String CONTINUED = "BackupAuditContinued";
    static final String COMPLETED = "BackupAuditCompleted";
    static final String NON_COMPLIANT = "BackupAssetNonCompliant";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm 'UTC'").withZone(ZoneId.of("UTC"));

    private BackupEvents() {}

    /** Hands an unfinished run to the next invocation (through the bus, so it also works on the dev server). */
    static DomainEvent continued(String runId, long invocation) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("eventId", "backup-audit-continue:" + runId + ":" + invocation);
        detail.put("runId", runId);
        detail.put("after", invocation);
        return new DomainEvent(CONTINUED, detail);
    }

    static DomainEvent completed(RunState run) {
        Totals totals = Totals.of(run.totals());
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("eventId", "backup-audit-completed:" + run.runId());
        detail.put("runId", run.runId());
        detail.put("trigger", run.trigger().toString());
        detail.put("asOf", run.asOf().toString());
        detail.put("completedAt", run.completedAt().toString());
        detail.put("previousRunId", run.previousRunId());
        detail.put("totals", totals);
        return new DomainEvent(COMPLETED, detail);
    }

    static DomainEvent nonCompliant(String runId, Coverage c, List<Finding> findings) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("eventId", "backup-noncompliant:" + runId + ":" + c.assetId());
        detail.put("runId", runId);
        detail.put("assetId", c.assetId());
        detail.put("assetTag", c.asset().assetTag());
        detail.put("department", c.asset().department());
        detail.put("custodian", c.asset().custodian());
        detail.put("findings", findings);
        return new DomainEvent(NON_COMPLIANT, detail);
    }

    /** Tells the custodian (or, without one, the department) that their asset's backups fell out of compliance. */
    static DomainEvent nonCompliantNotice(String runId, Coverage c, List<Finding> findings) {
        String tag = c.asset().assetTag();
        String en = "Backup audit: " + tag + (c.asset().model() == null ? "" : " (" + c.asset().model() + ")")
                + " is no longer compliant: " + findings.stream().map(f -> f.code().english()).collect(Collectors.joining("; "))
                + ". Please fix it with IT (audit " + runId + ").";
        String zh = "备份审计：" + tag + (c.asset().model() == null ? "" : "（" + c.asset().model() + "）")
                + " 不再合规：" + findings.stream().map(f -> f.code().chinese()).collect(Collectors.joining("；"))
                + "。请与 IT 部门一起处理（审计 " + runId + "）。";
        List<String> to = c.asset().custodian() == null ? List.of() : List.of(c.asset().custodian());
        return withId(new Notice(NON_COMPLIANT, c.assetId(), to, c.asset().department(), en, zh).event(),
                "backup-noncompliant-notice:" + runId + ":" + c.assetId());
    }

    static DomainEvent summaryNotice(RunState run, String itDepartment) {
        return withId(new Notice(COMPLETED, run.runId(), List.of(), itDepartment, summary(run, false), summary(run, true)).event(),
                "backup-audit-summary-notice:" + run.runId());
    }

    /** One paragraph about a completed run, in English or Chinese. */
    static String summary(RunState run, boolean chinese) {
        Totals t = Totals.of(run.totals());
        String percent = t.compliancePercent() == null ? "-" : t.compliancePercent() + "%";
        String top = t.byCode().entrySet().stream().filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(3)
                .map(e -> (chinese ? FindingCode.valueOf(e.getKey()).chinese() : e.getKey()) + " " + e.getValue())
                .collect(Collectors.joining(chinese ? "，" : ", "));
        if (chinese) {
            return "备份审计 " + run.runId() + "（" + DAY.format(run.asOf()) + "）：" + t.audited() + " 项资产中 " + t.compliant()
                    + " 项合规（" + percent + "）。新增问题 " + t.newFindings() + " 项，已解决 " + t.resolvedFindings()
                    + " 项，新增不合规资产 " + t.newlyNonCompliant() + " 项。" + (top.isEmpty() ? "" : "主要问题：" + top + "。");
        }
        return "Backup audit " + run.runId() + " (" + DAY.format(run.asOf()) + "): " + t.compliant() + " of " + t.audited()
                + " assets compliant (" + percent + "). New findings " + t.newFindings() + ", resolved " + t.resolvedFindings()
                + ", newly non-compliant assets " + t.newlyNonCompliant() + "." + (top.isEmpty() ? "" : " Top: " + top + ".");
    }

    /** The same event with a stable id (the publisher keeps an id the detail already carries). */
    private static DomainEvent withId(DomainEvent event, String eventId) {
        ObjectNode detail = Json.mapper().valueToTree(event.detail());
        ObjectNode withId = Json.mapper().createObjectNode().put("eventId", eventId);
        withId.setAll(detail);
        return new DomainEvent(event.detailType(), withId);
    }
}
