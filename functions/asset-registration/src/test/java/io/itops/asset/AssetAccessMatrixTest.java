package io.itops.asset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.itops.testing.Claims;
import io.itops.testing.HttpEvent;
import io.itops.testing.Invoker;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every route against every kind of caller: no token (401), an employee who does not hold the asset,
 * the employee who holds it, staff, admin. Employees read only what they hold (anything else is a
 * 404, as if it did not exist); refusals write nothing.
 */
class AssetAccessMatrixTest {
    private static final String HOLDER = "li.lei";
    private static final AssetFixture fx = new AssetFixture();
    private static final AtomicInteger serial = new AtomicInteger();

    /** A caller: a name for the report and the JWT claims (null: no token). */
    private record Caller(String name, Map<String, Object> claims) {}

    private static final List<Caller> CALLERS = List.of(
            new Caller("no token", null),
            new Caller("employee (not holder)", Claims.employee("eve")),
            new Caller("employee (holder)", Claims.employee(HOLDER)),
            new Caller("staff", Claims.staff()),
            new Caller("admin", Claims.admin()));

    /** A route and the status each caller gets, in CALLERS order; the event is built on a fresh asset. */
    private record Case(String route, BiFunction<String, String, HttpEvent> event, int... expected) {}

    private static List<Case> cases() {
        return List.of(
                new Case("POST /assets", (id, tag) -> HttpEvent.of("POST /assets").body(AssetFixture.laptop(tag)),
                        401, 403, 403, 201, 201),
                new Case("GET /assets", (id, tag) -> HttpEvent.of("GET /assets"), 401, 403, 403, 200, 200),
                new Case("GET /me/assets", (id, tag) -> HttpEvent.of("GET /me/assets"), 401, 200, 200, 200, 200),
                new Case("GET /assets/due", (id, tag) -> HttpEvent.of("GET /assets/due").query("kind", "audit"),
                        401, 403, 403, 200, 200),
                new Case("POST /assets/import", (id, tag) -> HttpEvent.of("POST /assets/import")
                        .body(Map.of("rows", List.of(AssetFixture.laptop(tag)))), 401, 403, 403, 200, 200),
                new Case("GET /assets/{assetId}", (id, tag) -> onAsset("GET /assets/{assetId}", id), 401, 404, 200, 200, 200),
                new Case("PATCH /assets/{assetId}", (id, tag) -> onAsset("PATCH /assets/{assetId}", id)
                        .header("If-Match", "\"2\"").body(Map.of("vendor", "Dell")), 401, 403, 403, 200, 200),
                new Case("POST /assets/{assetId}/transitions (install)", (id, tag) -> onAsset("POST /assets/{assetId}/transitions", id)
                        .body(Map.of("to", "installed")), 401, 403, 403, 200, 200),
                new Case("POST /assets/{assetId}/transitions (retire)", (id, tag) -> onAsset("POST /assets/{assetId}/transitions", id)
                        .body(Map.of("to", "retired")), 401, 403, 403, 403, 200),
                new Case("POST /assets/{assetId}/checkout", (id, tag) -> onAsset("POST /assets/{assetId}/checkout", id)
                        .body(Map.of("custodian", "next.holder", "transfer", true)), 401, 403, 403, 200, 200),
                new Case("POST /assets/{assetId}/checkin", (id, tag) -> onAsset("POST /assets/{assetId}/checkin", id)
                        .body(Map.of("location", "IT store")), 401, 403, 403, 200, 200),
                new Case("POST /assets/{assetId}/maintenance", (id, tag) -> onAsset("POST /assets/{assetId}/maintenance", id)
                        .body(Map.of("kind", "repair", "performedOn", "2026-11-20", "performedBy", "vendor")), 401, 403, 403, 201, 201),
                new Case("GET /assets/{assetId}/maintenance", (id, tag) -> onAsset("GET /assets/{assetId}/maintenance", id),
                        401, 404, 200, 200, 200),
                new Case("POST /assets/{assetId}/faults", (id, tag) -> onAsset("POST /assets/{assetId}/faults", id)
                        .body(Map.of("summary", "Keyboard sticks")), 401, 404, 201, 201, 201),
                new Case("GET /assets/{assetId}/faults", (id, tag) -> onAsset("GET /assets/{assetId}/faults", id),
                        401, 404, 200, 200, 200),
                new Case("POST /assets/{assetId}/faults/{faultId}/resolution", (id, tag) ->
                        onAsset("POST /assets/{assetId}/faults/{faultId}/resolution", id).path("faultId", fault(id))
                                .body(Map.of("resolution", "Cleaned", "rootCause", "user", "causeAnalysis", "Coffee")),
                        401, 403, 403, 200, 200),
                new Case("POST /assets/{assetId}/audits", (id, tag) -> onAsset("POST /assets/{assetId}/audits", id)
                        .body(Map.of("found", true, "location", "HQ-3F")), 401, 403, 403, 201, 201),
                new Case("GET /assets/{assetId}/audits", (id, tag) -> onAsset("GET /assets/{assetId}/audits", id),
                        401, 403, 403, 200, 200),
                new Case("GET /assets/{assetId}/history", (id, tag) -> onAsset("GET /assets/{assetId}/history", id),
                        401, 404, 200, 200, 200));
    }

    @TestFactory
    Stream<DynamicTest> everyRouteForEveryCaller() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Case c : cases()) {
            for (int i = 0; i < CALLERS.size(); i++) {
                Caller caller = CALLERS.get(i);
                int expected = c.expected()[i];
                tests.add(DynamicTest.dynamicTest(c.route() + " as " + caller.name() + " -> " + expected,
                        () -> check(c, caller, expected)));
            }
        }
        return tests.stream();
    }

    @org.junit.jupiter.api.Test
    void theMatrixCoversEveryRouteOfTheHandler() {
        List<String> covered = cases().stream().map(c -> c.route().replaceAll(" \\(.*\\)$", "")).distinct().sorted().toList();
        List<String> served = fx.handler(fx.system.platform(AssetFixture.FUNCTION, fx.clock)).dispatcher().routeKeys()
                .stream().sorted().toList();
        assertEquals(served, covered);
    }

    private static void check(Case c, Caller caller, int expected) {
        String tag = "AM-" + serial.incrementAndGet();
        String id = checkedOutTo(HOLDER, tag);
        String newTag = "AMN-" + serial.get();
        HttpEvent event = c.event().apply(id, newTag);
        if (caller.claims() != null) {
            event.as(caller.claims());
        }
        int before = fx.partition(id, "").size();

        Invoker.Response response = fx.call(event);

        assertEquals(expected, response.status(), c.route() + " as " + caller.name() + ": " + response);
        String code = response.body().path("code").asText();
        switch (expected) {
            case 401 -> assertEquals("UNAUTHENTICATED", code);
            case 403 -> assertEquals("FORBIDDEN", code);
            case 404 -> assertEquals("ASSET_NOT_FOUND", code);
            default -> assertTrue(code.isEmpty(), "a success is not a problem: " + response);
        }
        if (expected >= 400) {
            assertEquals(before, fx.partition(id, "").size(), "a refusal writes nothing to the asset");
            assertEquals(null, fx.item("ASSETTAG#" + newTag, "ASSETTAG"), "nor registers anything");
        }
        if (c.route().startsWith("GET /me/assets") && expected == 200) {
            response.body().path("items").forEach(a -> assertEquals(userId(caller), a.path("custodian").asText(),
                    "my assets are the caller's only"));
        }
        if (c.route().equals("GET /assets/{assetId}") && expected == 200) {
            assertEquals(id, response.body().path("assetId").asText());
        }
    }

    private static String userId(Caller caller) {
        return String.valueOf(caller.claims().get("username"));
    }

    private static HttpEvent onAsset(String routeKey, String id) {
        return HttpEvent.of(routeKey).path("assetId", id);
    }

    /** A fresh asset (version 2) in the "received" stage, checked out to {@code custodian}. */
    private static String checkedOutTo(String custodian, String tag) {
        String id = fx.registered(tag);
        Invoker.Response checkout = fx.call(HttpEvent.of("POST /assets/{assetId}/checkout").path("assetId", id)
                .as(Claims.staff()).body(Map.of("custodian", custodian)));
        assertEquals(200, checkout.status(), checkout.toString());
        return id;
    }

    private static String fault(String assetId) {
        Invoker.Response fault = fx.call(HttpEvent.of("POST /assets/{assetId}/faults").path("assetId", assetId)
                .as(Claims.staff()).body(Map.of("summary", "Spilled coffee")));
        assertEquals(201, fault.status(), fault.toString());
        return fault.body().path("faultId").asText();
    }
}
