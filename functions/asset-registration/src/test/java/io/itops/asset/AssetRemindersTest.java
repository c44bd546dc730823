package io.itops.asset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.itops.shared.events.DomainEvent;
import io.itops.shared.events.Notice;
import io.itops.shared.json.Json;
import io.itops.testing.Claims;
import io.itops.testing.HttpEvent;
import io.itops.testing.Invoker;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The daily schedule: maintenance due within a week or overdue, warranties ending within 30 days,
 * audits overdue. Each asset gets its event and a notice to its custodian (or its department).
 */
class AssetRemindersTest {
    private final AssetFixture fx = new AssetFixture();
    private String held;
    private String unheld;
    private String warranty;
    private String auditOverdue;

    @BeforeEach
    void registerTheCases() {
        fx.clock.set(Instant.parse("2025-11-01T09:00:00Z"));
        auditOverdue = fx.registered(withoutDates("RM-AUDIT"));
        fx.clock.set(Instant.parse("2026-11-28T09:00:00Z"));

        held = fx.heldBy("RM-HELD", "li.lei");
        patch(held, 2, Map.of("nextMaintenanceDue", "2026-12-01"));
        unheld = fx.registered("RM-UNHELD");
        patch(unheld, 1, Map.of("nextMaintenanceDue", "2026-11-01"));
        Map<String, Object> ending = withoutDates("RM-WARRANTY");
        ending.put("warrantyEnd", "2026-12-15");
        warranty = fx.registered(ending);
        Map<String, Object> ended = withoutDates("RM-ENDED");
        ended.put("warrantyEnd", "2025-10-01");
        fx.registered(ended);
        String retired = fx.registered("RM-RETIRED");
        patch(retired, 1, Map.of("nextMaintenanceDue", "2026-11-30"));
        assertEquals(200, fx.call(HttpEvent.of("POST /assets/{assetId}/transitions").path("assetId", retired)
                .as(Claims.admin()).body(Map.of("to", "retired"))).status());
        fx.events.clear();
    }

    @Test
    void theDailyRunAnnouncesWhatIsDue_andTellsTheCustodianOrTheDepartment() {
        JsonNode result = fx.invoker.invokeRaw(HttpEvent.sample("asset-registration/schedule-asset-reminders.json"));

        assertEquals("ok", result.path("status").asText());
        assertEquals(Set.of(held, unheld), assetIds("AssetMaintenanceDue"), "due within a week or overdue; retired assets never");
        assertEquals(Set.of(warranty), assetIds("AssetWarrantyEnding"), "ending within 30 days; ended long ago is not news");
        assertEquals(Set.of(auditOverdue), assetIds("AssetAuditOverdue"));
        JsonNode maintenance = detail(fx.events.ofType("AssetMaintenanceDue").stream()
                .filter(e -> held.equals(detail(e).path("assetId").asText())).findFirst().orElseThrow());
        assertEquals("2026-12-01", maintenance.path("dueDate").asText());
        assertEquals("maintenance", maintenance.path("kind").asText());
        assertEquals("li.lei", maintenance.path("asset").path("custodian").asText());
        assertEquals("accepted", maintenance.path("asset").path("status").asText());
        assertEquals(3, maintenance.path("asset").path("version").asLong());

        List<Notice> notices = fx.events.ofType("Notification").stream().map(e -> (Notice) e.detail()).toList();
        assertEquals(4, notices.size(), "one notice per reminder: " + notices);
        Notice toHolder = notice(notices, held);
        assertEquals("AssetMaintenanceDue", toHolder.kind());
        assertEquals(List.of("li.lei"), toHolder.to());
        assertEquals("Finance", toHolder.department());
        assertTrue(toHolder.en().contains("RM-HELD") && toHolder.en().contains("2026-12-01"), toHolder.en());
        assertTrue(toHolder.zh().contains("RM-HELD") && toHolder.zh().contains("维护"), toHolder.zh());
        Notice toDepartment = notice(notices, unheld);
        assertEquals(List.of(), toDepartment.to(), "nobody holds it");
        assertEquals("Finance", toDepartment.department());
        assertTrue(toDepartment.en().contains("overdue"), toDepartment.en());
        assertTrue(toDepartment.zh().contains("逾期"), toDepartment.zh());
        Notice warrantyNotice = notice(notices, warranty);
        assertEquals("AssetWarrantyEnding", warrantyNotice.kind());
        assertTrue(warrantyNotice.en().contains("warranty") && warrantyNotice.zh().contains("保修"));
        Notice auditNotice = notice(notices, auditOverdue);
        assertEquals("AssetAuditOverdue", auditNotice.kind());
        assertTrue(auditNotice.en().contains("2026-11-01") && auditNotice.zh().contains("盘点"));
        JsonNode onTheBus = Json.mapper().valueToTree(fx.events.ofType("Notification").getFirst().detail());
        assertEquals(Set.of("kind", "subjectId", "to", "department", "en", "zh"), fieldNames(onTheBus));
    }

    @Test
    void aSlotDeliveredAgainRunsOnce() {
        fx.invoker.invokeRaw(HttpEvent.sample("asset-registration/schedule-asset-reminders.json"));
        int published = fx.events.all().size();

        fx.invoker.invokeRaw(HttpEvent.sample("asset-registration/schedule-asset-reminders.json"));
        fx.invoker.invokeRaw(HttpEvent.sample("asset-registration/schedule-asset-reminders.json"));

        assertEquals(8, published);
        assertEquals(published, fx.events.all().size(), "redeliveries of the same slot publish nothing more");
    }

    private Map<String, Object> withoutDates(String tag) {
        Map<String, Object> body = AssetFixture.laptop(tag);
        body.remove("maintenanceIntervalDays");
        body.remove("warrantyEnd");
        body.remove("purchase");
        return body;
    }

    private void patch(String id, long version, Map<String, Object> body) {
        Invoker.Response r = fx.call(HttpEvent.of("PATCH /assets/{assetId}").path("assetId", id).as(Claims.staff())
                .header("If-Match", "\"" + version + "\"").body(body));
        assertEquals(200, r.status(), r.toString());
    }

    private Set<String> assetIds(String detailType) {
        return fx.events.ofType(detailType).stream().map(e -> detail(e).path("assetId").asText()).collect(Collectors.toSet());
    }

    private static Notice notice(List<Notice> notices, String assetId) {
        return notices.stream().filter(n -> n.subjectId().equals(assetId)).findFirst().orElseThrow();
    }

    private static JsonNode detail(DomainEvent event) {
        return Json.mapper().valueToTree(event.detail());
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new java.util.TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
