package io.itops.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Talking to the bot locally: ./itops chat's signed webhooks for the three platforms through the dev
 * server on the real template and jars, the platform stand-ins answering chat-webhook as the platforms
 * do, and nothing left in the dead letters.
 */
class ChatStandInsTest {
    @TempDir
    static Path logs;
    static DevServer server;
    static Http http;

    @BeforeAll
    static void start() {
        server = DevServer.start(TestServers.options(TestServers.repositoryRoot(), logs));
        http = new Http(server.baseUrl());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private record Run(int status, String out, String err) {}

    private static Run chat(String... args) {
        List<String> all = new ArrayList<>(List.of("--url", server.baseUrl(), "--root", TestServers.repositoryRoot().toString(), "--wait", "40"));
        all.addAll(List.of(args));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = ChatClient.run(all.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void newcomer_getsHelp_andIsAskedToLinkForPersonalCommands() {
        Run help = chat("help");
        assertEquals(0, help.status(), help.toString());
        assertTrue(help.out().contains("bot> IT service desk bot. Commands:"), help.out());
        assertTrue(help.out().contains("bot> asset <tag> - one piece of equipment"), "shown as Slack shows it, unescaped: " + help.out());
        Run mine = chat("my assets");
        assertTrue(mine.out().contains("Please link your company account first"), mine.out());
    }

    @Test
    void as_linksOnFirstUseThroughTheLinkCodeRoute_thenAnswers() {
        Run first = chat("--as", "emma.employee", "my assets");
        assertEquals(0, first.status(), first.toString());
        assertTrue(first.out().contains("[linking slack user"), first.out());
        assertTrue(first.out().contains("Your link code: "), first.out());
        assertTrue(first.out().contains("Linked: this chat account now acts as emma.employee"), first.out());
        String answer = first.out().substring(first.out().lastIndexOf("slack emma.employee> my assets"));
        assertTrue(answer.contains("LT-0001"), "emma holds the seeded laptop: " + answer);

        Run again = chat("--as", "emma.employee", "my assets");
        assertEquals(0, again.status(), again.toString());
        assertFalse(again.out().contains("[linking"), "linked once, for good: " + again.out());
        assertTrue(again.out().contains("LT-0001"), again.out());

        JsonNode link = http.get("/me/chat-links", http.token(Map.of("username", "emma.employee", "department", "Finance"))).json();
        assertTrue(link.path("items").toString().contains(ChatStandIns.chatUserId("slack", "emma.employee")), link.toString());
    }

    @Test
    void feishuAndDingTalk_signedAsThosePlatformsSign() {
        Run feishu = chat("--platform", "feishu", "--as", "raj.patel", "我的设备");
        assertEquals(0, feishu.status(), feishu.toString());
        assertTrue(feishu.out().contains("你的绑定验证码："), feishu.out());
        assertTrue(feishu.out().contains("已绑定：此聊天账号现在代表 raj.patel"), feishu.out());
        assertTrue(feishu.out().substring(feishu.out().lastIndexOf("我的设备")).contains("LT-0002"), feishu.out());

        Run dingtalk = chat("--platform", "dingtalk", "help");
        assertEquals(0, dingtalk.status(), dingtalk.toString());
        assertTrue(dingtalk.out().contains("bot> IT service desk bot. Commands:"), dingtalk.out());
    }

    @Test
    void sentMessages_areListedPerPlatformAndChatUser_newestFirst_andNothingIsDeadLettered() {
        chat("help");
        chat("help");
        String newcomer = ChatStandIns.chatUserId("slack", "newcomer");
        JsonNode listed = http.get("/_local/chat?platform=slack", null).json();
        JsonNode messages = listed.path("platforms").path("slack").path(newcomer);
        assertTrue(messages.size() >= 2, listed.toString());
        assertTrue(messages.get(0).path("seq").asLong() > messages.get(1).path("seq").asLong(), "newest first");
        assertEquals("response_url", messages.get(0).path("api").asText());
        assertFalse(listed.path("platforms").has("feishu"), "?platform= narrows the listing");
        assertEquals(0, http.get("/_local/dead-letters", null).json().size(), http.get("/_local/dead-letters", null).text());
    }

    @Test
    void standIns_answerAsThePlatformsDo() {
        Http.Response badToken = http.send("POST", "/_local/chat/slack/api/chat.postMessage", null,
                "{\"channel\":\"U1\",\"text\":\"hi\"}".getBytes(StandardCharsets.UTF_8), "Content-Type", "application/json", "Authorization", "Bearer xoxb-wrong");
        assertEquals(200, badToken.status());
        assertEquals("{\"ok\":false,\"error\":\"invalid_auth\"}", badToken.text());
        Http.Response token = http.post("/_local/chat/feishu/open-apis/auth/v3/tenant_access_token/internal", null,
                Map.of("app_id", "cli_test_app", "app_secret", "wrong"));
        assertEquals(10014, token.json().path("code").asInt());
        Http.Response unknown = http.post("/_local/chat/slack/api/users.list", null, Map.of());
        assertEquals(404, unknown.status());
        assertTrue(unknown.json().has("message"));
    }
}
