package io.itops.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.itops.testing.Claims;
import io.itops.testing.HttpEvent;
import io.itops.testing.Invoker;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class BackupApiTest {
    private final BackupFixture fx = new BackupFixture();

    private Map<String, AttributeValue> coverage(String assetId) {
        return fx.system.items("BACKUP#" + assetId).stream().filter(i -> i.get("SK").s().equals("COVERAGE")).findFirst().orElseThrow();
    }

    @Test
    void assetEventsBuildTheCoverageProjection_andAnAssetWithBusinessDataJoinsTheAudit() {
        String id = fx.asset("SRV-0001", "server", true);

        Map<String, AttributeValue> item = coverage(id);
        assertEquals("SRV-0001", item.get("assetTag").s());
        assertEquals("1", item.get("assetVersion").n());
        assertEquals("BACKUPTAG#SRV-0001", item.get("GSI1PK").s());
        assertTrue(item.get("GSI2PK").s().startsWith("BACKUPAUDIT#"), "in the sparse audit index");

        String laptop = fx.asset("LT-0001", "laptop", false);
        assertFalse(coverage(laptop).containsKey("GSI2PK"), "no business data, no policy: not audited");
    }

    @Test
    void theSameAssetEventDeliveredThreeTimes_hasOneEffect_andAnOlderVersionChangesNothing() {
        String id = fx.asset("SRV-0002", "server", true);
        Map<String, Object> v2 = BackupFixture.snapshot(id, "SRV-0002", "server", "under-maintenance", true, "Ops", "wang.wu", 2);
        for (int i = 0; i < 3; i++) {
            fx.assetEvent("AssetStatusChanged", v2, "evt-status-2");
        }
        Map<String, AttributeValue> item = coverage(id);
        assertEquals("2", item.get("rev").n(), "created once, changed once");
        assertEquals("under-maintenance", item.get("assetStatus").s());
        assertEquals(1, fx.system.items("PROCESSED#backup-audit#AssetStatusChanged#evt-status-2").size());

        for (int i = 0; i < 3; i++) {
            fx.assetEvent("AssetUpdated", v2); // same version, new event ids: the version guard holds
        }
        fx.assetEvent("AssetUpdated", BackupFixture.snapshot(id, "SRV-0002", "server", "in-service", true, "Finance", "li.lei", 1));
        item = coverage(id);
        assertEquals("2", item.get("rev").n());
        assertEquals("Ops", item.get("department").s());

        fx.assetEvent("AssetStatusChanged", BackupFixture.snapshot(id, "SRV-0002", "server", "retired", true, "Ops", "wang.wu", 3));
        assertFalse(coverage(id).containsKey("GSI2PK"), "retired assets leave the audit");
    }

    @Test
    void staffSetAndReadAPolicy_itKeepsWhenItWasFirstSet_andEmployeesMayNot() {
        String id = fx.asset("SRV-0003", "server", false);

        Invoker.Response first = fx.putPolicy(id, BackupFixture.policy());
        assertEquals(200, first.status(), first.toString());
        assertEquals("SRV-0003", first.body().path("assetTag").asText());
        assertEquals("2026-12-01T00:00:00Z", first.body().path("since").asText());
        assertTrue(coverage(id).containsKey("GSI2PK"), "a policy brings the asset into the audit");

        fx.clock.advance(Duration.ofDays(3));
        Map<String, Object> changed = new LinkedHashMap<>(BackupFixture.policy());
        changed.put("rpoHours", 4);
        fx.putPolicy(id, changed);
        Invoker.Response read = fx.call(HttpEvent.of("GET /assets/{assetId}/backup-policy").path("assetId", id).as(Claims.admin()));
        assertEquals(200, read.status());
        assertEquals(4, read.body().path("rpoHours").asInt());
        assertEquals("2026-12-01T00:00:00Z", read.body().path("since").asText());
        assertEquals("2026-12-04T00:00:00Z", read.body().path("updatedAt").asText());

        int before = fx.system.items().size();
        assertEquals(403, fx.call(HttpEvent.of("PUT /assets/{assetId}/backup-policy").path("assetId", id)
                .as(Claims.employee()).body(BackupFixture.policy())).status());
        assertEquals(403, fx.call(HttpEvent.of("GET /assets/{assetId}/backup-policy").path("assetId", id).as(Claims.employee())).status());
        assertEquals(401, fx.call(HttpEvent.of("GET /assets/{assetId}/backup-policy").path("assetId", id)).status());
        assertEquals(before, fx.system.items().size());
    }

    @Test
    void policiesOfUnknownAssetsAre404_andAnAssetWithoutOneSaysSo() {
        Invoker.Response unknown = fx.putPolicy("01JF00000000000000000000ZZ", BackupFixture.policy());
        assertEquals(404, unknown.status());
        assertEquals("ASSET_NOT_FOUND", unknown.body().path("code").asText());

        String id = fx.asset("SRV-0004", "server", true);
        Invoker.Response none = fx.call(HttpEvent.of("GET /assets/{assetId}/backup-policy").path("assetId", id).as(Claims.staff()));
        assertEquals(404, none.status());
        assertEquals("BACKUP_POLICY_NOT_FOUND", none.body().path("code").asText());
    }

    @Test
    void invalidPoliciesNameEveryBadField_andWriteNothing() {
        String id = fx.asset("SRV-0005", "server", true);
        int before = fx.system.items().size();
        Map<String, Object> bad = new LinkedHashMap<>(BackupFixture.policy());
        bad.put("rpoHours", 0);
        bad.put("retentionDays", 99999);
        bad.remove("target");
        Invoker.Response response = fx.putPolicy(id, bad);
        assertEquals(400, response.status());
        assertEquals("[\"rpoHours\",\"retentionDays\",\"target\"]",
                response.body().path("errors").findValues("field").toString().replace(" ", ""));
        assertEquals(before, fx.system.items().size());

        Invoker.Response badPath = fx.call(HttpEvent.of("PUT /assets/{assetId}/backup-policy").path("assetId", "not-an-id")
                .as(Claims.staff()).body(BackupFixture.policy()));
        assertEquals(400, badPath.status());
        assertEquals("path.assetId", badPath.body().path("errors").get(0).path("field").asText());
    }

    @Test
    void jobHistoryIsNewestFirst_andPagesWithACursor() {
        String id = fx.asset("SRV-0006", "server", true);
        Instant base = fx.clock.instant().minus(Duration.ofDays(3));
        fx.reportJob(id, "job-1", "succeeded", base);
        fx.reportJob(id, "job-3", "failed", base.plus(Duration.ofDays(2)));
        fx.reportJob(id, "job-2", "succeeded", base.plus(Duration.ofDays(1)));

        Invoker.Response page1 = fx.call(HttpEvent.of("GET /assets/{assetId}/backups").path("assetId", id).as(Claims.staff())
                .query("limit", "2"));
        assertEquals(200, page1.status(), page1.toString());
        assertEquals("job-3", page1.body().path("items").get(0).path("jobId").asText());
        assertEquals("job-2", page1.body().path("items").get(1).path("jobId").asText());
        assertEquals(BackupFixture.AGENT, page1.body().path("items").get(0).path("agent").asText());
        Invoker.Response page2 = fx.call(HttpEvent.of("GET /assets/{assetId}/backups").path("assetId", id).as(Claims.staff())
                .query("limit", "2").query("cursor", page1.body().path("nextCursor").asText()));
        assertEquals("job-1", page2.body().path("items").get(0).path("jobId").asText());
        assertTrue(page2.body().path("nextCursor").isNull() || page2.body().path("nextCursor").isMissingNode());

        Map<String, AttributeValue> item = coverage(id);
        assertEquals("job-3", item.get("lastJob").m().get("jobId").s(), "the newest job, whatever order reports arrive in");
        assertEquals("job-2", item.get("lastSuccess").m().get("jobId").s());

        Invoker.Response badLimit = fx.call(HttpEvent.of("GET /assets/{assetId}/backups").path("assetId", id).as(Claims.staff())
                .query("limit", "0"));
        assertEquals(400, badLimit.status());
        assertEquals("query.limit", badLimit.body().path("errors").get(0).path("field").asText());
        Invoker.Response badCursor = fx.call(HttpEvent.of("GET /assets/{assetId}/backups").path("assetId", id).as(Claims.staff())
                .query("cursor", "forged.cursor"));
        assertEquals(400, badCursor.status());
        assertEquals("query.cursor", badCursor.body().path("errors").get(0).path("field").asText());
    }

    @Test
    void restoreTestsAreRecorded_andOnlyTheNewestBecomesTheLatest() {
        String id = fx.asset("SRV-0007", "server", true);
        Invoker.Response recorded = fx.call(HttpEvent.of("POST /assets/{assetId}/restore-tests").path("assetId", id)
                .as(Claims.staff()).body(Map.of("testedAt", "2026-11-30T10:00:00Z", "passed", true, "durationMinutes", 45,
                        "notes", "restored the ERP database to the sandbox")));
        assertEquals(201, recorded.status(), recorded.toString());
        assertEquals("sam.staff", recorded.body().path("recordedBy").asText());
        fx.restoreTest(id, Instant.parse("2026-11-01T10:00:00Z"), false, null);

        JsonNode latest = recorded.body();
        assertEquals(latest.path("testId").asText(), coverage(id).get("lastRestoreTest").m().get("testId").s());
        assertEquals(2, fx.system.items("BACKUP#" + id).stream().filter(i -> i.get("SK").s().startsWith("RESTORE#")).count());

        int before = fx.system.items().size();
        Invoker.Response future = fx.call(HttpEvent.of("POST /assets/{assetId}/restore-tests").path("assetId", id)
                .as(Claims.staff()).body(Map.of("testedAt", "2027-01-01T00:00:00Z", "passed", true)));
        assertEquals(400, future.status());
        assertEquals("[\"testedAt\",\"durationMinutes\"]", future.body().path("errors").findValues("field").toString().replace(" ", ""));
        assertEquals(403, fx.call(HttpEvent.of("POST /assets/{assetId}/restore-tests").path("assetId", id)
                .as(Claims.employee()).body(Map.of("testedAt", "2026-11-30T10:00:00Z", "passed", false))).status());
        assertEquals(before, fx.system.items().size());
    }

    @Test
    void restoreTestsHonourIdempotencyKeys() {
        String id = fx.asset("SRV-0008", "server", true);
        HttpEvent first = HttpEvent.of("POST /assets/{assetId}/restore-tests").path("assetId", id).as(Claims.staff())
                .header("Idempotency-Key", "restore-0000001").body(Map.of("testedAt", "2026-11-30T10:00:00Z", "passed", false));
        Invoker.Response created = fx.call(first);
        Invoker.Response replay = fx.call(HttpEvent.of("POST /assets/{assetId}/restore-tests").path("assetId", id).as(Claims.staff())
                .header("Idempotency-Key", "restore-0000001").body(Map.of("testedAt", "2026-11-30T10:00:00Z", "passed", false)));
        assertEquals(201, created.status());
        assertEquals(created.rawBody(), replay.rawBody());
        assertEquals(1, fx.system.items("BACKUP#" + id).stream().filter(i -> i.get("SK").s().startsWith("RESTORE#")).count());
    }

    @Test
    void theSampleEventsWork_registeredAssetThenPolicy() {
        fx.invoker.invokeRaw(io.itops.testing.HttpEvent.sample("backup-audit/asset-registered.json"));
        String id = "01JF3Q0Z8X9K2M4N6P8R0T2V4W";
        Invoker.Response put = fx.invoker.call(HttpEvent.sample("backup-audit/put-backup-policy.json"));
        fx.contract.assertValid("PUT /assets/{assetId}/backup-policy", put);
        assertEquals(200, put.status(), put.toString());
        assertEquals(id, put.body().path("assetId").asText());
        Invoker.Response bad = fx.invoker.call(HttpEvent.sample("backup-audit/put-backup-policy-invalid.json"));
        assertEquals(400, bad.status());
        Invoker.Response get = fx.invoker.call(HttpEvent.sample("backup-audit/get-backup-policy.json"));
        fx.contract.assertValid("GET /assets/{assetId}/backup-policy", get);
        assertEquals(200, get.status());
        assertEquals(12, get.body().path("rpoHours").asInt());
        Invoker.Response history = fx.invoker.call(HttpEvent.sample("backup-audit/list-backups.json"));
        assertEquals(200, history.status(), history.toString());
    }
}
