package io.itops.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.itops.testing.Claims;
import io.itops.testing.HttpEvent;
import io.itops.testing.Invoker;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The findings of one asset come in the order openapi.yaml documents: by status, then remediation deadline. */
class FindingOrderTest {
    private final ScanFixture fx = new ScanFixture();

    @Test
    void oneAssetsFindingsAreOrderedByDeadline_mostUrgentFirst_onEveryRouteAndAcrossPages() {
        String server = fx.inService("SRV-ORDER", "server", "Ops", null);
        // rule ids in the opposite order of urgency, so the table's own key order would be wrong
        fx.completeScan(server, "vulnerability", List.of(ScanFixture.finding("A-INFO", "info"), ScanFixture.finding("B-LOW", "low"),
                ScanFixture.finding("C-MEDIUM", "medium"), ScanFixture.finding("D-HIGH", "high"), ScanFixture.finding("E-CRITICAL", "critical")));
        List<String> urgentFirst = List.of("E-CRITICAL", "D-HIGH", "C-MEDIUM", "B-LOW", "A-INFO");

        assertEquals(urgentFirst, rules(fx.call(HttpEvent.of("GET /assets/{assetId}/findings").path("assetId", server).as(Claims.staff()))));
        assertEquals(urgentFirst, rules(fx.call(HttpEvent.of("GET /findings").query("assetId", server).as(Claims.staff()))));

        List<String> paged = new ArrayList<>();
        String cursor = null;
        do {
            HttpEvent page = HttpEvent.of("GET /assets/{assetId}/findings").path("assetId", server).as(Claims.staff()).query("limit", "2");
            Invoker.Response response = fx.call(cursor == null ? page : page.query("cursor", cursor));
            paged.addAll(rules(response));
            cursor = response.body().path("nextCursor").isTextual() ? response.body().path("nextCursor").asText() : null;
        } while (cursor != null);
        assertEquals(urgentFirst, paged, "pages keep the order");

        assertEquals(List.of("D-HIGH"), rules(fx.call(HttpEvent.of("GET /assets/{assetId}/findings").path("assetId", server)
                .as(Claims.staff()).query("severity", "high"))));
        assertEquals(urgentFirst, rules(fx.call(HttpEvent.of("GET /assets/{assetId}/findings").path("assetId", server)
                .as(Claims.staff()).query("status", "open"))));
    }

    private static List<String> rules(Invoker.Response response) {
        assertEquals(200, response.status(), response.toString());
        List<String> out = new ArrayList<>();
        for (JsonNode item : response.body().path("items")) {
            out.add(item.path("ruleId").asText());
        }
        return out;
    }
}
