package io.itops.chat;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;

import io.itops.shared.store.Attributes;
import io.itops.shared.store.EpochSeconds;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The claim of one platform event, {@code CHATIN#<platform>#<eventId>}: the one write a webhook makes
 * (a retry finds it and does nothing), and, while it lives, where the answer to the message goes.
 */
record InboundClaim(ChatPlatform platform, String eventId, String chatUserId, String commandId, ReplyTarget target,
                    Instant receivedAt, Instant expiresAt) {
    private static final String PREFIX = "CHATIN#";
    private static final String SK = "CHATIN";

    static final TableSchema<InboundClaim> SCHEMA = StaticImmutableTableSchema.builder(InboundClaim.class, Builder.class)
            .newItemBuilder(Builder::new, Builder::build)
            .addAttribute(String.class, a -> a.name("PK").getter(c -> PREFIX + ref(c.platform(), c.eventId()))
                    .setter((b, v) -> {}).tags(primaryPartitionKey()))
            .addAttribute(String.class, a -> a.name("SK").getter(c -> SK).setter((b, v) -> {}).tags(primarySortKey()))
            .addAttribute(String.class, a -> a.name("type").getter(c -> "ChatInbound").setter((b, v) -> {}))
            .addAttribute(ChatPlatform.class, a -> a.name("platform").getter(InboundClaim::platform).setter(Builder::platform))
            .addAttribute(String.class, a -> a.name("eventId").getter(InboundClaim::eventId).setter(Builder::eventId))
            .addAttribute(String.class, a -> a.name("chatUserId").getter(InboundClaim::chatUserId).setter(Builder::chatUserId))
            .addAttribute(String.class, a -> a.name("commandId").getter(InboundClaim::commandId).setter(Builder::commandId))
            .addAttribute(EnhancedType.documentOf(ReplyTarget.class, ReplyTarget.SCHEMA, d -> d.ignoreNulls(true)),
                    a -> a.name("target").getter(InboundClaim::target).setter(Builder::target))
            .addAttribute(Instant.class, a -> a.name("receivedAt").getter(InboundClaim::receivedAt).setter(Builder::receivedAt)
                    .attributeConverter(EpochSeconds.CONVERTER))
            .addAttribute(Instant.class, a -> a.name("expiresAt").getter(InboundClaim::expiresAt).setter(Builder::expiresAt)
                    .attributeConverter(EpochSeconds.CONVERTER))
            .build();

    /** How the table and the bus name the conversation of a platform event. */
    static String ref(ChatPlatform platform, String eventId) {
        return platform + "#" + eventId;
    }

    static Map<String, AttributeValue> key(String ref) {
        return Attributes.key(PREFIX + ref, SK);
    }

    static final class Builder {
        private ChatPlatform platform;
        private String eventId;
        private String chatUserId;
        private String commandId;
        private ReplyTarget target;
        private Instant receivedAt;
        private Instant expiresAt;

        Builder platform(ChatPlatform v) { platform = v; return this; }
        Builder eventId(String v) { eventId = v; return this; }
        Builder chatUserId(String v) { chatUserId = v; return this; }
        Builder commandId(String v) { commandId = v; return this; }
        Builder target(ReplyTarget v) { target = v; return this; }
        Builder receivedAt(Instant v) { receivedAt = v; return this; }
        Builder expiresAt(Instant v) { expiresAt = v; return this; }

        InboundClaim build() {
            return new InboundClaim(platform, eventId, chatUserId, commandId, target, receivedAt, expiresAt);
        }
    }
}
