package io.itops.chat;

import com.fasterxml.jackson.databind.JsonNode;
import io.itops.shared.error.ApiException;
import io.itops.shared.http.ApiRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Objects;

/**
 * DingTalk enterprise robot callbacks: headers {@code timestamp} (epoch ms) and
 * {@code sign = Base64(HMAC-SHA256(app secret, timestamp + "\n" + app secret))}. The signature does
 * not cover the body, so the rest is defence in depth: a tight window (60 s by default, DingTalk's
 * own is an hour), only our robot ({@code robotCode}, and {@code chatbotUserId} when configured),
 * replies only to DingTalk's own session webhook host, and each msgId acted on once.
 */
final class DingTalkWebhook {
    private final PlatformSecrets secrets;
    private final ChatConfig config;
    private final Clock clock;
    private final SignatureCheck check;

    DingTalkWebhook(PlatformSecrets secrets, ChatConfig config, Clock clock, SignatureCheck check) {
        this.secrets = secrets;
        this.config = config;
        this.clock = clock;
        this.check = check;
    }

    Inbound receive(ApiRequest request) {
        WebhookInput.requireSize(request);
        PlatformSecrets.DingTalk secret = secrets.dingtalk();
        String timestamp = request.header("timestamp");
        String sign = request.header("sign");
        if (timestamp == null || sign == null) {
            throw WebhookInput.rejected(ChatPlatform.DINGTALK, "missing signature headers");
        }
        long millis = WebhookInput.number(timestamp);
        if (millis == Long.MIN_VALUE || Math.abs(clock.millis() - millis) > config.dingtalkWindow().toMillis()) {
            throw WebhookInput.rejected(ChatPlatform.DINGTALK, "timestamp outside the replay window");
        }
        if (!check.matches(Crypto.utf8(sign(timestamp, secret.appSecret())), sign.getBytes(StandardCharsets.UTF_8))) {
            throw WebhookInput.rejected(ChatPlatform.DINGTALK, "signature mismatch");
        }
        JsonNode payload = WebhookInput.json(request);
        if (!secret.robotCode().equals(WebhookInput.text(payload, "robotCode", 128, false))) {
            throw WebhookInput.rejected(ChatPlatform.DINGTALK, "not our robot");
        }
        if (secret.chatbotUserId() != null && !secret.chatbotUserId().isEmpty()
                && !Objects.equals(secret.chatbotUserId(), WebhookInput.text(payload, "chatbotUserId", 128, false))) {
            throw WebhookInput.rejected(ChatPlatform.DINGTALK, "not our robot");
        }
        String sessionWebhook = WebhookInput.text(payload, "sessionWebhook", 1000, true);
        if (!ChatConfig.under(config.dingtalkOapi(), sessionWebhook)) {
            // the body is not signed: a reply address off DingTalk's host means the body was forged
            throw WebhookInput.rejected(ChatPlatform.DINGTALK, "session webhook is not DingTalk's");
        }
        String msgId = WebhookInput.eventId(WebhookInput.text(payload, "msgId", 128, true), "msgId");
        String staffId = WebhookInput.text(payload, "senderStaffId", 128, false);
        if (staffId == null) {
            return new Inbound.Ignored("sender outside the organisation");
        }
        String corpId = WebhookInput.text(payload, "senderCorpId", 128, false);
        String nick = WebhookInput.text(payload, "senderNick", 200, false);
        boolean direct = "1".equals(WebhookInput.text(payload, "conversationType", 8, true));
        String text = "text".equals(WebhookInput.text(payload, "msgtype", 32, true))
                ? WebhookInput.text(payload, "text.content", 4000, true) : "";
        return new Inbound.Message(msgId, new Inbound.Sender(ChatPlatform.DINGTALK, corpId, staffId, nick), text, direct,
                ReplyTarget.url(ReplyTarget.DINGTALK_SESSION, sessionWebhook));
    }

    /** The Base64 HMAC DingTalk sends in the {@code sign} header, and that its custom robots expect. */
    static String sign(String timestamp, String appSecret) {
        return Crypto.base64(Crypto.hmacSha256(Crypto.utf8(appSecret), Crypto.utf8(timestamp + "\n" + appSecret)));
    }
}
