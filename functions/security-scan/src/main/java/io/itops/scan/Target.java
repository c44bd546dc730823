package io.itops.scan;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * An asset as this function knows it: its projection of the register, kept from asset events, plus
 * when each check was last requested and last completed (what campaigns and the coverage sweep need).
 */
record Target(String assetId, String assetTag, String category, String status, String model, String department,
              String custodian, String location, boolean holdsBusinessData, long assetVersion,
              Map<Profile, Instant> requested, Map<Profile, Instant> completed) {
    static final String IN_SERVICE = "in-service";

    Target {
        requested = requested == null ? Map.of() : Map.copyOf(requested);
        completed = completed == null ? Map.of() : Map.copyOf(completed);
    }

    boolean active() {
        return !"retired".equals(status) && !"disposed".equals(status);
    }

    boolean inService() {
        return IN_SERVICE.equals(status);
    }

    /** A scan of {@code profile} was requested, has not completed since, and may still be answered. */
    boolean pending(Profile profile, Instant now, Duration timeout) {
        Instant asked = requested.get(profile);
        if (asked == null || asked.plus(timeout).isBefore(now)) {
            return false;
        }
        Instant done = completed.get(profile);
        return done == null || done.isBefore(asked);
    }

    /** No completed scan of {@code profile} in the last {@code days} days. */
    boolean coverageDue(Profile profile, Instant now, int days) {
        Instant done = completed.get(profile);
        return done == null || done.isBefore(now.minus(Duration.ofDays(days)));
    }
}
