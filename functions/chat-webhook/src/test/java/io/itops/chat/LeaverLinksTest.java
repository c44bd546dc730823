package io.itops.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.itops.testing.Claims;
import io.itops.testing.HttpEvent;
import io.itops.testing.PersonEvents;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The directory's PersonLeft removes the leaver's chat links: their messages are then answered as unlinked. */
class LeaverLinksTest {
    private final ChatFixture fx = new ChatFixture();

    @AfterEach
    void close() {
        fx.close();
    }

    @Test
    void aLeaversLinksAreRemoved_otherPeoplesKept_andTheSameEventThreeTimesIsOneEffect() {
        fx.link(fx.requests.slackDm("U0001", "link"), Claims.employee("emma"));
        fx.link(fx.requests.feishuDm("ou_emma", "link"), Claims.employee("emma"));
        fx.link(fx.requests.dingtalkDm("staff-1", "link"), Claims.employee("li"));
        assertEquals(3, fx.system.items("CHATLINK#").size());

        byte[] left = PersonEvents.left("evt-left-1", "emma", "Finance", "2026-11-28");
        for (int i = 0; i < 3; i++) {
            assertEquals("ok", fx.invoker.invokeRaw(left).path("status").asText());
        }
        assertEquals(1, fx.system.items("CHATLINK#").size(), "only li's link is left");
        assertEquals(0, fx.call(HttpEvent.of("GET /me/chat-links").as(Claims.employee("emma"))).body().path("items").size());
        assertEquals(1, fx.call(HttpEvent.of("GET /me/chat-links").as(Claims.employee("li"))).body().path("items").size());

        fx.bus.clear();
        fx.call(fx.requests.slackDm("U0001", "my assets"));
        assertTrue(fx.bus.commands().isEmpty(), "no command is sent on behalf of a leaver");
        assertEquals(ChatTexts.notLinked("en"), fx.lastReplyText());
    }
}
