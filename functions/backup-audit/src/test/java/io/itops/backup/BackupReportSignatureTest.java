package io.itops.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.itops.shared.aws.AwsClients;
import io.itops.shared.config.Env;
import io.itops.shared.json.Json;
import io.itops.shared.runtime.Platform;
import io.itops.testing.HttpEvent;
import io.itops.testing.Invoker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** POST /backup-reports accepts only what a known agent signed within the replay window; anything else writes nothing. */
class BackupReportSignatureTest {
    private final BackupFixture fx = new BackupFixture();
    private final String assetId = fx.asset("SRV-0100", "server", true);
    private final byte[] body = Json.bytes(BackupFixture.report(assetId, "job-sig-1", "succeeded", fx.clock.instant().minusSeconds(60)));

    private String now() {
        return Long.toString(fx.clock.instant().getEpochSecond());
    }

    private void assertRefused(HttpEvent event, int status) {
        int before = fx.system.items().size();
        Invoker.Response response = fx.call(event);
        assertEquals(status, response.status(), response.toString());
        assertEquals("application/problem+json", response.header("content-type"));
        assertEquals(before, fx.system.items().size(), "nothing written");
    }

    @Test
    void aValidSignatureIsAccepted() {
        Invoker.Response response = fx.call(BackupFixture.signed(body, BackupFixture.AGENT, BackupFixture.AGENT_SECRET, now()));
        assertEquals(200, response.status(), response.toString());
        assertEquals(1, response.body().path("accepted").asInt());
        assertEquals(1, fx.system.items("BACKUPJOB#" + BackupFixture.AGENT + "#job-sig-1").size());
    }

    @Test
    void aBodyWithOneBitChangedIsRefused() {
        HttpEvent signed = BackupFixture.signed(body, BackupFixture.AGENT, BackupFixture.AGENT_SECRET, now());
        byte[] tampered = body.clone();
        int at = new String(body, StandardCharsets.UTF_8).indexOf("job-sig-1") + 8;
        tampered[at] ^= 0x01; // "job-sig-1" becomes "job-sig-0"
        assertRefused(signed.body(tampered), 401);
    }

    @Test
    void aSignatureWithOneBitChangedIsRefused() {
        String signature = "v1=" + io.itops.shared.security.MachineSignatures.sign(
                BackupFixture.AGENT_SECRET.getBytes(StandardCharsets.UTF_8), now(), body);
        char last = signature.charAt(signature.length() - 1);
        char flipped = (char) (last ^ 0x01);
        String tampered = signature.substring(0, signature.length() - 1) + flipped;
        assertRefused(BackupFixture.signed(body, BackupFixture.AGENT, BackupFixture.AGENT_SECRET, now())
                .header("X-Itops-Signature", tampered), 401);
    }

    @ParameterizedTest
    @ValueSource(longs = {-301, 301})
    void aTimestamp301SecondsOldOrAheadIsRefused(long offset) {
        String timestamp = Long.toString(fx.clock.instant().getEpochSecond() + offset);
        assertRefused(BackupFixture.signed(body, BackupFixture.AGENT, BackupFixture.AGENT_SECRET, timestamp), 401);
    }

    @Test
    void aTimestamp300SecondsOldIsStillInsideTheWindow() {
        String timestamp = Long.toString(fx.clock.instant().getEpochSecond() - 300);
        assertEquals(200, fx.call(BackupFixture.signed(body, BackupFixture.AGENT, BackupFixture.AGENT_SECRET, timestamp)).status());
    }

    @Test
    void anUnknownAgentIsRefused_evenWithAWellFormedSignature() {
        assertRefused(BackupFixture.signed(body, "unknown-agent", BackupFixture.AGENT_SECRET, now()), 401);
        assertRefused(BackupFixture.signed(body, "../cursor-key", BackupFixture.AGENT_SECRET, now()), 401);
    }

    @Test
    void anotherAgentsSecretDoesNotSignForThisAgent() {
        assertRefused(BackupFixture.signed(body, BackupFixture.AGENT, "someone-elses-secret", now()), 401);
    }

    @ParameterizedTest
    @ValueSource(strings = {"X-Itops-Key-Id", "X-Itops-Timestamp", "X-Itops-Signature"})
    void aMissingHeaderIsRefused(String header) {
        assertRefused(BackupFixture.signed(body, BackupFixture.AGENT, BackupFixture.AGENT_SECRET, now()).header(header, null), 401);
    }

    @Test
    void whenSecretsAreUnavailable_reportsFailClosedWith503() {
        Map<String, String> env = new LinkedHashMap<>(fx.system.environment(BackupFixture.FUNCTION));
        env.put("AWS_ENDPOINT_URL", "http://127.0.0.1:9"); // nothing listens: Secrets Manager cannot be reached
        Env environment = new Env(env);
        Platform unreachable = new Platform(environment, new AwsClients(environment), fx.clock);
        Invoker invoker = new Invoker(fx.handler(unreachable));
        int before = fx.system.items().size();

        Invoker.Response response = invoker.call(BackupFixture.signed(body, BackupFixture.AGENT, BackupFixture.AGENT_SECRET, now()));

        assertEquals(503, response.status(), response.toString());
        assertEquals("SERVICE_UNAVAILABLE", response.body().path("code").asText());
        fx.contract.assertValid("POST /backup-reports", response);
        assertEquals(before, fx.system.items().size());
    }

    @Test
    void theSignedSampleEventsVerify_andATamperedSampleDoesNot() {
        fx.invoker.invokeRaw(HttpEvent.sample("backup-audit/asset-registered.json"));
        fx.clock.set(Instant.ofEpochSecond(1796149800L).plus(Duration.ofSeconds(20)));
        Invoker.Response single = fx.invoker.call(HttpEvent.sample("backup-audit/post-backup-report-signed.json"));
        fx.contract.assertValid("POST /backup-reports", single);
        assertEquals(200, single.status(), single.toString());
        assertEquals("accepted", single.body().path("results").get(0).path("result").asText());

        Invoker.Response batch = fx.invoker.call(HttpEvent.sample("backup-audit/post-backup-report-batch-signed.json"));
        fx.contract.assertValid("POST /backup-reports", batch);
        assertEquals(200, batch.status(), batch.toString());
        assertEquals("duplicate", batch.body().path("results").get(0).path("result").asText(), "the same job again");
        assertEquals("accepted", batch.body().path("results").get(1).path("result").asText());
        assertEquals("rejected", batch.body().path("results").get(2).path("result").asText());
        assertEquals("reports[2].assetTag", batch.body().path("results").get(2).path("errors").get(0).path("field").asText());

        assertRefused(HttpEvent.of("POST /backup-reports"), 401);
        int before = fx.system.items().size();
        assertEquals(401, fx.invoker.call(HttpEvent.sample("backup-audit/post-backup-report-bad-signature.json")).status());
        assertEquals(before, fx.system.items().size());
    }
}
