package io.itops.training;

/** A place in a session's waitlist: the lowest {@code position} still listed is first in line. */
record WaitlistEntry(String sessionId, long position, String userId) {

    static final class Builder {
        private String sessionId;
        private long position;
        private String userId;

        Builder sessionId(String v) { sessionId = v; return this; }
        Builder position(long v) { position = v; return this; }
        Builder userId(String v) { userId = v; return this; }

        WaitlistEntry build() {
            return new WaitlistEntry(sessionId, position, userId);
        }
    }
}
