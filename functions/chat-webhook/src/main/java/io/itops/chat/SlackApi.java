package io.itops.chat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/** Sending to Slack: a slash command's response_url, chat.postMessage with the bot token, incoming webhooks. */
final class SlackApi {
    private final PlatformHttp http;
    private final ChatConfig config;

    SlackApi(PlatformHttp http, ChatConfig config) {
        this.http = http;
        this.config = config;
    }

    void respond(String responseUrl, String text) {
        if (!ChatConfig.under(config.slackHooks(), responseUrl)) {
            throw new DeliveryException(true, "response_url is not Slack's");
        }
        http.postJson(URI.create(responseUrl), Map.of(),
                Map.of("response_type", "ephemeral", "replace_original", false, "text", escape(text)));
    }

    void post(PlatformSecrets.Slack secret, String channel, String threadTs, String text) {
        if (secret.botToken() == null || secret.botToken().isEmpty()) {
            throw new DeliveryException(true, "the Slack secret has no botToken");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("channel", channel);
        body.put("text", escape(text));
        if (threadTs != null) {
            body.put("thread_ts", threadTs);
        }
        JsonNode answer = http.postJson(URI.create(config.slackApi() + "/chat.postMessage"),
                Map.of("authorization", "Bearer " + secret.botToken()), body).json();
        if (!answer.path("ok").asBoolean(false)) {
            String error = answer.path("error").asText("unknown");
            throw new DeliveryException(!error.equals("ratelimited"), "chat.postMessage: " + error);
        }
    }

    void webhook(PlatformSecrets.Channel channel, String text) {
        http.postJson(URI.create(channel.webhook()), Map.of(), Map.of("text", escape(text)));
    }

    /** Slack reads &, < and > as markup; owners' texts are plain. */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
