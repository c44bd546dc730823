package io.itops.chat;

import com.fasterxml.jackson.databind.JsonNode;
import io.itops.shared.json.Json;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Sending to DingTalk: answers through the conversation's sessionWebhook, direct messages through the
 * robot's batchSend API with the app access token (cached), and department channels through custom
 * robots signed with {@code timestamp} and {@code sign} query parameters.
 */
final class DingTalkApi {
    private static final int SENDING_TOO_FAST = 130101;

    private final PlatformHttp http;
    private final ChatConfig config;
    private final Clock clock;
    private final TokenCache tokens;

    DingTalkApi(PlatformHttp http, ChatConfig config, Clock clock) {
        this.http = http;
        this.config = config;
        this.clock = clock;
        this.tokens = new TokenCache(clock);
    }

    void session(String sessionWebhook, String text) {
        if (!ChatConfig.under(config.dingtalkOapi(), sessionWebhook)) {
            throw new DeliveryException(true, "sessionWebhook is not DingTalk's");
        }
        checked(http.postJson(URI.create(sessionWebhook), Map.of(), textMessage(text)).json(), "sessionWebhook");
    }

    void direct(PlatformSecrets.DingTalk secret, String staffId, String text) {
        String token = tokens.get(secret.appKey(), app -> accessToken(secret));
        http.postJson(URI.create(config.dingtalkApi() + "/v1.0/robot/oToMessages/batchSend"),
                Map.of("x-acs-dingtalk-access-token", token),
                Map.of("robotCode", secret.robotCode(), "userIds", List.of(staffId), "msgKey", "sampleText",
                        "msgParam", Json.write(Map.of("content", text))));
    }

    void robot(PlatformSecrets.Channel channel, String text) {
        String timestamp = Long.toString(clock.millis());
        String url = channel.webhook() + (channel.webhook().contains("?") ? "&" : "?") + "timestamp=" + timestamp
                + "&sign=" + URLEncoder.encode(DingTalkWebhook.sign(timestamp, channel.secret()), StandardCharsets.UTF_8);
        checked(http.postJson(URI.create(url), Map.of(), textMessage(text)).json(), "custom robot");
    }

    private TokenCache.Token accessToken(PlatformSecrets.DingTalk secret) {
        if (secret.appKey() == null) {
            throw new DeliveryException(true, "the DingTalk secret has no appKey");
        }
        JsonNode answer = http.postJson(URI.create(config.dingtalkApi() + "/v1.0/oauth2/accessToken"), Map.of(),
                Map.of("appKey", secret.appKey(), "appSecret", secret.appSecret())).json();
        if (!answer.path("accessToken").isTextual()) {
            throw new DeliveryException(false, "DingTalk access token missing");
        }
        return new TokenCache.Token(answer.path("accessToken").asText(), Duration.ofSeconds(answer.path("expireIn").asLong(7200)));
    }

    private static Map<String, Object> textMessage(String text) {
        return Map.of("msgtype", "text", "text", Map.of("content", text));
    }

    private static void checked(JsonNode answer, String what) {
        int code = answer.path("errcode").asInt(0);
        if (code != 0) {
            throw new DeliveryException(code != SENDING_TOO_FAST, "DingTalk " + what + ": errcode " + code);
        }
    }
}
