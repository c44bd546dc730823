package io.itops.asset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.itops.shared.events.Notice;
import io.itops.shared.runtime.Platform;
import io.itops.testing.Claims;
import io.itops.testing.HttpEvent;
import io.itops.testing.Invoker;
import io.itops.testing.PersonEvents;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The register's reactions to the directory's PersonLeft and PersonMoved, on moto: three deliveries, one effect. */
class PeopleReactionsTest {
    private final AssetFixture fx = new AssetFixture();
    private final Invoker bus;

    PeopleReactionsTest() {
        Platform platform = fx.system.platform(AssetFixture.FUNCTION, fx.clock);
        AssetStore store = new AssetStore(platform.table(), platform.cursors());
        bus = new Invoker(new AssetRegistrationHandler(platform,
                new AssetService(store, fx.events, fx.clock, AssetConfig.from(platform.env())),
                new PeopleReactions(store, fx.events, fx.clock)));
    }

    private String heldBy(String tag, String department, String custodian, String expectedReturn) {
        Map<String, Object> body = AssetFixture.laptop(tag);
        body.put("department", department);
        String id = fx.registered(body);
        Invoker.Response out = fx.call(HttpEvent.of("POST /assets/{assetId}/checkout").path("assetId", id).as(Claims.staff())
                .body(Map.of("custodian", custodian, "expectedReturn", expectedReturn)));
        assertEquals(200, out.status(), out.toString());
        return id;
    }

    private JsonNode asset(String id) {
        return fx.call(HttpEvent.of("GET /assets/{assetId}").path("assetId", id).as(Claims.staff())).body();
    }

    private void deliver3x(byte[] event) {
        for (int i = 0; i < 3; i++) {
            assertEquals("ok", bus.invokeRaw(event).path("status").asText());
        }
    }

    @Test
    void aLeaversEquipmentIsExpectedBackOnTheLeaveDate_andItIsToldOnce() {
        String laptop = heldBy("LV-1", "Sales", "leaver.one", "2027-06-30");
        String phone = heldBy("LV-2", "Sales", "leaver.one", "2026-12-15");
        String other = heldBy("LV-3", "Sales", "stays.here", "2027-06-30");
        fx.events.clear();

        deliver3x(PersonEvents.left("evt-left-1", "leaver.one", "Sales", "2026-12-04"));

        assertEquals("2026-12-04", asset(laptop).path("checkout").path("expectedReturn").asText());
        assertEquals("2026-12-04", asset(phone).path("checkout").path("expectedReturn").asText());
        assertEquals("leaver.one", asset(laptop).path("custodian").asText(), "still held until it comes back");
        assertEquals("2027-06-30", asset(other).path("checkout").path("expectedReturn").asText());
        List<Notice> notices = fx.events.ofType(Notice.DETAIL_TYPE).stream().map(e -> (Notice) e.detail()).toList();
        assertEquals(1, notices.size(), "one notice for three deliveries");
        Notice notice = notices.getFirst();
        assertEquals(PeopleReactions.NOTICE_RETURN, notice.kind());
        assertEquals(List.of(), notice.to(), "a notice for IT staff");
        assertEquals(null, notice.department());
        assertTrue(notice.en().contains("LV-1") && notice.en().contains("LV-2") && !notice.en().contains("LV-3"), notice.en());
        assertEquals(2, fx.events.ofType("AssetUpdated").size());
        long entries = fx.system.items("ASSET#" + laptop).stream().filter(i -> i.get("SK").s().startsWith("HIST#"))
                .filter(i -> "RETURN_EXPECTED".equals(i.get("event").s())).count();
        assertEquals(1, entries, "one history entry");
    }

    @Test
    void aMoversEquipmentFollowsThemWhereTheRegisterTrackedTheirDepartment() {
        String tracked = heldBy("MV-1", "Finance", "mover.one", "2027-06-30");
        String pooled = heldBy("MV-2", "IT", "mover.one", "2027-06-30");
        fx.events.clear();
        deliver3x(PersonEvents.moved("evt-move-1", "mover.one", "Sales", "Finance"));
        assertEquals("Sales", asset(tracked).path("department").asText());
        assertEquals("IT", asset(pooled).path("department").asText(), "a department the custodian never had is the asset's own");
        assertEquals(1, fx.events.ofType("AssetUpdated").size());
        assertEquals("mover.one", asset(tracked).path("custodian").asText(), "a mover keeps their equipment");
    }
}
