package io.itops.chat;

import io.itops.shared.error.ApiException;
import io.itops.shared.store.Attributes;
import io.itops.shared.store.CursorCodec;
import io.itops.shared.store.Page;
import io.itops.shared.store.PagedQuery;
import io.itops.shared.store.SingleTable;
import io.itops.shared.store.TransactionWrites;
import io.itops.shared.store.TransactionWrites.Condition;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * DynamoDB access for the chat bot. The inbound claim is the one write a webhook makes: a conditional
 * put keyed by the platform's event id (a retry finds it and does nothing) that also records where
 * the reply goes. AWS exceptions stop here, translated into domain errors.
 */
final class ChatStore {
    /** Platforms retry for hours (Feishu up to 6 h); a claim outlives every retry. */
    static final Duration CLAIM_RETENTION = Duration.ofDays(1);
    private final SingleTable table;
    private final CursorCodec cursors;
    private final Clock clock;

    ChatStore(SingleTable table, CursorCodec cursors, Clock clock) {
        this.table = table;
        this.cursors = cursors;
        this.clock = clock;
    }

    /** The link of a chat account, or empty when it has none or it has expired. */
    Optional<ChatLink> identity(Inbound.Sender sender) {
        return anyIdentity(sender).filter(l -> l.validAt(clock.instant()));
    }

    /**
     * Claims a platform event: true when this is its first delivery. With {@code code}, the one-time
     * link code is written in the same transaction, so a retry never issues a second code.
     */
    boolean claim(Inbound.Message message, String commandId, LinkCode code) {
        Instant now = clock.instant();
        InboundClaim claim = new InboundClaim(message.platform(), message.eventId(), message.sender().userId(), commandId,
                message.replyTo(), now, now.plus(CLAIM_RETENTION));
        Condition fresh = Condition.of("attribute_not_exists(PK) OR expiresAt < :now", Map.of(),
                Attributes.values(":now", now.getEpochSecond()));
        if (code == null) {
            try {
                table.of(InboundClaim.SCHEMA).putItem(r -> r.item(claim).conditionExpression(fresh.asExpression()));
                return true;
            } catch (ConditionalCheckFailedException duplicate) {
                return false;
            }
        }
        try {
            table.transaction()
                    .put(InboundClaim.SCHEMA, claim, fresh, Duplicate::new)
                    .put(LinkCode.SCHEMA, code, fresh, () -> new ApiException.Conflict("LINK_CODE_CLASH",
                            "A link code collided; retry", Map.of(), Duration.ofSeconds(1)))
                    .execute();
            return true;
        } catch (Duplicate duplicate) {
            return false;
        }
    }

    /** Where to answer an inbound message, while its claim lives. */
    Optional<ReplyTarget> conversation(String ref) {
        return table.get(InboundClaim.SCHEMA, InboundClaim.key(ref)).map(InboundClaim::target);
    }

    Optional<LinkCode> code(String code) {
        return table.get(LinkCode.SCHEMA, LinkCode.key(code)).filter(c -> c.expiresAt().isAfter(clock.instant()));
    }

    /**
     * Uses the code and links its chat account to {@code link}'s user, replacing the account's previous
     * link if it had one. The code's deletion is conditional, so two confirmations of one code link once.
     */
    void link(LinkCode code, ChatLink link, ChatLink previous) {
        long now = clock.instant().getEpochSecond();
        TransactionWrites tx = table.transaction()
                .delete(LinkCode.key(code.code()),
                        Condition.of("attribute_exists(PK) AND expiresAt > :now", Map.of(), Attributes.values(":now", now)),
                        ChatStore::codeInvalid)
                .put(ChatLink.LINK, link, Condition.notExists(),
                        () -> new ApiException.Conflict("CHAT_LINK_EXISTS", "Link id already used"));
        Condition identity = previous == null
                ? Condition.notExists()
                : Condition.of("attribute_not_exists(PK) OR linkId = :previous", Map.of(), Attributes.values(":previous", previous.linkId()));
        tx.put(ChatLink.IDENTITY, link, identity, ChatStore::concurrentLink);
        if (previous != null) {
            tx.delete(ChatLink.linkKey(previous.linkId()));
        }
        tx.execute();
    }

    /** The stored link of a chat account, expired or not (linking replaces it). */
    Optional<ChatLink> anyIdentity(Inbound.Sender sender) {
        return table.get(ChatLink.IDENTITY, ChatLink.identityKey(sender.key()));
    }

    Optional<ChatLink> link(String linkId) {
        return table.get(ChatLink.LINK, ChatLink.linkKey(linkId));
    }

    /** Removes a link, and the identity when it still points at this link. */
    void unlink(ChatLink link) {
        TransactionWrites tx = table.transaction()
                .delete(ChatLink.linkKey(link.linkId()), Condition.of("attribute_exists(PK)"),
                        () -> new ApiException.NotFound("chat link", link.linkId()));
        Map<String, AttributeValue> identity = ChatLink.identityKey(link.accountKey());
        if (table.get(ChatLink.IDENTITY, identity).filter(i -> link.linkId().equals(i.linkId())).isPresent()) {
            tx.delete(identity, Condition.of("linkId = :linkId", Map.of(), Attributes.values(":linkId", link.linkId())),
                    ChatStore::concurrentLink);
        }
        tx.execute();
    }

    Page<ChatLink> linksOf(String userId, int limit, String cursor) {
        QueryRequest query = QueryRequest.builder().tableName(table.name()).indexName("GSI1")
                .keyConditionExpression("GSI1PK = :pk AND begins_with(GSI1SK, :prefix)")
                .expressionAttributeValues(Attributes.values(":pk", "CHATUSER#" + userId, ":prefix", "CHATLINK#"))
                .build();
        return PagedQuery.run(table.dynamo(), cursors, "chat-links|user|" + userId, cursor, limit, query, ChatLink.LINK::mapToItem);
    }

    Page<ChatLink> links(ChatPlatform platform, int limit, String cursor) {
        QueryRequest.Builder query = QueryRequest.builder().tableName(table.name()).indexName("GSI2")
                .keyConditionExpression("GSI2PK = :pk");
        Map<String, AttributeValue> values = Attributes.values(":pk", "CHATLINKS");
        if (platform != null) {
            query.filterExpression("platform = :platform");
            values.put(":platform", Attributes.s(platform.toString()));
        }
        query.expressionAttributeValues(values);
        return PagedQuery.run(table.dynamo(), cursors, "chat-links|all|" + platform, cursor, limit, query.build(), ChatLink.LINK::mapToItem);
    }

    static ApiException codeInvalid() {
        return new ApiException.Unprocessable("LINK_CODE_INVALID",
                "The code is unknown, used or expired; send \"link\" to the bot for a new one", Map.of("field", "code"));
    }

    private static ApiException concurrentLink() {
        return new ApiException.Conflict("CHAT_LINK_CHANGED", "The chat account's link changed meanwhile; retry",
                Map.of(), Duration.ofSeconds(1));
    }

    /** The claim already exists: this delivery is a retry. */
    private static final class Duplicate extends RuntimeException {
        Duplicate() {
            super(null, null, false, false);
        }
    }
}
