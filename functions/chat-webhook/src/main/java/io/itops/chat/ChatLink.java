package io.itops.chat;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondarySortKey;

import io.itops.shared.store.Attributes;
import io.itops.shared.store.EpochSeconds;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A chat account linked to a directory user: who the bot acts for when that account writes, with the
 * role and department the user had when they confirmed the link (links expire, so roles are renewed).
 */
record ChatLink(String linkId, String platform, String tenant, String chatUserId, String displayName, String userId,
                String role, String department, String language, Instant createdAt, Instant validUntil) {
    private static final String LINK_PREFIX = "CHATLINK#";
    private static final String IDENTITY_PREFIX = "CHATID#";

    /** {@code CHATLINK#<linkId>}: a user's links on GSI1, all links in ULID order on GSI2. */
    static final TableSchema<ChatLink> LINK = schema("ChatLink", l -> LINK_PREFIX + l.linkId(), "CHATLINK")
            .addAttribute(String.class, a -> a.name("GSI1PK").getter(l -> "CHATUSER#" + l.userId()).setter((b, v) -> {})
                    .tags(secondaryPartitionKey("GSI1")))
            .addAttribute(String.class, a -> a.name("GSI1SK").getter(l -> LINK_PREFIX + l.linkId()).setter((b, v) -> {})
                    .tags(secondarySortKey("GSI1")))
            .addAttribute(String.class, a -> a.name("GSI2PK").getter(l -> "CHATLINKS").setter((b, v) -> {})
                    .tags(secondaryPartitionKey("GSI2")))
            .addAttribute(String.class, a -> a.name("GSI2SK").getter(ChatLink::linkId).setter((b, v) -> {})
                    .tags(secondarySortKey("GSI2")))
            .build();

    /** {@code CHATID#<platform>#<tenant>#<chatUserId>}: carries the whole link, so a message costs one read. */
    static final TableSchema<ChatLink> IDENTITY = schema("ChatIdentity", l -> IDENTITY_PREFIX + l.accountKey(), "CHATID").build();

    private static StaticImmutableTableSchema.Builder<ChatLink, Builder> schema(String type, Function<ChatLink, String> pk, String sk) {
        return StaticImmutableTableSchema.builder(ChatLink.class, Builder.class)
                .newItemBuilder(Builder::new, Builder::build)
                .addAttribute(String.class, a -> a.name("PK").getter(pk).setter((b, v) -> {}).tags(primaryPartitionKey()))
                .addAttribute(String.class, a -> a.name("SK").getter(l -> sk).setter((b, v) -> {}).tags(primarySortKey()))
                .addAttribute(String.class, a -> a.name("type").getter(l -> type).setter((b, v) -> {}))
                .addAttribute(String.class, a -> a.name("linkId").getter(ChatLink::linkId).setter(Builder::linkId))
                .addAttribute(String.class, a -> a.name("platform").getter(ChatLink::platform).setter(Builder::platform))
                .addAttribute(String.class, a -> a.name("tenant").getter(ChatLink::tenant).setter(Builder::tenant))
                .addAttribute(String.class, a -> a.name("chatUserId").getter(ChatLink::chatUserId).setter(Builder::chatUserId))
                .addAttribute(String.class, a -> a.name("displayName").getter(ChatLink::displayName).setter(Builder::displayName))
                .addAttribute(String.class, a -> a.name("userId").getter(ChatLink::userId).setter(Builder::userId))
                .addAttribute(String.class, a -> a.name("role").getter(ChatLink::role).setter(Builder::role))
                .addAttribute(String.class, a -> a.name("department").getter(ChatLink::department).setter(Builder::department))
                .addAttribute(String.class, a -> a.name("language").getter(ChatLink::language).setter(Builder::language))
                .addAttribute(Instant.class, a -> a.name("createdAt").getter(ChatLink::createdAt).setter(Builder::createdAt))
                .addAttribute(Instant.class, a -> a.name("validUntil").getter(ChatLink::validUntil).setter(Builder::validUntil))
                // TTL attribute named in template.yaml; reads also check validUntil since TTL deletes late
                .addAttribute(Instant.class, a -> a.name("expiresAt").getter(ChatLink::validUntil).setter((b, v) -> {})
                        .attributeConverter(EpochSeconds.CONVERTER));
    }

    static Builder builder() {
        return new Builder();
    }

    static Map<String, AttributeValue> linkKey(String linkId) {
        return Attributes.key(LINK_PREFIX + linkId, "CHATLINK");
    }

    /** The identity item of a chat account ({@link Inbound.Sender#key()}). */
    static Map<String, AttributeValue> identityKey(String accountKey) {
        return Attributes.key(IDENTITY_PREFIX + accountKey, "CHATID");
    }

    boolean validAt(Instant now) {
        return validUntil.isAfter(now);
    }

    /** The linked chat account, named as {@link Inbound.Sender#key()} names it. */
    String accountKey() {
        return platform + "#" + (tenant == null ? "" : tenant) + "#" + chatUserId;
    }

    static final class Builder {
        private String linkId;
        private String platform;
        private String tenant;
        private String chatUserId;
        private String displayName;
        private String userId;
        private String role;
        private String department;
        private String language;
        private Instant createdAt;
        private Instant validUntil;

        Builder linkId(String v) { linkId = v; return this; }
        Builder platform(String v) { platform = v; return this; }
        Builder tenant(String v) { tenant = v; return this; }
        Builder chatUserId(String v) { chatUserId = v; return this; }
        Builder displayName(String v) { displayName = v; return this; }
        Builder userId(String v) { userId = v; return this; }
        Builder role(String v) { role = v; return this; }
        Builder department(String v) { department = v; return this; }
        Builder language(String v) { language = v; return this; }
        Builder createdAt(Instant v) { createdAt = v; return this; }
        Builder validUntil(Instant v) { validUntil = v; return this; }

        /** The chat account of {@code sender}. */
        Builder account(Inbound.Sender sender) {
            return platform(sender.platform().toString()).tenant(sender.tenant()).chatUserId(sender.userId())
                    .displayName(sender.displayName());
        }

        ChatLink build() {
            return new ChatLink(linkId, platform, tenant, chatUserId, displayName, userId, role, department, language,
                    createdAt, validUntil);
        }
    }
}
