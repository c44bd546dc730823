package io.itops.chat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;

/**
 * App access tokens (Feishu tenant token, DingTalk access token) kept until five minutes before
 * they expire, per app, so a warm container asks for one about every two hours.
 */
final class TokenCache {
    private static final Duration MARGIN = Duration.ofMinutes(5);

    /** A token and how long the platform said it lives. */
    record Token(String value, Duration lifetime) {}

    private record Held(String value, Instant renewAt) {}

    private final Clock clock;
    private final ConcurrentMap<String, Held> tokens = new ConcurrentHashMap<>();

    TokenCache(Clock clock) {
        this.clock = clock;
    }

    String get(String app, Function<String, Token> fetch) {
        Held held = tokens.get(app);
        Instant now = clock.instant();
        if (held != null && held.renewAt().isAfter(now)) {
            return held.value();
        }
        Token token = fetch.apply(app);
        tokens.put(app, new Held(token.value(), now.plus(token.lifetime()).minus(MARGIN)));
        return token.value();
    }

    void invalidate(String app) {
        tokens.remove(app);
    }
}
