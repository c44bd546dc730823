package io.itops.asset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.itops.asset.Records.Fault;
import io.itops.asset.Records.FaultStatus;
import io.itops.asset.Records.HistoryEntry;
import io.itops.asset.Records.Severity;
import io.itops.shared.chat.ChatCommand;
import io.itops.shared.json.Json;
import io.itops.shared.runtime.Platform;
import io.itops.testing.HttpEvent;
import io.itops.testing.Invoker;
import io.itops.testing.TemplateModel;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every sample in events/asset-registration goes through the handler as the Lambda runtime would
 * deliver it: good HTTP samples succeed (and match openapi.yaml), bad ones get the 4xx problem they
 * are about; the schedule runs; chat commands are answered.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AssetSampleEventsTest {
    private static final Path SAMPLES = TemplateModel.projectRoot().resolve("events/asset-registration");
    private static final String FAULT = "01JF5Z8Q3N0000000000000F71";
    /** The fault ticket-resolved.json resolves (SAMPLE-8). */
    private static final String TICKET_FAULT = "01JF5Z8Q3N0000000000000F81";

    /** Bad samples: the status and the field (or problem code) each must produce. */
    private static final Map<String, Object[]> BAD = Map.ofEntries(
            Map.entry("register-asset-bad-missing-tag.json", new Object[] {400, "assetTag"}),
            Map.entry("register-asset-bad-employee.json", new Object[] {403, "FORBIDDEN"}),
            Map.entry("list-assets-bad-category.json", new Object[] {400, "query.category"}),
            Map.entry("import-assets-bad-unknown-column.json", new Object[] {400, "header[1]"}),
            Map.entry("import-assets-bad-no-rows.json", new Object[] {400, "rows"}),
            Map.entry("due-assets-bad-kind.json", new Object[] {400, "query.kind"}),
            Map.entry("my-assets-bad-no-token.json", new Object[] {401, "UNAUTHENTICATED"}),
            Map.entry("get-asset-bad-id.json", new Object[] {400, "path.assetId"}),
            Map.entry("get-asset-bad-not-holder.json", new Object[] {404, "ASSET_NOT_FOUND"}),
            Map.entry("update-asset-bad-stale-version.json", new Object[] {409, "VERSION_CONFLICT"}),
            Map.entry("update-asset-bad-status-field.json", new Object[] {400, "status"}),
            Map.entry("transition-asset-bad-invalid-move.json", new Object[] {409, "INVALID_TRANSITION"}),
            Map.entry("transition-asset-bad-staff-retires.json", new Object[] {403, "FORBIDDEN"}),
            Map.entry("checkout-asset-bad-past-return.json", new Object[] {400, "expectedReturn"}),
            Map.entry("checkin-asset-bad-unknown-field.json", new Object[] {400, "returnedBy"}),
            Map.entry("record-maintenance-bad-kind.json", new Object[] {400, "kind"}),
            Map.entry("list-maintenance-bad-limit.json", new Object[] {400, "query.limit"}),
            Map.entry("report-fault-bad-not-holder.json", new Object[] {404, "ASSET_NOT_FOUND"}),
            Map.entry("list-faults-bad-cursor.json", new Object[] {400, "query.cursor"}),
            Map.entry("resolve-fault-bad-missing-cause.json", new Object[] {400, "causeAnalysis"}),
            Map.entry("record-audit-bad-found-type.json", new Object[] {400, "found"}),
            Map.entry("asset-history-bad-not-holder.json", new Object[] {404, "ASSET_NOT_FOUND"}),
            Map.entry("list-audits-bad-employee.json", new Object[] {403, "FORBIDDEN"}),
            Map.entry("lookup-asset-bad-tag-and-filter.json", new Object[] {400, "query.assetTag"}),
            Map.entry("checkout-asset-bad-held-by-another.json", new Object[] {409, "HELD_BY_ANOTHER"}));

    private final AssetFixture fx = new AssetFixture();

    /** The register the samples name: SAMPLE-1 .. SAMPLE-8 with fixed ids; 1 and 5 held by li.lei; 7 has an open fault. */
    @BeforeAll
    void seed() {
        Platform platform = fx.system.platform(AssetFixture.FUNCTION, fx.clock);
        AssetStore store = new AssetStore(platform.table(), platform.cursors());
        Instant now = fx.clock.instant();
        for (int i = 1; i <= 8; i++) {
            String holder = i == 1 || i == 5 ? "li.lei" : null;
            Asset asset = Asset.builder().assetId(id(i)).assetTag("SAMPLE-" + i).category(Category.LAPTOP).status(Status.RECEIVED)
                    .model("ThinkPad T14").vendor("Lenovo").location("HQ-3F").department("Finance").custodian(holder)
                    .purchase(new Purchase(LocalDate.parse("2026-01-15"), new BigDecimal("8999.00"), "CNY", null, null))
                    .warrantyEnd(LocalDate.parse("2029-01-14")).holdsBusinessData(true).maintenanceIntervalDays(180)
                    .nextMaintenanceDue(LocalDate.parse("2026-12-10")).nextAuditDue(LocalDate.parse("2027-11-28"))
                    .checkout(holder == null ? null : new Checkout(holder, now, null, "sam.staff")).version(1)
                    .createdAt(now).createdBy("sam.staff").updatedAt(now).updatedBy("sam.staff").build();
            store.create(asset, new HistoryEntry(now, "REGISTERED", "sam.staff", "Seeded for the samples", Map.of()));
        }
        store.addFault(Fault.builder().faultId(FAULT).assetId(id(7)).assetTag("SAMPLE-7").summary("No display").severity(Severity.HIGH)
                        .status(FaultStatus.OPEN).occurredAt(now).reportedAt(now).reportedBy("li.lei").build(),
                new HistoryEntry(now, "FAULT_REPORTED", "li.lei", "Fault: No display", Map.of()));
        store.addFault(Fault.builder().faultId(TICKET_FAULT).assetId(id(8)).assetTag("SAMPLE-8").summary("Display flickers")
                        .severity(Severity.MEDIUM).status(FaultStatus.OPEN).occurredAt(now).reportedAt(now).reportedBy("sam.staff").build(),
                new HistoryEntry(now, "FAULT_REPORTED", "sam.staff", "Fault: Display flickers", Map.of()));
    }

    private static String id(int i) {
        return "01JF5Z8Q3N00000000000000A" + i;
    }

    static Stream<String> httpSamples() throws IOException {
        return samples().filter(name -> Json.tree(HttpEvent.sample("asset-registration/" + name)).has("routeKey"));
    }

    static Stream<String> chatSamples() throws IOException {
        return samples().filter(name -> name.startsWith("chat-"));
    }

    private static Stream<String> samples() throws IOException {
        try (Stream<Path> files = Files.list(SAMPLES)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("httpSamples")
    void goodSamplesSucceed_andBadOnesGetTheirProblem(String name) {
        byte[] sample = HttpEvent.sample("asset-registration/" + name);
        String routeKey = Json.tree(sample).path("routeKey").asText();

        Invoker.Response response = fx.invoker.call(sample);

        fx.contract.assertValid(routeKey, response);
        assertNotNull(response.header("x-request-id"));
        if (!name.contains("-bad-")) {
            assertTrue(response.status() >= 200 && response.status() < 300, name + ": " + response);
            assertEquals("application/json", response.header("content-type"));
            return;
        }
        Object[] expected = BAD.get(name);
        assertNotNull(expected, name + " says what it must produce in BAD");
        assertEquals(expected[0], response.status(), name + ": " + response);
        assertEquals("application/problem+json", response.header("content-type"));
        JsonNode problem = response.body();
        String reason = (String) expected[1];
        if (reason.equals(reason.toUpperCase()) && !reason.contains(".")) {
            assertEquals(reason, problem.path("code").asText(), name);
        } else {
            assertEquals(reason, problem.path("errors").get(0).path("field").asText(), name + ": " + response);
        }
    }

    @Test
    void everyRouteHasAGoodAndABadSample_andEveryBadSampleIsUsed() throws IOException {
        Set<String> good = new TreeSet<>();
        Set<String> bad = new TreeSet<>();
        httpSamples().forEach(name -> (name.contains("-bad-") ? bad : good)
                .add(Json.tree(HttpEvent.sample("asset-registration/" + name)).path("routeKey").asText()));
        Set<String> routes = new TreeSet<>(fx.handler(fx.system.platform(AssetFixture.FUNCTION, fx.clock)).dispatcher().routeKeys());

        assertEquals(routes, good, "a good sample per route");
        assertEquals(routes, bad, "a bad sample per route");
        assertEquals(new TreeSet<>(BAD.keySet()), new TreeSet<>(httpSamples().filter(n -> n.contains("-bad-")).toList()));
    }

    @Test
    void theScheduleSampleRuns() {
        JsonNode result = fx.invoker.invokeRaw(HttpEvent.sample("asset-registration/schedule-asset-reminders.json"));

        assertEquals("ok", result.path("status").asText());
        assertEquals("asset-reminders", result.path("schedule").asText());
    }

    @Test
    void theTicketResolvedSample_resolvesItsFault_onceForEveryDelivery() {
        byte[] sample = HttpEvent.sample("asset-registration/ticket-resolved.json");

        for (int i = 0; i < 3; i++) {
            assertEquals("ok", fx.invoker.invokeRaw(sample).path("status").asText());
        }

        Platform platform = fx.system.platform(AssetFixture.FUNCTION, fx.clock);
        Fault fault = new AssetStore(platform.table(), platform.cursors()).findFault(id(8), TICKET_FAULT).orElseThrow();
        assertEquals(FaultStatus.RESOLVED, fault.status());
        assertEquals("Replaced the display cable", fault.resolution().resolution());
        assertEquals("wang.tech", fault.resolution().resolvedBy());
        assertEquals(1, fx.partition(id(8), "HIST#").stream().filter(i -> "FAULT_RESOLVED".equals(i.get("event").s())).count());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("chatSamples")
    void chatSamplesAreAnsweredInTheirLanguage(String name) {
        byte[] sample = HttpEvent.sample("asset-registration/" + name);
        ChatCommand command = ChatCommand.from(io.itops.shared.events.BusEvent.from(Json.tree(sample)));
        int before = fx.events.ofType(ChatCommand.REPLY_DETAIL_TYPE).size();

        JsonNode result = fx.invoker.invokeRaw(sample);

        assertEquals("ok", result.path("status").asText());
        List<io.itops.shared.events.DomainEvent> replies = fx.events.ofType(ChatCommand.REPLY_DETAIL_TYPE);
        assertEquals(before + 1, replies.size(), name);
        ChatCommand.ChatReply reply = (ChatCommand.ChatReply) replies.getLast().detail();
        assertEquals(command.commandId(), reply.commandId());
        assertEquals(command.language(), reply.language());
        assertFalse(reply.text().isBlank());
        boolean chinese = reply.text().codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN);
        assertEquals(command.chinese(), chinese, name + " answers in " + command.language() + ": " + reply.text());
    }
}
