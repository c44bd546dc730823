package io.itops.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.itops.testing.Invoker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ChatSmokeTest {
    private final ChatFixture fx = new ChatFixture();

    @AfterEach
    void close() {
        fx.close();
    }

    @Test
    void helpInASlackDm_isAnsweredInTheDm() {
        Invoker.Response response = fx.call(fx.requests.slackDm("U0001", "help"));
        assertEquals(200, response.status(), response.toString());
        assertEquals(1, fx.bus.replies().size());
        fx.deliverPending();
        assertEquals(1, fx.standIns.messages().size(), fx.standIns.messages().toString());
    }
}
