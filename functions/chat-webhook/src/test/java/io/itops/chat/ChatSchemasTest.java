package io.itops.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.itops.shared.store.SingleTable;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Each chat item's schema is its one codec: a record survives the trip to an item and back, absent
 * optional fields included, and items in the layout of docs/table/chat-webhook.md, as the earlier
 * hand-written codec wrote them, read into the same records (and are written exactly so again).
 */
class ChatSchemasTest {
    private static final Instant RECEIVED = Instant.parse("2026-11-28T09:00:00Z");
    private static final Instant CREATED = Instant.parse("2026-11-28T09:00:00.123456Z");
    private static final Instant VALID_UNTIL = Instant.parse("2027-05-27T09:00:00.123456Z");

    private static <T> T roundTrip(TableSchema<T> schema, T record) {
        return schema.mapToItem(SingleTable.item(schema, record));
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    private static InboundClaim claim(ReplyTarget target) {
        return new InboundClaim(ChatPlatform.SLACK, "Ev0001", "U0001", "01JDZZ0000000000000000CMD1", target,
                RECEIVED, RECEIVED.plus(ChatStore.CLAIM_RETENTION));
    }

    private static LinkCode code(String tenant, String displayName) {
        return new LinkCode("7KQ2MX9D", new Inbound.Sender(ChatPlatform.DINGTALK, tenant, "staff-1", displayName), "zh",
                "dingtalk#msg1", "01JDZZ0000000000000000CMD2", RECEIVED.plusSeconds(600));
    }

    private static ChatLink link(String tenant, String displayName, String department) {
        return ChatLink.builder().linkId("01JDZZ0000000000000000LNK1").platform("slack").tenant(tenant).chatUserId("U0001")
                .displayName(displayName).userId("emma").role("employee").department(department).language("en")
                .createdAt(CREATED).validUntil(VALID_UNTIL).build();
    }

    @Test
    void anInboundClaimRoundTrips_withEveryKindOfTarget_andWithout() {
        for (ReplyTarget target : new ReplyTarget[] {
                ReplyTarget.url(ReplyTarget.SLACK_RESPONSE_URL, "https://hooks.slack.com/commands/T1/1/x"),
                ReplyTarget.channel(ReplyTarget.SLACK_CHANNEL, "C1", "1700000000.000100"),
                ReplyTarget.channel(ReplyTarget.DINGTALK_USER, "staff-1", null),
                ReplyTarget.feishuReply("om_1"),
                new ReplyTarget("custom", "https://x.test", "c", "t", "m"),
                null}) {
            assertEquals(claim(target), roundTrip(InboundClaim.SCHEMA, claim(target)));
        }
    }

    @Test
    void aLinkCodeRoundTrips_withAndWithoutTenantAndDisplayName() {
        assertEquals(code("ding-corp", "王芳"), roundTrip(LinkCode.SCHEMA, code("ding-corp", "王芳")));
        assertEquals(code(null, null), roundTrip(LinkCode.SCHEMA, code(null, null)));
    }

    @Test
    void aLinkRoundTripsAsBothItsItems_withAndWithoutOptionalFields() {
        for (TableSchema<ChatLink> schema : List.of(ChatLink.LINK, ChatLink.IDENTITY)) {
            assertEquals(link("T0001", "emma", "Finance"), roundTrip(schema, link("T0001", "emma", "Finance")));
            assertEquals(link(null, null, null), roundTrip(schema, link(null, null, null)));
        }
    }

    @Test
    void anInboundClaimInTheEarlierFormat_readsTheSame_andIsWrittenTheSame() {
        Map<String, AttributeValue> old = new HashMap<>(Map.of(
                "PK", s("CHATIN#slack#Ev0001"), "SK", s("CHATIN"), "type", s("ChatInbound"),
                "platform", s("slack"), "eventId", s("Ev0001"), "chatUserId", s("U0001"),
                "commandId", s("01JDZZ0000000000000000CMD1"),
                "target", AttributeValue.fromM(Map.of("kind", s("slack-channel"), "channel", s("C1"), "threadTs", s("1700000000.000100"))),
                "receivedAt", n(RECEIVED.getEpochSecond()),
                "expiresAt", n(RECEIVED.getEpochSecond() + 86_400)));
        InboundClaim expected = claim(ReplyTarget.channel(ReplyTarget.SLACK_CHANNEL, "C1", "1700000000.000100"));

        assertEquals(expected, InboundClaim.SCHEMA.mapToItem(old));
        assertEquals(old, SingleTable.item(InboundClaim.SCHEMA, expected));
        assertEquals(InboundClaim.key("slack#Ev0001"), Map.of("PK", old.get("PK"), "SK", old.get("SK")));
    }

    @Test
    void aClaimWrittenWithoutATarget_readsWithNone() {
        Map<String, AttributeValue> old = Map.of("PK", s("CHATIN#feishu#ev1"), "SK", s("CHATIN"), "type", s("ChatInbound"),
                "platform", s("feishu"), "eventId", s("ev1"), "chatUserId", s("ou_1"), "commandId", s("c"),
                "receivedAt", n(1), "expiresAt", n(2));
        InboundClaim claim = InboundClaim.SCHEMA.mapToItem(old);
        assertNull(claim.target());
        assertEquals(ChatPlatform.FEISHU, claim.platform());
        assertEquals(old, SingleTable.item(InboundClaim.SCHEMA, claim));
    }

    @Test
    void aLinkCodeInTheEarlierFormat_readsTheSame_andIsWrittenTheSame() {
        Map<String, AttributeValue> old = Map.ofEntries(
                Map.entry("PK", s("CHATCODE#7KQ2MX9D")), Map.entry("SK", s("CHATCODE")), Map.entry("type", s("ChatLinkCode")),
                Map.entry("platform", s("dingtalk")), Map.entry("tenant", s("ding-corp")), Map.entry("chatUserId", s("staff-1")),
                Map.entry("displayName", s("王芳")), Map.entry("language", s("zh")), Map.entry("conversationRef", s("dingtalk#msg1")),
                Map.entry("commandId", s("01JDZZ0000000000000000CMD2")), Map.entry("expiresAt", n(RECEIVED.getEpochSecond() + 600)));

        assertEquals(code("ding-corp", "王芳"), LinkCode.SCHEMA.mapToItem(old));
        assertEquals(old, SingleTable.item(LinkCode.SCHEMA, code("ding-corp", "王芳")));
        assertEquals(LinkCode.key("7KQ2MX9D"), Map.of("PK", old.get("PK"), "SK", old.get("SK")));
    }

    @Test
    void aLinkAndItsIdentityInTheEarlierFormat_readTheSame_andAreWrittenTheSame() {
        Map<String, AttributeValue> attributes = Map.ofEntries(
                Map.entry("linkId", s("01JDZZ0000000000000000LNK1")), Map.entry("platform", s("slack")),
                Map.entry("tenant", s("T0001")), Map.entry("chatUserId", s("U0001")), Map.entry("displayName", s("emma")),
                Map.entry("userId", s("emma")), Map.entry("role", s("employee")), Map.entry("department", s("Finance")),
                Map.entry("language", s("en")),
                Map.entry("createdAt", s("2026-11-28T09:00:00.123456Z")), Map.entry("validUntil", s("2027-05-27T09:00:00.123456Z")),
                Map.entry("expiresAt", n(VALID_UNTIL.getEpochSecond())));
        Map<String, AttributeValue> oldLink = new HashMap<>(attributes);
        oldLink.putAll(Map.of("PK", s("CHATLINK#01JDZZ0000000000000000LNK1"), "SK", s("CHATLINK"), "type", s("ChatLink"),
                "GSI1PK", s("CHATUSER#emma"), "GSI1SK", s("CHATLINK#01JDZZ0000000000000000LNK1"),
                "GSI2PK", s("CHATLINKS"), "GSI2SK", s("01JDZZ0000000000000000LNK1")));
        Map<String, AttributeValue> oldIdentity = new HashMap<>(attributes);
        oldIdentity.putAll(Map.of("PK", s("CHATID#slack#T0001#U0001"), "SK", s("CHATID"), "type", s("ChatIdentity")));
        ChatLink expected = link("T0001", "emma", "Finance");

        assertEquals(expected, ChatLink.LINK.mapToItem(oldLink));
        assertEquals(expected, ChatLink.IDENTITY.mapToItem(oldIdentity));
        assertEquals(oldLink, SingleTable.item(ChatLink.LINK, expected));
        assertEquals(oldIdentity, SingleTable.item(ChatLink.IDENTITY, expected));
        assertEquals(ChatLink.linkKey(expected.linkId()), Map.of("PK", oldLink.get("PK"), "SK", oldLink.get("SK")));
        assertEquals(ChatLink.identityKey(new Inbound.Sender(ChatPlatform.SLACK, "T0001", "U0001", null).key()),
                Map.of("PK", oldIdentity.get("PK"), "SK", oldIdentity.get("SK")));
    }

    @Test
    void anIdentityWithoutTenant_keepsTheEmptyTenantInItsKey() {
        ChatLink link = link(null, null, null);
        assertEquals(s("CHATID#slack##U0001"), SingleTable.item(ChatLink.IDENTITY, link).get("PK"));
        assertEquals(ChatLink.identityKey(link.accountKey()).get("PK"), SingleTable.item(ChatLink.IDENTITY, link).get("PK"));
    }
}
