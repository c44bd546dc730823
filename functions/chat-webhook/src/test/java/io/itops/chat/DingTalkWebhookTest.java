package io.itops.chat;

import static io.itops.chat.FeishuWebhookTest.copy;
import static io.itops.chat.SlackWebhookTest.assertRefused;
import static io.itops.chat.SlackWebhookTest.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.itops.testing.HttpEvent;
import io.itops.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * DingTalk: the signature covers only the timestamp, so beside it the tight window, the robot check
 * and the session webhook host are what keep a forged body out.
 */
class DingTalkWebhookTest {
    private final MutableClock clock = MutableClock.at("2026-11-28T09:00:00Z");
    private final List<String> comparisons = new ArrayList<>();
    private final SignatureCheck recording = (expected, presented) -> {
        boolean matches = SignatureCheck.CONSTANT_TIME.matches(expected, presented);
        comparisons.add(matches ? "match" : "mismatch");
        return matches;
    };
    private final ChatRequests requests = ChatRequests.forUnitTests(clock);
    private final DingTalkWebhook dingtalk = new DingTalkWebhook(StaticSecrets.standard().platformSecrets(clock), StaticSecrets.CONFIG, clock, recording);

    @Test
    void aValidCallbackIsReadWithItsSenderAndSessionWebhook() {
        Inbound.Message message = assertInstanceOf(Inbound.Message.class,
                dingtalk.receive(request(requests.dingtalkDm("staff-001", "报修 LT-0001 无法开机"))));
        assertEquals(new Inbound.Sender(ChatPlatform.DINGTALK, ChatRequests.DINGTALK_CORP, "staff-001", "Li Lei"), message.sender());
        assertEquals("报修 LT-0001 无法开机", message.text().trim());
        assertTrue(message.direct());
        assertEquals(ReplyTarget.DINGTALK_SESSION, message.replyTo().kind());
        assertTrue(message.replyTo().url().startsWith("https://oapi.dingtalk.test/robot/sendBySession"));
        assertEquals(List.of("match"), comparisons);
    }

    @Test
    void aOneBitChangeInTheSignature_aStaleOrFutureTimestamp_missingHeaders_andAWrongSecret_areRefused() {
        HttpEvent valid = requests.dingtalkDm("staff-001", "help");
        String sign = valid.json().path("headers").path("sign").asText();
        byte[] bytes = sign.getBytes(StandardCharsets.US_ASCII);
        bytes[5] ^= 1;
        assertRefused(() -> dingtalk.receive(request(copy(valid).header("sign", new String(bytes, StandardCharsets.US_ASCII)))));
        assertEquals(List.of("mismatch"), comparisons, "refused by the constant-time comparison");

        byte[] body = valid.json().path("body").asText().getBytes(StandardCharsets.UTF_8);
        long now = clock.millis();
        assertRefused(() -> dingtalk.receive(request(ChatRequests.dingtalk(body, now - 60_001, PlatformStandIns.DINGTALK_APP_SECRET))));
        assertRefused(() -> dingtalk.receive(request(ChatRequests.dingtalk(body, now + 60_001, PlatformStandIns.DINGTALK_APP_SECRET))));
        assertInstanceOf(Inbound.Message.class,
                dingtalk.receive(request(ChatRequests.dingtalk(body, now - 60_000, PlatformStandIns.DINGTALK_APP_SECRET))), "60 s is inside");
        assertRefused(() -> dingtalk.receive(request(ChatRequests.dingtalk(body, now, "another-app-secret"))));
        assertRefused(() -> dingtalk.receive(request(copy(valid).header("sign", null))));
        assertRefused(() -> dingtalk.receive(request(copy(valid).header("timestamp", null))));
    }

    @Test
    void becauseTheBodyIsNotSigned_anotherRobot_orAReplyAddressOffDingTalk_isRefused() {
        String body = requests.dingtalkMessageBody("msg1", "staff-001", "help", "1");
        assertRefused(() -> dingtalk.receive(request(ChatRequests.dingtalk(body.replace(ChatFixture.DINGTALK_ROBOT_CODE, "otherrobot")
                .getBytes(StandardCharsets.UTF_8), clock.millis(), PlatformStandIns.DINGTALK_APP_SECRET))));
        assertRefused(() -> dingtalk.receive(request(ChatRequests.dingtalk(body.replace(ChatFixture.DINGTALK_BOT_USER, "$:LWCP_v1:$other")
                .getBytes(StandardCharsets.UTF_8), clock.millis(), PlatformStandIns.DINGTALK_APP_SECRET))));
        assertRefused(() -> dingtalk.receive(request(ChatRequests.dingtalk(body.replace("https://oapi.dingtalk.test", "https://attacker.test")
                .getBytes(StandardCharsets.UTF_8), clock.millis(), PlatformStandIns.DINGTALK_APP_SECRET))));
        assertRefused(() -> dingtalk.receive(request(ChatRequests.dingtalk(body.replace("https://oapi.dingtalk.test", "https://oapi.dingtalk.test@attacker.test")
                .getBytes(StandardCharsets.UTF_8), clock.millis(), PlatformStandIns.DINGTALK_APP_SECRET))));
    }

    @Test
    void theSignatureIsTheDocumentedOne() {
        // sign = Base64(HmacSHA256(key = app secret, timestamp + "\n" + app secret)), computed here by hand
        String expected = PlatformStandIns.base64(PlatformStandIns.hmac("secret".getBytes(StandardCharsets.UTF_8),
                "1795856400000\nsecret".getBytes(StandardCharsets.UTF_8)));
        assertEquals(expected, DingTalkWebhook.sign("1795856400000", "secret"));
    }
}
