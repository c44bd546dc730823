package io.itops.chat;

import io.itops.shared.store.Item;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * How the chat records sit in the one table (access patterns in docs/table/chat-webhook.md):
 * inbound claims {@code CHATIN#platform#eventId} (dedupe + where to reply, TTL), one-time codes
 * {@code CHATCODE#code} (TTL), identities {@code CHATID#platform#tenant#chatUser} read on every
 * message, and links {@code CHATLINK#linkId}, indexed by user on GSI1 and all together on GSI2.
 */
final class ChatItems {
    private ChatItems() {}

    static Map<String, AttributeValue> inboundKey(String ref) {
        return Map.of("PK", Item.s("CHATIN#" + ref), "SK", Item.s("CHATIN"));
    }

    static Map<String, AttributeValue> codeKey(String code) {
        return Map.of("PK", Item.s("CHATCODE#" + code), "SK", Item.s("CHATCODE"));
    }

    static Map<String, AttributeValue> identityKey(String identityKey) {
        return Map.of("PK", Item.s("CHATID#" + identityKey), "SK", Item.s("CHATID"));
    }

    static Map<String, AttributeValue> linkKey(String linkId) {
        return Map.of("PK", Item.s("CHATLINK#" + linkId), "SK", Item.s("CHATLINK"));
    }

    static Item inbound(String ref, Inbound.Message message, String commandId, long receivedAt, long expiresAt) {
        return Item.of(new HashMap<>(inboundKey(ref)))
                .put("type", "ChatInbound")
                .put("platform", message.platform().toString())
                .put("eventId", message.eventId())
                .put("chatUserId", message.sender().userId())
                .put("commandId", commandId)
                .putItem("target", target(message.replyTo()))
                .put("receivedAt", receivedAt)
                .put("expiresAt", expiresAt);
    }

    static ReplyTarget target(Item inbound) {
        Item target = inbound.item("target");
        return target == null ? null : new ReplyTarget(target.string("kind"), target.string("url"), target.string("channel"),
                target.string("threadTs"), target.string("messageId"));
    }

    private static Item target(ReplyTarget target) {
        return Item.create()
                .put("kind", target.kind())
                .put("url", target.url())
                .put("channel", target.channel())
                .put("threadTs", target.threadTs())
                .put("messageId", target.messageId());
    }

    static Item code(LinkCode code) {
        return Item.of(new HashMap<>(codeKey(code.code())))
                .put("type", "ChatLinkCode")
                .put("platform", code.sender().platform().toString())
                .put("tenant", code.sender().tenant())
                .put("chatUserId", code.sender().userId())
                .put("displayName", code.sender().displayName())
                .put("language", code.language())
                .put("conversationRef", code.conversationRef())
                .put("commandId", code.commandId())
                .put("expiresAt", code.expiresAt().getEpochSecond());
    }

    static LinkCode code(String code, Item item) {
        return new LinkCode(code,
                new Inbound.Sender(ChatPlatform.parse(item.string("platform")), item.string("tenant"),
                        item.string("chatUserId"), item.string("displayName")),
                item.string("language"), item.string("conversationRef"), item.string("commandId"),
                java.time.Instant.ofEpochSecond(item.longValue("expiresAt")));
    }

    static Item link(ChatLink link) {
        return linkAttributes(Item.of(new HashMap<>(linkKey(link.linkId()))), link)
                .put("type", "ChatLink")
                .put("GSI1PK", "CHATUSER#" + link.userId())
                .put("GSI1SK", "CHATLINK#" + link.linkId())
                .put("GSI2PK", "CHATLINKS")
                .put("GSI2SK", link.linkId());
    }

    /** The identity item carries the whole link, so a message costs one read. */
    static Item identity(ChatLink link) {
        return linkAttributes(Item.of(new HashMap<>(identityKey(link.identityKey()))), link).put("type", "ChatIdentity");
    }

    private static Item linkAttributes(Item item, ChatLink link) {
        return item
                .put("linkId", link.linkId())
                .put("platform", link.platform())
                .put("tenant", link.tenant())
                .put("chatUserId", link.chatUserId())
                .put("displayName", link.displayName())
                .put("userId", link.userId())
                .put("role", link.role())
                .put("department", link.department())
                .put("language", link.language())
                .put("createdAt", link.createdAt())
                .put("validUntil", link.validUntil())
                // TTL attribute named in template.yaml; reads also check validUntil since TTL deletes late
                .put("expiresAt", link.validUntil().getEpochSecond());
    }

    static ChatLink link(Item item) {
        return new ChatLink(item.string("linkId"), item.string("platform"), item.string("tenant"), item.string("chatUserId"),
                item.string("displayName"), item.string("userId"), item.string("role"), item.string("department"),
                item.string("language"), item.instant("createdAt"), item.instant("validUntil"));
    }
}
