package io.itops.scan;

import io.itops.shared.config.Env;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Settings of the scan function beyond the common ones: how long scanners have to answer, how
 * recent a completed scan must be for the coverage sweep, the remediation deadline of each severity
 * (info findings have none), which check an onboarding scan runs (the first that applies to the
 * asset's category), and the secret holding the scanners' signing keys.
 */
record ScanConfig(Duration scanTimeout, int coverageDays, Map<Severity, Integer> remediationDays,
                  List<Profile> onboardingProfiles, String scannerKeysSecret) {

    static ScanConfig from(Env env) {
        Map<Severity, Integer> days = new EnumMap<>(Severity.class);
        days.put(Severity.CRITICAL, positive(env, "REMEDIATION_DAYS_CRITICAL", 7));
        days.put(Severity.HIGH, positive(env, "REMEDIATION_DAYS_HIGH", 30));
        days.put(Severity.MEDIUM, positive(env, "REMEDIATION_DAYS_MEDIUM", 90));
        days.put(Severity.LOW, positive(env, "REMEDIATION_DAYS_LOW", 180));
        List<Profile> onboarding = new ArrayList<>();
        for (String name : env.optional("ONBOARDING_PROFILES", "baseline,vulnerability").split(",")) {
            try {
                onboarding.add(Profile.parse(name.trim()));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("ONBOARDING_PROFILES: " + name.trim() + " " + e.getMessage(), e);
            }
        }
        return new ScanConfig(Duration.ofMinutes(positive(env, "SCAN_TIMEOUT_MINUTES", 360)),
                positive(env, "COVERAGE_DAYS", 14), Map.copyOf(days), List.copyOf(onboarding),
                env.required("SCANNER_KEYS_SECRET"));
    }

    private static int positive(Env env, String name, int fallback) {
        int value = env.integer(name, fallback);
        if (value < 1) {
            throw new IllegalStateException("Environment variable " + name + " must be a positive integer");
        }
        return value;
    }

    /** Days to remediate a finding of {@code severity}; null for info findings, which have no deadline. */
    Integer daysFor(Severity severity) {
        return remediationDays.get(severity);
    }
}
