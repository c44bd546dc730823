package io.itops.chat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.itops.shared.error.ApiException;
import io.itops.shared.error.FieldError;
import io.itops.shared.http.ApiRequest;
import io.itops.shared.http.HttpEvents;
import io.itops.testing.HttpEvent;
import io.itops.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The limits of the three verifiers at their boundaries: body size (exactly the limit, one over, refused before
 * any signature work), Slack's media type and field lengths, the events each one ignores, Feishu's shortest
 * ciphertext. Plain Java, no moto.
 */
class WebhookLimitsTest {
    private final MutableClock clock = MutableClock.at("2026-11-28T09:00:00Z");
    private final List<String> comparisons = new java.util.ArrayList<>();
    private final SignatureCheck recording = (expected, presented) -> {
        comparisons.add("compared");
        return SignatureCheck.CONSTANT_TIME.matches(expected, presented);
    };
    private final PlatformSecrets secrets = StaticSecrets.standard().platformSecrets(clock);
    private final SlackWebhook slack = new SlackWebhook(secrets, StaticSecrets.CONFIG, clock, recording);
    private final FeishuWebhook feishu = new FeishuWebhook(secrets, clock, recording);
    private final DingTalkWebhook dingtalk = new DingTalkWebhook(secrets, StaticSecrets.CONFIG, clock, recording);
    private final ChatRequests requests = ChatRequests.forUnitTests(clock);

    private static int length(HttpEvent event) {
        return HttpEvents.request(event.json(), Integer.MAX_VALUE).body().length;
    }

    private static ApiRequest within(HttpEvent event, int maxBodyBytes) {
        return HttpEvents.request(event.json(), maxBodyBytes);
    }

    private HttpEvent slackCommand(String body) {
        return ChatRequests.slack("POST /chat/slack/commands", body.getBytes(StandardCharsets.UTF_8),
                "application/x-www-form-urlencoded", clock.instant().getEpochSecond(), ChatFixture.SLACK_SIGNING_SECRET);
    }

    private String commandBody(String extra) {
        return "team_id=T0001&user_id=U0001&response_url=" + java.net.URLEncoder.encode("https://hooks.slack.test/commands/T0001/t1",
                StandardCharsets.UTF_8) + "&trigger_id=t1" + extra;
    }

    @Test
    void aBodyOfExactlyTheLimitIsReadAndOneByteMoreIsRefusedBeforeTheSignature() {
        HttpEvent command = requests.slackCommand("U0001", "help", "trig.9");
        assertInstanceOf(Inbound.Message.class, slack.command(within(command, length(command))));
        assertThrows(ApiException.TooLarge.class, () -> slack.command(within(command, length(command) - 1)));

        HttpEvent event = requests.slackDm("U0001", "help");
        assertInstanceOf(Inbound.Message.class, slack.event(within(event, length(event))));
        assertThrows(ApiException.TooLarge.class, () -> slack.event(within(event, length(event) - 1)));

        HttpEvent lark = requests.feishuDm("ou_emma", "help");
        assertInstanceOf(Inbound.Message.class, feishu.receive(within(lark, length(lark))));
        assertThrows(ApiException.TooLarge.class, () -> feishu.receive(within(lark, length(lark) - 1)));

        HttpEvent ding = requests.dingtalkDm("staff-001", "help");
        assertInstanceOf(Inbound.Message.class, dingtalk.receive(within(ding, length(ding))));
        int before = comparisons.size();
        assertThrows(ApiException.TooLarge.class, () -> dingtalk.receive(within(ding, length(ding) - 1)));
        assertEquals(before, comparisons.size(), "an oversize body is refused before any signature is computed");
    }

    @Test
    void aSlashCommandMustBeFormEncoded() {
        HttpEvent json = ChatRequests.slack("POST /chat/slack/commands", commandBody("").getBytes(StandardCharsets.UTF_8),
                "application/json", clock.instant().getEpochSecond(), ChatFixture.SLACK_SIGNING_SECRET);
        assertThrows(ApiException.UnsupportedMediaType.class, () -> slack.command(within(json, 262_144)));
    }

    @Test
    void slashCommandFieldsStopAtTheirMaximumLength_andOptionalOnesMayBeAbsent() {
        Inbound.Message bare = assertInstanceOf(Inbound.Message.class, slack.command(within(slackCommand(commandBody("")), 262_144)));
        assertNull(bare.sender().displayName(), "no user_name");
        assertEquals("", bare.text(), "no text");
        Inbound.Message blank = assertInstanceOf(Inbound.Message.class,
                slack.command(within(slackCommand(commandBody("&user_name=+&text=")), 262_144)));
        assertNull(blank.sender().displayName(), "a blank optional field is absent");

        String name200 = "n".repeat(200);
        Inbound.Message named = assertInstanceOf(Inbound.Message.class,
                slack.command(within(slackCommand(commandBody("&user_name=" + name200 + "&text=" + "t".repeat(4000))), 262_144)));
        assertEquals(name200, named.sender().displayName());
        assertEquals(4000, named.text().length());
        ApiException.Invalid tooLong = assertThrows(ApiException.Invalid.class,
                () -> slack.command(within(slackCommand(commandBody("&user_name=" + "n".repeat(201))), 262_144)));
        assertEquals(List.of(new FieldError("user_name", "must be at most 200 characters")), tooLong.errors());
        ApiException.Invalid missing = assertThrows(ApiException.Invalid.class,
                () -> slack.command(within(slackCommand("team_id=T0001&user_id=U0001&trigger_id=t1"), 262_144)));
        assertEquals(List.of(new FieldError("response_url", "is required")), missing.errors());
    }

    @Test
    void twoFieldsWithoutANameAreADuplicate() {
        ApiException.Invalid e = assertThrows(ApiException.Invalid.class,
                () -> slack.command(within(slackCommand(commandBody("&=a&=b")), 262_144)));
        assertEquals(List.of(new FieldError("", "duplicate field")), e.errors());
    }

    @Test
    void slackPayloadsAndEventsWeDoNotHandleAreIgnored() {
        HttpEvent other = requests.slackEvent("{\"type\":\"app_rate_limited\",\"team_id\":\"T0001\"}");
        assertEquals(new Inbound.Ignored("payload type app_rate_limited"), slack.event(within(other, 262_144)));
        HttpEvent reaction = requests.slackEvent("{\"type\":\"event_callback\",\"event_id\":\"Ev1\",\"team_id\":\"T0001\","
                + "\"event\":{\"type\":\"reaction_added\",\"user\":\"U0001\"}}");
        assertEquals(new Inbound.Ignored("event type reaction_added"), slack.event(within(reaction, 262_144)));
    }

    @Test
    void feishuEventsThatAreNotV2OrNotMessagesAreIgnored() {
        HttpEvent v1 = requests.feishuEncrypted("{\"uuid\":\"u\",\"token\":\"" + ChatFixture.FEISHU_VERIFICATION_TOKEN + "\",\"event\":{},\"type\":\"event_callback\"}");
        assertEquals(new Inbound.Ignored("not an event v2 payload"), feishu.receive(within(v1, 262_144)));
        String other = requests.feishuMessageBody("ev7", "ou_emma", "x", "p2p").replace("im.message.receive_v1", "im.chat.updated_v1");
        assertEquals(new Inbound.Ignored("event type im.chat.updated_v1"), feishu.receive(within(requests.feishuEncrypted(other), 262_144)));
        String byApp = requests.feishuMessageBody("ev8", "ou_emma", "x", "p2p").replace("\"sender_type\":\"user\"", "\"sender_type\":\"app\"");
        assertEquals(new Inbound.Ignored("not sent by a person"), feishu.receive(within(requests.feishuEncrypted(byApp), 262_144)));
    }

    @Test
    void aDingTalkSenderOutsideTheOrganisationIsIgnored() {
        String body = requests.dingtalkMessageBody("msg-77", "staff-001", "help", "1").replace("\"senderStaffId\":\"staff-001\",", "");
        HttpEvent event = ChatRequests.dingtalk(body.getBytes(StandardCharsets.UTF_8), clock.millis(), PlatformStandIns.DINGTALK_APP_SECRET);
        assertEquals(new Inbound.Ignored("sender outside the organisation"), dingtalk.receive(within(event, 262_144)));
    }

    @Test
    void theShortestFeishuCiphertext_anIvAndOneBlock_decrypts_andShorterOrUnalignedOnesAreRefused() {
        String oneBlock = ChatRequests.feishuEncrypt(ChatFixture.FEISHU_ENCRYPT_KEY, new byte[16], "hi");
        assertEquals(32, java.util.Base64.getDecoder().decode(oneBlock).length);
        assertArrayEquals("hi".getBytes(StandardCharsets.UTF_8), Crypto.feishuDecrypt(ChatFixture.FEISHU_ENCRYPT_KEY, oneBlock));
        String ivOnly = java.util.Base64.getEncoder().encodeToString(new byte[16]);
        assertEquals("not an AES-CBC payload", assertThrows(IllegalArgumentException.class,
                () -> Crypto.feishuDecrypt(ChatFixture.FEISHU_ENCRYPT_KEY, ivOnly)).getMessage());
        String unaligned = java.util.Base64.getEncoder().encodeToString(new byte[33]);
        assertEquals("not an AES-CBC payload", assertThrows(IllegalArgumentException.class,
                () -> Crypto.feishuDecrypt(ChatFixture.FEISHU_ENCRYPT_KEY, unaligned)).getMessage());
        assertEquals("not base64", assertThrows(IllegalArgumentException.class,
                () -> Crypto.feishuDecrypt(ChatFixture.FEISHU_ENCRYPT_KEY, "!!")).getMessage());
        assertEquals("does not decrypt with the Encrypt Key", assertThrows(IllegalArgumentException.class,
                () -> Crypto.feishuDecrypt("another-key", oneBlock)).getMessage());
    }
}
