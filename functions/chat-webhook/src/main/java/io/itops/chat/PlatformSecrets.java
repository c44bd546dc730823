package io.itops.chat;

import io.itops.shared.error.ApiException;
import io.itops.shared.json.Json;
import io.itops.shared.observability.Log;
import io.itops.shared.security.SecretValues;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The three platform secrets, one JSON document each in Secrets Manager (shapes in docs/chat-setup.md).
 * A missing, unreachable or malformed secret is a 503: the webhooks fail closed and never fall back
 * to accepting unsigned input.
 */
final class PlatformSecrets {
    /** A department channel: an incoming webhook (Slack) or a custom bot with its signing secret (Feishu, DingTalk). */
    record Channel(String webhook, String secret, String language) {}

    record Slack(String signingSecret, String botToken, Map<String, Channel> channels) {}

    record Feishu(String appId, String appSecret, String verificationToken, String encryptKey, Map<String, Channel> channels) {
        boolean encrypted() {
            return encryptKey != null && !encryptKey.isEmpty();
        }
    }

    record DingTalk(String appKey, String appSecret, String robotCode, String chatbotUserId, Map<String, Channel> channels) {}

    private final SecretValues values;
    private final ChatConfig config;

    PlatformSecrets(SecretValues values, ChatConfig config) {
        this.values = values;
        this.config = config;
    }

    Slack slack() {
        Slack secret = read(ChatPlatform.SLACK, Slack.class);
        require(secret.signingSecret(), ChatPlatform.SLACK, "signingSecret");
        return secret;
    }

    Feishu feishu() {
        Feishu secret = read(ChatPlatform.FEISHU, Feishu.class);
        if (!secret.encrypted()) {
            require(secret.verificationToken(), ChatPlatform.FEISHU, "verificationToken (or encryptKey)");
        }
        return secret;
    }

    DingTalk dingtalk() {
        DingTalk secret = read(ChatPlatform.DINGTALK, DingTalk.class);
        require(secret.appSecret(), ChatPlatform.DINGTALK, "appSecret");
        require(secret.robotCode(), ChatPlatform.DINGTALK, "robotCode");
        return secret;
    }

    /** The department channels a platform has, or none when the platform is not set up at all. */
    Map<String, Channel> channels(ChatPlatform platform) {
        Optional<byte[]> raw = values.find(config.secretName(platform));
        if (raw.isEmpty()) {
            return Map.of();
        }
        Map<String, Channel> channels = switch (platform) {
            case SLACK -> parse(platform, raw.get(), Slack.class).channels();
            case FEISHU -> parse(platform, raw.get(), Feishu.class).channels();
            case DINGTALK -> parse(platform, raw.get(), DingTalk.class).channels();
        };
        return channels == null ? Map.of() : channels;
    }

    private <T> T read(ChatPlatform platform, Class<T> type) {
        return parse(platform, values.require(config.secretName(platform)), type);
    }

    private static <T> T parse(ChatPlatform platform, byte[] raw, Class<T> type) {
        try {
            return Json.read(raw, type);
        } catch (ApiException.Invalid malformed) {
            // only field names: a value in the message could be part of a secret
            Log.error("chat secret malformed", null, "platform", platform.toString(),
                    "fields", malformed.errors().stream().map(e -> e.field()).toList());
            throw unavailable();
        }
    }

    private static void require(String value, ChatPlatform platform, String field) {
        if (value == null || value.isBlank()) {
            Log.error("chat secret incomplete", null, "platform", platform.toString(), "missing", field);
            throw unavailable();
        }
    }

    private static ApiException.Unavailable unavailable() {
        return new ApiException.Unavailable("The chat platform is not configured", Duration.ofSeconds(30));
    }
}
