package io.itops.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.itops.testing.BadInput;
import io.itops.testing.Claims;
import io.itops.testing.HttpEvent;
import io.itops.testing.Invoker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.BeforeContainer;

/** Every route with a body refuses bad bodies with a 4xx problem naming the field, and writes nothing. */
class BackupBadInputProperties {
    private static final int MAX_BODY = 262_144;
    private static BackupFixture fx;
    private static String assetId;
    private static int itemsBefore;

    @BeforeContainer
    static void setUp() {
        fx = new BackupFixture();
        assetId = fx.asset("BAD-0001", "server", true);
        itemsBefore = fx.system.items().size();
    }

    private static void assertRefused(BadInput.Case bad, Invoker.Response response) {
        BadInput.assertRefused(bad, response);
        assertEquals(itemsBefore, fx.system.items().size(), "nothing written");
    }

    @Property(tries = 200)
    void policiesRefuseBadBodies(@ForAll("policies") BadInput.Case bad) {
        assertRefused(bad, fx.invoker.call(bad.applyTo(
                HttpEvent.of("PUT /assets/{assetId}/backup-policy").path("assetId", assetId).as(Claims.staff()))));
    }

    @Property(tries = 200)
    void restoreTestsRefuseBadBodies(@ForAll("restoreTests") BadInput.Case bad) {
        assertRefused(bad, fx.invoker.call(bad.applyTo(
                HttpEvent.of("POST /assets/{assetId}/restore-tests").path("assetId", assetId).as(Claims.staff()))));
    }

    /** The machine endpoint: every bad body correctly signed, so the refusal is about the body, not the signature. */
    @Property(tries = 250)
    void signedReportsRefuseBadBodies(@ForAll("reports") BadInput.Case bad) {
        assertRefused(bad, fx.invoker.call(signedCase(bad)));
    }

    @Property(tries = 150)
    void signedBatchesRefuseBadBodies(@ForAll("batches") BadInput.Case bad) {
        assertRefused(bad, fx.invoker.call(signedCase(bad)));
    }

    private static HttpEvent signedCase(BadInput.Case bad) {
        HttpEvent signed = BackupFixture.signed(bad.body(), BackupFixture.AGENT, BackupFixture.AGENT_SECRET,
                Long.toString(fx.clock.instant().getEpochSecond()));
        return bad.applyTo(signed);
    }

    @Provide
    Arbitrary<BadInput.Case> policies() {
        Map<String, Object> valid = BackupFixture.policy();
        return BadInput.bodies(valid, valid.keySet(), MAX_BODY);
    }

    @Provide
    Arbitrary<BadInput.Case> restoreTests() {
        return BadInput.bodies(Map.of("testedAt", "2026-11-30T10:00:00Z", "passed", true, "durationMinutes", 45,
                "jobId", "job-1", "notes", "restored to the sandbox"), Set.of("testedAt", "passed"), MAX_BODY);
    }

    @Provide
    Arbitrary<BadInput.Case> reports() {
        Map<String, Object> valid = BackupFixture.report("01JF3Q0Z8X9K2M4N6P8R0T2V4W", "job-1", "succeeded",
                java.time.Instant.parse("2026-12-01T00:00:00Z").minus(Duration.ofHours(1)));
        return BadInput.bodies(valid, Set.of("assetId", "jobId", "status", "startedAt", "finishedAt", "sizeBytes", "location",
                "encrypted", "checksum"), MAX_BODY);
    }

    /**
     * A batch. Without {@code reports} a body is read as a single report (the route takes either), so
     * "reports" is not a required field here: such a body is refused naming the report's fields.
     */
    @Provide
    Arbitrary<BadInput.Case> batches() {
        Map<String, Object> row = BackupFixture.report("01JF3Q0Z8X9K2M4N6P8R0T2V4W", "job-2", "failed",
                java.time.Instant.parse("2026-12-01T00:00:00Z").minus(Duration.ofHours(1)));
        // a fault inside a row is answered for that row (200, the row rejected; the single-report
        // property covers each report field); here only the batch's own faults must be a 4xx
        return BadInput.bodies(Map.of("reports", List.of(row)), Set.of(), MAX_BODY)
                .filter(c -> c.field() == null || !c.field().startsWith("reports["));
    }

    @Property(tries = 300)
    void unknownQueryParametersAreRefusedOnEveryRoute(@ForAll("unknownQueries") BadInput.QueryCase query) {
        assertRefused(query.expected(), fx.invoker.call(query.event(Claims.admin())));
    }

    @Provide
    Arbitrary<BadInput.QueryCase> unknownQueries() {
        return BadInput.unknownQueryParameters(BadInput.routeKeys(BackupFixture.FUNCTION));
    }
}
