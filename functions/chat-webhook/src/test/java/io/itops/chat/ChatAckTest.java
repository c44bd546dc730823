package io.itops.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.itops.shared.chat.ChatCommand;
import io.itops.shared.events.BusEvent;
import io.itops.testing.Claims;
import io.itops.testing.HttpEvent;
import io.itops.testing.Invoker;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The webhook acknowledges before any owner runs: the owner is another function reached through the
 * bus. Here a slow owner (3 s) and a slow platform API (3 s) run beside the webhook, which still
 * answers the platform well within a second.
 */
class ChatAckTest {
    private static final Duration SLOW = Duration.ofSeconds(3);
    private final ChatFixture fx = new ChatFixture();

    @AfterEach
    void close() {
        fx.close();
    }

    @Test
    void theWebhookAnswersWithinOneSecond_beforeTheSlowOwnerHasRun_andTheAnswerFollowsLater() throws Exception {
        fx.link(fx.requests.slackDm("U0001", "link"), Claims.employee("emma"));
        fx.call(fx.requests.slackDm("U0001", "help")); // warm: classes loaded, secrets cached, as in a warm container
        fx.deliverPending();
        fx.bus.clear();
        fx.standIns.clear();
        fx.standIns.slowDown(SLOW);

        List<String> order = new CopyOnWriteArrayList<>();
        CountDownLatch ownerDone = new CountDownLatch(1);
        Thread owner = Thread.ofVirtual().start(() -> {
            // the owning function: wakes when its command is on the bus, then takes its time
            while (fx.bus.commands().isEmpty()) {
                Thread.onSpinWait();
            }
            order.add("owner started");
            sleep(SLOW);
            ObjectNode envelope = fx.bus.ofType(ChatCommand.DETAIL_TYPE).getFirst();
            ChatCommand command = ChatCommand.from(BusEvent.from(envelope));
            fx.bus.publishAs("itops.asset", command.reply("you hold LT-0001"));
            order.add("owner answered");
            ownerDone.countDown();
        });

        long started = System.nanoTime();
        Invoker.Response ack = fx.call(fx.requests.slackCommand("U0001", "my assets"));
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        order.add("webhook answered");

        assertEquals(200, ack.status());
        assertTrue(took.compareTo(Duration.ofSeconds(1)) < 0, "acknowledged in " + took.toMillis() + " ms");
        assertTrue(ownerDone.await(10, TimeUnit.SECONDS));
        owner.join();
        assertEquals(List.of("webhook answered", "owner answered"), order.stream().filter(s -> !s.equals("owner started")).toList(),
                "the owner finished after the platform had its answer: " + order);
        assertEquals(List.of(), fx.standIns.messages(), "nothing was sent to the platform during the webhook");

        fx.standIns.slowDown(Duration.ZERO);
        fx.deliverPending();
        assertEquals("you hold LT-0001", fx.standIns.messages().getFirst().text());
    }

    @Test
    void theWebhookNeverCallsThePlatformsApis() {
        fx.link(fx.requests.dingtalkDm("staff-1", "link"), Claims.employee("wang"));
        fx.bus.clear();
        fx.standIns.clear();
        for (HttpEvent event : List.of(fx.requests.dingtalkDm("staff-1", "courses"), fx.requests.dingtalkDm("staff-1", "help"),
                fx.requests.feishuDm("ou_x", "link"), fx.requests.slackCommand("U9", "nonsense"))) {
            assertEquals(200, fx.call(event).status());
        }
        assertEquals(List.of(), fx.standIns.messages(), "answers are delivered by the ChatReply consumer, after the acknowledgement");
        assertEquals(4, fx.bus.all().size());
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
