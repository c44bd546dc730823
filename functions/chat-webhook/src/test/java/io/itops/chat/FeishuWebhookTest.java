package io.itops.chat;

import static io.itops.chat.SlackWebhookTest.assertRefused;
import static io.itops.chat.SlackWebhookTest.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.itops.shared.error.ApiException;
import io.itops.shared.json.Json;
import io.itops.testing.HttpEvent;
import io.itops.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Feishu/Lark: signature over the raw (encrypted) body, AES-256-CBC, token, our own window, the challenge. */
class FeishuWebhookTest {
    private final MutableClock clock = MutableClock.at("2026-11-28T09:00:00Z");
    private final List<String> comparisons = new ArrayList<>();
    private final SignatureCheck recording = (expected, presented) -> {
        boolean matches = SignatureCheck.CONSTANT_TIME.matches(expected, presented);
        comparisons.add(matches ? "match" : "mismatch");
        return matches;
    };
    private final ChatRequests requests = ChatRequests.forUnitTests(clock);
    private final FeishuWebhook encrypted = new FeishuWebhook(StaticSecrets.standard().platformSecrets(clock), clock, recording);
    private final FeishuWebhook plain = new FeishuWebhook(new StaticSecrets().put("feishu", Map.of("appId", "cli_test_app",
            "appSecret", "s", "verificationToken", ChatFixture.FEISHU_VERIFICATION_TOKEN)).platformSecrets(clock), clock, recording);

    @Test
    void anEncryptedSignedMessageIsDecryptedAndRead() {
        HttpEvent event = requests.feishuEncrypted(requests.feishuMessageBody("ev1", "ou_emma", "@_user_1 我的设备", "p2p"));

        Inbound.Message message = assertInstanceOf(Inbound.Message.class, encrypted.receive(request(event)));

        assertEquals("ev1", message.eventId());
        assertEquals(new Inbound.Sender(ChatPlatform.FEISHU, ChatRequests.FEISHU_TENANT, "ou_emma", null), message.sender());
        assertEquals("我的设备", message.text().trim(), "the mention placeholder is removed");
        assertTrue(message.direct());
        assertEquals(ReplyTarget.feishuReply("om_ev1"), message.replyTo());
        assertEquals(List.of("match", "match"), comparisons, "signature and token, both compared in constant time");
    }

    @Test
    void theUnsignedChallengeIsAnswered_onlyWhenItDecryptsWithOurKeyAndCarriesOurToken() {
        String challenge = "{\"challenge\":\"ajls384kdjx98XX\",\"token\":\"" + ChatFixture.FEISHU_VERIFICATION_TOKEN + "\",\"type\":\"url_verification\"}";
        String body = "{\"encrypt\":\"" + ChatRequests.feishuEncrypt(ChatFixture.FEISHU_ENCRYPT_KEY, new byte[16], challenge) + "\"}";
        Inbound answered = encrypted.receive(request(HttpEvent.of("POST /chat/feishu/events").body(body)));
        assertEquals(Map.of("challenge", "ajls384kdjx98XX"), assertInstanceOf(Inbound.Challenge.class, answered).body());

        String otherKey = "{\"encrypt\":\"" + ChatRequests.feishuEncrypt("another-key", new byte[16], challenge) + "\"}";
        assertRefused(() -> encrypted.receive(request(HttpEvent.of("POST /chat/feishu/events").body(otherKey))));
        String wrongToken = "{\"encrypt\":\"" + ChatRequests.feishuEncrypt(ChatFixture.FEISHU_ENCRYPT_KEY, new byte[16],
                challenge.replace(ChatFixture.FEISHU_VERIFICATION_TOKEN, "guess")) + "\"}";
        assertRefused(() -> encrypted.receive(request(HttpEvent.of("POST /chat/feishu/events").body(wrongToken))));
        String unsignedEvent = "{\"encrypt\":\"" + ChatRequests.feishuEncrypt(ChatFixture.FEISHU_ENCRYPT_KEY, new byte[16],
                requests.feishuMessageBody("ev2", "ou_emma", "help", "p2p")) + "\"}";
        assertRefused(() -> encrypted.receive(request(HttpEvent.of("POST /chat/feishu/events").body(unsignedEvent))));
    }

    @Test
    void aOneBitChangeInBodyOrSignature_staleOrFutureTime_missingHeaders_andAWrongKey_areRefused() {
        String event = requests.feishuMessageBody("ev3", "ou_emma", "help", "p2p");
        HttpEvent valid = requests.feishuEncrypted(event);
        byte[] body = valid.json().path("body").asText().getBytes(StandardCharsets.UTF_8);
        for (int bit : new int[] {3, 8 * 15 + 2, body.length * 4 + 5, body.length * 8 - 7}) {
            byte[] flipped = body.clone();
            flipped[bit / 8] ^= (byte) (1 << (bit % 8));
            assertRefused(() -> encrypted.receive(request(copy(valid).body(flipped))));
        }
        String signature = valid.json().path("headers").path("x-lark-signature").asText();
        assertRefused(() -> encrypted.receive(request(copy(valid).header("X-Lark-Signature", flipHex(signature)))));
        assertEquals(5, comparisons.stream().filter("mismatch"::equals).count(), "refused by the constant-time comparison");

        long now = clock.instant().getEpochSecond();
        assertRefused(() -> encrypted.receive(request(ChatRequests.feishuSigned(body, now - 301, "n1", ChatFixture.FEISHU_ENCRYPT_KEY))));
        assertRefused(() -> encrypted.receive(request(ChatRequests.feishuSigned(body, now + 301, "n1", ChatFixture.FEISHU_ENCRYPT_KEY))));
        assertInstanceOf(Inbound.Message.class,
                encrypted.receive(request(ChatRequests.feishuSigned(body, now + 300, "n1", ChatFixture.FEISHU_ENCRYPT_KEY))));
        assertRefused(() -> encrypted.receive(request(ChatRequests.feishuSigned(body, now, "n1", "another-key"))));
        for (String header : List.of("X-Lark-Signature", "X-Lark-Request-Timestamp", "X-Lark-Request-Nonce")) {
            assertRefused(() -> encrypted.receive(request(copy(valid).header(header, null))));
        }
    }

    @Test
    void reSerialisedJsonOfAValidRequest_isRefused() {
        HttpEvent valid = requests.feishuEncrypted(requests.feishuMessageBody("ev4", "ou_emma", "help", "p2p"));
        String raw = valid.json().path("body").asText();
        byte[] spaced = raw.replace("{\"encrypt\":", "{ \"encrypt\" : ").getBytes(StandardCharsets.UTF_8);
        assertEquals(Json.tree(raw.getBytes(StandardCharsets.UTF_8)), Json.tree(spaced), "the same JSON document");
        assertNotEquals(raw, new String(spaced, StandardCharsets.UTF_8));
        String timestamp = valid.json().path("headers").path("x-lark-request-timestamp").asText();
        String nonce = valid.json().path("headers").path("x-lark-request-nonce").asText();
        HttpEvent reserialised = ChatRequests.feishuSigned(raw.getBytes(StandardCharsets.UTF_8), Long.parseLong(timestamp), nonce,
                ChatFixture.FEISHU_ENCRYPT_KEY).body(spaced);
        assertRefused(() -> encrypted.receive(request(reserialised)));
    }

    @Test
    void withoutAnEncryptKey_theTokenAndOurWindowDecide() {
        String event = requests.feishuMessageBody("ev5", "ou_emma", "课程", "group");
        HttpEvent valid = HttpEvent.of("POST /chat/feishu/events")
                .header("X-Lark-Request-Timestamp", Long.toString(clock.instant().getEpochSecond())).body(event);
        Inbound.Message message = assertInstanceOf(Inbound.Message.class, plain.receive(request(valid)));
        assertEquals(false, message.direct(), "a group chat");

        assertRefused(() -> plain.receive(request(copy(valid).body(event.replace(ChatFixture.FEISHU_VERIFICATION_TOKEN, "guess")))));
        assertRefused(() -> plain.receive(request(copy(valid).header("X-Lark-Request-Timestamp", null))));
        assertRefused(() -> plain.receive(request(copy(valid).header("X-Lark-Request-Timestamp",
                Long.toString(clock.instant().getEpochSecond() - 301)))));
        String challenge = "{\"challenge\":\"c1\",\"token\":\"" + ChatFixture.FEISHU_VERIFICATION_TOKEN + "\",\"type\":\"url_verification\"}";
        assertEquals(Map.of("challenge", "c1"), assertInstanceOf(Inbound.Challenge.class, plain.receive(request(copy(valid).body(challenge)))).body());
    }

    @Test
    void eventsForAnotherApp_areRefused_andOtherEventTypesIgnored() {
        String otherApp = requests.feishuMessageBody("ev6", "ou_emma", "help", "p2p").replace("cli_test_app", "cli_other");
        assertRefused(() -> encrypted.receive(request(requests.feishuEncrypted(otherApp))));
        String read = requests.feishuMessageBody("ev7", "ou_emma", "help", "p2p").replace("im.message.receive_v1", "im.message.message_read_v1");
        assertInstanceOf(Inbound.Ignored.class, encrypted.receive(request(requests.feishuEncrypted(read))));
    }

    @Test
    void aSignedBodyThatDoesNotDecrypt_isInvalid() {
        byte[] body = "{\"encrypt\":\"bm90IGNpcGhlcnRleHQ=\"}".getBytes(StandardCharsets.UTF_8);
        HttpEvent event = ChatRequests.feishuSigned(body, clock.instant().getEpochSecond(), "n", ChatFixture.FEISHU_ENCRYPT_KEY);
        ApiException.Invalid invalid = assertThrows(ApiException.Invalid.class, () -> encrypted.receive(request(event)));
        assertEquals("encrypt", invalid.errors().getFirst().field());
    }

    static HttpEvent copy(HttpEvent event) {
        com.fasterxml.jackson.databind.JsonNode json = event.json();
        HttpEvent copy = HttpEvent.of(json.path("routeKey").asText());
        json.path("headers").properties().forEach(h -> copy.header(h.getKey(), h.getValue().asText()));
        return copy.body(json.path("body").asText());
    }

    static String flipHex(String hex) {
        char last = hex.charAt(hex.length() - 1);
        return hex.substring(0, hex.length() - 1) + (last == '0' ? '1' : '0');
    }
}
