package io.itops.chat;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;

import io.itops.shared.store.Attributes;
import io.itops.shared.store.EpochSeconds;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A one-time code a chat account was given by {@code link}; a signed-in user confirms it to link the two.
 * Stored as {@code CHATCODE#<code>} until {@code expiresAt} (TTL), the sender's fields flattened.
 */
record LinkCode(String code, Inbound.Sender sender, String language, String conversationRef, String commandId,
                Instant expiresAt) {
    /** Crockford base32 without I, L, O, U: easy to read out and type. */
    static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    static final int LENGTH = 8;
    private static final String PREFIX = "CHATCODE#";
    private static final String SK = "CHATCODE";

    static final TableSchema<LinkCode> SCHEMA = StaticImmutableTableSchema.builder(LinkCode.class, Builder.class)
            .newItemBuilder(Builder::new, Builder::build)
            // the code is stored only in the key
            .addAttribute(String.class, a -> a.name("PK").getter(c -> PREFIX + c.code())
                    .setter((b, pk) -> b.code(pk.substring(PREFIX.length()))).tags(primaryPartitionKey()))
            .addAttribute(String.class, a -> a.name("SK").getter(c -> SK).setter((b, v) -> {}).tags(primarySortKey()))
            .addAttribute(String.class, a -> a.name("type").getter(c -> "ChatLinkCode").setter((b, v) -> {}))
            .addAttribute(ChatPlatform.class, a -> a.name("platform").getter(c -> c.sender().platform()).setter(Builder::platform))
            .addAttribute(String.class, a -> a.name("tenant").getter(c -> c.sender().tenant()).setter(Builder::tenant))
            .addAttribute(String.class, a -> a.name("chatUserId").getter(c -> c.sender().userId()).setter(Builder::chatUserId))
            .addAttribute(String.class, a -> a.name("displayName").getter(c -> c.sender().displayName()).setter(Builder::displayName))
            .addAttribute(String.class, a -> a.name("language").getter(LinkCode::language).setter(Builder::language))
            .addAttribute(String.class, a -> a.name("conversationRef").getter(LinkCode::conversationRef).setter(Builder::conversationRef))
            .addAttribute(String.class, a -> a.name("commandId").getter(LinkCode::commandId).setter(Builder::commandId))
            .addAttribute(Instant.class, a -> a.name("expiresAt").getter(LinkCode::expiresAt).setter(Builder::expiresAt)
                    .attributeConverter(EpochSeconds.CONVERTER))
            .build();

    static Map<String, AttributeValue> key(String code) {
        return Attributes.key(PREFIX + code, SK);
    }

    /** As shown to people: two groups of four. */
    String display() {
        return code.substring(0, 4) + "-" + code.substring(4);
    }

    /** Accepts the code as typed (case, hyphen and spaces ignored); null when it cannot be a code. */
    static String normalise(String typed) {
        if (typed == null) {
            return null;
        }
        String code = typed.replace("-", "").replace(" ", "").toUpperCase(java.util.Locale.ROOT);
        if (code.length() != LENGTH) {
            return null;
        }
        for (int i = 0; i < code.length(); i++) {
            if (ALPHABET.indexOf(code.charAt(i)) < 0) {
                return null;
            }
        }
        return code;
    }

    static String generate(java.security.SecureRandom random) {
        StringBuilder out = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            out.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return out.toString();
    }

    static final class Builder {
        private String code;
        private ChatPlatform platform;
        private String tenant;
        private String chatUserId;
        private String displayName;
        private String language;
        private String conversationRef;
        private String commandId;
        private Instant expiresAt;

        Builder code(String v) { code = v; return this; }
        Builder platform(ChatPlatform v) { platform = v; return this; }
        Builder tenant(String v) { tenant = v; return this; }
        Builder chatUserId(String v) { chatUserId = v; return this; }
        Builder displayName(String v) { displayName = v; return this; }
        Builder language(String v) { language = v; return this; }
        Builder conversationRef(String v) { conversationRef = v; return this; }
        Builder commandId(String v) { commandId = v; return this; }
        Builder expiresAt(Instant v) { expiresAt = v; return this; }

        LinkCode build() {
            return new LinkCode(code, new Inbound.Sender(platform, tenant, chatUserId, displayName), language, conversationRef,
                    commandId, expiresAt);
        }
    }
}
