package io.itops.chat;

import java.time.Instant;

/** A one-time code a chat account was given by {@code link}; a signed-in user confirms it to link the two. */
record LinkCode(String code, Inbound.Sender sender, String language, String conversationRef, String commandId,
                Instant expiresAt) {
    /** Crockford base32 without I, L, O, U: easy to read out and type. */
    static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    static final int LENGTH = 8;

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
}
