package io.itops.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.itops.shared.chat.ChatCommand;
import io.itops.testing.Claims;
import io.itops.testing.HttpEvent;
import io.itops.testing.Invoker;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The three webhooks end to end on moto: accepted, refused without effect, deduplicated, failing closed. */
class ChatWebhookApiTest {
    private final ChatFixture fx = new ChatFixture();

    @AfterEach
    void close() {
        fx.close();
    }

    @Test
    void eachPlatform_acceptsAValidMessage_andHandsTheCommandToTheBusWithTheLinkedUser() {
        fx.link(fx.requests.slackDm("U0001", "link"), Claims.employee("emma"));
        fx.link(fx.requests.feishuDm("ou_li", "绑定"), Claims.staff());
        fx.link(fx.requests.dingtalkDm("staff-9", "link"), Claims.admin());
        fx.bus.clear();

        assertEquals(200, fx.call(fx.requests.slackCommand("U0001", "my assets")).status());
        assertEquals(200, fx.call(fx.requests.feishuDm("ou_li", "扫描 SRV-0042")).status());
        assertEquals(200, fx.call(fx.requests.dingtalkDm("staff-9", "findings")).status());

        List<ChatCommand> commands = fx.bus.commands();
        assertEquals(3, commands.size(), fx.bus.all().toString());
        assertEquals("my-assets", commands.get(0).command());
        assertEquals(new ChatCommand.ChatUser("slack", "U0001", "u0001", "emma", "employee", "Finance"), commands.get(0).user());
        assertEquals("scan", commands.get(1).command());
        assertEquals(List.of("SRV-0042"), commands.get(1).args());
        assertEquals("zh", commands.get(1).language());
        assertEquals("sam.staff", commands.get(1).caller().userId());
        assertEquals("findings", commands.get(2).command());
        assertEquals("admin", commands.get(2).user().role());
        assertEquals("dingtalk", commands.get(2).conversation().path("platform").asText());
        assertFalse(commands.get(0).conversation().toString().contains("http"), "reply addresses stay in the table, off the bus");
        assertTrue(fx.bus.all().stream().allMatch(e -> e.path("source").asText().equals("itops.chat")));
    }

    @Test
    void tamperedStaleFutureUnsignedOrWronglyKeyedRequests_are401_andChangeNothing() {
        long now = fx.clock.instant().getEpochSecond();
        byte[] slackBody = fx.requests.slackDmBody("EvT1", "U0001", "my assets").getBytes(StandardCharsets.UTF_8);
        byte[] flipped = slackBody.clone();
        flipped[40] ^= 1;
        HttpEvent feishu = fx.requests.feishuDm("ou_li", "help");
        byte[] feishuBody = feishu.json().path("body").asText().getBytes(StandardCharsets.UTF_8);
        byte[] dingtalkBody = fx.requests.dingtalkMessageBody("msgT1", "staff-9", "help", "1").getBytes(StandardCharsets.UTF_8);
        List<Supplier<HttpEvent>> attacks = List.of(
                () -> ChatRequests.slack("POST /chat/slack/events", slackBody, "application/json", now, ChatFixture.SLACK_SIGNING_SECRET).body(flipped),
                () -> ChatRequests.slack("POST /chat/slack/events", slackBody, "application/json", now - 301, ChatFixture.SLACK_SIGNING_SECRET),
                () -> ChatRequests.slack("POST /chat/slack/events", slackBody, "application/json", now + 301, ChatFixture.SLACK_SIGNING_SECRET),
                () -> ChatRequests.slack("POST /chat/slack/events", slackBody, "application/json", now, "wrong-secret"),
                () -> ChatRequests.slack("POST /chat/slack/events", slackBody, "application/json", now, ChatFixture.SLACK_SIGNING_SECRET)
                        .header("X-Slack-Signature", null),
                () -> ChatRequests.slack("POST /chat/slack/commands", fx.requests.slackCommandBody("U0001", "help", "t.x")
                        .getBytes(StandardCharsets.UTF_8), "application/x-www-form-urlencoded", now, "wrong-secret"),
                () -> FeishuWebhookTest.copy(feishu).header("X-Lark-Signature", FeishuWebhookTest.flipHex(
                        feishu.json().path("headers").path("x-lark-signature").asText())),
                () -> ChatRequests.feishuSigned(feishuBody, now - 301, "n", ChatFixture.FEISHU_ENCRYPT_KEY),
                () -> ChatRequests.feishuSigned(feishuBody, now + 301, "n", ChatFixture.FEISHU_ENCRYPT_KEY),
                () -> ChatRequests.feishuSigned(feishuBody, now, "n", "wrong-key"),
                () -> FeishuWebhookTest.copy(feishu).header("X-Lark-Request-Nonce", null),
                () -> ChatRequests.dingtalk(dingtalkBody, fx.clock.millis() - 60_001, PlatformStandIns.DINGTALK_APP_SECRET),
                () -> ChatRequests.dingtalk(dingtalkBody, fx.clock.millis() + 60_001, PlatformStandIns.DINGTALK_APP_SECRET),
                () -> ChatRequests.dingtalk(dingtalkBody, fx.clock.millis(), "wrong-secret"),
                () -> ChatRequests.dingtalk(dingtalkBody, fx.clock.millis(), PlatformStandIns.DINGTALK_APP_SECRET).header("sign", null),
                () -> ChatRequests.dingtalk(new String(dingtalkBody, StandardCharsets.UTF_8).replace("dingtestrobot", "evilrobot")
                        .getBytes(StandardCharsets.UTF_8), fx.clock.millis(), PlatformStandIns.DINGTALK_APP_SECRET));
        int items = fx.itemCount();
        for (Supplier<HttpEvent> attack : attacks) {
            Invoker.Response response = fx.call(attack.get());
            assertEquals(401, response.status(), response.toString());
            assertEquals("UNAUTHENTICATED", response.body().path("code").asText());
        }
        assertEquals(items, fx.itemCount(), "nothing written");
        assertEquals(List.of(), fx.bus.all(), "nothing published");
    }

    @Test
    void theSameEventDeliveredThreeTimes_givesOneCommand_andOneReply_onEachPlatform() {
        fx.link(fx.requests.slackDm("U0001", "link"), Claims.employee("emma"));
        fx.link(fx.requests.feishuDm("ou_li", "link"), Claims.employee("li"));
        fx.link(fx.requests.dingtalkDm("staff-9", "link"), Claims.employee("wang"));
        fx.deliverPending();
        fx.bus.clear();
        fx.standIns.clear();

        HttpEvent slack = fx.requests.slackEvent(fx.requests.slackDmBody("EvRetry", "U0001", "courses"));
        HttpEvent feishu = fx.requests.feishuDm("ou_li", "课程");
        HttpEvent dingtalk = fx.requests.dingtalkDm("staff-9", "courses");
        for (int delivery = 0; delivery < 3; delivery++) {
            // Slack marks its retries; the event id stays the same
            HttpEvent slackDelivery = delivery == 0 ? slack : FeishuWebhookTest.copy(slack).header("X-Slack-Retry-Num", Integer.toString(delivery));
            assertEquals(200, fx.call(slackDelivery).status());
            assertEquals(200, fx.call(feishu).status());
            assertEquals(200, fx.call(dingtalk).status());
        }
        assertEquals(3, fx.bus.commands().size(), "one command per platform");
        assertEquals(3, fx.ownersAnswer(ChatFixture.Owners::echo));
        fx.deliverPending();
        assertEquals(1, fx.standIns.messagesTo("/slack/api/chat.postMessage").size());
        assertEquals(1, fx.standIns.messagesTo("/feishu/open-apis/im/v1/messages/").size());
        assertEquals(1, fx.standIns.messagesTo("/dingtalk/oapi/robot/sendBySession").size());
    }

    @Test
    void concurrentDeliveriesOfOneEvent_publishOneCommand() throws Exception {
        fx.link(fx.requests.dingtalkDm("staff-9", "link"), Claims.employee("wang"));
        fx.bus.clear();
        HttpEvent event = fx.requests.dingtalkDm("staff-9", "my training");
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                calls.add(() -> fx.invoker.call(FeishuWebhookTest.copy(event)).status());
            }
            for (Future<Integer> status : pool.invokeAll(calls)) {
                assertEquals(200, status.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, fx.bus.commands().size());
    }

    @Test
    void urlVerificationChallenges_areAnsweredAtOnce_andChangeNothing() {
        int items = fx.itemCount();
        Invoker.Response slack = fx.call(fx.requests.slackEvent("{\"token\":\"x\",\"challenge\":\"slack-challenge-1\",\"type\":\"url_verification\"}"));
        assertEquals(200, slack.status());
        assertEquals("slack-challenge-1", slack.body().path("challenge").asText());

        String challenge = "{\"challenge\":\"feishu-challenge-1\",\"token\":\"" + ChatFixture.FEISHU_VERIFICATION_TOKEN + "\",\"type\":\"url_verification\"}";
        String encrypted = "{\"encrypt\":\"" + ChatRequests.feishuEncrypt(ChatFixture.FEISHU_ENCRYPT_KEY, new byte[16], challenge) + "\"}";
        Invoker.Response feishu = fx.call(HttpEvent.of("POST /chat/feishu/events").body(encrypted));
        assertEquals(200, feishu.status(), feishu.toString());
        assertEquals("feishu-challenge-1", feishu.body().path("challenge").asText());
        assertEquals(items, fx.itemCount());
        assertEquals(List.of(), fx.bus.all());
    }

    @Test
    void anUnlinkedUser_isToldHowToLink_andNoCommandIsPublished() {
        int links = fx.system.items("CHATLINK#").size() + fx.system.items("CHATID#").size();
        fx.call(fx.requests.slackCommand("U0404", "my assets"));
        fx.call(fx.requests.feishuDm("ou_nobody", "我的设备"));
        fx.call(fx.requests.dingtalkDm("staff-404", "report fault LT-1 broken"));

        assertEquals(List.of(), fx.bus.commands());
        List<JsonNode> replies = fx.bus.replies().stream().map(r -> r.path("detail")).map(JsonNode.class::cast).toList();
        assertEquals(3, replies.size());
        assertTrue(replies.get(0).path("text").asText().startsWith("Please link your company account first"));
        assertTrue(replies.get(1).path("text").asText().startsWith("请先绑定公司账号"), "answered in Chinese");
        assertEquals("zh", replies.get(1).path("language").asText());
        assertEquals(links, fx.system.items("CHATLINK#").size() + fx.system.items("CHATID#").size(), "no link or identity appears");
        fx.deliverPending();
        assertEquals(3, fx.standIns.messages().size(), "each is answered in its conversation");
    }

    @Test
    void anEmployeeAskingForAStaffCommand_isTold_andNothingIsPublished() {
        fx.link(fx.requests.slackDm("U0001", "link"), Claims.employee("emma"));
        fx.bus.clear();
        for (String text : List.of("backup status", "scan LT-0001", "findings", "备份状态", "扫描 LT-0001", "漏洞")) {
            assertEquals(200, fx.call(fx.requests.slackDm("U0001", text)).status());
        }
        assertEquals(List.of(), fx.bus.commands());
        List<String> answers = fx.bus.replies().stream().map(r -> r.path("detail").path("text").asText()).toList();
        assertEquals(List.of("That command is for IT staff only.", "That command is for IT staff only.", "That command is for IT staff only.",
                "这个命令仅限 IT 人员使用。", "这个命令仅限 IT 人员使用。", "这个命令仅限 IT 人员使用。"), answers);
    }

    @Test
    void unknownText_getsHelp_neverSilence() {
        fx.call(fx.requests.slackDm("U0001", "what's up"));
        fx.call(fx.requests.feishuDm("ou_li", "你好"));
        List<String> answers = fx.bus.replies().stream().map(r -> r.path("detail").path("text").asText()).toList();
        assertTrue(answers.get(0).startsWith("Sorry, I did not understand that.") && answers.get(0).contains("my assets - "));
        assertTrue(answers.get(1).startsWith("没有看懂这条消息。") && answers.get(1).contains("我的设备 — "));
        fx.deliverPending();
        assertEquals(2, fx.standIns.messages().size());
    }

    @Test
    void whenSecretsCannotBeRead_everyWebhookFailsClosedWith503_andNothingHappens() {
        fx.secretNames.replaceAll((name, value) -> value + "-absent");
        fx.rebuild();
        int items = fx.itemCount();
        for (HttpEvent event : List.of(fx.requests.slackDm("U0001", "help"), fx.requests.slackCommand("U0001", "help"),
                fx.requests.feishuDm("ou_li", "help"), fx.requests.dingtalkDm("staff-9", "help"))) {
            Invoker.Response response = fx.call(event);
            assertEquals(503, response.status(), response.toString());
            assertEquals("30", response.header("retry-after"));
        }
        assertEquals(items, fx.itemCount());
        assertEquals(List.of(), fx.bus.all());
    }

    @Test
    void whenSecretsManagerIsUnreachable_theWebhookAnswers503() {
        java.util.Map<String, String> env = new java.util.HashMap<>(fx.system.environment(ChatFixture.FUNCTION));
        env.putAll(fx.secretNames);
        env.putAll(fx.standIns.environment());
        env.put("AWS_ENDPOINT_URL", "http://127.0.0.1:9"); // nothing listens on the discard port
        io.itops.shared.config.Env environment = new io.itops.shared.config.Env(env);
        Invoker offline = new Invoker(fx.handler(new io.itops.shared.runtime.Platform(environment,
                new io.itops.shared.aws.AwsClients(environment), fx.clock)));
        Invoker.Response response = offline.call(fx.requests.slackDm("U0001", "help"));
        assertEquals(503, response.status(), response.toString());
        fx.contract.assertValid("POST /chat/slack/events", response);
    }

    @Test
    void aSignedButMalformedPayload_isA400NamingTheField_andChangesNothing() {
        int items = fx.itemCount();
        Invoker.Response slack = fx.call(fx.requests.slackEvent("{\"type\":\"event_callback\",\"event_id\":\"Ev1\",\"team_id\":\"T1\","
                + "\"event\":{\"type\":\"message\",\"channel_type\":\"im\",\"user\":42,\"channel\":\"D1\"}}"));
        assertEquals(400, slack.status());
        assertEquals("event.user", slack.body().path("errors").get(0).path("field").asText());
        Invoker.Response form = fx.call(ChatRequests.slack("POST /chat/slack/commands", "text=help".getBytes(StandardCharsets.UTF_8),
                "application/json", fx.clock.instant().getEpochSecond(), ChatFixture.SLACK_SIGNING_SECRET));
        assertEquals(415, form.status());
        Invoker.Response dingtalk = fx.call(ChatRequests.dingtalk(fx.requests.dingtalkMessageBody("msgBad", "staff-9", "help", "1")
                .replace("\"msgId\":\"msgBad\"", "\"msgId\":\"bad id with spaces\"").getBytes(StandardCharsets.UTF_8), fx.clock.millis(), PlatformStandIns.DINGTALK_APP_SECRET));
        assertEquals(400, dingtalk.status());
        assertEquals("msgId", dingtalk.body().path("errors").get(0).path("field").asText());
        assertEquals(items, fx.itemCount());
        assertEquals(List.of(), fx.bus.all());
    }

    @Test
    void aLinkRequestInAGroupChat_isSentToPrivate_andIssuesNoCode() {
        fx.call(fx.requests.feishuEncrypted(fx.requests.feishuMessageBody("evG", "ou_li", "绑定", "group")));
        fx.call(fx.requests.slackEvent(fx.requests.slackMentionBody("EvG", "U0001", "link")));
        assertEquals(List.of("为安全起见，请私聊我发送“绑定”。", "For your safety, send \"link\" to me in a direct message."),
                fx.bus.replies().stream().map(r -> r.path("detail").path("text").asText()).toList());
        assertEquals(0, fx.system.items("CHATCODE#").size());
    }

    @Test
    void underDynamoDbThrottling_eachMessageIsAcceptedOnceOrRefusedWith503_andARetryCompletesIt() {
        fx.link(fx.requests.slackDm("U0001", "link"), Claims.employee("emma"));
        fx.bus.clear();
        io.itops.testing.TestSystem.Instrumented probe = fx.instrumented();
        Invoker throttled = new Invoker(fx.handler(probe.platform()));
        throttled.call(fx.requests.slackDm("U0001", "help")); // secrets cached before throttling starts
        fx.bus.clear();
        probe.throttling().throttle(0.3);

        int messages = 40;
        List<HttpEvent> refused = new ArrayList<>();
        for (int i = 0; i < messages; i++) {
            HttpEvent event = fx.requests.slackEvent(fx.requests.slackDmBody("EvThrottle" + i, "U0001", "asset LT-" + i));
            Invoker.Response response = throttled.call(event);
            fx.contract.assertValid("POST /chat/slack/events", response);
            assertTrue(response.status() == 200 || response.status() == 503, response.toString());
            if (response.status() == 503) {
                assertEquals("1", response.header("retry-after"));
                refused.add(event);
            }
        }
        assertEquals(messages - refused.size(), fx.bus.commands().size(), "a 503 published nothing");
        probe.throttling().throttle(0);
        for (HttpEvent retry : refused) {
            assertEquals(200, throttled.call(retry).status());
        }
        List<String> args = fx.bus.commands().stream().map(c -> c.args().getFirst()).sorted().toList();
        assertEquals(messages, args.size());
        assertEquals(messages, new java.util.HashSet<>(args).size(), "each message exactly once");
        assertTrue(probe.throttling().throttledCalls() > 0);
    }
}
