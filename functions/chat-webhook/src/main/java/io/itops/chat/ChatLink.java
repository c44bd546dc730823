package io.itops.chat;

import java.time.Instant;

/**
 * A chat account linked to a directory user: who the bot acts for when that account writes, with the
 * role and department the user had when they confirmed the link (links expire, so roles are renewed).
 */
record ChatLink(String linkId, String platform, String tenant, String chatUserId, String displayName, String userId,
                String role, String department, String language, Instant createdAt, Instant validUntil) {

    boolean validAt(Instant now) {
        return validUntil.isAfter(now);
    }

    static ChatLink of(io.itops.shared.store.Item item) {
        return ChatItems.link(item);
    }

    String identityKey() {
        return platform + "#" + (tenant == null ? "" : tenant) + "#" + chatUserId;
    }
}
