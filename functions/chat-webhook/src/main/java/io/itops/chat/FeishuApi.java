package io.itops.chat;

import com.fasterxml.jackson.databind.JsonNode;
import io.itops.shared.json.Json;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * Sending to Feishu/Lark: replies and direct messages through the IM API with the app's tenant access
 * token (fetched from app id and secret, cached), and department channels through custom bots that
 * sign each message ({@code sign = Base64(HMAC-SHA256(key = timestamp + "\n" + secret, empty))}).
 */
final class FeishuApi {
    /** Token expired or invalid: fetch a new one and try once more. */
    private static final Set<Integer> TOKEN_ERRORS = Set.of(99991661, 99991663, 99991664, 99991665);
    private static final int RATE_LIMITED = 99991400;

    private final PlatformHttp http;
    private final ChatConfig config;
    private final Clock clock;
    private final TokenCache tokens;

    FeishuApi(PlatformHttp http, ChatConfig config, Clock clock) {
        this.http = http;
        this.config = config;
        this.clock = clock;
        this.tokens = new TokenCache(clock);
    }

    void reply(PlatformSecrets.Feishu secret, String messageId, String text) {
        String path = "/open-apis/im/v1/messages/" + URLEncoder.encode(messageId, StandardCharsets.UTF_8) + "/reply";
        call(secret, path, Map.of("msg_type", "text", "content", content(text)));
    }

    void direct(PlatformSecrets.Feishu secret, String openId, String text) {
        call(secret, "/open-apis/im/v1/messages?receive_id_type=open_id",
                Map.of("receive_id", openId, "msg_type", "text", "content", content(text)));
    }

    void bot(PlatformSecrets.Channel channel, String text) {
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        JsonNode answer = http.postJson(URI.create(channel.webhook()), Map.of(), Map.of(
                "timestamp", timestamp,
                "sign", botSign(timestamp, channel.secret()),
                "msg_type", "text",
                "content", Map.of("text", text))).json();
        int code = answer.has("code") ? answer.path("code").asInt() : answer.path("StatusCode").asInt(0);
        if (code != 0) {
            throw new DeliveryException(code != RATE_LIMITED, "Feishu custom bot: code " + code);
        }
    }

    /** Feishu's custom bot signature: the HMAC key is the string to sign, the message is empty. */
    static String botSign(String timestamp, String secret) {
        return Crypto.base64(Crypto.hmacSha256(Crypto.utf8(timestamp + "\n" + secret)));
    }

    private void call(PlatformSecrets.Feishu secret, String path, Map<String, Object> body) {
        for (int attempt = 1; ; attempt++) {
            String token = tokens.get(secret.appId(), app -> tenantToken(secret));
            JsonNode answer = http.postJson(URI.create(config.feishuApi() + path), Map.of("authorization", "Bearer " + token), body).json();
            int code = answer.path("code").asInt(-1);
            if (code == 0) {
                return;
            }
            if (TOKEN_ERRORS.contains(code) && attempt == 1) {
                tokens.invalidate(secret.appId());
                continue;
            }
            throw new DeliveryException(code != RATE_LIMITED, "Feishu " + path + ": code " + code);
        }
    }

    private TokenCache.Token tenantToken(PlatformSecrets.Feishu secret) {
        if (secret.appId() == null || secret.appSecret() == null) {
            throw new DeliveryException(true, "the Feishu secret has no appId/appSecret");
        }
        JsonNode answer = http.postJson(URI.create(config.feishuApi() + "/open-apis/auth/v3/tenant_access_token/internal"),
                Map.of(), Map.of("app_id", secret.appId(), "app_secret", secret.appSecret())).json();
        if (answer.path("code").asInt(-1) != 0 || !answer.path("tenant_access_token").isTextual()) {
            throw new DeliveryException(false, "Feishu tenant token: code " + answer.path("code").asInt(-1));
        }
        return new TokenCache.Token(answer.path("tenant_access_token").asText(), Duration.ofSeconds(answer.path("expire").asLong(7200)));
    }

    private static String content(String text) {
        return Json.write(Map.of("text", text));
    }
}
