package io.itops.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.itops.shared.chat.ChatCommand;
import io.itops.shared.config.Env;
import io.itops.shared.events.DomainEvent;
import io.itops.shared.json.Json;
import io.itops.shared.runtime.Dispatcher;
import io.itops.shared.runtime.Platform;
import io.itops.shared.store.Ids;
import io.itops.testing.HttpEvent;
import io.itops.testing.Invoker;
import io.itops.testing.Stdout;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** What arrives by bus and schedule: asset events, chat commands, campaigns, sweeps; and repeated deliveries. */
class ScanEventsTest {
    private static final String LT_0042 = ScanFixture.SAMPLE_ASSET;
    private final ScanFixture fx = new ScanFixture();

    @Test
    void aRegisteredAssetGetsExactlyOneOnboardingScan_throughTheBus() {
        byte[] registered = HttpEvent.sample("security-scan/asset-registered.json");
        for (int i = 0; i < 3; i++) {
            assertEquals("ok", fx.invoker.invokeRaw(registered).path("status").asText());
        }
        fx.invoker.invokeRaw(HttpEvent.sample("security-scan/asset-custody-changed.json"));
        fx.invoker.invokeRaw(HttpEvent.sample("security-scan/asset-status-changed-in-service.json"));
        fx.invoker.invokeRaw(HttpEvent.sample("security-scan/asset-status-changed-in-service.json"));

        List<Scan> scans = scansOf(LT_0042);
        assertEquals(1, scans.size(), "one onboarding scan per asset");
        assertEquals(Trigger.ONBOARDING, scans.getFirst().trigger());
        assertEquals(Profile.BASELINE, scans.getFirst().profile(), "the first onboarding profile that fits a laptop");
        assertEquals("system:onboarding", scans.getFirst().requestedBy());
        assertEquals(1, fx.events.ofType("ScanRequested").size());
        assertEquals(1, fx.items("SCANTARGET#" + LT_0042).stream().filter(i -> i.get("SK").s().equals("ONBOARDING")).count());
        Target target = fx.store.target(LT_0042).orElseThrow();
        assertEquals("in-service", target.status());
        assertEquals("li.lei", target.custodian());
        assertEquals(3, target.assetVersion());
        assertTrue(target.requested().containsKey(Profile.BASELINE));
    }

    @Test
    void anAssetRegisteredAlreadyConnected_isScannedAtRegistration_andNotAgainWhenItGoesIntoService() {
        String installed = Ids.ulid(fx.clock);
        fx.deliver("AssetRegistered", ScanFixture.asset(installed, "FW-1", "firewall", "installed", "IT", null, 1));
        assertEquals(1, scansOf(installed).size());
        assertEquals(Profile.BASELINE, scansOf(installed).getFirst().profile());
        fx.deliver("AssetStatusChanged", ScanFixture.asset(installed, "FW-1", "firewall", "in-service", "IT", "net.admin", 3));
        assertEquals(1, scansOf(installed).size());

        String boxed = Ids.ulid(fx.clock);
        fx.deliver("AssetRegistered", ScanFixture.asset(boxed, "PR-1", "printer", "received", "IT", null, 1));
        assertEquals(0, scansOf(boxed).size(), "a device still in its box is scanned when it goes into service");
        fx.deliver("AssetStatusChanged", ScanFixture.asset(boxed, "PR-1", "printer", "in-service", "IT", null, 2));
        assertEquals(List.of(Profile.VULNERABILITY), scansOf(boxed).stream().map(Scan::profile).toList(),
                "baseline does not apply to a printer: the next onboarding profile does");
    }

    @Test
    void movingIntoServiceFirst_stillMakesOneOnboardingScan_andTheLateRegistrationDoesNotRollTheProjectionBack() {
        fx.invoker.invokeRaw(HttpEvent.sample("security-scan/asset-status-changed-in-service.json"));
        fx.invoker.invokeRaw(HttpEvent.sample("security-scan/asset-registered.json"));
        fx.invoker.invokeRaw(HttpEvent.sample("security-scan/asset-updated.json"));

        assertEquals(1, scansOf(LT_0042).size());
        Target target = fx.store.target(LT_0042).orElseThrow();
        assertEquals(4, target.assetVersion(), "AssetUpdated v4 applied, AssetRegistered v1 ignored");
        assertEquals("in-service", target.status());
        assertEquals("HQ-5F", target.location());
    }

    @Test
    void concurrentDeliveriesOfDifferentEventsForOneAsset_makeOneOnboardingScan() throws Exception {
        String assetId = Ids.ulid(fx.clock);
        List<byte[]> deliveries = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Map<String, Object> asset = ScanFixture.asset(assetId, "DT-9", "desktop", i % 2 == 0 ? "received" : "in-service", "Ops", null, i + 1);
            deliveries.add(ScanFixture.busEvent(i % 2 == 0 ? "AssetRegistered" : "AssetStatusChanged", "itops.asset",
                    UUID.randomUUID().toString(), Map.of("asset", asset)));
        }
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(deliveries.size());
        List<Future<JsonNode>> results = new ArrayList<>();
        for (byte[] event : deliveries) {
            results.add(pool.submit(() -> {
                start.await();
                return fx.invoker.invokeRaw(event);
            }));
        }
        start.countDown();
        for (Future<JsonNode> result : results) {
            assertEquals("ok", result.get().path("status").asText());
        }
        pool.shutdown();
        assertEquals(1, scansOf(assetId).size());
        assertEquals(4, fx.store.target(assetId).orElseThrow().assetVersion());
    }

    @Test
    void anAssetEventWithoutTheAssetsState_isAcknowledgedAndChangesNothing() {
        JsonNode answer = fx.invoker.invokeRaw(ScanFixture.busEvent("AssetRegistered", "itops.asset", UUID.randomUUID().toString(),
                Map.of("assetId", LT_0042, "assetTag", "LT-0042")));
        assertEquals("ok", answer.path("status").asText());
        assertTrue(fx.domainItems().isEmpty());
    }

    @Test
    void anotherFunctionConsumingTheSameEvent_doesNotStopThisOne() {
        Map<String, String> environment = new HashMap<>(fx.system.environment(ScanFixture.FUNCTION));
        environment.put("SERVICE_NAME", "backup-audit");
        Env env = new Env(environment);
        Platform other = new Platform(env, new io.itops.shared.aws.AwsClients(env), fx.clock);
        AtomicInteger seen = new AtomicInteger();
        Dispatcher backups = Dispatcher.builder(other).on("AssetStatusChanged", e -> seen.incrementAndGet()).build();
        byte[] registered = HttpEvent.sample("security-scan/asset-status-changed-in-service.json");
        backups.handle(new ByteArrayInputStream(registered), new ByteArrayOutputStream(), null);
        backups.handle(new ByteArrayInputStream(registered), new ByteArrayOutputStream(), null);

        fx.invoker.invokeRaw(registered);

        assertEquals(1, seen.get(), "the other function deduplicates its own deliveries");
        assertEquals(1, scansOf(LT_0042).size(), "and this function still handles the event");
    }

    @Test
    void theSameSignedCallbackDeliveredThreeTimes_hasOneEffect() {
        fx.sampleScan(Profile.VULNERABILITY);
        fx.clock.set(Instant.parse(ScanFixture.SAMPLE_TIME));
        byte[] sample = HttpEvent.sample("security-scan/post-scan-results.json");

        Invoker.Response first = fx.call(sample);
        List<Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue>> afterFirst = fx.findingItems();
        Invoker.Response second = fx.call(sample);
        Invoker.Response third = fx.call(sample);

        assertEquals(200, first.status(), first.toString());
        assertEquals(null, first.header("idempotency-replayed"));
        for (Invoker.Response again : List.of(second, third)) {
            assertEquals(200, again.status());
            assertEquals("true", again.header("idempotency-replayed"));
            assertEquals(first.body(), again.body());
        }
        assertEquals(afterFirst, fx.findingItems(), "findings untouched by the repeats");
        assertEquals(3, fx.findingItems().size());
        assertEquals(1, fx.events.ofType("ScanCompleted").size());
        assertEquals(1, fx.events.ofType("FindingOpened").size());

        Invoker.Response different = fx.report(ScanFixture.SAMPLE_SCAN, ScanFixture.completed(ScanFixture.SAMPLE_SCAN, List.of()));
        assertEquals(409, different.status());
        assertEquals("SCAN_ALREADY_REPORTED", different.body().path("code").asText());
        assertEquals(afterFirst, fx.findingItems());
    }

    @Test
    void aFailedScanIsRecordedOnce_andChangesNoFinding() {
        fx.sampleScan(Profile.VULNERABILITY);
        fx.clock.set(Instant.parse(ScanFixture.SAMPLE_TIME));
        byte[] failed = HttpEvent.sample("security-scan/post-scan-results-failed.json");
        for (int i = 0; i < 3; i++) {
            Invoker.Response response = fx.call(failed);
            assertEquals(200, response.status(), response.toString());
            assertEquals("failed", response.body().path("status").asText());
            assertEquals("Host unreachable: no route to 10.20.3.14", response.body().path("error").asText());
        }
        assertTrue(fx.findingItems().isEmpty());
        assertTrue(fx.store.target(LT_0042).orElseThrow().completed().isEmpty(), "a failed scan does not count as coverage");
    }

    @Test
    void aResultWhoseApplicationWasInterrupted_isFinishedByTheScannersRetry_withoutDuplicates() {
        Scan scan = fx.sampleScan(Profile.VULNERABILITY);
        Instant interrupted = Instant.parse(ScanFixture.SAMPLE_TIME);
        fx.clock.set(interrupted);
        byte[] sample = HttpEvent.sample("security-scan/post-scan-results.json");
        byte[] body = Json.tree(sample).path("body").asText().getBytes(StandardCharsets.UTF_8);
        Requests.ScanResult result = Json.read(body, Requests.ScanResult.class);
        // an earlier attempt claimed the result and wrote one of three findings, then its Lambda died
        StoredScan claimed = new StoredScan(scan.reported(ScanStatus.PROCESSING, ScanFixture.SCANNER, interrupted, null, null, null, null),
                sha256(body), interrupted.plus(ScanService.LEASE));
        assertTrue(fx.store.replaceScan(claimed, ScanStatus.REQUESTED, null));
        FindingRules.Outcome outcome = new FindingRules(ScanConfig.from(fx.platform.env()))
                .apply(claimed.scan(), null, result.findings(), List.of(), interrupted, () -> Ids.ulid(fx.clock));
        fx.store.writeFindings(outcome.updates().subList(0, 1));

        Invoker.Response tooSoon = fx.call(sample);
        assertEquals(409, tooSoon.status(), "the lease of the first attempt still holds");
        assertEquals("RESULT_IN_PROGRESS", tooSoon.body().path("code").asText());
        assertNotNull(tooSoon.header("retry-after"));

        fx.clock.advance(Duration.ofSeconds(61));
        Invoker.Response retried = fx.call(sample);

        assertEquals(200, retried.status(), retried.toString());
        assertEquals("completed", retried.body().path("status").asText());
        assertEquals(3, retried.body().path("summary").path("opened").asInt(), "the summary counts the interrupted attempt's work too");
        assertEquals(3, fx.findingItems().size(), "no finding twice");
        assertEquals(1, fx.events.ofType("ScanCompleted").size());
        assertEquals(200, fx.call(sample).status(), "and from now on the result replays");
        assertEquals(3, fx.findingItems().size());
    }

    @Test
    void aResultWithMoreChangesThanOneTransactionHolds_isAppliedInChunks_andStillTakenOnce() {
        String server = fx.inService("SRV-50", "server", "Ops", null);
        List<Map<String, Object>> many = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            many.add(ScanFixture.finding("CIS-" + i, i < 2 ? "high" : "low"));
        }
        String scanId = fx.scanOf(server, "baseline");
        Invoker.Response first = fx.report(scanId, ScanFixture.completed(scanId, many));
        Invoker.Response again = fx.report(scanId, ScanFixture.completed(scanId, many));

        assertEquals(200, first.status(), first.toString());
        assertEquals(150, first.body().path("summary").path("opened").asInt());
        assertEquals("true", again.header("idempotency-replayed"));
        assertEquals(150, fx.findingItems().size());
        assertEquals(2, fx.events.ofType("FindingOpened").size());
        assertTrue(fx.items("SCAN#" + scanId).getFirst().get("processingUntil") == null, "the lease is gone once completed");

        String second = fx.scanOf(server, "baseline");
        Invoker.Response fewer = fx.report(second, ScanFixture.completed(second, many.subList(0, 10)));
        assertEquals(200, fewer.status(), fewer.toString());
        assertEquals(140, fewer.body().path("summary").path("resolved").asInt());
        assertEquals(10, fewer.body().path("summary").path("seenAgain").asInt());
    }

    @Test
    void staffRequestAScanInChat_onceHoweverOftenTheCommandIsDelivered_andGetAnAnswerInTheirLanguage() {
        fx.invoker.invokeRaw(HttpEvent.sample("security-scan/asset-updated.json"));
        byte[] command = HttpEvent.sample("security-scan/chat-scan.json");
        for (int i = 0; i < 3; i++) {
            fx.invoker.invokeRaw(command);
        }
        List<Scan> scans = scansOf(LT_0042);
        assertEquals(1, scans.size());
        assertEquals(Trigger.CHAT, scans.getFirst().trigger());
        assertEquals(Profile.BASELINE, scans.getFirst().profile());
        assertEquals("sam.staff", scans.getFirst().requestedBy());
        List<DomainEvent> replies = fx.events.ofType("ChatReply");
        assertEquals(1, replies.size());
        ChatCommand.ChatReply reply = (ChatCommand.ChatReply) replies.getFirst().detail();
        assertTrue(reply.text().startsWith("Requested a baseline scan of LT-0042 (scan " + scans.getFirst().scanId()), reply.text());
        assertEquals("D024BE91L", reply.conversation().path("channel").asText(), "the conversation goes back untouched");

        fx.sampleScan(Profile.VULNERABILITY);
        fx.clock.set(Instant.parse(ScanFixture.SAMPLE_TIME));
        fx.call(HttpEvent.sample("security-scan/post-scan-results.json"));
        fx.invoker.invokeRaw(HttpEvent.sample("security-scan/chat-findings-zh.json"));
        ChatCommand.ChatReply summary = (ChatCommand.ChatReply) fx.events.ofType("ChatReply").getLast().detail();
        assertEquals("zh", summary.language());
        assertTrue(summary.text().startsWith("未关闭的安全问题（全部资产）：3 个，严重 1，高危 0，中危 1，低危 1，信息 0。逾期：0 个。"), summary.text());
    }

    @Test
    void chatCommandsFromUnlinkedUsersEmployeesOrForUnknownTags_areAnsweredWithoutScanning() {
        assertEquals("Link your chat account first: send \"link\".", chatReply("scan", List.of("LT-0042"), "en", null));
        assertEquals("只有 IT 人员可以使用“scan”。", chatReply("scan", List.of("LT-0042"), "zh", "employee"));
        assertEquals("No asset LT-9999 is known to the scanner.", chatReply("scan", List.of("lt-9999"), "en", "staff"));
        fx.inService("PR-7", "printer", "Ops", null);
        assertEquals("An antivirus scan does not apply to a printer.", chatReply("scan", List.of("PR-7", "antivirus"), "en", "staff"));
        assertTrue(chatReply("scan", List.of(), "en", "staff").startsWith("Usage: scan <asset tag>"));
        assertEquals("Open findings (PR-7): 0. Overdue: 0.", chatReply("findings", List.of("pr-7"), "en", "admin"));
        assertTrue(fx.scanItems().isEmpty());
    }

    @Test
    void weeklyCampaignsScanWhatEachProfileFits_andTheCoverageSweepFillsTheGapsWithoutDuplicates() {
        String laptop = fx.inService("LT-10", "laptop", "Finance", null);
        String printer = fx.inService("PR-10", "printer", "Finance", null);
        String firewall = fx.inService("FW-10", "firewall", "IT", null);
        String licence = fx.inService("SW-10", "software-licence", "IT", null);
        String received = fx.registeredOnly("LT-11");

        fx.invoker.invokeRaw(HttpEvent.sample("security-scan/schedule-campaign-antivirus.json"));
        fx.invoker.invokeRaw(HttpEvent.sample("security-scan/schedule-campaign-antivirus.json"));
        assertEquals(List.of(Profile.ANTIVIRUS), profiles(laptop));
        assertEquals(List.of(), profiles(printer));
        assertEquals(Trigger.CAMPAIGN, scansOf(laptop).getFirst().trigger());
        fx.invoker.invokeRaw(HttpEvent.sample("security-scan/schedule-campaign-firewall-config.json"));
        assertEquals(List.of(Profile.FIREWALL_CONFIG), profiles(firewall));

        fx.clock.advance(Duration.ofHours(2));
        var sweep = Stdout.during(() -> fx.schedule("scan-coverage"));
        assertTrue(sweep.metric("ScanCoverageCompleted", 1), "the completion the coverage alarm waits for: " + sweep.text());
        assertEquals(List.of(Profile.ANTIVIRUS, Profile.BASELINE, Profile.VULNERABILITY), profiles(laptop),
                "coverage adds what is missing, not the antivirus scan still pending");
        assertEquals(List.of(Profile.VULNERABILITY), profiles(printer));
        assertEquals(List.of(Profile.BASELINE, Profile.FIREWALL_CONFIG, Profile.VULNERABILITY), profiles(firewall));
        assertEquals(List.of(), profiles(licence), "nothing applies to a licence");
        assertEquals(List.of(), profiles(received), "only in-service assets are swept");

        // the printer's vulnerability scan completes; a day later coverage leaves it alone, 15 days later it is due again
        Scan printerScan = scansOf(printer).getFirst();
        assertEquals(200, fx.report(printerScan.scanId(), ScanFixture.completed(printerScan.scanId(), List.of())).status());
        fx.clock.advance(Duration.ofDays(1));
        fx.schedule("scan-coverage");
        assertEquals(1, scansOf(printer).size(), "completed within 14 days");
        fx.clock.advance(Duration.ofDays(14));
        fx.schedule("scan-coverage");
        assertEquals(2, scansOf(printer).size(), "no completed scan within 14 days");
        assertEquals(Trigger.COVERAGE, scansOf(printer).getLast().trigger());
    }

    @Test
    void scansNobodyAnswers_timeOut_andALateResultIsRefused() {
        String laptop = fx.inService("LT-20", "laptop", "Finance", null);
        String scanId = fx.scanOf(laptop, "vulnerability");
        fx.clock.advance(Duration.ofHours(6));
        fx.invoker.invokeRaw(HttpEvent.sample("security-scan/schedule-scan-timeouts.json"));
        assertEquals(ScanStatus.REQUESTED, fx.store.scan(scanId).orElseThrow().scan().status(), "not before respondBy");

        fx.clock.advance(Duration.ofMinutes(1));
        fx.schedule("scan-timeouts");
        Scan timedOut = fx.store.scan(scanId).orElseThrow().scan();
        assertEquals(ScanStatus.TIMED_OUT, timedOut.status());
        assertEquals("no result within 360 minutes", timedOut.error());
        assertTrue(fx.items("SCAN#" + scanId).getFirst().get("GSI5PK") == null, "no longer listed as open");

        Invoker.Response late = fx.report(scanId, ScanFixture.completed(scanId, List.of(ScanFixture.finding("CVE-1", "high"))));
        assertEquals(409, late.status());
        assertEquals("SCAN_TIMED_OUT", late.body().path("code").asText());
        assertTrue(fx.findingItems().isEmpty());
        Invoker.Response timedOutList = fx.call(HttpEvent.of("GET /scans").as(io.itops.testing.Claims.staff()).query("status", "timed-out"));
        assertEquals(scanId, timedOutList.body().path("items").get(0).path("scanId").asText());
    }

    private String chatReply(String command, List<String> args, String language, String role) {
        Map<String, Object> detail = new HashMap<>();
        detail.put("commandId", "cmd-" + UUID.randomUUID());
        detail.put("command", command);
        detail.put("args", args);
        detail.put("text", command + " " + String.join(" ", args));
        detail.put("language", language);
        Map<String, Object> user = new HashMap<>();
        user.put("platform", "feishu");
        user.put("chatUserId", "ou_123");
        user.put("displayName", "Someone");
        if (role != null) {
            user.put("userId", role.equals("employee") ? "li.lei" : "sam.staff");
            user.put("role", role);
            user.put("department", "IT");
        }
        detail.put("user", user);
        detail.put("conversation", Map.of("chatId", "oc_1"));
        fx.events.clear();
        fx.invoker.invokeRaw(ScanFixture.busEvent("ChatCommand", "itops.chat", UUID.randomUUID().toString(), detail));
        return ((ChatCommand.ChatReply) fx.events.ofType("ChatReply").getFirst().detail()).text();
    }

    private List<Scan> scansOf(String assetId) {
        return fx.scanItems().stream().map(i -> StoredScan.SCHEMA.mapToItem(i).scan())
                .filter(s -> s.assetId().equals(assetId)).sorted(java.util.Comparator.comparing(Scan::scanId)).toList();
    }

    private List<Profile> profiles(String assetId) {
        return scansOf(assetId).stream().map(Scan::profile).sorted(java.util.Comparator.comparing(Profile::toString)).toList();
    }

    private static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
