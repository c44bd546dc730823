package io.itops.asset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.itops.shared.chat.ChatCommand;
import io.itops.shared.events.DomainEvent;
import io.itops.shared.events.Notice;
import io.itops.shared.json.Json;
import io.itops.testing.Claims;
import io.itops.testing.HttpEvent;
import io.itops.testing.Invoker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The everyday equipment workflows walked end to end through the API on moto: return to stock and
 * the next holder, explicit transfers, overdue loans, end of life, missing assets, acceptance, the
 * archive's before/after, lookup by tag or serial, faults reaching IT, tickets resolving faults,
 * imports that keep the good rows, and the state rules of a disposed asset on every route.
 */
class AssetWorkflowTest {
    private final AssetFixture fx = new AssetFixture();

    @Test
    void aDeployedAssetHandedBack_goesToStock_andIsCheckedOutToTheNextHolder() {
        String id = fx.heldBy("WF-1", "li.lei");
        assertEquals(200, transition(id, Map.of("to", "in-service"), Claims.staff()).status());

        Invoker.Response back = checkin(id, Map.of("location", "IT store", "condition", "good"));

        assertEquals(200, back.status(), back.toString());
        assertEquals("in-stock", back.body().path("status").asText());
        assertTrue(back.body().path("custodian").isMissingNode());
        assertTrue(back.body().path("checkout").isMissingNode());
        assertEquals("IT store", back.body().path("location").asText());
        assertEquals(0, mine("li.lei").size(), "no longer the former holder's");
        assertEquals("in-service", detail(fx.events.ofType("AssetStatusChanged").getLast()).path("from").asText());
        assertEquals("in-stock", detail(fx.events.ofType("AssetStatusChanged").getLast()).path("to").asText());

        Invoker.Response next = checkout(id, Map.of("custodian", "han.mei", "expectedReturn", "2027-06-30"));

        assertEquals(200, next.status(), next.toString());
        assertEquals("in-service", next.body().path("status").asText(), "deployed again with its new holder");
        assertEquals("han.mei", next.body().path("custodian").asText());
        assertEquals(1, mine("han.mei").size());
        JsonNode entry = lastHistory(id);
        assertEquals("CHECKED_OUT", entry.path("type").asText());
        assertEquals("in-stock -> in-service", entry.path("details").path("status").asText());
    }

    @Test
    void anInStockAssetMayAlsoBeRetired_orMovedBackIntoServiceOnlyWithAHolder() {
        String id = fx.heldBy("WF-2", "li.lei");
        assertEquals(200, transition(id, Map.of("to", "in-stock"), Claims.staff()).status());

        Invoker.Response noHolder = transition(id, Map.of("to", "in-service"), Claims.staff());
        Invoker.Response holderWithStock = transition(id, Map.of("to", "in-stock", "custodian", "x.y"), Claims.staff());

        assertEquals(400, noHolder.status(), noHolder.toString());
        assertEquals("custodian", noHolder.body().path("errors").get(0).path("field").asText());
        assertEquals(400, holderWithStock.status());
        assertEquals(200, transition(id, Map.of("to", "retired"), Claims.admin()).status());
    }

    @Test
    void retiringOrDisposing_endsTheCustody_andADisposedAssetLeavesTheHoldersList() {
        String id = fx.heldBy("WF-3", "li.lei");
        checkout(id, Map.of("custodian", "han.mei", "transfer", true));
        assertEquals(1, mine("han.mei").size());

        Invoker.Response retired = transition(id, Map.of("to", "retired"), Claims.admin());

        assertEquals(200, retired.status(), retired.toString());
        assertTrue(retired.body().path("custodian").isMissingNode(), retired.toString());
        assertTrue(retired.body().path("checkout").isMissingNode());
        assertEquals(0, mine("han.mei").size());
        assertEquals("han.mei", lastHistory(id).path("details").path("custodyEndedFor").asText());
        JsonNode custody = detail(fx.events.ofType("AssetCustodyChanged").getLast());
        assertEquals("han.mei", custody.path("from").asText());
        assertTrue(custody.path("to").isNull() || custody.path("to").isMissingNode());
        assertEquals(200, transition(id, Map.of("to", "disposed"), Claims.admin()).status());
        assertEquals(0, mine("han.mei").size());
    }

    @Test
    void aDisposedAssetRefusesEveryChange_withA409NamingTheFieldsSent_andNothingIsWritten() {
        String id = fx.registered("WF-4");
        transition(id, Map.of("to", "retired"), Claims.admin());
        assertEquals(200, transition(id, Map.of("to", "disposed"), Claims.admin()).status());
        long version = fx.get(id).body().path("version").asLong();
        int history = fx.partition(id, "HIST#").size();

        Invoker.Response maintenance = fx.call(HttpEvent.of("POST /assets/{assetId}/maintenance").path("assetId", id)
                .as(Claims.staff()).body(Map.of("kind", "repair", "performedOn", "2026-11-20", "performedBy", "vendor")));
        Invoker.Response patch = fx.call(HttpEvent.of("PATCH /assets/{assetId}").path("assetId", id).as(Claims.staff())
                .header("If-Match", "\"" + version + "\"").body(Map.of("location", "Scrap yard")));
        Invoker.Response audit = fx.call(HttpEvent.of("POST /assets/{assetId}/audits").path("assetId", id).as(Claims.staff())
                .body(Map.of("found", true, "location", "Scrap yard")));

        assertEquals(409, maintenance.status(), maintenance.toString());
        assertEquals("ASSET_DISPOSED", maintenance.body().path("code").asText());
        assertEquals(409, patch.status(), patch.toString());
        assertEquals("ASSET_DISPOSED", patch.body().path("code").asText());
        assertEquals("location", patch.body().path("field").asText(), "the field the request sent, not status");
        assertEquals("location", patch.body().path("errors").get(0).path("field").asText());
        Invoker.Response fault = fx.call(HttpEvent.of("POST /assets/{assetId}/faults").path("assetId", id).as(Claims.staff())
                .body(Map.of("summary", "Will not boot")));
        assertEquals(409, audit.status());
        assertEquals(409, fault.status(), fault.toString());
        assertEquals("summary", fault.body().path("field").asText());
        int replies = fx.events.ofType(ChatCommand.REPLY_DETAIL_TYPE).size();
        fx.deliver("itops.chat", ChatCommand.DETAIL_TYPE, AssetChatTest.command("report-fault", List.of("WF-4", "will", "not", "boot"),
                "en", AssetChatTest.user("sam.staff", "staff")));
        List<DomainEvent> answered = fx.events.ofType(ChatCommand.REPLY_DETAIL_TYPE);
        assertEquals(replies + 1, answered.size());
        assertEquals("WF-4 is disposed; faults are no longer recorded for it.", ((ChatCommand.ChatReply) answered.getLast().detail()).text());
        assertEquals(List.of(), fx.partition(id, "FAULT#"));
        assertEquals(List.of(), fx.partition(id, "MAINT#"));
        assertEquals(List.of(), fx.partition(id, "AUDIT#"));
        assertEquals(history, fx.partition(id, "HIST#").size());
        assertEquals(version, fx.get(id).body().path("version").asLong());
    }

    @Test
    void aLoanPastItsExpectedReturn_isDue_remindsTheHolderAndIt_andShowsInTheHoldersChat() {
        String id = fx.registered("WF-5");
        checkout(id, Map.of("custodian", "li.lei", "expectedReturn", "2026-12-05"));
        String onTime = fx.registered("WF-5B");
        checkout(onTime, Map.of("custodian", "li.lei", "expectedReturn", "2027-03-01"));
        fx.clock.advance(Duration.ofDays(10));
        fx.events.clear();

        JsonNode due = fx.call(HttpEvent.of("GET /assets/due").as(Claims.staff()).query("kind", "return").query("withinDays", "0"))
                .body().path("items");
        assertEquals(1, due.size(), due.toString());
        assertEquals(id, due.get(0).path("assetId").asText());
        assertEquals("2026-12-05", due.get(0).path("dueDate").asText());
        assertEquals("li.lei", due.get(0).path("custodian").asText());

        fx.invoker.invokeRaw(HttpEvent.sample("asset-registration/schedule-asset-reminders.json"));

        assertEquals(List.of(id), fx.events.ofType("AssetReturnOverdue").stream().map(e -> detail(e).path("assetId").asText()).toList());
        List<Notice> notices = notices("AssetReturnOverdue");
        assertEquals(2, notices.size(), notices.toString());
        assertEquals(List.of("li.lei"), notices.get(0).to());
        assertTrue(notices.get(0).en().contains("was due back to IT on 2026-12-05 and is overdue"), notices.get(0).en());
        assertTrue(notices.get(0).zh().contains("逾期"), notices.get(0).zh());
        assertEquals(List.of(), notices.get(1).to(), "IT staff: no recipient, no department");
        assertEquals(null, notices.get(1).department());
        assertTrue(notices.get(1).en().contains("li.lei"), notices.get(1).en());

        String en = ask("my-assets", "en", "li.lei").text();
        String zh = ask("my-assets", "zh", "li.lei").text();
        assertTrue(en.contains("WF-5 ") && en.contains("return overdue since 2026-12-05"), en);
        assertTrue(en.contains("due back 2027-03-01"), en);
        assertTrue(zh.contains("已于 2026-12-05 逾期未还"), zh);
        String one = ask("asset", List.of("WF-5"), "en", "li.lei").text();
        String oneZh = ask("asset", List.of("WF-5"), "zh", "li.lei").text();
        assertTrue(one.contains("Due back: 2026-12-05 (overdue)"), one);
        assertTrue(oneZh.contains("归还日期：2026-12-05（已逾期）"), oneZh);

        checkin(id, Map.of("location", "IT store"));
        assertEquals(0, fx.call(HttpEvent.of("GET /assets/due").as(Claims.staff()).query("kind", "return").query("withinDays", "0"))
                .body().path("items").size(), "returned: no longer due");
    }

    @Test
    void theEndOfLife_defaultsFromTheCategory_isDueAhead_andIsReminded() {
        Map<String, Object> old = AssetFixture.laptop("WF-6");
        old.put("purchase", Map.of("date", "2023-01-10", "cost", 9000, "currency", "CNY"));
        old.put("warrantyEnd", "2026-01-09");
        String id = fx.registered(old);
        Map<String, Object> explicit = AssetFixture.laptop("WF-6B");
        explicit.put("endOfLife", "2031-01-01");
        String later = fx.registered(explicit);
        Map<String, Object> licence = AssetFixture.laptop("WF-6C");
        licence.put("category", "software-licence");
        licence.remove("purchase");
        licence.remove("warrantyEnd");
        String noLife = fx.registered(licence);

        assertEquals("2027-01-10", fx.get(id).body().path("endOfLife").asText(), "laptops: 48 months after purchase");
        assertEquals("2031-01-01", fx.get(later).body().path("endOfLife").asText(), "an explicit date wins");
        assertTrue(fx.get(noLife).body().path("endOfLife").isMissingNode(), "no service life configured for licences");
        JsonNode due = fx.call(HttpEvent.of("GET /assets/due").as(Claims.staff()).query("kind", "end-of-life").query("withinDays", "60"))
                .body().path("items");
        assertEquals(List.of(id), ids(due));

        fx.events.clear();
        fx.invoker.invokeRaw(HttpEvent.sample("asset-registration/schedule-asset-reminders.json"));

        assertEquals(List.of(id), fx.events.ofType("AssetEndOfLifeNear").stream().map(e -> detail(e).path("assetId").asText()).toList());
        Notice notice = notices("AssetEndOfLifeNear").getFirst();
        assertTrue(notice.en().contains("planned end of life on 2027-01-10"), notice.en());
        assertEquals("Finance", notice.department());

        Invoker.Response moved = fx.call(HttpEvent.of("PATCH /assets/{assetId}").path("assetId", id).as(Claims.staff())
                .header("If-Match", "\"1\"").body(Map.of("endOfLife", "2028-06-30")));
        assertEquals(200, moved.status(), moved.toString());
        assertEquals(List.of(), ids(fx.call(HttpEvent.of("GET /assets/due").as(Claims.staff()).query("kind", "end-of-life")
                .query("withinDays", "60")).body().path("items")), "the due item follows the new date");
    }

    @Test
    void anAuditThatMissesTheAsset_listsItAsMissing_tellsIt_andALaterAuditThatFindsItClearsIt() {
        String id = fx.heldBy("WF-7", "li.lei");
        fx.events.clear();

        Invoker.Response missed = audit(id, Map.of("found", false, "notes", "Not at desk"));

        assertEquals(201, missed.status(), missed.toString());
        assertEquals("2026-11-28", fx.get(id).body().path("missingSince").asText());
        JsonNode listed = fx.call(HttpEvent.of("GET /assets/due").as(Claims.staff()).query("kind", "missing")).body().path("items");
        assertEquals(List.of(id), ids(listed));
        assertEquals("2026-11-28", listed.get(0).path("dueDate").asText());
        assertEquals(1, fx.events.ofType("AssetMissing").size());
        Notice toIt = notices("AssetMissing").getFirst();
        assertEquals(List.of(), toIt.to());
        assertEquals(null, toIt.department());
        assertTrue(toIt.en().contains("did not find WF-7") && toIt.en().contains("held by li.lei"), toIt.en());
        String told = ask("asset", List.of("WF-7"), "en", "li.lei").text();
        assertTrue(told.contains("Missing since the audit of 2026-11-28"), told);
        assertTrue(told.contains("Planned end of life: 2030-01-15"), "laptop, 48 months after purchase: " + told);

        fx.clock.advance(Duration.ofDays(3));
        audit(id, Map.of("found", false));
        assertEquals("2026-11-28", fx.get(id).body().path("missingSince").asText(), "missing since the first audit that missed it");
        assertEquals(1, fx.events.ofType("AssetMissing").size(), "IT is told once");

        Invoker.Response foundElsewhere = audit(id, Map.of("found", true, "location", "HQ-5F"));

        assertEquals(201, foundElsewhere.status());
        assertFalse(foundElsewhere.body().path("locationMatches").asBoolean());
        assertEquals("HQ-3F", foundElsewhere.body().path("registeredLocation").asText(), "offers the registered location to compare");
        assertFalse(foundElsewhere.body().path("locationUpdated").asBoolean());
        assertTrue(fx.get(id).body().path("missingSince").isMissingNode());
        assertEquals(0, fx.call(HttpEvent.of("GET /assets/due").as(Claims.staff()).query("kind", "missing")).body().path("items").size());
        assertEquals(1, fx.events.ofType("AssetFound").size());
        assertEquals("HQ-3F", fx.get(id).body().path("location").asText(), "not moved unless asked");

        Invoker.Response moved = audit(id, Map.of("found", true, "location", "HQ-5F", "updateLocation", true));

        assertTrue(moved.body().path("locationUpdated").asBoolean(), moved.toString());
        assertEquals("HQ-5F", fx.get(id).body().path("location").asText());
        JsonNode change = lastHistory(id).path("changes").get(0);
        assertEquals("location", change.path("field").asText());
        assertEquals("HQ-3F", change.path("before").asText());
        assertEquals("HQ-5F", change.path("after").asText());
        assertField(audit(id, Map.of("found", false, "updateLocation", true)), "updateLocation");

        Invoker.Response page = fx.call(HttpEvent.of("GET /assets/{assetId}/audits").path("assetId", id).as(Claims.staff())
                .query("limit", "3"));
        assertEquals(200, page.status(), page.toString());
        assertEquals(3, page.body().path("items").size());
        assertEquals("2026-12-01", page.body().path("items").get(0).path("auditedOn").asText(), "newest first");
        assertTrue(page.body().path("items").get(0).path("locationUpdated").asBoolean());
        Invoker.Response rest = fx.call(HttpEvent.of("GET /assets/{assetId}/audits").path("assetId", id).as(Claims.staff())
                .query("cursor", page.body().path("nextCursor").asText()));
        assertEquals(1, rest.body().path("items").size());
        assertFalse(rest.body().path("items").get(0).path("found").asBoolean());
        assertEquals(403, fx.call(HttpEvent.of("GET /assets/{assetId}/audits").path("assetId", id)
                .as(Claims.employee("li.lei"))).status());
    }

    @Test
    void acceptanceIsARecord_onTheAsset_andInItsArchive() {
        String id = fx.registered("WF-8");

        Invoker.Response accepted = transition(id, Map.of("to", "accepted", "custodian", "li.lei", "acceptedBy", "wang.manager",
                "checklist", List.of("Imaged", "BitLocker on", "User signed"), "documentRef", "ACC-2026-118"), Claims.staff());

        assertEquals(200, accepted.status(), accepted.toString());
        JsonNode record = accepted.body().path("acceptance");
        assertEquals("wang.manager", record.path("acceptedBy").asText());
        assertEquals("2026-11-28T09:00:00Z", record.path("acceptedAt").asText());
        assertEquals("li.lei", record.path("custodian").asText());
        assertEquals("[\"Imaged\",\"BitLocker on\",\"User signed\"]", record.path("checklist").toString());
        assertEquals("ACC-2026-118", record.path("documentRef").asText());
        assertEquals("sam.staff", record.path("recordedBy").asText());
        assertEquals(record, fx.get(id).body().path("acceptance"), "kept on the asset");
        JsonNode entry = lastHistory(id);
        assertEquals("ACC-2026-118", entry.path("details").path("documentRef").asText());
        assertEquals("wang.manager", entry.path("details").path("acceptedBy").asText());
        assertEquals("Imaged; BitLocker on; User signed", entry.path("details").path("checklist").asText());

        String other = fx.registered("WF-8B");
        assertField(transition(other, Map.of("to", "installed", "documentRef", "X-1"), Claims.staff()), "documentRef");
        Invoker.Response byDefault = transition(other, Map.of("to", "accepted", "custodian", "han.mei"), Claims.staff());
        assertEquals("han.mei", byDefault.body().path("acceptance").path("acceptedBy").asText(), "the custodian signs by default");
    }

    @Test
    void everyUpdateInTheArchive_showsBeforeAndAfter_andAClearedFieldIsNull() {
        String id = fx.registered("WF-9");

        Invoker.Response patched = fx.call(HttpEvent.of("PATCH /assets/{assetId}").path("assetId", id).as(Claims.staff())
                .header("If-Match", "\"1\"").body("{\"vendor\": \"Dell\", \"department\": null}"));

        assertEquals(200, patched.status(), patched.toString());
        JsonNode entry = lastHistory(id);
        Map<String, JsonNode> changes = new LinkedHashMap<>();
        entry.path("changes").forEach(c -> changes.put(c.path("field").asText(), c));
        assertEquals("Finance", changes.get("department").path("before").asText());
        assertTrue(changes.get("department").path("after").isNull(), "null, not \"null\": " + entry);
        assertEquals("Lenovo", changes.get("vendor").path("before").asText());
        assertEquals("Dell", changes.get("vendor").path("after").asText());
        assertFalse(entry.path("details").toString().contains("null"), entry.toString());

        Map<String, Object> rows = Map.of("rows", List.of(Map.of("assetTag", "WF-9", "category", "laptop",
                "model", "ThinkPad X1 Carbon Gen 12", "vendor", "HP")));
        fx.call(HttpEvent.of("POST /assets/import").as(Claims.staff()).body(rows));
        JsonNode imported = lastHistory(id).path("changes").get(0);
        assertEquals("vendor", imported.path("field").asText());
        assertEquals("Dell", imported.path("before").asText());
        assertEquals("HP", imported.path("after").asText());
    }

    @Test
    void staffLookAnAssetUpByTagOrSerial_exactly() {
        Map<String, Object> body = AssetFixture.laptop("WF-10");
        body.put("serialNumber", "PF-77X");
        String id = fx.registered(body);
        fx.registered("WF-100");

        JsonNode byTag = fx.call(HttpEvent.of("GET /assets").as(Claims.staff()).query("assetTag", "wf-10")).body().path("items");
        JsonNode bySerial = fx.call(HttpEvent.of("GET /assets").as(Claims.staff()).query("serial", "pf-77x")).body().path("items");
        JsonNode none = fx.call(HttpEvent.of("GET /assets").as(Claims.staff()).query("assetTag", "WF-1")).body().path("items");
        Invoker.Response both = fx.call(HttpEvent.of("GET /assets").as(Claims.staff()).query("assetTag", "WF-10").query("category", "laptop"));
        Invoker.Response bad = fx.call(HttpEvent.of("GET /assets").as(Claims.staff()).query("serial", "has space"));

        assertEquals(List.of(id), ids(byTag));
        assertEquals(List.of(id), ids(bySerial));
        assertEquals(List.of(), ids(none), "exact, not a prefix");
        assertField(both, "query.assetTag");
        assertField(bad, "query.serial");
    }

    @Test
    void aReportedFault_notifiesItStaff() {
        String id = fx.heldBy("WF-11", "li.lei");
        fx.events.clear();

        Invoker.Response reported = fx.call(HttpEvent.of("POST /assets/{assetId}/faults").path("assetId", id)
                .as(Claims.employee("li.lei")).body(Map.of("summary", "Screen flickers", "severity", "high")));

        assertEquals(201, reported.status());
        Notice notice = notices("AssetFaultReported").getFirst();
        assertEquals(List.of(), notice.to(), "IT staff: chat-webhook's IT staff channel");
        assertEquals(null, notice.department());
        assertEquals(id, notice.subjectId());
        assertTrue(notice.en().contains("WF-11") && notice.en().contains("li.lei") && notice.en().contains("Screen flickers"), notice.en());
        assertTrue(notice.zh().contains("故障"), notice.zh());
    }

    @Test
    void aResolvedTicket_resolvesItsFault_once() {
        String id = fx.heldBy("WF-12", "li.lei");
        String faultId = fx.call(HttpEvent.of("POST /assets/{assetId}/faults").path("assetId", id).as(Claims.employee("li.lei"))
                .body(Map.of("summary", "No Wi-Fi"))).body().path("faultId").asText();
        Map<String, Object> resolved = ticketResolved(id, faultId, true);

        for (int i = 0; i < 3; i++) {
            JsonNode result = fx.deliver("itops.service-desk", "TicketResolved", resolved);
            assertEquals("ok", result.path("status").asText());
        }
        fx.deliver("itops.service-desk", "TicketResolved", ticketResolved(id, faultId, true));

        JsonNode fault = fx.call(HttpEvent.of("GET /assets/{assetId}/faults").path("assetId", id).as(Claims.staff()))
                .body().path("items").get(0);
        assertEquals("resolved", fault.path("status").asText());
        assertEquals("Replaced the Wi-Fi card", fault.path("resolution").path("resolution").asText());
        assertEquals("Replaced the Wi-Fi card", fault.path("resolution").path("causeAnalysis").asText());
        assertEquals("wang.tech", fault.path("resolution").path("resolvedBy").asText());
        long entries = fx.partition(id, "HIST#").stream().filter(i -> "FAULT_RESOLVED".equals(i.get("event").s())).count();
        assertEquals(1, entries, "3 deliveries and another ticket: one effect");

        String other = fx.call(HttpEvent.of("POST /assets/{assetId}/faults").path("assetId", id).as(Claims.employee("li.lei"))
                .body(Map.of("summary", "Fan noise"))).body().path("faultId").asText();
        fx.deliver("itops.service-desk", "TicketResolved", ticketResolved(id, other, false));
        assertEquals("open", fx.call(HttpEvent.of("GET /assets/{assetId}/faults").path("assetId", id).as(Claims.staff()))
                .body().path("items").get(0).path("status").asText(), "resolveFault: false leaves the fault open");
    }

    @Test
    void aJsonImportWithBadRows_importsTheGoodOnes_andNamesEachBadRowAndField() {
        List<Object> rows = new ArrayList<>();
        rows.add(Map.of("assetTag", "WF-I1", "category", "laptop", "model", "T14"));
        rows.add(Map.of("assetTag", "WF-I2", "category", "spaceship", "model", "T14"));
        rows.add(Map.of("assetTag", "WF-I3", "category", "laptop", "model", "T14", "maintenanceIntervalDays", "ten"));
        rows.add(Map.of("assetTag", "WF-I4", "category", "laptop", "model", "T14", "warrantyEnd", "31/12/2029"));
        rows.add("not an object");
        rows.add(Map.of("assetTag", "WF-I6", "category", "desktop", "model", "OptiPlex 7020"));

        Invoker.Response report = fx.call(HttpEvent.of("POST /assets/import").as(Claims.staff()).body(Map.of("rows", rows)));

        assertEquals(200, report.status(), report.toString());
        JsonNode body = report.body();
        assertEquals(6, body.path("total").asInt());
        assertEquals(2, body.path("created").asInt());
        assertEquals(4, body.path("rejected").asInt());
        Map<Integer, String> rejected = new LinkedHashMap<>();
        for (JsonNode row : body.path("rows")) {
            if ("rejected".equals(row.path("result").asText())) {
                rejected.put(row.path("row").asInt(), row.path("errors").get(0).path("field").asText());
            }
        }
        assertEquals(Map.of(2, "category", 3, "maintenanceIntervalDays", 4, "warrantyEnd", 5, "row"), rejected);
        assertEquals(1, ids(fx.call(HttpEvent.of("GET /assets").as(Claims.staff()).query("assetTag", "WF-I6")).body().path("items")).size());
        assertEquals(0, ids(fx.call(HttpEvent.of("GET /assets").as(Claims.staff()).query("assetTag", "WF-I2")).body().path("items")).size());
    }

    // ------------------------------------------------------------------ helpers

    /** A TicketResolved detail (events.md) with a new event id. */
    private static Map<String, Object> ticketResolved(String assetId, String faultId, boolean resolveFault) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("eventId", UUID.randomUUID().toString());
        detail.put("occurredAt", "2026-11-28T10:00:00Z");
        detail.put("ticketId", "01JF5Z8Q3N0000000000000T01");
        detail.put("number", "SD-1042");
        detail.put("assetId", assetId);
        detail.put("faultId", faultId);
        detail.put("resolution", "Replaced the Wi-Fi card");
        detail.put("resolvedBy", "wang.tech");
        detail.put("resolveFault", resolveFault);
        return detail;
    }

    private Invoker.Response transition(String id, Map<String, Object> body, Map<String, Object> as) {
        return fx.call(HttpEvent.of("POST /assets/{assetId}/transitions").path("assetId", id).as(as).body(body));
    }

    private Invoker.Response checkout(String id, Map<String, Object> body) {
        return fx.call(HttpEvent.of("POST /assets/{assetId}/checkout").path("assetId", id).as(Claims.staff()).body(body));
    }

    private Invoker.Response checkin(String id, Map<String, Object> body) {
        return fx.call(HttpEvent.of("POST /assets/{assetId}/checkin").path("assetId", id).as(Claims.staff()).body(body));
    }

    private Invoker.Response audit(String id, Map<String, Object> body) {
        return fx.call(HttpEvent.of("POST /assets/{assetId}/audits").path("assetId", id).as(Claims.staff()).body(body));
    }

    private JsonNode mine(String userId) {
        return fx.call(HttpEvent.of("GET /me/assets").as(Claims.employee(userId))).body().path("items");
    }

    private JsonNode lastHistory(String id) {
        JsonNode items = fx.call(HttpEvent.of("GET /assets/{assetId}/history").path("assetId", id).as(Claims.staff())
                .query("limit", "100")).body().path("items");
        return items.get(items.size() - 1);
    }

    private ChatCommand.ChatReply ask(String command, String language, String userId) {
        return ask(command, List.of(), language, userId);
    }

    private ChatCommand.ChatReply ask(String command, List<String> args, String language, String userId) {
        int before = fx.events.ofType(ChatCommand.REPLY_DETAIL_TYPE).size();
        fx.deliver("itops.chat", ChatCommand.DETAIL_TYPE, AssetChatTest.command(command, args, language, AssetChatTest.employee(userId)));
        List<DomainEvent> replies = fx.events.ofType(ChatCommand.REPLY_DETAIL_TYPE);
        assertEquals(before + 1, replies.size());
        return (ChatCommand.ChatReply) replies.getLast().detail();
    }

    private List<Notice> notices(String kind) {
        return fx.events.ofType(Notice.DETAIL_TYPE).stream().map(e -> (Notice) e.detail())
                .filter(n -> kind.equals(n.kind())).toList();
    }

    private static List<String> ids(JsonNode items) {
        List<String> ids = new ArrayList<>();
        items.forEach(i -> ids.add(i.path("assetId").asText()));
        return ids;
    }

    private static JsonNode detail(DomainEvent event) {
        return Json.mapper().valueToTree(event.detail());
    }

    private static void assertField(Invoker.Response response, String field) {
        assertEquals(400, response.status(), response.toString());
        boolean named = false;
        for (JsonNode error : response.body().path("errors")) {
            named |= field.equals(error.path("field").asText());
        }
        assertNotNull(response.body());
        assertTrue(named, "names " + field + ": " + response);
    }
}
