package io.itops.chat;

/** Request bodies of the link routes. */
final class Requests {
    private Requests() {}

    /** {@code POST /me/chat-links}: the code the bot gave the chat account. */
    record LinkRequest(String code) {}
}
