package io.itops.chat;

import com.fasterxml.jackson.databind.JsonNode;
import io.itops.shared.error.ApiException;
import io.itops.shared.http.ApiRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Slack's two webhooks: the slash command {@code /itops ...} (form-encoded) and the Events API (DMs
 * and mentions). Both are signed: {@code X-Slack-Signature = v0=hex(HMAC-SHA256(signing secret,
 * "v0:" + X-Slack-Request-Timestamp + ":" + raw body))}, accepted within 300 s of our clock.
 */
final class SlackWebhook {
    static final Duration WINDOW = Duration.ofSeconds(300);
    private static final Pattern MENTION = Pattern.compile("<@[A-Z0-9]+(\\|[^>]*)?>");

    private final PlatformSecrets secrets;
    private final ChatConfig config;
    private final Clock clock;
    private final SignatureCheck check;

    SlackWebhook(PlatformSecrets secrets, ChatConfig config, Clock clock, SignatureCheck check) {
        this.secrets = secrets;
        this.config = config;
        this.clock = clock;
        this.check = check;
    }

    Inbound command(ApiRequest request) {
        verify(request);
        request.requireMediaType("application/x-www-form-urlencoded");
        Map<String, String> form = form(request.body());
        String responseUrl = field(form, "response_url", 500, true);
        if (!ChatConfig.under(config.slackHooks(), responseUrl)) {
            throw ApiException.Invalid.field("response_url", "is not a Slack response URL");
        }
        Inbound.Sender sender = new Inbound.Sender(ChatPlatform.SLACK, field(form, "team_id", 64, true),
                field(form, "user_id", 64, true), field(form, "user_name", 200, false));
        String text = field(form, "text", 4000, false);
        // Slack never retries a slash command; its trigger_id identifies this invocation.
        String eventId = WebhookInput.eventId(field(form, "trigger_id", 128, true), "trigger_id");
        return new Inbound.Message(eventId, sender, text == null ? "" : unescape(text), true,
                ReplyTarget.url(ReplyTarget.SLACK_RESPONSE_URL, responseUrl));
    }

    Inbound event(ApiRequest request) {
        verify(request);
        JsonNode payload = WebhookInput.json(request);
        String type = WebhookInput.text(payload, "type", 64, true);
        if (type.equals("url_verification")) {
            return new Inbound.Challenge(Map.of("challenge", WebhookInput.text(payload, "challenge", 200, true)));
        }
        if (!type.equals("event_callback")) {
            return new Inbound.Ignored("payload type " + type);
        }
        String eventId = WebhookInput.eventId(WebhookInput.text(payload, "event_id", 128, true), "event_id");
        String teamId = WebhookInput.text(payload, "team_id", 64, true);
        String eventType = WebhookInput.text(payload, "event.type", 64, true);
        JsonNode event = payload.path("event");
        if (event.has("bot_id") || event.has("subtype")) {
            return new Inbound.Ignored("bot message or message change");
        }
        boolean direct;
        if (eventType.equals("message")) {
            if (!"im".equals(WebhookInput.text(payload, "event.channel_type", 32, false))) {
                return new Inbound.Ignored("channel message without a mention");
            }
            direct = true;
        } else if (eventType.equals("app_mention")) {
            direct = false;
        } else {
            return new Inbound.Ignored("event type " + eventType);
        }
        String user = WebhookInput.text(payload, "event.user", 64, true);
        String channel = WebhookInput.text(payload, "event.channel", 64, true);
        String text = WebhookInput.text(payload, "event.text", 4000, false);
        String threadTs = direct ? null : firstNonNull(WebhookInput.text(payload, "event.thread_ts", 64, false),
                WebhookInput.text(payload, "event.ts", 64, false));
        return new Inbound.Message(eventId, new Inbound.Sender(ChatPlatform.SLACK, teamId, user, null),
                text == null ? "" : unescape(MENTION.matcher(text).replaceAll(" ")), direct,
                ReplyTarget.channel(ReplyTarget.SLACK_CHANNEL, channel, threadTs));
    }

    private void verify(ApiRequest request) {
        WebhookInput.requireSize(request);
        PlatformSecrets.Slack secret = secrets.slack();
        String timestamp = request.header("x-slack-request-timestamp");
        String signature = request.header("x-slack-signature");
        if (timestamp == null || signature == null) {
            throw WebhookInput.rejected(ChatPlatform.SLACK, "missing signature headers");
        }
        long seconds = WebhookInput.number(timestamp);
        if (seconds == Long.MIN_VALUE || Math.abs(clock.instant().getEpochSecond() - seconds) > WINDOW.toSeconds()) {
            throw WebhookInput.rejected(ChatPlatform.SLACK, "timestamp outside the replay window");
        }
        byte[] expected = Crypto.utf8("v0=" + sign(secret.signingSecret(), timestamp, request.body()));
        if (!check.matches(expected, signature.getBytes(StandardCharsets.UTF_8))) {
            throw WebhookInput.rejected(ChatPlatform.SLACK, "signature mismatch");
        }
    }

    /** The hex HMAC Slack sends after {@code v0=}. */
    static String sign(String signingSecret, String timestamp, byte[] body) {
        return Crypto.hex(Crypto.hmacSha256(Crypto.utf8(signingSecret), Crypto.utf8("v0:" + timestamp + ":"), body));
    }

    private static Map<String, String> form(byte[] body) {
        Map<String, String> fields = new LinkedHashMap<>();
        String text = new String(body, StandardCharsets.UTF_8);
        if (text.isEmpty()) {
            throw ApiException.Invalid.field("body", "a request body is required");
        }
        for (String pair : text.split("&")) {
            int equals = pair.indexOf('=');
            String name;
            String value;
            try {
                name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
                value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw ApiException.Invalid.field("body", "is not valid form encoding");
            }
            if (fields.put(name, value) != null) {
                throw ApiException.Invalid.field(name, "duplicate field");
            }
        }
        return fields;
    }

    private static String field(Map<String, String> form, String name, int maxLength, boolean required) {
        String value = form.get(name);
        if (value == null || value.isBlank()) {
            if (required) {
                throw ApiException.Invalid.field(name, "is required");
            }
            return null;
        }
        if (value.length() > maxLength) {
            throw ApiException.Invalid.field(name, "must be at most " + maxLength + " characters");
        }
        return value;
    }

    /** Slack escapes these three in message text. */
    private static String unescape(String text) {
        return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }

    private static String firstNonNull(String a, String b) {
        return a != null ? a : b;
    }
}
