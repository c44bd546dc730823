package io.itops.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.itops.shared.chat.ChatCommand;
import io.itops.shared.chat.ChatCommand.ChatReply;
import io.itops.shared.json.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Chat commands go through the same rules as the API and answer in the command's language, once per event. */
class TrainingChatTest {
    private final TrainingFixture fx = new TrainingFixture();

    @Test
    void theSameCommandDeliveredThreeTimesEnrolsOnceAndRepliesOnce() {
        String session = fx.session(fx.course("SEC-AWARE", true, 12, null), "2026-12-10T09:30", 5);
        byte[] event = command("evt-1", "enrol", List.of(session.toLowerCase()), "li.lei", "Finance", "en");
        for (int i = 0; i < 3; i++) {
            fx.invoker.invokeRaw(event);
        }
        List<ChatReply> replies = replies();
        assertEquals(1, replies.size());
        assertTrue(replies.getFirst().text().contains("seat is confirmed"), replies.getFirst().text());
        assertEquals("D0123456", replies.getFirst().conversation().path("channel").asText(), "the reply goes back where it came from");
        assertEquals(Map.of("li.lei", "confirmed"), fx.enrolmentRows(session));
    }

    @Test
    void refusalsAndTheWaitlistAreExplainedInTheCommandsLanguage() {
        String finance = fx.session(fx.course("FIN-ERP", false, null, List.of("Finance")), "2026-12-10T09:30", 1);
        fx.invoker.invokeRaw(command("evt-2", "enrol", List.of(finance), "eng.one", "Engineering", "zh"));
        assertEquals("该课程不面向您所在的部门。", replies().getLast().text());

        fx.invoker.invokeRaw(command("evt-3", "enrol", List.of(finance), "li.lei", "Finance", "en"));
        fx.invoker.invokeRaw(command("evt-4", "enrol", List.of(finance), "wang.wei", "Finance", "en"));
        assertTrue(replies().getLast().text().contains("waitlist at position 1"), replies().getLast().text());
        fx.invoker.invokeRaw(command("evt-5", "enrol", List.of(finance), "wang.wei", "Finance", "zh"));
        assertEquals("您已报名该场次。", replies().getLast().text());

        fx.invoker.invokeRaw(command("evt-6", "cancel", List.of(finance), "li.lei", "Finance", "en"));
        assertTrue(replies().getLast().text().contains("is cancelled"), replies().getLast().text());
        assertEquals(Map.of("li.lei", "cancelled", "wang.wei", "confirmed"), fx.enrolmentRows(finance), "the chat cancel promoted wang.wei");

        fx.invoker.invokeRaw(command("evt-7", "my-training", List.of(), "wang.wei", "Finance", "zh"));
        assertTrue(replies().getLast().text().contains("已确认"), replies().getLast().text());
        fx.invoker.invokeRaw(command("evt-8", "cancel", List.of(), "wang.wei", "Finance", "en"));
        assertTrue(replies().getLast().text().startsWith("Usage"), replies().getLast().text());
    }

    private List<ChatReply> replies() {
        return fx.events.ofType(ChatCommand.REPLY_DETAIL_TYPE).stream().map(e -> (ChatReply) e.detail()).toList();
    }

    static byte[] command(String eventId, String command, List<String> args, String userId, String department, String language) {
        ObjectNode event = Json.mapper().createObjectNode();
        event.put("id", "bus-" + eventId);
        event.put("source", "itops.chat");
        event.put("detail-type", ChatCommand.DETAIL_TYPE);
        ObjectNode detail = event.putObject("detail");
        detail.put("eventId", eventId);
        detail.put("occurredAt", "2026-11-28T01:00:00Z");
        detail.put("commandId", "cmd-" + eventId);
        detail.put("command", command);
        args.forEach(detail.putArray("args")::add);
        if (!detail.has("args")) {
            detail.putArray("args");
        }
        detail.put("text", command + " " + String.join(" ", args));
        detail.put("language", language);
        ObjectNode user = detail.putObject("user");
        user.put("platform", "slack");
        user.put("chatUserId", "U-" + userId);
        user.put("displayName", userId);
        user.put("userId", userId);
        user.put("role", "employee");
        user.put("department", department);
        detail.putObject("conversation").put("platform", "slack").put("channel", "D0123456");
        return Json.bytes(event);
    }
}
