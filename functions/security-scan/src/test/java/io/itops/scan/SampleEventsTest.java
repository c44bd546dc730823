package io.itops.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.itops.shared.json.Json;
import io.itops.testing.HttpEvent;
import io.itops.testing.Invoker;
import io.itops.testing.TemplateModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every sample in events/security-scan is handled as it says: routes answer as documented, never 5xx. */
class SampleEventsTest {
    private static final Map<String, Integer> EXPECTED = new TreeMap<>(Map.ofEntries(
            Map.entry("post-scans.json", 202), Map.entry("post-scans-selector.json", 422), Map.entry("post-scans-bad.json", 400),
            Map.entry("post-scans-employee.json", 403), Map.entry("get-scans.json", 200), Map.entry("get-scans-bad-query.json", 400),
            Map.entry("get-scan.json", 200), // in file order the failed result answers the scan first; the completed one then finds it answered
            Map.entry("post-scan-results-failed.json", 200), Map.entry("post-scan-results.json", 409),
            Map.entry("post-scan-results-tampered-body.json", 401), Map.entry("post-scan-results-bad-signature.json", 401),
            Map.entry("post-scan-results-unknown-scanner.json", 401), Map.entry("post-scan-results-bad-body.json", 400),
            Map.entry("get-findings.json", 200), Map.entry("get-findings-bad-query.json", 400), Map.entry("get-finding.json", 404),
            Map.entry("patch-finding.json", 404), Map.entry("patch-finding-bad.json", 400), Map.entry("get-asset-findings.json", 200)));

    @Test
    void everySampleIsHandled() throws IOException {
        ScanFixture fx = new ScanFixture();
        fx.sampleScan(Profile.VULNERABILITY);
        fx.clock.set(Instant.parse(ScanFixture.SAMPLE_TIME));
        List<Path> samples;
        try (Stream<Path> files = Files.list(TemplateModel.projectRoot().resolve("events/security-scan"))) {
            samples = files.sorted().toList();
        }
        int http = 0;
        for (Path file : samples) {
            String name = file.getFileName().toString();
            byte[] sample = Files.readAllBytes(file);
            JsonNode event = Json.tree(sample);
            if (event.has("routeKey")) {
                Invoker.Response response = fx.call(sample);
                assertTrue(EXPECTED.containsKey(name), "expected status listed for " + name);
                assertEquals(EXPECTED.get(name), response.status(), name + ": " + response);
                http++;
            } else {
                JsonNode answer = fx.invoker.invokeRaw(sample);
                assertEquals("ok", answer.path("status").asText(), name + ": " + answer);
            }
        }
        assertEquals(EXPECTED.size(), http, "every HTTP sample was sent");
        assertFalse(fx.scanItems().isEmpty());
        assertTrue(HttpEvent.sample("security-scan/post-scan-results.json").length > 0);
    }
}
