package io.itops.chat;

import io.itops.shared.error.ApiException;
import io.itops.shared.store.CursorCodec;
import io.itops.shared.store.Item;
import io.itops.shared.store.Page;
import io.itops.shared.store.PagedQuery;
import io.itops.shared.store.TransactionWrites;
import io.itops.shared.store.TransactionWrites.Condition;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
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
    private final DynamoDbClient dynamo;
    private final String table;
    private final CursorCodec cursors;
    private final Clock clock;

    ChatStore(DynamoDbClient dynamo, String table, CursorCodec cursors, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.cursors = cursors;
        this.clock = clock;
    }

    /** The link of a chat account, or empty when it has none or it has expired. */
    Optional<ChatLink> identity(Inbound.Sender sender) {
        return get(ChatItems.identityKey(sender.key())).map(ChatLink::of).filter(l -> l.validAt(clock.instant()));
    }

    /**
     * Claims a platform event: true when this is its first delivery. With {@code code}, the one-time
     * link code is written in the same transaction, so a retry never issues a second code.
     */
    boolean claim(String ref, Inbound.Message message, String commandId, LinkCode code) {
        long now = clock.instant().getEpochSecond();
        Item claim = ChatItems.inbound(ref, message, commandId, now, now + CLAIM_RETENTION.toSeconds());
        Condition fresh = Condition.of("attribute_not_exists(PK) OR expiresAt < :now", Map.of(), Item.values(":now", now));
        if (code == null) {
            try {
                dynamo.putItem(r -> r.tableName(table).item(claim.values())
                        .conditionExpression(fresh.expression()).expressionAttributeValues(fresh.values()));
                return true;
            } catch (ConditionalCheckFailedException duplicate) {
                return false;
            }
        }
        try {
            new TransactionWrites(table)
                    .put(claim, fresh, Duplicate::new)
                    .put(ChatItems.code(code), fresh, () -> new ApiException.Conflict("LINK_CODE_CLASH",
                            "A link code collided; retry", Map.of(), Duration.ofSeconds(1)))
                    .execute(dynamo);
            return true;
        } catch (Duplicate duplicate) {
            return false;
        }
    }

    /** Where to answer an inbound message, while its claim lives. */
    Optional<ReplyTarget> conversation(String ref) {
        return get(ChatItems.inboundKey(ref)).map(ChatItems::target);
    }

    Optional<LinkCode> code(String code) {
        return get(ChatItems.codeKey(code)).map(item -> ChatItems.code(code, item))
                .filter(c -> c.expiresAt().isAfter(clock.instant()));
    }

    /**
     * Uses the code and links its chat account to {@code link}'s user, replacing the account's previous
     * link if it had one. The code's deletion is conditional, so two confirmations of one code link once.
     */
    void link(LinkCode code, ChatLink link, ChatLink previous) {
        long now = clock.instant().getEpochSecond();
        TransactionWrites tx = new TransactionWrites(table)
                .delete(ChatItems.codeKey(code.code()),
                        Condition.of("attribute_exists(PK) AND expiresAt > :now", Map.of(), Item.values(":now", now)),
                        ChatStore::codeInvalid)
                .put(ChatItems.link(link), Condition.notExists(), () -> new ApiException.Conflict("CHAT_LINK_EXISTS", "Link id already used"));
        Condition identity = previous == null
                ? Condition.notExists()
                : Condition.of("attribute_not_exists(PK) OR linkId = :previous", Map.of(), Item.values(":previous", previous.linkId()));
        tx.put(ChatItems.identity(link), identity, ChatStore::concurrentLink);
        if (previous != null) {
            tx.delete(ChatItems.linkKey(previous.linkId()));
        }
        tx.execute(dynamo);
    }

    /** The stored link of a chat account, expired or not (linking replaces it). */
    Optional<ChatLink> anyIdentity(Inbound.Sender sender) {
        return get(ChatItems.identityKey(sender.key())).map(ChatLink::of);
    }

    Optional<ChatLink> link(String linkId) {
        return get(ChatItems.linkKey(linkId)).map(ChatLink::of);
    }

    /** Removes a link, and the identity when it still points at this link. */
    void unlink(ChatLink link) {
        TransactionWrites tx = new TransactionWrites(table)
                .delete(ChatItems.linkKey(link.linkId()), Condition.of("attribute_exists(PK)"),
                        () -> new ApiException.NotFound("chat link", link.linkId()));
        Optional<Item> identity = get(ChatItems.identityKey(link.identityKey()));
        if (identity.isPresent() && link.linkId().equals(identity.get().string("linkId"))) {
            tx.delete(ChatItems.identityKey(link.identityKey()),
                    Condition.of("linkId = :linkId", Map.of(), Item.values(":linkId", link.linkId())), ChatStore::concurrentLink);
        }
        tx.execute(dynamo);
    }

    Page<ChatLink> linksOf(String userId, int limit, String cursor) {
        QueryRequest query = QueryRequest.builder().tableName(table).indexName("GSI1")
                .keyConditionExpression("GSI1PK = :pk AND begins_with(GSI1SK, :prefix)")
                .expressionAttributeValues(Item.values(":pk", "CHATUSER#" + userId, ":prefix", "CHATLINK#"))
                .build();
        return PagedQuery.run(dynamo, cursors, "chat-links|user|" + userId, cursor, limit, query, ChatLink::of);
    }

    Page<ChatLink> links(ChatPlatform platform, int limit, String cursor) {
        QueryRequest.Builder query = QueryRequest.builder().tableName(table).indexName("GSI2")
                .keyConditionExpression("GSI2PK = :pk");
        Map<String, AttributeValue> values = Item.values(":pk", "CHATLINKS");
        if (platform != null) {
            query.filterExpression("platform = :platform");
            values.put(":platform", Item.s(platform.toString()));
        }
        query.expressionAttributeValues(values);
        return PagedQuery.run(dynamo, cursors, "chat-links|all|" + platform, cursor, limit, query.build(), ChatLink::of);
    }

    private Optional<Item> get(Map<String, AttributeValue> key) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).key(key).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(Item.of(item));
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
