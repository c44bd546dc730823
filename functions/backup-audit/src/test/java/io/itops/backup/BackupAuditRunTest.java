package io.itops.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.itops.shared.events.DomainEvent;
import io.itops.shared.events.Notice;
import io.itops.shared.json.Json;
import io.itops.testing.Claims;
import io.itops.testing.HttpEvent;
import io.itops.testing.Invoker;
import io.itops.testing.Stdout;
import io.itops.testing.TestSystem;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The audit end to end on moto: every finding code from the situation built through the API with the
 * injected clock, the compliant neighbours, one run per schedule slot, resumption after the time
 * budget runs out or an invocation crashes, comparison with the previous run, and the reads it costs.
 */
class BackupAuditRunTest {
    static final Instant AS_OF = Instant.parse("2026-12-01T18:00:00Z"); // 02:00 in Asia/Shanghai
    static final String SLOT = "2026-12-01T18:00:00Z";
    /** Small pages, so a dozen assets take several pages and segments. */
    static final Map<String, String> SMALL_PAGES = Map.of("AUDIT_PAGE_SIZE", "2");

    /** The asset built for each code, the compliant neighbours, and two assets the audit must not read. */
    static final class Scenario {
        final Map<String, String> ids = new LinkedHashMap<>();

        static final Map<String, String> CODE_OF = Map.of(
                "NOPOL", "NO_POLICY", "NOSUCC", "NO_SUCCESSFUL_BACKUP", "RPO", "RPO_BREACHED", "FAILED", "LAST_JOB_FAILED",
                "RET", "RETENTION_BELOW_MINIMUM", "ENC", "NOT_ENCRYPTED", "OFF", "NO_OFFSITE_COPY",
                "OVERDUE", "RESTORE_TEST_OVERDUE", "RFAIL", "RESTORE_TEST_FAILED", "RTO", "RTO_EXCEEDED");

        Scenario(BackupFixture fx) {
            fx.clock.set(AS_OF.minus(Duration.ofDays(120)));
            for (String tag : List.of("OK-1", "OK-2", "NOPOL", "NOSUCC", "RPO", "FAILED", "RET", "ENC", "OFF", "OVERDUE", "RFAIL")) {
                ids.put(tag, fx.asset(tag, "server", true));
            }
            ids.put("RTO", fx.asset("RTO", "storage", true, "Ops"));
            ids.put("LAPTOP", fx.asset("LAPTOP", "laptop", false));
            ids.put("OLD", fx.asset("OLD", "server", true));
            ids.forEach((tag, id) -> {
                if (tag.equals("NOPOL") || tag.equals("LAPTOP")) return;
                Map<String, Object> policy = new LinkedHashMap<>(BackupFixture.policy());
                switch (tag) {
                    case "RET" -> policy.put("retentionDays", 30);
                    case "ENC" -> policy.put("encrypted", false);
                    case "OFF" -> policy.put("offsiteCopy", false);
                    default -> { }
                }
                fx.policy(id, policy);
            });
            fx.assetEvent("AssetStatusChanged",
                    BackupFixture.snapshot(ids.get("OLD"), "OLD", "server", "retired", true, "Finance", "li.lei", 2));

            fx.clock.set(AS_OF.minus(Duration.ofDays(91)));
            fx.restoreTest(ids.get("OVERDUE"), fx.clock.instant(), true, 60);
            fx.clock.set(AS_OF.minus(Duration.ofDays(10)));
            for (String tag : List.of("OK-1", "OK-2", "NOPOL", "NOSUCC", "RPO", "FAILED", "RET", "ENC", "OFF")) {
                fx.restoreTest(ids.get(tag), fx.clock.instant(), true, 60);
            }
            fx.restoreTest(ids.get("RFAIL"), fx.clock.instant(), false, null);
            fx.restoreTest(ids.get("RTO"), fx.clock.instant(), true, 300);

            fx.clock.set(AS_OF.minus(Duration.ofMinutes(1)));
            ids.forEach((tag, id) -> {
                switch (tag) {
                    case "NOSUCC", "LAPTOP" -> { }
                    case "RPO" -> fx.reportJob(id, "rpo-1", "succeeded", AS_OF.minus(Duration.ofHours(25)));
                    case "FAILED" -> {
                        fx.reportJob(id, "failed-1", "succeeded", AS_OF.minus(Duration.ofHours(3)));
                        fx.reportJob(id, "failed-2", "failed", AS_OF.minus(Duration.ofHours(1)));
                    }
                    default -> fx.reportJob(id, tag.toLowerCase() + "-1", "succeeded", AS_OF.minus(Duration.ofHours(2)));
                }
            });
            fx.clock.set(AS_OF);
        }
    }

    private static JsonNode latestRun(BackupFixture fx) {
        Invoker.Response latest = fx.latest();
        assertEquals(200, latest.status(), latest.toString());
        return latest.body();
    }

    @Test
    void everyCodeAppearsForExactlyTheAssetBuiltForIt_theNeighboursHaveNone_andPeopleAreTold() {
        BackupFixture fx = new BackupFixture(TestSystem.create(), SMALL_PAGES);
        Scenario s = new Scenario(fx);
        fx.calls.reset();

        Stdout.Captured<Integer> audit = Stdout.during(() -> fx.runScheduledAudit(SLOT));
        int invocations = audit.value();
        // what the not-completed alarm and the dashboard read
        assertTrue(audit.metric("BackupAuditCompleted", 1), audit.text());
        assertTrue(audit.metric("BackupCompliancePercent", 16.7), audit.text());
        assertTrue(audit.metric("BackupFindingsOpen_critical", 1), audit.text());

        int lookups = fx.calls.count("GetItem") + fx.calls.count("BatchGetItem");
        int scans = fx.calls.count("Scan");
        assertEquals(1, invocations, "unlimited budget: one invocation");
        JsonNode run = latestRun(fx);
        String runId = run.path("runId").asText();
        JsonNode totals = run.path("totals");
        assertEquals("completed", run.path("status").asText());
        assertEquals(AS_OF.toString(), run.path("asOf").asText());
        assertEquals(12, totals.path("audited").asInt(), "laptop without business data and the retired server are not audited");
        assertEquals(2, totals.path("compliant").asInt());
        assertEquals(10, totals.path("nonCompliant").asInt());
        assertEquals(16.7, totals.path("compliancePercent").asDouble());
        Scenario.CODE_OF.values().forEach(code -> assertEquals(1, totals.path("byCode").path(code).asInt(), code));
        assertEquals(10, totals.path("newFindings").asInt());
        assertEquals(0, totals.path("resolvedFindings").asInt());
        assertEquals(10, totals.path("newlyNonCompliant").asInt());
        assertEquals(1, totals.path("bySeverity").path("critical").asInt(), "only NO_SUCCESSFUL_BACKUP is critical here");

        Scenario.CODE_OF.forEach((tag, code) -> assertEquals(List.of(code), fx.findingCodes(runId, s.ids.get(tag)), tag));
        assertEquals(List.of(), fx.findingCodes(runId, s.ids.get("OK-1")));
        assertEquals(List.of(), fx.findingCodes(runId, s.ids.get("OK-2")));

        JsonNode rpo = fx.call(HttpEvent.of("GET /backup-audits/{runId}").path("runId", runId).as(Claims.staff())
                .query("code", "RPO_BREACHED")).body().path("findings");
        assertEquals(1, rpo.size());
        assertEquals("25", rpo.get(0).path("facts").path("hoursSinceLastSuccess").asText());
        assertEquals("24", rpo.get(0).path("facts").path("rpoHours").asText());
        assertEquals("new", rpo.get(0).path("change").asText());
        JsonNode critical = fx.call(HttpEvent.of("GET /backup-audits/{runId}").path("runId", runId).as(Claims.staff())
                .query("severity", "critical")).body().path("findings");
        assertEquals(List.of("NO_SUCCESSFUL_BACKUP"), codes(critical));
        JsonNode ops = fx.call(HttpEvent.of("GET /backup-audits/{runId}").path("runId", runId).as(Claims.staff())
                .query("department", "Ops")).body().path("findings");
        assertEquals(List.of("RTO_EXCEEDED"), codes(ops));

        assertEquals(1, fx.events.ofType(BackupEvents.COMPLETED).size());
        List<DomainEvent> nonCompliant = fx.events.ofType(BackupEvents.NON_COMPLIANT);
        assertEquals(10, nonCompliant.size());
        List<DomainEvent> notices = fx.events.ofType(Notice.DETAIL_TYPE);
        assertEquals(11, notices.size(), "one per newly non-compliant asset and the summary");
        JsonNode notice = Json.mapper().valueToTree(notices.stream()
                .filter(n -> Json.mapper().valueToTree(n.detail()).path("subjectId").asText().equals(s.ids.get("RPO"))).findFirst().orElseThrow().detail());
        assertEquals("[\"li.lei\"]", notice.path("to").toString());
        assertTrue(notice.path("en").asText().contains("last good backup older than the RPO"), notice.toString());
        assertTrue(notice.path("zh").asText().contains("恢复点目标"), notice.toString());
        JsonNode summary = Json.mapper().valueToTree(notices.stream()
                .filter(n -> Json.mapper().valueToTree(n.detail()).path("kind").asText().equals(BackupEvents.COMPLETED)).findFirst().orElseThrow().detail());
        assertEquals("IT", summary.path("department").asText());
        assertTrue(summary.path("en").asText().contains("2 of 12 assets compliant (16.7%)"), summary.toString());

        long itemsRead = totals.path("itemsRead").asLong();
        assertTrue(itemsRead <= 1.1 * 12, "items read " + itemsRead + " for 12 audited assets");
        assertEquals(0, scans, "the audit reads the sparse index, never the table");
        assertTrue(lookups <= 6, "no per-asset lookups: " + lookups + " GetItem calls for 12 assets");
    }

    private static List<String> codes(JsonNode findings) {
        List<String> out = new java.util.ArrayList<>();
        findings.forEach(f -> out.add(f.path("code").asText()));
        return out;
    }

    @Test
    void theSameScheduleDeliveredTwice_isOneRun_evenAfterItsDeliveryClaimIsGone() {
        BackupFixture fx = new BackupFixture();
        String id = fx.asset("SRV-1", "server", true);

        fx.invoker.invokeRaw(HttpEvent.sample("backup-audit/schedule-backup-audit.json"));
        fx.invoker.invokeRaw(HttpEvent.sample("backup-audit/schedule-backup-audit.json"));
        fx.system.items("PROCESSED#backup-audit#schedule#").forEach(claim -> fx.system.dynamo().deleteItem(r -> r.tableName(fx.system.tableName())
                .key(Map.of("PK", claim.get("PK"), "SK", claim.get("SK")))));
        fx.invoker.invokeRaw(HttpEvent.sample("backup-audit/schedule-backup-audit.json"));

        assertEquals(1, fx.system.items("AUDITRUN#").stream().filter(i -> i.get("SK").s().equals("RUN")).count());
        assertEquals(1, fx.events.ofType(BackupEvents.COMPLETED).size());
        assertEquals(1, fx.events.ofType(BackupEvents.NON_COMPLIANT).size());
        assertEquals(List.of("NO_POLICY", "NO_SUCCESSFUL_BACKUP"), fx.findingCodes(latestRun(fx).path("runId").asText(), id));
    }

    @Test
    void aRunCutByTheTimeBudget_resumesAcrossInvocations_survivesACrashAndDuplicates_andEndsWithTheSameTotals() {
        BackupFixture whole = new BackupFixture(TestSystem.create(), SMALL_PAGES);
        new Scenario(whole);
        whole.runScheduledAudit(SLOT);
        JsonNode expected = latestRun(whole).path("totals");

        BackupFixture cut = new BackupFixture(TestSystem.create(), SMALL_PAGES);
        new Scenario(cut);
        cut.pagesPerInvocation = 1;
        // some invocation dies after writing a page's findings and marks, before its checkpoint
        cut.auditEvents.failOnce(BackupEvents.NON_COMPLIANT);
        int crashes = 0;
        try {
            cut.invoker.invokeRaw(BackupFixture.schedule(SLOT));
        } catch (IllegalStateException crash) {
            crashes++;
            cut.invoker.invokeRaw(BackupFixture.schedule(SLOT)); // the scheduler's retry
        }
        int delivered = 0;
        int invocations = 0;
        while (cut.events.ofType(BackupEvents.CONTINUED).size() > delivered) {
            DomainEvent next = cut.events.ofType(BackupEvents.CONTINUED).get(delivered++);
            try {
                cut.deliver(next);
            } catch (IllegalStateException crash) {
                crashes++;
                cut.deliver(next); // Lambda's retry of the failed async invocation
            }
            cut.deliver(next); // EventBridge delivers at least once: the duplicate is skipped
            invocations += 2;
            assertTrue(invocations < 1000, "the run ends");
        }
        assertEquals(1, crashes, "the crash happened once and was recovered from");

        JsonNode run = latestRun(cut);
        assertEquals("completed", run.path("status").asText());
        assertTrue(run.path("invocations").asInt() > 5, "the run really was cut: " + run.path("invocations"));
        JsonNode totals = run.path("totals");
        for (String field : List.of("audited", "compliant", "nonCompliant", "compliancePercent", "byCode", "bySeverity",
                "newFindings", "resolvedFindings", "newlyNonCompliant", "itemsRead")) {
            assertEquals(expected.path(field), totals.path(field), field);
        }
        assertEquals(1, cut.events.ofType(BackupEvents.COMPLETED).size(), "completed and announced once");
        Set<String> announced = cut.events.ofType(BackupEvents.NON_COMPLIANT).stream()
                .map(e -> Json.mapper().valueToTree(e.detail()).path("eventId").asText()).collect(Collectors.toSet());
        assertEquals(10, announced.size(), "each newly non-compliant asset under one event id");
        assertEquals(1, cut.system.items("AUDITRUN#").stream().filter(i -> i.get("SK").s().equals("RUN")).count());
        assertEquals(0, cut.system.items("AUDITRUN#LOCK").size(), "the lock is released");
    }

    @Test
    void theLambdaContextsRemainingTimeDecidesWhenARunHandsOver_andEveryInvocationMakesProgress() {
        BackupFixture fx = new BackupFixture(TestSystem.create(), SMALL_PAGES);
        for (int i = 0; i < 6; i++) {
            fx.asset("SRV-" + i, "server", true);
        }
        fx.lambdaDeadline = true;

        fx.invokeWithRemaining(BackupFixture.schedule(SLOT), 1); // 1 ms left: one page, then hand over

        JsonNode started = fx.call(HttpEvent.of("GET /backup-audits").as(Claims.staff())).body().path("items").get(0);
        assertEquals("running", started.path("status").asText());
        assertEquals(1, started.path("progress").path("pages").asInt());
        assertEquals(1, fx.events.ofType(BackupEvents.CONTINUED).size());

        DomainEvent next = fx.events.ofType(BackupEvents.CONTINUED).getFirst();
        fx.invokeWithRemaining(fx.busEvent("itops.backup", next.detailType(), Json.mapper().valueToTree(next.detail())), 300_000);

        JsonNode run = latestRun(fx);
        assertEquals(2, run.path("invocations").asInt(), "a full invocation finished it");
        assertEquals(6, run.path("totals").path("audited").asInt());
        assertEquals(1, fx.events.ofType(BackupEvents.CONTINUED).size());
    }

    @Test
    void aSecondRunComparesWithTheFirst_newAndResolvedFindings_andOnlyNewlyNonCompliantAssetsAreAnnounced() {
        BackupFixture fx = new BackupFixture(TestSystem.create(), SMALL_PAGES);
        Scenario s = new Scenario(fx);
        fx.runScheduledAudit(SLOT);
        String first = latestRun(fx).path("runId").asText();
        fx.events.clear();

        fx.clock.set(AS_OF.plus(Duration.ofMinutes(10)));
        fx.reportJob(s.ids.get("RPO"), "rpo-2", "succeeded", fx.clock.instant().minus(Duration.ofMinutes(5)));
        fx.reportJob(s.ids.get("OK-1"), "ok-1-2", "failed", fx.clock.instant().minus(Duration.ofMinutes(5)));
        fx.clock.set(AS_OF.plus(Duration.ofMinutes(20)));
        Invoker.Response started = fx.call(HttpEvent.of("POST /backup-audits").as(Claims.admin()));
        assertEquals(202, started.status(), started.toString());
        fx.deliverContinuations(0);

        JsonNode run = latestRun(fx);
        String second = run.path("runId").asText();
        assertEquals(started.body().path("runId").asText(), second);
        assertEquals(first, run.path("previousRunId").asText());
        JsonNode totals = run.path("totals");
        assertEquals(1, totals.path("newFindings").asInt());
        assertEquals(1, totals.path("resolvedFindings").asInt());
        assertEquals(1, totals.path("newlyNonCompliant").asInt());
        assertEquals(0, totals.path("byCode").path("RPO_BREACHED").asInt());
        assertEquals(List.of(s.ids.get("OK-1")), fx.events.ofType(BackupEvents.NON_COMPLIANT).stream()
                .map(e -> Json.mapper().valueToTree(e.detail()).path("assetId").asText()).toList());

        JsonNode resolved = fx.call(HttpEvent.of("GET /backup-audits/{runId}").path("runId", second).as(Claims.staff())
                .query("change", "resolved")).body().path("findings");
        assertEquals(1, resolved.size());
        assertEquals(s.ids.get("RPO"), resolved.get(0).path("assetId").asText());
        JsonNode fresh = fx.call(HttpEvent.of("GET /backup-audits/{runId}").path("runId", second).as(Claims.staff())
                .query("change", "new")).body().path("findings");
        assertEquals(List.of("LAST_JOB_FAILED"), codes(fresh));
        JsonNode persisting = fx.call(HttpEvent.of("GET /backup-audits/{runId}").path("runId", second).as(Claims.staff())
                .query("change", "persisting").query("limit", "100")).body().path("findings");
        assertEquals(9, persisting.size());

        Invoker.Response list = fx.call(HttpEvent.of("GET /backup-audits").as(Claims.staff()).query("limit", "1"));
        assertEquals(second, list.body().path("items").get(0).path("runId").asText(), "newest first");
        Invoker.Response older = fx.call(HttpEvent.of("GET /backup-audits").as(Claims.staff()).query("limit", "1")
                .query("cursor", list.body().path("nextCursor").asText()));
        assertEquals(first, older.body().path("items").get(0).path("runId").asText());
    }

    @Test
    void aManualStartIs202_aSecondStartWhileItRunsIs409_andTheScheduleSkips() {
        BackupFixture fx = new BackupFixture();
        fx.asset("SRV-1", "server", true);

        Invoker.Response started = fx.call(HttpEvent.of("POST /backup-audits").as(Claims.admin()));
        assertEquals(202, started.status(), started.toString());
        String runId = started.body().path("runId").asText();
        assertEquals("/backup-audits/" + runId, started.header("location"));
        assertEquals("running", started.body().path("status").asText());

        Invoker.Response again = fx.call(HttpEvent.of("POST /backup-audits").as(Claims.admin()));
        assertEquals(409, again.status());
        assertEquals("AUDIT_IN_PROGRESS", again.body().path("code").asText());
        assertEquals(runId, again.body().path("runId").asText());
        fx.invoker.invokeRaw(BackupFixture.schedule(SLOT));
        assertEquals(1, fx.system.items("AUDITRUN#").stream().filter(i -> i.get("SK").s().equals("RUN")).count(), "the schedule skipped");

        assertEquals(403, fx.call(HttpEvent.of("POST /backup-audits").as(Claims.staff())).status());
        assertEquals(404, fx.latest().status(), "nothing completed yet");
        Invoker.Response running = fx.call(HttpEvent.of("GET /backup-audits/{runId}").path("runId", runId).as(Claims.staff()));
        assertEquals("running", running.body().path("run").path("status").asText());

        fx.deliverContinuations(0);
        assertEquals(runId, latestRun(fx).path("runId").asText());
        assertEquals(202, fx.call(HttpEvent.of("POST /backup-audits").as(Claims.admin())).status(), "free again once completed");
    }

    @Test
    void aRunWhoseLeaseRanOutIsAbandoned_whenTheNextOneStarts() {
        BackupFixture fx = new BackupFixture();
        fx.asset("SRV-1", "server", true);
        String stale = fx.call(HttpEvent.of("POST /backup-audits").as(Claims.admin())).body().path("runId").asText();
        fx.events.clear(); // its continuation is lost

        fx.clock.advance(AuditService.LEASE.plusMinutes(1));
        Invoker.Response next = fx.call(HttpEvent.of("POST /backup-audits").as(Claims.admin()));
        assertEquals(202, next.status(), next.toString());
        fx.deliverContinuations(0);

        Invoker.Response old = fx.call(HttpEvent.of("GET /backup-audits/{runId}").path("runId", stale).as(Claims.staff()));
        assertEquals("abandoned", old.body().path("run").path("status").asText());
        assertEquals(next.body().path("runId").asText(), latestRun(fx).path("runId").asText());
    }

    @Test
    void badPathAndQueryValuesAre400NamingTheParameter() {
        BackupFixture fx = new BackupFixture();
        assertField(fx.call(HttpEvent.of("GET /backup-audits/{runId}").path("runId", "nope").as(Claims.staff())), "path.runId");
        String unknown = "01JF00000000000000000000ZZ";
        assertEquals(404, fx.call(HttpEvent.of("GET /backup-audits/{runId}").path("runId", unknown).as(Claims.staff())).status());
        for (Map.Entry<String, String> bad : Map.of("code", "NOT_A_CODE", "severity", "severe", "change", "gone",
                "limit", "1000", "department", "x".repeat(201)).entrySet()) {
            assertField(fx.call(HttpEvent.of("GET /backup-audits/{runId}").path("runId", unknown).as(Claims.staff())
                    .query(bad.getKey(), bad.getValue())), "query." + bad.getKey());
        }
        assertField(fx.call(HttpEvent.of("GET /backup-audits").as(Claims.staff()).query("cursor", "x.y")), "query.cursor");
        assertField(fx.call(HttpEvent.of("POST /backup-audits").as(Claims.admin()).body("{}")), "body");
        assertEquals(0, fx.system.items("AUDITRUN#").size(), "nothing written");
    }

    private static void assertField(Invoker.Response response, String field) {
        assertEquals(400, response.status(), response.toString());
        assertEquals(field, response.body().path("errors").get(0).path("field").asText(), response.toString());
    }

    @Test
    void backupStatusInChat_answersStaffInTheirLanguage_andRefusesEmployeesPolitely() {
        BackupFixture fx = new BackupFixture();
        fx.invoker.invokeRaw(HttpEvent.sample("backup-audit/chat-backup-status.json"));
        assertEquals("尚未完成任何备份审计。", reply(fx, 0).path("text").asText());

        fx.asset("SRV-1", "server", true);
        fx.runScheduledAudit(SLOT);
        fx.bus("itops.chat", "ChatCommand", chat("chat-a", "zh", "staff"));
        JsonNode zh = reply(fx, 1);
        assertTrue(zh.path("text").asText().startsWith("备份审计 "), zh.toString());
        assertTrue(zh.path("text").asText().contains("1 项资产中 0 项合规"), zh.toString());
        assertEquals("cmd-chat-a", zh.path("commandId").asText());
        assertEquals("oc_456", zh.path("conversation").path("chatId").asText());

        fx.bus("itops.chat", "ChatCommand", chat("chat-b", "en", "admin"));
        assertTrue(reply(fx, 2).path("text").asText().contains("0 of 1 assets compliant (0.0%)"));

        fx.invoker.invokeRaw(HttpEvent.sample("backup-audit/chat-backup-status-employee.json"));
        assertEquals("Sorry, backup status is only available to IT staff. Your IT contact can help you.", reply(fx, 3).path("text").asText());

        ObjectNode unlinked = chat("chat-c", "en", "staff");
        unlinked.remove("user");
        fx.bus("itops.chat", "ChatCommand", unlinked);
        assertTrue(reply(fx, 4).path("text").asText().startsWith("Please link your chat account"));

        fx.bus("itops.chat", "ChatCommand", chat("chat-a", "zh", "staff"));
        assertEquals(5, fx.events.ofType("ChatReply").size(), "a redelivered command is answered once");
    }

    private static ObjectNode chat(String eventId, String language, String role) {
        ObjectNode detail = Json.mapper().createObjectNode();
        detail.put("eventId", eventId).put("commandId", "cmd-" + eventId).put("command", "backup-status").put("text", "backup-status")
                .put("language", language);
        detail.putArray("args");
        detail.putObject("user").put("platform", "feishu").put("chatUserId", "ou_1").put("displayName", "Sam")
                .put("userId", "sam." + role).put("role", role).put("department", "IT");
        detail.putObject("conversation").put("platform", "feishu").put("chatId", "oc_456");
        return detail;
    }

    private static JsonNode reply(BackupFixture fx, int index) {
        List<DomainEvent> replies = fx.events.ofType("ChatReply");
        assertFalse(replies.size() <= index, "reply " + index + " was sent");
        return Json.mapper().valueToTree(replies.get(index).detail());
    }
}
