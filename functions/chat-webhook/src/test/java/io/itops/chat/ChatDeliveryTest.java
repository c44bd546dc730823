package io.itops.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.itops.shared.chat.ChatCommand;
import io.itops.shared.events.Notice;
import io.itops.shared.json.Json;
import io.itops.testing.Claims;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Outbound: answers to their conversations and notices to people or channels, retried, never doubled. */
class ChatDeliveryTest {
    private final ChatFixture fx = new ChatFixture();

    @AfterEach
    void close() {
        fx.close();
    }

    /** A command from the linked Slack user, answered by its owner; returns the owner's ChatReply event. */
    private ObjectNode answeredCommand(String text) {
        fx.call(fx.requests.slackCommand("U0001", text));
        fx.ownersAnswer(ChatFixture.Owners::echo);
        return fx.bus.replies().getLast();
    }

    private void linkEveryone() {
        fx.link(fx.requests.slackDm("U0001", "link"), Claims.employee("emma"));
        fx.link(fx.requests.feishuDm("ou_li", "绑定"), Claims.employee("li"));
        fx.link(fx.requests.dingtalkDm("staff-9", "link"), Claims.employee("wang"));
        fx.deliverPending();
        fx.bus.clear();
        fx.standIns.clear();
    }

    @Test
    void aReplyDeliveredThreeTimes_isPostedOnce() {
        linkEveryone();
        ObjectNode reply = answeredCommand("my assets");
        for (int i = 0; i < 3; i++) {
            assertEquals("ok", fx.deliver(reply).path("status").asText());
        }
        assertEquals(1, fx.standIns.messages().size());
        assertEquals("answer to my-assets [] for emma/EMPLOYEE", fx.standIns.messages().getFirst().text());
        assertEquals("ephemeral", fx.standIns.messages().getFirst().body().path("response_type").asText(), "only the sender sees it");
    }

    @Test
    void transientFailuresAreRetriedWithBackoff_andA429WaitsAsToldUpToFiveSeconds() {
        linkEveryone();
        fx.standIns.failNext("/slack/hooks/commands/", 2, 503);
        fx.deliver(answeredCommand("courses"));
        assertEquals(1, fx.standIns.messages().size());
        assertEquals(List.of(Duration.ofMillis(300), Duration.ofMillis(600)), fx.waits);

        fx.waits.clear();
        fx.standIns.failNext("/slack/hooks/commands/", 1, 429, "{\"ok\":false}", "30");
        fx.deliver(answeredCommand("my training"));
        assertEquals(2, fx.standIns.messages().size());
        assertEquals(List.of(Duration.ofSeconds(5)), fx.waits, "Retry-After: 30 is capped at 5 s");
    }

    @Test
    void whenThePlatformStaysDown_theEventFailsForLambdaToRetry_andTheRetryPostsOnce() {
        linkEveryone();
        ObjectNode reply = answeredCommand("findings");
        fx.standIns.failNext("/slack/hooks/commands/", PlatformHttp.ATTEMPTS, 500);
        assertThrows(DeliveryException.class, () -> fx.deliver(reply));
        assertEquals(0, fx.standIns.messages().size());

        fx.deliver(reply);
        fx.deliver(reply);
        assertEquals(1, fx.standIns.messages().size());
    }

    @Test
    void aPermanentRefusalIsDropped_notRetried() {
        linkEveryone();
        ObjectNode reply = answeredCommand("courses");
        fx.standIns.failNext("/slack/hooks/commands/", 1, 404, "expired_url", null);
        assertEquals("ok", fx.deliver(reply).path("status").asText());
        assertEquals(List.of(), fx.waits, "no retry of a refusal");
        assertEquals(0, fx.standIns.messages().size());
    }

    @Test
    void aReplyForAConversationWeDoNotKnow_isDropped() {
        ObjectNode forged = fx.bus.publishAs("itops.asset", new ChatCommand("01JD0000000000000000000000", "my-assets", List.of(), "my assets",
                "en", null, Json.mapper().createObjectNode().put("platform", "slack").put("ref", "slack#EvNeverSeen"))
                .reply("hello"));
        ObjectNode withUrl = fx.bus.publishAs("itops.asset", new ChatCommand("01JD0000000000000000000001", "my-assets", List.of(), "my assets",
                "en", null, Json.mapper().createObjectNode().put("platform", "slack").put("url", fx.standIns.slackResponseUrl("x")))
                .reply("hello"));
        assertEquals("ok", fx.deliver(forged).path("status").asText());
        assertEquals("ok", fx.deliver(withUrl).path("status").asText());
        assertEquals(List.of(), fx.standIns.messages(), "addresses come only from our own records");
    }

    @Test
    void feishuRepliesUseOneCachedTenantToken_andATokenRefusedIsRenewedOnce() {
        fx.link(fx.requests.feishuDm("ou_li", "link"), Claims.employee("li"));
        fx.deliverPending();
        fx.call(fx.requests.feishuDm("ou_li", "my assets"));
        fx.call(fx.requests.feishuDm("ou_li", "courses"));
        fx.ownersAnswer(ChatFixture.Owners::echo);
        fx.deliverPending();
        assertEquals(4, fx.standIns.messagesTo("/feishu/open-apis/im/v1/messages/").size(), "code, linked, two answers");
        assertEquals(1, fx.standIns.feishuTokenFetches());

        fx.standIns.rotateFeishuToken("t-tenant-2");
        fx.call(fx.requests.feishuDm("ou_li", "课程"));
        fx.ownersAnswer(ChatFixture.Owners::echo);
        fx.deliverPending();
        assertEquals(5, fx.standIns.messagesTo("/feishu/open-apis/im/v1/messages/").size());
        assertEquals(2, fx.standIns.feishuTokenFetches());
        assertEquals("Bearer t-tenant-2", fx.standIns.messages().getLast().headers().get("authorization"));
    }

    @Test
    void aNoticeReachesEachLinkedRecipientByDm_inTheirLanguage_andTheDepartmentChannelsForTheUnlinked() {
        linkEveryone();
        ObjectNode notice = fx.bus.publishAs("itops.training", new Notice("TrainingReminder", "01JDSESSION0000000000000001",
                List.of("emma", "li", "wang", "nobody"), "Finance",
                "Security awareness starts tomorrow at 10:00", "安全意识培训明天 10:00 开始").event());

        for (int delivery = 0; delivery < 3; delivery++) {
            assertEquals("ok", fx.deliver(notice).path("status").asText());
        }

        List<PlatformStandIns.Received> dmSlack = fx.standIns.messagesTo("/slack/api/chat.postMessage");
        assertEquals(1, dmSlack.size());
        assertEquals("U0001", dmSlack.getFirst().body().path("channel").asText());
        assertEquals("Security awareness starts tomorrow at 10:00", dmSlack.getFirst().text());
        List<PlatformStandIns.Received> dmFeishu = fx.standIns.messagesTo("/feishu/open-apis/im/v1/messages");
        assertEquals(1, dmFeishu.size());
        assertEquals("ou_li", dmFeishu.getFirst().body().path("receive_id").asText());
        assertEquals("安全意识培训明天 10:00 开始", dmFeishu.getFirst().text(), "li linked in Chinese");
        List<PlatformStandIns.Received> dmDingtalk = fx.standIns.messagesTo("/dingtalk/api/v1.0/robot/oToMessages/batchSend");
        assertEquals(1, dmDingtalk.size());
        assertEquals("[\"staff-9\"]", dmDingtalk.getFirst().body().path("userIds").toString());
        assertEquals(ChatFixture.DINGTALK_ROBOT_CODE, dmDingtalk.getFirst().body().path("robotCode").asText());

        // "nobody" has no link: the Finance channels hear it (Slack webhook, Feishu signed bot in Chinese, DingTalk's catch-all robot)
        assertEquals(1, fx.standIns.messagesTo("/slack/hooks/services/").size());
        assertEquals("安全意识培训明天 10:00 开始\n\nSecurity awareness starts tomorrow at 10:00",
                fx.standIns.messagesTo("/slack/hooks/services/").getFirst().text());
        assertEquals(1, fx.standIns.messagesTo("/feishu/open-apis/bot/v2/hook/finance").size(), "signed correctly, else the stand-in refuses");
        assertEquals("安全意识培训明天 10:00 开始", fx.standIns.messagesTo("/feishu/open-apis/bot/v2/hook/").getFirst().text());
        assertEquals(1, fx.standIns.messagesTo("/dingtalk/oapi/robot/send").size(), "signed correctly, else the stand-in refuses");
        assertEquals(6, fx.standIns.messages().size());
        assertEquals(1, fx.standIns.dingtalkTokenFetches());
    }

    @Test
    void aNoticeToLinkedPeopleOnly_staysOutOfTheChannels() {
        linkEveryone();
        fx.deliver(fx.bus.publishAs("itops.asset", new Notice("AssetMaintenanceDue", "01JDASSET000000000000000001",
                List.of("emma"), "Finance", "LT-0001 is due for maintenance", "LT-0001 需要保养").event()));
        assertEquals(1, fx.standIns.messages().size());
        assertEquals("LT-0001 is due for maintenance", fx.standIns.messages().getFirst().text());
    }

    @Test
    void afterAPartialFailure_theRetryReachesOnlyThoseStillMissing() {
        linkEveryone();
        ObjectNode notice = fx.bus.publishAs("itops.scan", new Notice("CriticalFinding", "01JDFINDING0000000000000001",
                List.of("emma", "li"), null, "Critical finding on SRV-0042", "SRV-0042 发现严重漏洞").event());
        fx.standIns.failNext("/feishu/open-apis/im/v1/messages", PlatformHttp.ATTEMPTS, 502);

        assertThrows(DeliveryException.class, () -> fx.deliver(notice));
        assertEquals(1, fx.standIns.messages().size(), "Slack got it; Feishu did not");

        fx.deliver(notice);
        fx.deliver(notice);
        assertEquals(1, fx.standIns.messagesTo("/slack/api/chat.postMessage").size(), "no duplicate for emma");
        assertEquals(1, fx.standIns.messagesTo("/feishu/open-apis/im/v1/messages").size(), "li got it on the retry");
    }

    @Test
    void aNoticeForNobodyReachable_goesToTheItStaffChannel_onThePlatformsThatHaveOne() {
        ObjectNode notice = fx.bus.publishAs("itops.asset", new Notice("AssetFaultReported", "01JDASSET000000000000000001",
                List.of(), null, "Fault reported on LT-0001: screen flickers", "LT-0001 故障：屏幕闪烁").event());

        fx.deliver(notice);
        fx.deliver(notice);

        List<PlatformStandIns.Received> hooks = fx.standIns.messagesTo("/slack/hooks/services/T0001/B0001/it-staff");
        assertEquals(1, hooks.size(), "once, though delivered twice");
        assertEquals("Fault reported on LT-0001: screen flickers", hooks.getFirst().text(), "the channel's language");
        assertEquals(1, fx.standIns.messages().size(), "Feishu and DingTalk have no IT staff channel; no department, so no catch-all");
    }

    @Test
    void aNoticeWhoseDepartmentHasNoChannel_goesToTheItStaffChannel_orTheCatchAll() {
        fx.deliver(fx.bus.publishAs("itops.asset", new Notice("AssetMaintenanceDue", "01JDASSET000000000000000001",
                List.of("nobody"), "Sales", "LT-0009 is due for maintenance", "LT-0009 需要保养").event()));

        assertEquals(1, fx.standIns.messagesTo("/slack/hooks/services/T0001/B0001/it-staff").size(), "Slack: no Sales channel, no catch-all");
        assertEquals(1, fx.standIns.messagesTo("/dingtalk/oapi/robot/send").size(), "DingTalk: its catch-all robot");
        assertEquals(0, fx.standIns.messagesTo("/feishu/open-apis/bot/v2/hook/").size(), "Feishu: neither");
    }
}
