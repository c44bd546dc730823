package io.itops.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.itops.shared.json.Json;
import io.itops.testing.HttpEvent;
import io.itops.testing.Invoker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every sample in events/chat-webhook, as `sam local invoke -e` would pass it, against moto with the
 * test secrets the samples were signed with (events/chat-webhook/README.md) and the clock at their time.
 */
class ChatSampleEventsTest {
    private static final String DIR = "chat-webhook/";
    private final ChatFixture fx = new ChatFixture();

    @AfterEach
    void close() {
        fx.close();
    }

    @Test
    void everySampleIsCoveredHere() throws IOException {
        TreeSet<String> files = new TreeSet<>();
        try (Stream<Path> list = Files.list(io.itops.testing.TemplateModel.projectRoot().resolve("events/chat-webhook"))) {
            list.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).forEach(files::add);
        }
        assertEquals(new TreeSet<>(HTTP_SAMPLES.keySet().stream().map(n -> n + ".json").toList()).size() + 2, files.size(), files.toString());
        HTTP_SAMPLES.keySet().forEach(n -> assertTrue(files.contains(n + ".json"), n));
        assertTrue(files.contains("chat-reply.json") && files.contains("notification.json"));
    }

    /** Sample -> the status it must get. */
    private static final Map<String, Integer> HTTP_SAMPLES = Map.ofEntries(
            Map.entry("slack-command-my-assets", 200),
            Map.entry("slack-command-zh-base64", 200),
            Map.entry("slack-event-dm-help", 200),
            Map.entry("slack-event-mention-zh", 200),
            Map.entry("slack-url-verification", 200),
            Map.entry("bad-slack-event-signature-flipped", 401),
            Map.entry("bad-slack-event-stale", 401),
            Map.entry("bad-slack-event-retry-resigned-with-other-secret", 401),
            Map.entry("feishu-event-encrypted", 200),
            Map.entry("bad-feishu-event-reserialised", 401),
            Map.entry("feishu-url-verification-encrypted", 200),
            Map.entry("dingtalk-message", 200),
            Map.entry("bad-dingtalk-stale", 401),
            Map.entry("bad-dingtalk-other-robot", 401),
            Map.entry("confirm-chat-link", 201),
            Map.entry("list-my-chat-links", 200),
            Map.entry("list-chat-links-admin", 200),
            Map.entry("remove-my-chat-link", 404),
            Map.entry("remove-chat-link-admin", 404));

    @Test
    void theSamplesAreAnsweredAsTheirNamesSay_andTheBusSamplesAreDelivered() {
        fx.acceptRealReplyHosts();
        fx.clock.set(Instant.ofEpochSecond(ChatFixture.NOW));
        seedTheSampleLinkCode();

        for (String name : List.of("slack-command-my-assets", "slack-command-zh-base64", "slack-event-dm-help", "slack-event-mention-zh",
                "slack-url-verification", "bad-slack-event-signature-flipped", "bad-slack-event-stale",
                "bad-slack-event-retry-resigned-with-other-secret", "feishu-event-encrypted", "bad-feishu-event-reserialised",
                "feishu-url-verification-encrypted", "dingtalk-message", "bad-dingtalk-stale", "bad-dingtalk-other-robot",
                "confirm-chat-link", "list-my-chat-links", "list-chat-links-admin", "remove-my-chat-link", "remove-chat-link-admin")) {
            byte[] sample = HttpEvent.sample(DIR + name + ".json");
            Invoker.Response response = fx.call(Json.tree(sample).path("routeKey").asText(), sample);
            assertEquals(HTTP_SAMPLES.get(name), response.status(), name + ": " + response);
            if (name.endsWith("url-verification") || name.endsWith("url-verification-encrypted")) {
                assertTrue(response.body().path("challenge").asText().length() > 10, name);
            }
        }
        assertEquals("emma", Json.tree(HttpEvent.sample(DIR + "confirm-chat-link.json")).path("requestContext").path("authorizer")
                .path("jwt").path("claims").path("username").asText());
        assertEquals(7, fx.bus.replies().size(), "6 messages answered + the link confirmation: " + fx.bus.all());
        assertEquals("请先绑定公司账号：私聊我发送“绑定”，然后在 IT 门户中输入收到的验证码。",
                fx.bus.replies().get(1).path("detail").path("text").asText(), "the Chinese slash command, base64-encoded");

        fx.standIns.clear();
        JsonNode reply = Json.tree(HttpEvent.sample(DIR + "chat-reply.json"));
        assertEquals("ok", fx.deliver((ObjectNode) reply).path("status").asText());
        assertEquals(List.of("You hold LT-0001 (ThinkPad X1 Carbon), in service."), fx.standIns.texts(), "into the DM of the help sample");
        assertEquals("D0SAMPLE", fx.standIns.messages().getFirst().body().path("channel").asText());

        fx.standIns.clear();
        JsonNode notice = Json.tree(HttpEvent.sample(DIR + "notification.json"));
        assertEquals("ok", fx.deliver((ObjectNode) notice).path("status").asText());
        assertEquals(1, fx.standIns.messagesTo("/slack/api/chat.postMessage").size(), "emma linked through the confirm sample: a DM");
        assertEquals(1, fx.standIns.messagesTo("/slack/hooks/services/").size(), "li is not linked: the Finance channels");
        assertEquals(1, fx.standIns.messagesTo("/feishu/open-apis/bot/v2/hook/").size());
        assertEquals(1, fx.standIns.messagesTo("/dingtalk/oapi/robot/send").size());
    }

    /** The code confirm-chat-link.json carries, as if the Slack user of the samples had sent "link". */
    private void seedTheSampleLinkCode() {
        ChatStore store = new ChatStore(fx.platform.table(), fx.platform.cursors(), fx.clock);
        Inbound.Sender sender = new Inbound.Sender(ChatPlatform.SLACK, "T0001", "U0SAMPLE1", "emma");
        Inbound.Message message = new Inbound.Message("Ev0SAMPLE00", sender, "link", true,
                ReplyTarget.channel(ReplyTarget.SLACK_CHANNEL, "D0SAMPLE", null));
        store.claim(message, "01JDZZ0000000000000000CMD0",
                new LinkCode("7KQ2MX9D", sender, "en", "slack#Ev0SAMPLE00", "01JDZZ0000000000000000CMD0",
                        Instant.ofEpochSecond(ChatFixture.NOW).plusSeconds(600)));
    }
}
