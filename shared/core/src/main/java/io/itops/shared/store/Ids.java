package io.itops.shared.store;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Identifiers and sort keys. Ids are ULIDs (26 characters, Crockford base32): unique without
 * coordination and ordered by creation time, so "newest first" is a key order.
 */
public final class Ids {
    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static SecureRandom random = new SecureRandom(); // guarded by Ids.class; replaced by reseed()
    private static final DateTimeFormatter SORTABLE = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private static final long FORTY_BITS = 0xFF_FFFF_FFFFL;
    private static long lastMillis = -1;
    private static long high;
    private static long low;

    private Ids() {}

    public static String ulid(Clock clock) {
        return ulid(clock.millis());
    }

    /**
     * Monotonic within this JVM: ids made in the same millisecond increase, so records written in
     * quick succession keep their order.
     */
    public static synchronized String ulid(long millis) {
        if (millis == lastMillis) {
            low = (low + 1) & FORTY_BITS;
            if (low == 0) high++;
        } else {
            lastMillis = millis;
            byte[] random = new byte[10];
            Ids.random.nextBytes(random);
            high = 0;
            low = 0;
            for (int i = 0; i < 5; i++) high = (high << 8) | (random[i] & 0xff);
            for (int i = 5; i < 10; i++) low = (low << 8) | (random[i] & 0xff);
            high &= FORTY_BITS >>> 1; // headroom so carries never overflow the 80 random bits
        }
        char[] out = new char[26];
        long time = millis;
        for (int i = 9; i >= 0; i--) {
            out[i] = ALPHABET[(int) (time & 31)];
            time >>>= 5;
        }
        long h = high;
        long l = low;
        for (int i = 17; i >= 10; i--) {
            out[i] = ALPHABET[(int) (h & 31)];
            h >>>= 5;
        }
        for (int i = 25; i >= 18; i--) {
            out[i] = ALPHABET[(int) (l & 31)];
            l >>>= 5;
        }
        return new String(out);
    }

    /**
     * Forgets the random state and the last millisecond: a SnapStart environment restored from a
     * snapshot calls this (through {@code Priming}) so no two restored environments share a ULID sequence.
     */
    public static synchronized void reseed() {
        random = new SecureRandom();
        lastMillis = -1;
        high = 0;
        low = 0;
    }

    /** An instant as a fixed-width UTC string whose text order is its time order. */
    public static String sortable(Instant instant) {
        return SORTABLE.format(instant);
    }
}
