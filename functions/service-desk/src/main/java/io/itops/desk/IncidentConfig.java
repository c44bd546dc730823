package io.itops.desk;

import io.itops.shared.config.Env;
import java.time.Duration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Settings of security incidents: the post-incident review falls due {@code reviewDays} after
 * recovery; an incident flagged for external reporting (authorities, suppliers) must be reported
 * within {@code externalReportWithin} of detection; and which security-scan findings open an incident
 * by themselves (a {@code FindingOpened} of one of these severities from one of these checks).
 * FindingOpened carries no exposure field, so "internet-facing" is expressed by the check profiles
 * (e.g. firewall-config findings are about the perimeter).
 */
record IncidentConfig(int reviewDays, Duration externalReportWithin, Set<String> findingSeverities, Set<String> findingProfiles) {

    static IncidentConfig from(Env env) {
        int review = env.integer("REVIEW_DAYS", 5);
        int hours = env.integer("EXTERNAL_REPORT_HOURS", 72);
        if (review < 1 || hours < 1) {
            throw new IllegalStateException("REVIEW_DAYS and EXTERNAL_REPORT_HOURS must be positive");
        }
        return new IncidentConfig(review, Duration.ofHours(hours), set(env.optional("INCIDENT_FINDING_SEVERITIES", "critical")),
                set(env.optional("INCIDENT_FINDING_PROFILES", "vulnerability,firewall-config")));
    }

    /** Whether a FindingOpened of this severity from this check opens an incident. */
    boolean opensIncident(String severity, String profile) {
        return severity != null && profile != null && findingSeverities.contains(severity) && findingProfiles.contains(profile);
    }

    private static Set<String> set(String csv) {
        Set<String> out = new HashSet<>();
        for (String part : csv.split(",")) {
            if (!part.isBlank()) {
                out.add(part.trim().toLowerCase(Locale.ROOT));
            }
        }
        return Set.copyOf(out);
    }
}
