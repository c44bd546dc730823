package io.itops.chat;

import io.itops.shared.json.Json;
import io.itops.testing.HttpEvent;
import io.itops.testing.MutableClock;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Webhook requests as the platforms send them, signed here with the test secrets by code written
 * from the platforms' documentation, independently of the function's verifiers.
 */
final class ChatRequests {
    static final String SLACK_TEAM = "T0001";
    static final String FEISHU_TENANT = "tenant-test";
    static final String DINGTALK_CORP = "dingcorptest";

    private final String slackHooks;
    private final String dingtalkOapi;
    private final MutableClock clock;
    private final AtomicInteger sequence = new AtomicInteger();

    /** Requests whose reply addresses lie under the given Slack hooks and DingTalk oapi bases. */
    ChatRequests(String slackHooks, String dingtalkOapi, MutableClock clock) {
        this.slackHooks = slackHooks;
        this.dingtalkOapi = dingtalkOapi;
        this.clock = clock;
    }

    /** Requests for the unit tests' configuration (StaticSecrets.CONFIG). */
    static ChatRequests forUnitTests(MutableClock clock) {
        return new ChatRequests("https://hooks.slack.test", "https://oapi.dingtalk.test", clock);
    }

    String nextId(String prefix) {
        return prefix + sequence.incrementAndGet() + UUID.randomUUID().toString().substring(0, 6);
    }

    // ------------------------------------------------------------------ Slack

    String slackCommandBody(String userId, String text, String triggerId) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("token", "legacy-verification-token");
        form.put("team_id", SLACK_TEAM);
        form.put("team_domain", "acme");
        form.put("channel_id", "D0001");
        form.put("channel_name", "directmessage");
        form.put("user_id", userId);
        form.put("user_name", userId.toLowerCase());
        form.put("command", "/itops");
        form.put("text", text);
        form.put("api_app_id", "A0001");
        form.put("response_url", slackHooks + "/commands/T0001/" + triggerId);
        form.put("trigger_id", triggerId);
        StringBuilder body = new StringBuilder();
        form.forEach((k, v) -> body.append(body.isEmpty() ? "" : "&").append(k).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return body.toString();
    }

    HttpEvent slackCommand(String userId, String text) {
        return slackCommand(userId, text, nextId("trigger."));
    }

    HttpEvent slackCommand(String userId, String text, String triggerId) {
        return slack("POST /chat/slack/commands", slackCommandBody(userId, text, triggerId).getBytes(StandardCharsets.UTF_8),
                "application/x-www-form-urlencoded", clock.instant().getEpochSecond(), ChatFixture.SLACK_SIGNING_SECRET);
    }

    String slackDmBody(String eventId, String userId, String text) {
        return "{\"token\":\"legacy\",\"team_id\":\"" + SLACK_TEAM + "\",\"api_app_id\":\"A0001\",\"event\":{\"type\":\"message\","
                + "\"channel_type\":\"im\",\"user\":\"" + userId + "\",\"text\":" + Json.write(text) + ",\"channel\":\"D0001\","
                + "\"ts\":\"1795856400.000100\",\"event_ts\":\"1795856400.000100\"},\"type\":\"event_callback\","
                + "\"event_id\":\"" + eventId + "\",\"event_time\":" + clock.instant().getEpochSecond() + "}";
    }

    String slackMentionBody(String eventId, String userId, String text) {
        return "{\"token\":\"legacy\",\"team_id\":\"" + SLACK_TEAM + "\",\"api_app_id\":\"A0001\",\"event\":{\"type\":\"app_mention\","
                + "\"user\":\"" + userId + "\",\"text\":" + Json.write("<@UBOT0001> " + text) + ",\"channel\":\"C0001\","
                + "\"ts\":\"1795856400.000200\",\"event_ts\":\"1795856400.000200\"},\"type\":\"event_callback\","
                + "\"event_id\":\"" + eventId + "\",\"event_time\":" + clock.instant().getEpochSecond() + "}";
    }

    HttpEvent slackDm(String userId, String text) {
        return slackEvent(slackDmBody(nextId("Ev"), userId, text));
    }

    HttpEvent slackEvent(String body) {
        return slack("POST /chat/slack/events", body.getBytes(StandardCharsets.UTF_8), "application/json",
                clock.instant().getEpochSecond(), ChatFixture.SLACK_SIGNING_SECRET);
    }

    static HttpEvent slack(String route, byte[] body, String contentType, long timestamp, String secret) {
        String base = "v0:" + timestamp + ":";
        byte[] signed = new byte[base.length() + body.length];
        System.arraycopy(base.getBytes(StandardCharsets.UTF_8), 0, signed, 0, base.length());
        System.arraycopy(body, 0, signed, base.length(), body.length);
        String signature = "v0=" + HexFormat.of().formatHex(PlatformStandIns.hmac(secret.getBytes(StandardCharsets.UTF_8), signed));
        return HttpEvent.of(route).header("content-type", contentType)
                .header("X-Slack-Request-Timestamp", Long.toString(timestamp))
                .header("X-Slack-Signature", signature)
                .body(body);
    }

    // ------------------------------------------------------------------ Feishu

    String feishuMessageBody(String eventId, String openId, String text, String chatType) {
        String content = Json.write(Map.of("text", text));
        return "{\"schema\":\"2.0\",\"header\":{\"event_id\":\"" + eventId + "\",\"token\":\"" + ChatFixture.FEISHU_VERIFICATION_TOKEN + "\","
                + "\"create_time\":\"" + clock.millis() + "\",\"event_type\":\"im.message.receive_v1\",\"tenant_key\":\"" + FEISHU_TENANT + "\","
                + "\"app_id\":\"" + PlatformStandIns.FEISHU_APP_ID + "\"},\"event\":{\"sender\":{\"sender_id\":{\"union_id\":\"on_u1\","
                + "\"user_id\":\"u1\",\"open_id\":\"" + openId + "\"},\"sender_type\":\"user\",\"tenant_key\":\"" + FEISHU_TENANT + "\"},"
                + "\"message\":{\"message_id\":\"om_" + eventId + "\",\"chat_id\":\"oc_chat1\",\"chat_type\":\"" + chatType + "\","
                + "\"message_type\":\"text\",\"content\":" + Json.write(content) + ",\"create_time\":\"" + clock.millis() + "\"}}}";
    }

    HttpEvent feishuDm(String openId, String text) {
        return feishuEncrypted(feishuMessageBody(nextId("ev"), openId, text, "p2p"));
    }

    /** Encrypts the event with the Encrypt Key and signs the outer body, as Feishu does. */
    HttpEvent feishuEncrypted(String event) {
        byte[] iv = new byte[16];
        new java.security.SecureRandom().nextBytes(iv);
        String outer = "{\"encrypt\":\"" + feishuEncrypt(ChatFixture.FEISHU_ENCRYPT_KEY, iv, event) + "\"}";
        return feishuSigned(outer.getBytes(StandardCharsets.UTF_8), clock.instant().getEpochSecond(), nextId("nonce"), ChatFixture.FEISHU_ENCRYPT_KEY);
    }

    static HttpEvent feishuSigned(byte[] body, long timestamp, String nonce, String encryptKey) {
        String signature = HexFormat.of().formatHex(sha256(concat((timestamp + nonce + encryptKey).getBytes(StandardCharsets.UTF_8), body)));
        return HttpEvent.of("POST /chat/feishu/events")
                .header("X-Lark-Request-Timestamp", Long.toString(timestamp))
                .header("X-Lark-Request-Nonce", nonce)
                .header("X-Lark-Signature", signature)
                .body(body);
    }

    static String feishuEncrypt(String encryptKey, byte[] iv, String plain) {
        try {
            Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(sha256(encryptKey.getBytes(StandardCharsets.UTF_8)), "AES"), new IvParameterSpec(iv));
            return PlatformStandIns.base64(concat(iv, cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8))));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------ DingTalk

    String dingtalkMessageBody(String msgId, String staffId, String text, String conversationType) {
        return "{\"conversationId\":\"cidTest\",\"atUsers\":[{\"dingtalkId\":\"" + ChatFixture.DINGTALK_BOT_USER + "\"}],"
                + "\"chatbotCorpId\":\"" + DINGTALK_CORP + "\",\"chatbotUserId\":\"" + ChatFixture.DINGTALK_BOT_USER + "\","
                + "\"msgId\":\"" + msgId + "\",\"senderNick\":\"Li Lei\",\"isAdmin\":false,\"senderStaffId\":\"" + staffId + "\","
                + "\"sessionWebhookExpiredTime\":" + (clock.millis() + 5_400_000) + ",\"createAt\":" + clock.millis() + ","
                + "\"senderCorpId\":\"" + DINGTALK_CORP + "\",\"conversationType\":\"" + conversationType + "\","
                + "\"senderId\":\"$:LWCP_v1:$sender\",\"sessionWebhook\":\"" + dingtalkOapi + "/robot/sendBySession?session=" + msgId + "\","
                + "\"text\":{\"content\":" + Json.write(" " + text) + "},\"robotCode\":\"" + ChatFixture.DINGTALK_ROBOT_CODE + "\","
                + "\"msgtype\":\"text\"}";
    }

    HttpEvent dingtalkDm(String staffId, String text) {
        return dingtalk(dingtalkMessageBody(nextId("msg"), staffId, text, "1").getBytes(StandardCharsets.UTF_8), clock.millis(),
                PlatformStandIns.DINGTALK_APP_SECRET);
    }

    static HttpEvent dingtalk(byte[] body, long millis, String appSecret) {
        String timestamp = Long.toString(millis);
        String sign = PlatformStandIns.base64(PlatformStandIns.hmac(appSecret.getBytes(StandardCharsets.UTF_8),
                (timestamp + "\n" + appSecret).getBytes(StandardCharsets.UTF_8)));
        return HttpEvent.of("POST /chat/dingtalk/events").header("timestamp", timestamp).header("sign", sign).body(body);
    }

    // ------------------------------------------------------------------ helpers

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
