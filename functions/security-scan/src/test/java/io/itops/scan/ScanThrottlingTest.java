package io.itops.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.itops.testing.Claims;
import io.itops.testing.HttpEvent;
import io.itops.testing.Invoker;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * DynamoDB throttles 30% of calls: every request ends complete (2xx) or as a 503 with Retry-After
 * that changed nothing, never a 500; retrying reaches the same state as without throttling.
 */
class ScanThrottlingTest {
    private final ScanFixture fx = new ScanFixture();

    @Test
    void scanRequestsAndResultsUnderThrottling_endCompleteOrUnchanged() {
        List<String> assets = List.of(fx.inService("TH-1", "server", "Ops", null), fx.inService("TH-2", "server", "Ops", null),
                fx.inService("TH-3", "laptop", "Ops", null));
        fx.throttling.throttle(0.3);
        int unavailable = 0;
        int scans = 0;
        for (int i = 0; i < 20; i++) {
            int before = fx.scanItems().size();
            Invoker.Response response = fx.invoker.call(HttpEvent.of("POST /scans").as(Claims.staff()).body(Map.of(
                    "targets", Map.of("assetIds", assets), "profile", "vulnerability", "reason", "throttled " + i)));
            if (response.status() == 503) {
                unavailable++;
                assertNotNull(response.header("retry-after"));
                assertEquals(before, fx.scanItems().size(), "a 503 wrote no scan");
            } else {
                assertEquals(202, response.status(), response.toString());
                scans += 3;
                assertEquals(before + 3, fx.scanItems().size(), "all three scans or none");
            }
        }
        assertEquals(scans, fx.scanItems().size());

        String scanId = fx.scanItems().getFirst().get("scanId").s();
        Map<String, Object> result = ScanFixture.completed(scanId, List.of(ScanFixture.finding("CVE-1", "critical"),
                ScanFixture.finding("CVE-2", "medium")));
        Invoker.Response response;
        int attempts = 0;
        do {
            response = fx.invoker.call(fx.signedResult(scanId, io.itops.shared.json.Json.bytes(result)));
            attempts++;
            if (response.status() == 503) {
                unavailable++;
                assertEquals("requested", fx.store.scan(scanId).orElseThrow().scan().status().toString(), "a 503 left the scan as it was");
                assertTrue(fx.findingItems().isEmpty(), "and wrote no finding");
            }
        } while (response.status() == 503 && attempts < 50);
        assertEquals(200, response.status(), response.toString());
        assertEquals("completed", response.body().path("status").asText());
        fx.throttling.throttle(0);
        assertEquals(2, fx.findingItems().size());
        assertTrue(fx.throttling.throttledCalls() > 0, "throttling was injected");
        System.out.println("throttled calls: " + fx.throttling.throttledCalls() + ", 503 answers: " + unavailable);
    }
}
