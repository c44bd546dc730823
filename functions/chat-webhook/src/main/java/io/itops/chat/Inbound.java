package io.itops.chat;

import java.util.Map;

/** What a verified webhook request turned out to be. */
sealed interface Inbound {

    /** A platform checking the endpoint: answered at once with {@code body}, nothing else happens. */
    record Challenge(Map<String, String> body) implements Inbound {}

    /** Verified but not for us (bot messages, edits, other event types): acknowledged, nothing happens. */
    record Ignored(String reason) implements Inbound {}

    /**
     * A person wrote to the bot.
     *
     * @param eventId the platform's id of this delivery's event, the same on every retry
     * @param direct true for a private conversation (DM, slash command answered only to its sender)
     * @param replyTo where the answer goes; kept in the table, never put on the bus
     */
    record Message(String eventId, Sender sender, String text, boolean direct, ReplyTarget replyTo) implements Inbound {
        ChatPlatform platform() {
            return sender.platform();
        }
    }

    /** A chat account: platform, its workspace/tenant and the user id there. */
    record Sender(ChatPlatform platform, String tenant, String userId, String displayName) {
        String key() {
            return platform + "#" + (tenant == null ? "" : tenant) + "#" + userId;
        }
    }
}
