package io.itops.scan;

import io.itops.shared.store.Ids;
import io.itops.shared.store.Item;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * How this function's records sit in the one table (docs/table/security-scan.md has the access
 * patterns): scan targets (the projection of the register) under {@code SCANTARGET#}, scans under
 * {@code SCAN#}, findings under {@code FINDING#ASSET#<assetId>} keyed by their fingerprint, so a
 * fingerprint can exist only once.
 */
final class ScanItems {
    static final String OPEN_SCANS = "SCAN#OPEN";
    static final String NO_DEADLINE = "~";

    private ScanItems() {}

    // ------------------------------------------------------------------ targets

    static Map<String, AttributeValue> targetKey(String assetId) {
        return Map.of("PK", Item.s("SCANTARGET#" + assetId), "SK", Item.s("SCANTARGET"));
    }

    static Map<String, AttributeValue> onboardingKey(String assetId) {
        return Map.of("PK", Item.s("SCANTARGET#" + assetId), "SK", Item.s("ONBOARDING"));
    }

    static Item onboarding(String assetId, String scanId, String cause, Instant at) {
        return Item.of(new HashMap<>(onboardingKey(assetId))).put("type", "ScanOnboarding")
                .put("assetId", assetId).put("scanId", scanId).put("cause", cause).put("at", at);
    }

    static String statusIndex(String status) {
        return "SCANTARGET#STATUS#" + status;
    }

    static String departmentIndex(String department) {
        return "SCANTARGET#DEPT#" + department;
    }

    static String categoryIndex(String category) {
        return "SCANTARGET#CATEGORY#" + category;
    }

    static String tagIndex(String tag) {
        return "SCANTARGET#TAG#" + tag;
    }

    static Target target(Item i) {
        return new Target(i.string("assetId"), i.string("assetTag"), i.string("category"), i.string("status"),
                i.string("model"), i.string("department"), i.string("custodian"), i.string("location"),
                Boolean.TRUE.equals(i.bool("holdsBusinessData")), i.longValue("assetVersion"),
                profileTimes(i.strings("requested")), profileTimes(i.strings("completed")));
    }

    private static Map<Profile, Instant> profileTimes(Map<String, String> stored) {
        Map<Profile, Instant> out = new EnumMap<>(Profile.class);
        stored.forEach((profile, at) -> out.put(Profile.parse(profile), Instant.parse(at)));
        return out;
    }

    // ------------------------------------------------------------------ scans

    static Map<String, AttributeValue> scanKey(String scanId) {
        return Map.of("PK", Item.s("SCAN#" + scanId), "SK", Item.s("SCAN"));
    }

    /** A scan and what only the store needs: the hash of the result being applied and the lease on it. */
    record StoredScan(Scan scan, String resultHash, Instant processingUntil) {}

    static Item scan(StoredScan stored) {
        Scan s = stored.scan();
        Item item = Item.of(new HashMap<>(scanKey(s.scanId())))
                .put("type", "Scan")
                .put("scanId", s.scanId())
                .put("assetId", s.assetId())
                .put("assetTag", s.assetTag())
                .put("category", s.category())
                .put("department", s.department())
                .put("location", s.location())
                .put("model", s.model())
                .put("profile", s.profile())
                .put("trigger", s.trigger())
                .put("reason", s.reason())
                .put("requestedBy", s.requestedBy())
                .put("requestedAt", s.requestedAt())
                .put("respondBy", s.respondBy())
                .put("status", s.status())
                .put("scanner", s.scanner())
                .put("reportedAt", s.reportedAt())
                .put("startedAt", s.startedAt())
                .put("finishedAt", s.finishedAt())
                .put("engine", s.engine())
                .put("error", s.error())
                .put("closedAt", s.closedAt())
                .put("resultHash", stored.resultHash())
                .put("processingUntil", stored.processingUntil())
                .put("GSI1PK", "SCAN#ASSET#" + s.assetId()).put("GSI1SK", s.scanId())
                .put("GSI2PK", "SCAN#STATUS#" + s.status()).put("GSI2SK", s.scanId())
                .put("GSI3PK", "SCAN#PROFILE#" + s.profile()).put("GSI3SK", s.scanId())
                .put("GSI4PK", "SCAN#ALL").put("GSI4SK", s.scanId());
        if (s.status().isOpen()) {
            item.put("GSI5PK", OPEN_SCANS).put("GSI5SK", Ids.sortable(s.respondBy()) + "#" + s.scanId());
        }
        Scan.Summary summary = s.summary();
        if (summary != null) {
            Scan.SeverityCounts c = summary.reportedBySeverity();
            item.putItem("summary", Item.create().put("reported", summary.reported()).put("opened", summary.opened())
                    .put("seenAgain", summary.seenAgain()).put("reopened", summary.reopened())
                    .put("resolved", summary.resolved())
                    .putItem("reportedBySeverity", Item.create().put("critical", c.critical()).put("high", c.high())
                            .put("medium", c.medium()).put("low", c.low()).put("info", c.info())));
        }
        return item;
    }

    static StoredScan storedScan(Item i) {
        Item summary = i.item("summary");
        Scan.Summary parsed = null;
        if (summary != null) {
            Item c = summary.item("reportedBySeverity");
            parsed = new Scan.Summary(summary.integer("reported"), summary.integer("opened"), summary.integer("seenAgain"),
                    summary.integer("reopened"), summary.integer("resolved"), c == null ? new Scan.SeverityCounts(0, 0, 0, 0, 0)
                    : new Scan.SeverityCounts(c.integer("critical"), c.integer("high"), c.integer("medium"),
                            c.integer("low"), c.integer("info")));
        }
        Scan scan = new Scan(i.string("scanId"), i.string("assetId"), i.string("assetTag"), i.string("category"),
                i.string("department"), i.string("location"), i.string("model"),
                i.enumValue("profile", Profile::parse), i.enumValue("trigger", Trigger::parse), i.string("reason"),
                i.string("requestedBy"), i.instant("requestedAt"), i.instant("respondBy"),
                i.enumValue("status", ScanStatus::parse), i.string("scanner"), i.instant("reportedAt"),
                i.instant("startedAt"), i.instant("finishedAt"), i.string("engine"), i.string("error"), parsed,
                i.instant("closedAt"));
        return new StoredScan(scan, i.string("resultHash"), i.instant("processingUntil"));
    }

    static Scan scan(Item i) {
        return storedScan(i).scan();
    }

    // ------------------------------------------------------------------ findings

    static String findingPartition(String assetId) {
        return "FINDING#ASSET#" + assetId;
    }

    static String findingSortPrefix(Profile profile) {
        return "FINDING#" + profile + "#";
    }

    static Map<String, AttributeValue> findingKey(String assetId, Profile profile, String ruleId) {
        return Map.of("PK", Item.s(findingPartition(assetId)), "SK", Item.s(findingSortPrefix(profile) + ruleId));
    }

    /**
     * The time a finding's lists sort by: the deadline while open (none sorts last), the end of an
     * accepted risk, else the time of the last change.
     */
    static String keyTime(Finding f) {
        return switch (f.status()) {
            case OPEN -> f.dueAt() == null ? NO_DEADLINE : Ids.sortable(f.dueAt());
            case ACCEPTED_RISK -> Ids.sortable(FindingRules.expiry(f.triage().expiresOn()));
            default -> Ids.sortable(f.updatedAt());
        };
    }

    static Item finding(Finding f) {
        String statusKey = f.status() + "#" + keyTime(f) + "#" + f.findingId();
        Item item = Item.of(new HashMap<>(findingKey(f.assetId(), f.profile(), f.ruleId())))
                .put("type", "Finding")
                .put("findingId", f.findingId())
                .put("assetId", f.assetId())
                .put("assetTag", f.assetTag())
                .put("department", f.department())
                .put("custodian", f.custodian())
                .put("profile", f.profile())
                .put("ruleId", f.ruleId())
                .put("title", f.title())
                .put("severity", f.severity())
                .put("cvss", f.cvss())
                .put("evidence", f.evidence())
                .put("remediation", f.remediation())
                .put("status", f.status())
                .put("firstSeen", f.firstSeen())
                .put("lastSeen", f.lastSeen())
                .put("openedAt", f.openedAt())
                .put("dueAt", f.dueAt())
                .put("resolvedAt", f.resolvedAt())
                .put("reopenCount", f.reopenCount())
                .put("reopenedAt", f.reopenedAt())
                .put("firstScanId", f.firstScanId())
                .put("lastScanId", f.lastScanId())
                .put("lastChange", f.lastChange() == null ? null : f.lastChange().toString())
                .put("overdueNotifiedFor", f.overdueNotifiedFor())
                .put("version", f.version())
                .put("updatedAt", f.updatedAt())
                .put("GSI1PK", "FINDING#" + f.findingId()).put("GSI1SK", "FINDING")
                .put("GSI3PK", "FINDING#STATUS#" + f.status()).put("GSI3SK", keyTime(f) + "#" + f.findingId())
                .put("GSI4PK", "FINDING#SEVERITY#" + f.severity()).put("GSI4SK", statusKey)
                .put("GSI5PK", "FINDING#ALL").put("GSI5SK", statusKey);
        if (f.department() != null) {
            item.put("GSI2PK", "FINDING#DEPT#" + f.department()).put("GSI2SK", statusKey);
        }
        Finding.Triage t = f.triage();
        if (t != null) {
            item.putItem("triage", Item.create().put("status", t.status()).put("reason", t.reason())
                    .put("expiresOn", t.expiresOn()).put("by", t.by()).put("at", t.at()));
        }
        return item;
    }

    static Finding finding(Item i) {
        Item t = i.item("triage");
        String change = i.string("lastChange");
        return new Finding.Builder()
                .findingId(i.string("findingId")).assetId(i.string("assetId")).assetTag(i.string("assetTag"))
                .department(i.string("department")).custodian(i.string("custodian"))
                .profile(i.enumValue("profile", Profile::parse)).ruleId(i.string("ruleId")).title(i.string("title"))
                .severity(i.enumValue("severity", Severity::parse)).cvss(i.decimal("cvss"))
                .evidence(i.string("evidence")).remediation(i.string("remediation"))
                .status(i.enumValue("status", FindingStatus::parse))
                .firstSeen(i.instant("firstSeen")).lastSeen(i.instant("lastSeen")).openedAt(i.instant("openedAt"))
                .dueAt(i.instant("dueAt")).resolvedAt(i.instant("resolvedAt"))
                .reopenCount(i.integer("reopenCount") == null ? 0 : i.integer("reopenCount"))
                .reopenedAt(i.instant("reopenedAt")).firstScanId(i.string("firstScanId")).lastScanId(i.string("lastScanId"))
                .lastChange(change == null ? null : FindingRules.Change.parse(change))
                .triage(t == null ? null : new Finding.Triage(t.enumValue("status", FindingStatus::parse), t.string("reason"),
                        t.date("expiresOn"), t.string("by"), t.instant("at")))
                .overdueNotifiedFor(i.instant("overdueNotifiedFor"))
                .version(i.longValue("version")).updatedAt(i.instant("updatedAt"))
                .build();
    }
}
