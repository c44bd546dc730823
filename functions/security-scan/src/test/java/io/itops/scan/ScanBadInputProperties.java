package io.itops.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.itops.testing.BadInput;
import io.itops.testing.Claims;
import io.itops.testing.HttpEvent;
import io.itops.testing.Invoker;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.BeforeContainer;

/** Every route with a body refuses bad bodies with a 4xx naming the field, and writes nothing. */
class ScanBadInputProperties {
    private static final int MAX_BODY = 1_048_576;
    private static ScanFixture fx;
    private static String assetId;
    private static String findingId;
    private static int itemsBefore;

    @BeforeContainer
    static void setUp() {
        fx = new ScanFixture();
        assetId = fx.inService("BAD-1", "server", "Ops", null);
        fx.completeScan(assetId, "vulnerability", List.of(ScanFixture.finding("CVE-2024-3094", "critical")));
        findingId = fx.store.findings(assetId, Profile.VULNERABILITY).getFirst().findingId();
        fx.sampleScan(Profile.VULNERABILITY);
        fx.clock.set(Instant.parse(ScanFixture.SAMPLE_TIME));
        itemsBefore = fx.system.items().size();
    }

    @Property(tries = 250)
    void scanRequestsRefuseBadBodies_namingTheField_andWriteNothing(@ForAll("scanRequests") BadInput.Case bad) {
        Invoker.Response response = fx.invoker.call(bad.applyTo(HttpEvent.of("POST /scans").as(Claims.staff())));
        BadInput.assertRefused(bad, response);
        assertEquals(itemsBefore, fx.system.items().size(), "nothing written");
    }

    @Property(tries = 250)
    void signedScanResultsRefuseBadBodies_namingTheField_andWriteNothing(@ForAll("scanResults") BadInput.Case bad) {
        // signed correctly, so the refusal is about the body, not the signature
        Invoker.Response response = fx.invoker.call(bad.applyTo(fx.signedResult(ScanFixture.SAMPLE_SCAN, bad.body())));
        BadInput.assertRefused(bad, response);
        assertEquals(itemsBefore, fx.system.items().size(), "nothing written");
    }

    @Property(tries = 200)
    void triageRefusesBadBodies_namingTheField_andWritesNothing(@ForAll("triage") BadInput.Case bad) {
        Invoker.Response response = fx.invoker.call(bad.applyTo(
                HttpEvent.of("PATCH /findings/{findingId}").path("findingId", findingId).as(Claims.staff())));
        BadInput.assertRefused(bad, response);
        assertEquals(itemsBefore, fx.system.items().size(), "nothing written");
    }

    @Provide
    Arbitrary<BadInput.Case> scanRequests() {
        return BadInput.bodies(Map.of("targets", Map.of("assetIds", List.of(assetId)), "profile", "vulnerability",
                "reason", "Vendor advisory"), Set.of("targets", "profile", "reason"), MAX_BODY);
    }

    @Provide
    Arbitrary<BadInput.Case> scanResults() {
        Map<String, Object> finding = new LinkedHashMap<>(ScanFixture.finding("CVE-2024-3094", "critical"));
        finding.put("cvss", 9.8);
        Map<String, Object> valid = new LinkedHashMap<>(ScanFixture.completed(ScanFixture.SAMPLE_SCAN, List.of(finding)));
        valid.put("startedAt", "2026-11-28T09:05:00Z");
        valid.put("finishedAt", "2026-11-28T09:25:00Z");
        return BadInput.bodies(valid, Set.of("scanId", "status", "findings"), MAX_BODY);
    }

    @Provide
    Arbitrary<BadInput.Case> triage() {
        return BadInput.bodies("PATCH /findings/{findingId}", Map.of("status", "accepted-risk", "reason", "Lab host", "expiresOn", "2026-12-20"),
                Set.of("status"), MAX_BODY);
    }

    @Property(tries = 300)
    void unknownQueryParametersAreRefusedOnEveryRoute(@ForAll("unknownQueries") BadInput.QueryCase query) {
        BadInput.assertRefused(query.expected(), fx.invoker.call(query.event(Claims.admin())));
        assertEquals(itemsBefore, fx.system.items().size(), "nothing written");
    }

    @Provide
    Arbitrary<BadInput.QueryCase> unknownQueries() {
        return BadInput.unknownQueryParameters(BadInput.routeKeys(ScanFixture.FUNCTION));
    }
}
