package io.itops.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.itops.shared.chat.ChatCommand;
import io.itops.testing.Claims;
import io.itops.testing.HttpEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every command, in both languages, from every kind of conversation: the webhook publishes the
 * ChatCommand its owner expects, the owner answers through the shared contract, and the answer
 * reaches the conversation on the platform's stand-in.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChatRoundTripTest {
    private ChatFixture fx;

    /** A conversation: how a message is sent there, and the stand-in path its answer must reach. */
    private record Channel(String name, BiFunction<ChatFixture, String, HttpEvent> send, String answerPath) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final List<Channel> CHANNELS = List.of(
            new Channel("slack slash command", (fx, text) -> fx.requests.slackCommand("U0001", text), "/slack/hooks/commands/"),
            new Channel("slack DM", (fx, text) -> fx.requests.slackDm("U0001", text), "/slack/api/chat.postMessage"),
            new Channel("feishu", (fx, text) -> fx.requests.feishuDm("ou_sam", text), "/feishu/open-apis/im/v1/messages/"),
            new Channel("dingtalk", (fx, text) -> fx.requests.dingtalkDm("staff-sam", text), "/dingtalk/oapi/robot/sendBySession"));

    private static final List<List<String>> COMMANDS = List.of(
            // english text, chinese text, command, args
            List.of("my assets", "我的设备", "my-assets", ""),
            List.of("asset LT-0001", "设备 LT-0001", "asset", "LT-0001"),
            List.of("report fault LT-0001 screen flickers", "报修 LT-0001 屏幕闪烁", "report-fault", "LT-0001|"),
            List.of("courses", "课程", "courses", ""),
            List.of("enrol 01JDSESSION0000000000001", "报名 01JDSESSION0000000000001", "enrol", "01JDSESSION0000000000001"),
            List.of("cancel 01JDSESSION0000000000001", "取消 01JDSESSION0000000000001", "cancel", "01JDSESSION0000000000001"),
            List.of("my training", "我的培训", "my-training", ""),
            List.of("backup status", "备份状态", "backup-status", ""),
            List.of("scan SRV-0042", "扫描 SRV-0042", "scan", "SRV-0042"),
            List.of("findings", "漏洞", "findings", ""));

    @BeforeAll
    void linkAStaffMemberOnEveryPlatform() {
        fx = new ChatFixture();
        fx.link(fx.requests.slackDm("U0001", "link"), Claims.staff());
        fx.link(fx.requests.feishuDm("ou_sam", "link"), Claims.staff());
        fx.link(fx.requests.dingtalkDm("staff-sam", "link"), Claims.staff());
    }

    @AfterAll
    void close() {
        fx.close();
    }

    @BeforeEach
    void clear() {
        fx.deliverPending();
        fx.bus.clear();
        fx.standIns.clear();
    }

    static Stream<Arguments> everyCommandInBothLanguagesOnEveryChannel() {
        List<Arguments> cases = new ArrayList<>();
        for (Channel channel : CHANNELS) {
            for (List<String> command : COMMANDS) {
                cases.add(Arguments.of(channel, command.get(0), command.get(2), command.get(3), "en"));
                cases.add(Arguments.of(channel, command.get(1), command.get(2), command.get(3), "zh"));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("everyCommandInBothLanguagesOnEveryChannel")
    void aCommandReachesItsOwner_andTheOwnersAnswerReachesTheConversation(Channel channel, String text, String command,
                                                                           String args, String language) {
        assertEquals(200, fx.call(channel.send().apply(fx, text)).status());

        List<ChatCommand> published = fx.bus.commands();
        assertEquals(1, published.size());
        ChatCommand sent = published.getFirst();
        assertEquals(command, sent.command());
        assertEquals(language, sent.language());
        List<String> expectedArgs = args.isEmpty() ? List.of() : args.endsWith("|")
                ? List.of(args.substring(0, args.length() - 1), language.equals("zh") ? "屏幕闪烁" : "screen flickers")
                : List.of(args);
        assertEquals(expectedArgs, sent.args());
        assertEquals("sam.staff", sent.caller().userId());
        assertTrue(sent.caller().isStaff());

        assertEquals(1, fx.ownersAnswer(ChatFixture.Owners::echo));
        fx.deliverPending();

        List<PlatformStandIns.Received> answers = fx.standIns.messagesTo(channel.answerPath());
        assertEquals(1, answers.size(), fx.standIns.messages().toString());
        String expected = language.equals("zh") ? "回复 " + command + " " + expectedArgs + " 给 sam.staff/STAFF"
                : "answer to " + command + " " + expectedArgs + " for sam.staff/STAFF";
        assertEquals(channel.name().startsWith("slack") ? SlackApi.escape(expected) : expected, answers.getFirst().text());
    }

    static Stream<Arguments> helpOnEveryChannel() {
        List<Arguments> cases = new ArrayList<>();
        for (Channel channel : CHANNELS) {
            cases.add(Arguments.of(channel, "help", "IT service desk bot. Commands:"));
            cases.add(Arguments.of(channel, "帮助", "IT 服务台机器人。可用命令："));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("helpOnEveryChannel")
    void helpIsAnsweredByTheBotItself_inTheLanguageUsed_listingStaffCommandsForStaff(Channel channel, String text, String opening) {
        assertEquals(200, fx.call(channel.send().apply(fx, text)).status());
        assertEquals(List.of(), fx.bus.commands(), "help has no owner but the bot");
        fx.deliverPending();
        List<PlatformStandIns.Received> answers = fx.standIns.messagesTo(channel.answerPath());
        assertEquals(1, answers.size());
        assertTrue(answers.getFirst().text().startsWith(opening), answers.getFirst().text());
        assertTrue(answers.getFirst().text().contains(text.equals("help") ? "findings - open vulnerabilities" : "漏洞 — 未关闭的漏洞"));
    }
}
