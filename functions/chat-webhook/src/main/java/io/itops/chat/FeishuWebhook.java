package io.itops.chat;

import com.fasterxml.jackson.databind.JsonNode;
import io.itops.shared.error.ApiException;
import io.itops.shared.http.ApiRequest;
import io.itops.shared.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Feishu/Lark event subscription v2. With an Encrypt Key (recommended) every event is signed,
 * {@code X-Lark-Signature = hex(SHA-256(timestamp + nonce + encrypt key + raw body))}, and its body is
 * {@code {"encrypt": AES-256-CBC payload}}; without one, the verification token inside the body is
 * the only proof. Either way our own 300 s window applies to {@code X-Lark-Request-Timestamp}, the
 * token is checked and events for another app are refused. The url_verification challenge is
 * answered at once; Feishu sends it unsigned, so it is accepted only when it decrypts with our key
 * (encrypted mode) and carries our token, and it changes nothing.
 */
final class FeishuWebhook {
    static final Duration WINDOW = Duration.ofSeconds(300);
    private static final Pattern MENTION = Pattern.compile("@_user_\\d+");

    private final PlatformSecrets secrets;
    private final Clock clock;
    private final SignatureCheck check;

    FeishuWebhook(PlatformSecrets secrets, Clock clock, SignatureCheck check) {
        this.secrets = secrets;
        this.clock = clock;
        this.check = check;
    }

    Inbound receive(ApiRequest request) {
        WebhookInput.requireSize(request);
        PlatformSecrets.Feishu secret = secrets.feishu();
        JsonNode payload = secret.encrypted() ? encrypted(request, secret) : plain(request, secret);
        String type = payload.path("type").asText("");
        if (type.equals("url_verification")) {
            return new Inbound.Challenge(Map.of("challenge", WebhookInput.text(payload, "challenge", 200, true)));
        }
        if (!"2.0".equals(payload.path("schema").asText())) {
            return new Inbound.Ignored("not an event v2 payload");
        }
        String appId = WebhookInput.text(payload, "header.app_id", 64, false);
        if (appId != null && secret.appId() != null && !appId.equals(secret.appId())) {
            throw WebhookInput.rejected(ChatPlatform.FEISHU, "event for another app");
        }
        String eventType = WebhookInput.text(payload, "header.event_type", 128, true);
        if (!eventType.equals("im.message.receive_v1")) {
            return new Inbound.Ignored("event type " + eventType);
        }
        if (!"user".equals(payload.path("event").path("sender").path("sender_type").asText())) {
            return new Inbound.Ignored("not sent by a person");
        }
        String eventId = WebhookInput.eventId(WebhookInput.text(payload, "header.event_id", 128, true), "header.event_id");
        String tenant = WebhookInput.text(payload, "header.tenant_key", 128, false);
        String openId = WebhookInput.text(payload, "event.sender.sender_id.open_id", 128, true);
        String messageId = WebhookInput.text(payload, "event.message.message_id", 128, true);
        boolean direct = "p2p".equals(WebhookInput.text(payload, "event.message.chat_type", 32, true));
        String messageType = WebhookInput.text(payload, "event.message.message_type", 32, true);
        String text = messageType.equals("text") ? messageText(WebhookInput.text(payload, "event.message.content", 8000, true)) : "";
        return new Inbound.Message(eventId, new Inbound.Sender(ChatPlatform.FEISHU, tenant, openId, null),
                MENTION.matcher(text).replaceAll(" "), direct, ReplyTarget.feishuReply(messageId));
    }

    private JsonNode encrypted(ApiRequest request, PlatformSecrets.Feishu secret) {
        String timestamp = request.header("x-lark-request-timestamp");
        String nonce = request.header("x-lark-request-nonce");
        String signature = request.header("x-lark-signature");
        if (timestamp == null && nonce == null && signature == null) {
            return unsignedChallenge(request, secret);
        }
        if (timestamp == null || nonce == null || signature == null) {
            throw WebhookInput.rejected(ChatPlatform.FEISHU, "missing signature headers");
        }
        requireFresh(timestamp);
        byte[] expected = Crypto.utf8(sign(timestamp, nonce, secret.encryptKey(), request.body()));
        if (!check.matches(expected, signature.getBytes(StandardCharsets.UTF_8))) {
            throw WebhookInput.rejected(ChatPlatform.FEISHU, "signature mismatch");
        }
        JsonNode payload = decrypt(WebhookInput.text(WebhookInput.json(request), "encrypt", 1_000_000, true), secret);
        String token = token(payload);
        if (secret.verificationToken() != null && !secret.verificationToken().isEmpty()
                && (token == null || !check.matches(Crypto.utf8(secret.verificationToken()), Crypto.utf8(token)))) {
            throw WebhookInput.rejected(ChatPlatform.FEISHU, "verification token mismatch");
        }
        return payload;
    }

    /** Feishu's endpoint check arrives without signature headers: it must decrypt and carry our token. */
    private JsonNode unsignedChallenge(ApiRequest request, PlatformSecrets.Feishu secret) {
        JsonNode payload;
        try {
            payload = decrypt(Json.tree(request.body()).path("encrypt").asText(""), secret);
        } catch (ApiException e) {
            throw WebhookInput.rejected(ChatPlatform.FEISHU, "missing signature headers");
        }
        if (!"url_verification".equals(payload.path("type").asText())) {
            throw WebhookInput.rejected(ChatPlatform.FEISHU, "missing signature headers");
        }
        requireToken(payload, secret);
        return payload;
    }

    private JsonNode plain(ApiRequest request, PlatformSecrets.Feishu secret) {
        String timestamp = request.header("x-lark-request-timestamp");
        if (timestamp == null) {
            throw WebhookInput.rejected(ChatPlatform.FEISHU, "missing timestamp header");
        }
        requireFresh(timestamp);
        JsonNode payload = WebhookInput.json(request);
        requireToken(payload, secret);
        return payload;
    }

    private void requireToken(JsonNode payload, PlatformSecrets.Feishu secret) {
        String token = token(payload);
        String expected = secret.verificationToken();
        if (expected == null || expected.isEmpty()) {
            return; // encrypted mode without a token: decrypting with our key is the proof
        }
        if (token == null || !check.matches(Crypto.utf8(expected), Crypto.utf8(token))) {
            throw WebhookInput.rejected(ChatPlatform.FEISHU, "verification token mismatch");
        }
    }

    private void requireFresh(String timestamp) {
        long seconds = WebhookInput.number(timestamp);
        if (seconds == Long.MIN_VALUE || Math.abs(clock.instant().getEpochSecond() - seconds) > WINDOW.toSeconds()) {
            throw WebhookInput.rejected(ChatPlatform.FEISHU, "timestamp outside the replay window");
        }
    }

    private static String token(JsonNode payload) {
        JsonNode token = payload.has("header") ? payload.path("header").path("token") : payload.path("token");
        return token.isTextual() ? token.asText() : null;
    }

    private static JsonNode decrypt(String encrypted, PlatformSecrets.Feishu secret) {
        byte[] plain;
        try {
            plain = Crypto.feishuDecrypt(secret.encryptKey(), encrypted);
        } catch (IllegalArgumentException e) {
            throw ApiException.Invalid.field("encrypt", e.getMessage());
        }
        JsonNode payload = Json.tree(plain);
        if (!payload.isObject()) {
            throw ApiException.Invalid.field("encrypt", "does not hold a JSON object");
        }
        return payload;
    }

    private static String messageText(String content) {
        JsonNode parsed = Json.tree(Crypto.utf8(content));
        JsonNode text = parsed.path("text");
        if (!text.isTextual()) {
            throw ApiException.Invalid.field("event.message.content", "must hold a text message");
        }
        return text.asText();
    }

    /** The hex SHA-256 Feishu sends in X-Lark-Signature. */
    static String sign(String timestamp, String nonce, String encryptKey, byte[] body) {
        return Crypto.hex(Crypto.sha256(Crypto.utf8(timestamp + nonce + encryptKey), body));
    }
}
