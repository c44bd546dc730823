package io.itops.asset;

import io.itops.shared.runtime.Platform;
import io.itops.testing.Claims;
import io.itops.testing.HttpEvent;
import io.itops.testing.Invoker;
import io.itops.testing.MutableClock;
import io.itops.testing.OpenApiContract;
import io.itops.testing.RecordingEvents;
import io.itops.testing.TestSystem;
import java.util.LinkedHashMap;
import java.util.Map;

/** The asset function wired to its own table on moto, a movable clock and a recording event sink. */
final class AssetFixture {
    static final String FUNCTION = "AssetRegistrationFunction";
    final TestSystem system;
    final MutableClock clock = MutableClock.at("2026-11-28T09:00:00Z");
    final RecordingEvents events = new RecordingEvents();
    final Invoker invoker;
    final OpenApiContract contract = OpenApiContract.load();

    AssetFixture() {
        this(TestSystem.create());
    }

    AssetFixture(TestSystem system) {
        this.system = system;
        Platform platform = system.platform(FUNCTION, clock);
        this.invoker = new Invoker(handler(platform));
    }

    AssetRegistrationHandler handler(Platform platform) {
        AssetService service = new AssetService(new AssetStore(platform.dynamo(), platform.tableName(), platform.cursors()),
                events, clock, AssetConfig.from(platform.env()));
        return new AssetRegistrationHandler(platform, service);
    }

    /** Calls the route and checks the response against openapi.yaml. */
    Invoker.Response call(HttpEvent event) {
        Invoker.Response response = invoker.call(event);
        contract.assertValid(event.json().path("routeKey").asText(), response);
        return response;
    }

    Invoker.Response register(Map<String, Object> body) {
        return call(HttpEvent.of("POST /assets").as(Claims.staff()).body(body));
    }

    static Map<String, Object> laptop(String tag) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("assetTag", tag);
        body.put("category", "laptop");
        body.put("model", "ThinkPad X1 Carbon Gen 12");
        body.put("vendor", "Lenovo");
        body.put("department", "Finance");
        body.put("location", "HQ-3F");
        body.put("holdsBusinessData", true);
        body.put("maintenanceIntervalDays", 180);
        body.put("purchase", Map.of("date", "2026-01-15", "cost", 12999.00, "currency", "CNY", "supplier", "JD Enterprise"));
        body.put("warrantyEnd", "2029-01-14");
        return body;
    }

    String registered(String tag) {
        Invoker.Response response = register(laptop(tag));
        if (response.status() != 201) {
            throw new AssertionError("registration failed: " + response);
        }
        return response.body().path("assetId").asText();
    }
}
