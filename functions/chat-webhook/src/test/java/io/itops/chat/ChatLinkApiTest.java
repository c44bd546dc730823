package io.itops.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.itops.shared.chat.ChatCommand;
import io.itops.testing.Claims;
import io.itops.testing.HttpEvent;
import io.itops.testing.Invoker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Linking chat accounts to directory users: the one-time code, confirmation, listing and removal. */
class ChatLinkApiTest {
    private final ChatFixture fx = new ChatFixture();

    @AfterEach
    void close() {
        fx.close();
    }

    @Test
    void linkGivesAOneTimeCode_theSignedInUserConfirmsIt_andTheChatAccountIsToldWhoItActsAs() {
        assertEquals(200, fx.call(fx.requests.slackDm("U0001", "link")).status());
        String code = fx.codeInLastReply();
        assertTrue(fx.lastReplyText().startsWith("Your link code: " + code));
        assertEquals(1, fx.system.items("CHATCODE#").size());

        Invoker.Response linked = fx.call(HttpEvent.of("POST /me/chat-links").as(Claims.staff()).body(Map.of("code", code.toLowerCase())));

        assertEquals(201, linked.status(), linked.toString());
        JsonNode link = linked.body();
        assertEquals("slack", link.path("platform").asText());
        assertEquals("U0001", link.path("chatUserId").asText());
        assertEquals("T0001", link.path("tenant").asText());
        assertEquals("sam.staff", link.path("userId").asText());
        assertEquals("staff", link.path("role").asText());
        assertEquals("IT", link.path("department").asText());
        assertEquals("en", link.path("language").asText());
        assertEquals("2027-05-27T09:00:00Z", link.path("validUntil").asText(), "180 days");
        assertEquals("/me/chat-links/" + link.path("linkId").asText(), linked.header("location"));
        assertEquals(0, fx.system.items("CHATCODE#").size(), "the code is used up");
        assertTrue(fx.lastReplyText().startsWith("Linked: this chat account now acts as sam.staff (staff)."));

        fx.deliverPending();
        List<String> texts = fx.standIns.texts();
        assertEquals(2, texts.size(), "the code and the confirmation, both in the DM");
        assertTrue(texts.get(1).startsWith("Linked:"));

        fx.bus.clear();
        fx.call(fx.requests.slackDm("U0001", "backup status"));
        ChatCommand command = fx.bus.commands().getFirst();
        assertEquals("backup-status", command.command());
        assertEquals("sam.staff", command.caller().userId());
    }

    @Test
    void aCodeWorksOnce_andNotAfterTenMinutes_andAMalformedOneNamesTheField() {
        fx.call(fx.requests.feishuDm("ou_li", "绑定"));
        String code = fx.codeInLastReply();
        assertTrue(fx.lastReplyText().startsWith("你的绑定验证码：" + code), "answered in Chinese");
        assertEquals(201, confirm(code, Claims.employee("li")).status());
        Invoker.Response again = confirm(code, Claims.employee("mallory"));
        assertEquals(422, again.status());
        assertEquals("LINK_CODE_INVALID", again.body().path("code").asText());

        fx.call(fx.requests.feishuDm("ou_zhao", "link"));
        String late = fx.codeInLastReply();
        fx.clock.advance(Duration.ofMinutes(10).plusSeconds(1));
        int items = fx.itemCount();
        assertEquals(422, confirm(late, Claims.employee("zhao")).status());
        assertEquals(items, fx.itemCount());

        Invoker.Response malformed = confirm("ABC", Claims.employee("zhao"));
        assertEquals(400, malformed.status());
        assertEquals("code", malformed.body().path("errors").get(0).path("field").asText());
    }

    @Test
    void twoUsersConfirmingOneCodeAtOnce_linkItOnce() throws Exception {
        fx.call(fx.requests.dingtalkDm("staff-9", "link"));
        String code = fx.codeInLastReply();
        int users = 6;
        ExecutorService pool = Executors.newFixedThreadPool(users);
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < users; i++) {
            String user = "user" + i;
            calls.add(() -> {
                start.await();
                return fx.invoker.call(HttpEvent.of("POST /me/chat-links").as(Claims.employee(user)).body(Map.of("code", code))).status();
            });
        }
        List<Future<Integer>> futures = new ArrayList<>();
        try {
            calls.forEach(c -> futures.add(pool.submit(c)));
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : futures) {
                statuses.add(f.get());
            }
            assertEquals(1, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
            assertTrue(statuses.stream().allMatch(s -> s == 201 || s == 422 || s == 409), statuses.toString());
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, fx.system.items("CHATLINK#").size());
        assertEquals(1, fx.system.items("CHATID#").size());
    }

    @Test
    void usersListAndRemoveTheirOwnLinks_notOthers() {
        String emmaSlack = fx.link(fx.requests.slackDm("U0001", "link"), Claims.employee("emma")).path("linkId").asText();
        fx.link(fx.requests.dingtalkDm("staff-1", "link"), Claims.employee("emma"));
        String li = fx.link(fx.requests.feishuDm("ou_li", "link"), Claims.employee("li")).path("linkId").asText();

        Invoker.Response mine = fx.call(HttpEvent.of("GET /me/chat-links").as(Claims.employee("emma")));
        assertEquals(200, mine.status());
        assertEquals(2, mine.body().path("items").size());

        Invoker.Response notYours = fx.call(HttpEvent.of("DELETE /me/chat-links/{linkId}").path("linkId", li).as(Claims.employee("emma")));
        assertEquals(404, notYours.status());
        assertEquals(3, fx.system.items("CHATLINK#").size());

        Invoker.Response removed = fx.call(HttpEvent.of("DELETE /me/chat-links/{linkId}").path("linkId", emmaSlack).as(Claims.employee("emma")));
        assertEquals(204, removed.status());
        assertEquals(2, fx.system.items("CHATLINK#").size());
        assertEquals(2, fx.system.items("CHATID#").size());

        fx.bus.clear();
        fx.call(fx.requests.slackDm("U0001", "my assets"));
        assertEquals(List.of(), fx.bus.commands(), "the account is no longer linked");
        assertTrue(fx.lastReplyText().startsWith("Please link"));

        Invoker.Response badId = fx.call(HttpEvent.of("DELETE /me/chat-links/{linkId}").path("linkId", "not-an-id").as(Claims.employee("emma")));
        assertEquals(400, badId.status());
        assertEquals("path.linkId", badId.body().path("errors").get(0).path("field").asText());
    }

    @Test
    void adminsListAndRemoveAnyLink_othersMayNot() {
        fx.link(fx.requests.slackDm("U0001", "link"), Claims.employee("emma"));
        String li = fx.link(fx.requests.feishuDm("ou_li", "link"), Claims.employee("li")).path("linkId").asText();
        fx.link(fx.requests.dingtalkDm("staff-1", "link"), Claims.employee("wang"));

        assertEquals(403, fx.call(HttpEvent.of("GET /chat-links").as(Claims.staff())).status());
        assertEquals(403, fx.call(HttpEvent.of("DELETE /chat-links/{linkId}").path("linkId", li).as(Claims.employee("li"))).status());

        Invoker.Response page1 = fx.call(HttpEvent.of("GET /chat-links").query("limit", "2").as(Claims.admin()));
        assertEquals(2, page1.body().path("items").size());
        Invoker.Response page2 = fx.call(HttpEvent.of("GET /chat-links").query("cursor", page1.body().path("nextCursor").asText()).as(Claims.admin()));
        assertEquals(1, page2.body().path("items").size());
        Invoker.Response feishu = fx.call(HttpEvent.of("GET /chat-links").query("platform", "feishu").as(Claims.admin()));
        assertEquals(List.of("li"), feishu.body().path("items").findValuesAsText("userId"));
        Invoker.Response ofUser = fx.call(HttpEvent.of("GET /chat-links").query("userId", "wang").as(Claims.admin()));
        assertEquals(List.of("dingtalk"), ofUser.body().path("items").findValuesAsText("platform"));
        Invoker.Response badPlatform = fx.call(HttpEvent.of("GET /chat-links").query("platform", "teams").as(Claims.admin()));
        assertEquals("query.platform", badPlatform.body().path("errors").get(0).path("field").asText());

        assertEquals(204, fx.call(HttpEvent.of("DELETE /chat-links/{linkId}").path("linkId", li).as(Claims.admin())).status());
        assertEquals(404, fx.call(HttpEvent.of("DELETE /chat-links/{linkId}").path("linkId", li).as(Claims.admin())).status());
        assertEquals(2, fx.system.items("CHATLINK#").size());
    }

    @Test
    void listsReadAQuery_neverAScan() {
        fx.link(fx.requests.slackDm("U0001", "link"), Claims.employee("emma"));
        io.itops.testing.TestSystem.Instrumented probe = fx.instrumented();
        Invoker invoker = new Invoker(fx.handler(probe.platform()));
        invoker.call(HttpEvent.of("GET /me/chat-links").as(Claims.employee("emma")));
        invoker.call(HttpEvent.of("GET /chat-links").as(Claims.admin()));
        assertEquals(0, probe.calls().count("Scan"));
        assertEquals(2, probe.calls().count("Query"));
    }

    @Test
    void linkingAnAccountAgain_replacesItsLink() {
        fx.link(fx.requests.slackDm("U0001", "link"), Claims.employee("emma"));
        fx.link(fx.requests.slackDm("U0001", "link"), Claims.employee("emma.new"));
        assertEquals(1, fx.system.items("CHATLINK#").size());
        assertEquals(0, fx.call(HttpEvent.of("GET /me/chat-links").as(Claims.employee("emma"))).body().path("items").size());
        fx.bus.clear();
        fx.call(fx.requests.slackDm("U0001", "my training"));
        assertEquals("emma.new", fx.bus.commands().getFirst().user().userId());
    }

    @Test
    void aLinkExpires_andTheAccountMustLinkAgain() {
        fx.link(fx.requests.dingtalkDm("staff-1", "link"), Claims.staff());
        fx.clock.advance(Duration.ofDays(180).plusSeconds(1));
        fx.bus.clear();
        fx.call(fx.requests.dingtalkDm("staff-1", "backup status"));
        assertEquals(List.of(), fx.bus.commands());
        assertTrue(fx.lastReplyText().startsWith("Please link"));
        fx.link(fx.requests.dingtalkDm("staff-1", "link"), Claims.staff());
        assertEquals(1, fx.system.items("CHATLINK#").size(), "the expired link was replaced");
    }

    @Test
    void theSameConfirmationRetriedWithItsIdempotencyKey_isReplayed() {
        fx.call(fx.requests.slackDm("U0001", "link"));
        String code = fx.codeInLastReply();
        HttpEvent request = HttpEvent.of("POST /me/chat-links").as(Claims.employee("emma")).header("Idempotency-Key", "link-attempt-0001")
                .body(Map.of("code", code));
        Invoker.Response first = fx.call(request);
        Invoker.Response retry = fx.call(request);
        assertEquals(201, first.status());
        assertEquals(201, retry.status());
        assertEquals("true", retry.header("idempotency-replayed"));
        assertEquals(first.body().path("linkId"), retry.body().path("linkId"));
    }

    private Invoker.Response confirm(String code, Map<String, Object> claims) {
        return fx.call(HttpEvent.of("POST /me/chat-links").as(claims).body(Map.of("code", code)));
    }
}
