package io.itops.asset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.itops.shared.chat.ChatCommand;
import io.itops.shared.json.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The register's chat commands (my-assets, asset, report-fault) arrive as ChatCommand bus events and
 * are answered with a ChatReply in the command's language, under the API's role rules.
 */
class AssetChatTest {
    private final AssetFixture fx = new AssetFixture();
    private String laptop;

    @BeforeEach
    void register() {
        laptop = fx.heldBy("CH-1", "li.lei");
        fx.heldBy("CH-2", "li.lei");
        fx.registered("CH-3");
        fx.events.clear();
    }

    @Test
    void myAssetsListsWhatTheEmployeeHolds_inTheirLanguage() {
        ChatCommand.ChatReply en = ask(command("my-assets", List.of(), "en", employee("li.lei")));
        ChatCommand.ChatReply zh = ask(command("my-assets", List.of(), "zh", employee("li.lei")));
        ChatCommand.ChatReply none = ask(command("my-assets", List.of(), "en", employee("han.mei")));

        assertTrue(en.text().startsWith("Equipment you hold:"), en.text());
        assertTrue(en.text().contains("CH-1") && en.text().contains("CH-2"), en.text());
        assertFalse(en.text().contains("CH-3"), "only what they hold");
        assertEquals("en", en.language());
        assertTrue(zh.text().startsWith("你名下的设备："), zh.text());
        assertTrue(zh.text().contains("CH-1"));
        assertEquals("zh", zh.language());
        assertEquals("You hold no registered equipment.", none.text());
    }

    @Test
    void assetShowsTheHoldersAssetToThem_andToStaff_butIsNotFoundForOthers() {
        ChatCommand.ChatReply holder = ask(command("asset", List.of("ch-1"), "en", employee("li.lei")));
        ChatCommand.ChatReply stranger = ask(command("asset", List.of("CH-1"), "en", employee("han.mei")));
        ChatCommand.ChatReply strangerZh = ask(command("asset", List.of("CH-1"), "zh", employee("han.mei")));
        ChatCommand.ChatReply staff = ask(command("asset", List.of("CH-3"), "en", user("sam.staff", "staff")));
        ChatCommand.ChatReply unknown = ask(command("asset", List.of("NOPE-1"), "en", user("sam.staff", "staff")));
        ChatCommand.ChatReply usage = ask(command("asset", List.of(), "en", employee("li.lei")));

        assertTrue(holder.text().startsWith("CH-1 ThinkPad X1 Carbon Gen 12 (accepted, HQ-3F)"), holder.text());
        assertTrue(holder.text().contains("Custodian: li.lei"), holder.text());
        assertTrue(holder.text().contains("Next maintenance: 2027-05-27"), holder.text());
        assertTrue(holder.text().contains("Warranty ends: 2029-01-14"), holder.text());
        assertEquals("No asset CH-1 found among the equipment you may see.", stranger.text(), "as if it did not exist");
        assertEquals("未找到你可查看的资产 CH-1。", strangerZh.text());
        assertTrue(staff.text().startsWith("CH-3 "), staff.text());
        assertTrue(unknown.text().startsWith("No asset NOPE-1"), unknown.text());
        assertTrue(usage.text().startsWith("Usage: asset TAG"), usage.text());
    }

    @Test
    void reportFaultRecordsAFaultOnTheHoldersAsset_andRefusesOthersAsNotFound() {
        ChatCommand.ChatReply reported = ask(command("report-fault", List.of("CH-1", "screen", "flickers", "after", "lunch"), "zh",
                employee("li.lei")));
        ChatCommand.ChatReply stranger = ask(command("report-fault", List.of("CH-1", "it", "is", "broken"), "en", employee("han.mei")));
        ChatCommand.ChatReply usage = ask(command("report-fault", List.of("CH-1"), "en", employee("li.lei")));

        List<Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue>> faults = fx.partition(laptop, "FAULT#");
        assertEquals(1, faults.size(), "one fault, from the holder");
        Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> fault = faults.getFirst();
        assertEquals("screen flickers after lunch", fault.get("summary").s());
        assertEquals("li.lei", fault.get("reportedBy").s());
        assertEquals("open", fault.get("status").s());
        assertTrue(reported.text().contains(fault.get("faultId").s()), reported.text());
        assertTrue(reported.text().startsWith("已为 CH-1 登记故障"), reported.text());
        assertEquals(1, fx.events.ofType("AssetFaultReported").size());
        assertEquals("No asset CH-1 found among the equipment you may see.", stranger.text());
        assertTrue(usage.text().startsWith("Usage: report-fault TAG"), usage.text());
        assertEquals(3, fx.partition(laptop, "HIST#").size(), "registration, acceptance, the one fault");
    }

    @Test
    void aLongDescriptionIsKeptWhole_andTheSummaryShortened() {
        List<String> words = new java.util.ArrayList<>(List.of("CH-1"));
        for (int i = 0; i < 60; i++) {
            words.add("word" + i);
        }
        ask(command("report-fault", words, "en", employee("li.lei")));

        Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> fault = fx.partition(laptop, "FAULT#").getFirst();
        assertEquals(AssetRules.MAX_TEXT, fault.get("summary").s().length());
        assertTrue(fault.get("description").s().endsWith("word59"));
    }

    @Test
    void anUnlinkedChatUserIsToldToLinkTheirAccount() {
        ChatCommand.ChatReply en = ask(command("my-assets", List.of(), "en", null));
        ChatCommand.ChatReply zh = ask(command("report-fault", List.of("CH-1", "broken"), "zh", unlinked()));

        assertTrue(en.text().contains("`link`"), en.text());
        assertTrue(zh.text().contains("绑定"), zh.text());
        assertEquals(0, fx.partition(laptop, "FAULT#").size(), "nothing reported");
    }

    @Test
    void theSameCommandDeliveredThreeTimesIsAnsweredOnce_andReportsOneFault() {
        ObjectNode event = AssetFixture.busEvent("itops.chat", ChatCommand.DETAIL_TYPE,
                command("report-fault", List.of("CH-1", "fan", "noise"), "en", employee("li.lei")));

        for (int i = 0; i < 3; i++) {
            JsonNode result = fx.invoker.invokeRaw(Json.bytes(event));
            assertEquals("ok", result.path("status").asText());
        }

        assertEquals(1, fx.partition(laptop, "FAULT#").size());
        assertEquals(1, fx.events.ofType(ChatCommand.REPLY_DETAIL_TYPE).size());
    }

    @Test
    void theReplyGoesBackToTheConversationItCameFrom() {
        Map<String, Object> detail = command("my-assets", List.of(), "en", employee("li.lei"));

        ChatCommand.ChatReply reply = ask(detail);

        assertEquals(detail.get("commandId"), reply.commandId());
        assertEquals(Json.mapper().valueToTree(detail.get("conversation")), reply.conversation());
    }

    @Test
    void aCommandOwnedByAnotherFunctionIsLeftAlone() {
        fx.deliver("itops.chat", ChatCommand.DETAIL_TYPE, command("courses", List.of(), "en", employee("li.lei")));

        assertEquals(0, fx.events.all().size());
    }

    private ChatCommand.ChatReply ask(Map<String, Object> command) {
        int before = fx.events.ofType(ChatCommand.REPLY_DETAIL_TYPE).size();
        JsonNode result = fx.deliver("itops.chat", ChatCommand.DETAIL_TYPE, command);
        assertEquals("ok", result.path("status").asText());
        var replies = fx.events.ofType(ChatCommand.REPLY_DETAIL_TYPE);
        assertEquals(before + 1, replies.size(), "one reply per command");
        return (ChatCommand.ChatReply) replies.getLast().detail();
    }

    static Map<String, Object> command(String name, List<String> args, String language, Map<String, Object> user) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("eventId", UUID.randomUUID().toString());
        detail.put("occurredAt", "2026-11-28T09:00:00Z");
        detail.put("commandId", UUID.randomUUID().toString());
        detail.put("command", name);
        detail.put("args", args);
        detail.put("text", (name + " " + String.join(" ", args)).trim());
        detail.put("language", language);
        detail.put("user", user);
        detail.put("conversation", Map.of("platform", "slack", "channel", "D024BE91L", "threadTs", "1732784400.000100"));
        return detail;
    }

    static Map<String, Object> employee(String userId) {
        return user(userId, "employee");
    }

    static Map<String, Object> user(String userId, String role) {
        Map<String, Object> user = new LinkedHashMap<>(unlinked());
        user.put("userId", userId);
        user.put("role", role);
        user.put("department", "Finance");
        return user;
    }

    static Map<String, Object> unlinked() {
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("platform", "slack");
        user.put("chatUserId", "U" + UUID.randomUUID().toString().substring(0, 8).toUpperCase());
        user.put("displayName", "Someone");
        return user;
    }
}
