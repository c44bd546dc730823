package io.itops.scan;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondarySortKey;

import io.itops.shared.events.AssetSnapshot;
import io.itops.shared.store.Attributes;
import io.itops.shared.store.SortableInstant;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.enhanced.dynamodb.AttributeConverter;
import software.amazon.awssdk.enhanced.dynamodb.AttributeValueType;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * An asset as this function knows it: its projection of the register, kept from asset events, plus
 * when each check was last requested and last completed (what campaigns and the coverage sweep need).
 * Stored as {@code SCANTARGET#<assetId>}/{@code SCANTARGET} (docs/table/security-scan.md).
 */
record Target(String assetId, String assetTag, String category, String status, String model, String department,
              String custodian, String location, boolean holdsBusinessData, long assetVersion, Instant projectedAt,
              Map<Profile, Instant> requested, Map<Profile, Instant> completed) {
    static final String IN_SERVICE = "in-service";
    /** The attributes holding the scan times: written by scans, never by the projection of an asset event. */
    static final String REQUESTED = "requested", COMPLETED = "completed";

    Target {
        requested = requested == null ? Map.of() : Map.copyOf(requested);
        completed = completed == null ? Map.of() : Map.copyOf(completed);
    }

    /** The projection an asset event brings, without scan times. */
    static Target projection(AssetSnapshot asset, Instant now) {
        return new Builder().assetId(asset.assetId()).assetTag(asset.assetTag()).category(asset.category())
                .status(asset.status()).model(asset.model()).department(asset.department()).custodian(asset.custodian())
                .location(asset.location()).holdsBusinessData(asset.holdsBusinessData()).assetVersion(asset.version())
                .projectedAt(now).build();
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

    // ------------------------------------------------------------------ as stored

    static Map<String, AttributeValue> key(String assetId) {
        return Attributes.key("SCANTARGET#" + assetId, "SCANTARGET");
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

    /** One entry of {@code requested}/{@code completed} as stored: fixed width, since conditions compare it as text. */
    static AttributeValue scanTime(Instant at) {
        return SortableInstant.CONVERTER.transformFrom(at);
    }

    static final TableSchema<Target> SCHEMA = StaticImmutableTableSchema.builder(Target.class, Builder.class)
            .newItemBuilder(Builder::new, Builder::build)
            .addAttribute(String.class, a -> a.name("PK").getter(t -> "SCANTARGET#" + t.assetId()).setter((b, v) -> {})
                    .tags(primaryPartitionKey()))
            .addAttribute(String.class, a -> a.name("SK").getter(t -> "SCANTARGET").setter((b, v) -> {}).tags(primarySortKey()))
            .addAttribute(String.class, a -> a.name("type").getter(t -> "ScanTarget").setter((b, v) -> {}))
            .addAttribute(String.class, a -> a.name("assetId").getter(Target::assetId).setter(Builder::assetId))
            .addAttribute(String.class, a -> a.name("assetTag").getter(Target::assetTag).setter(Builder::assetTag))
            .addAttribute(String.class, a -> a.name("category").getter(Target::category).setter(Builder::category))
            .addAttribute(String.class, a -> a.name("status").getter(Target::status).setter(Builder::status))
            .addAttribute(String.class, a -> a.name("model").getter(Target::model).setter(Builder::model))
            .addAttribute(String.class, a -> a.name("department").getter(Target::department).setter(Builder::department))
            .addAttribute(String.class, a -> a.name("custodian").getter(Target::custodian).setter(Builder::custodian))
            .addAttribute(String.class, a -> a.name("location").getter(Target::location).setter(Builder::location))
            .addAttribute(Boolean.class, a -> a.name("holdsBusinessData").getter(Target::holdsBusinessData)
                    .setter(Builder::holdsBusinessData))
            .addAttribute(Long.class, a -> a.name("assetVersion").getter(Target::assetVersion).setter(Builder::assetVersion))
            .addAttribute(Instant.class, a -> a.name("projectedAt").getter(Target::projectedAt).setter(Builder::projectedAt))
            .addAttribute(ProfileTimes.TYPE, a -> a.name(REQUESTED).getter(Target::requested).setter(Builder::requested)
                    .attributeConverter(ProfileTimes.CONVERTER))
            .addAttribute(ProfileTimes.TYPE, a -> a.name(COMPLETED).getter(Target::completed).setter(Builder::completed)
                    .attributeConverter(ProfileTimes.CONVERTER))
            .addAttribute(String.class, a -> a.name("GSI1PK").getter(t -> statusIndex(t.status())).setter((b, v) -> {})
                    .tags(secondaryPartitionKey("GSI1")))
            .addAttribute(String.class, a -> a.name("GSI1SK").getter(Target::assetTag).setter((b, v) -> {})
                    .tags(secondarySortKey("GSI1")))
            .addAttribute(String.class, a -> a.name("GSI2PK").getter(t -> t.department() == null ? null : departmentIndex(t.department()))
                    .setter((b, v) -> {}).tags(secondaryPartitionKey("GSI2")))
            .addAttribute(String.class, a -> a.name("GSI2SK").getter(t -> t.department() == null ? null : t.assetTag())
                    .setter((b, v) -> {}).tags(secondarySortKey("GSI2")))
            .addAttribute(String.class, a -> a.name("GSI3PK").getter(t -> categoryIndex(t.category())).setter((b, v) -> {})
                    .tags(secondaryPartitionKey("GSI3")))
            .addAttribute(String.class, a -> a.name("GSI3SK").getter(t -> t.status() + "#" + t.assetTag()).setter((b, v) -> {})
                    .tags(secondarySortKey("GSI3")))
            .addAttribute(String.class, a -> a.name("GSI4PK").getter(t -> tagIndex(t.assetTag())).setter((b, v) -> {})
                    .tags(secondaryPartitionKey("GSI4")))
            .addAttribute(String.class, a -> a.name("GSI4SK").getter(t -> "SCANTARGET").setter((b, v) -> {})
                    .tags(secondarySortKey("GSI4")))
            .build();

    /** {@code requested}/{@code completed}: a map from profile to a {@link #scanTime}; absent reads as empty. */
    private static final class ProfileTimes implements AttributeConverter<Map<Profile, Instant>> {
        static final EnhancedType<Map<Profile, Instant>> TYPE = EnhancedType.mapOf(Profile.class, Instant.class);
        static final ProfileTimes CONVERTER = new ProfileTimes();

        @Override
        public AttributeValue transformFrom(Map<Profile, Instant> times) {
            Map<String, AttributeValue> stored = new HashMap<>();
            times.forEach((profile, at) -> stored.put(profile.toString(), scanTime(at)));
            return AttributeValue.fromM(stored);
        }

        @Override
        public Map<Profile, Instant> transformTo(AttributeValue stored) {
            Map<Profile, Instant> times = new EnumMap<>(Profile.class);
            if (stored.hasM()) {
                stored.m().forEach((profile, at) -> times.put(Profile.parse(profile), SortableInstant.CONVERTER.transformTo(at)));
            }
            return times;
        }

        @Override
        public EnhancedType<Map<Profile, Instant>> type() {
            return TYPE;
        }

        @Override
        public AttributeValueType attributeValueType() {
            return AttributeValueType.M;
        }
    }

    static final class Builder {
        private String assetId, assetTag, category, status, model, department, custodian, location;
        private boolean holdsBusinessData;
        private long assetVersion;
        private Instant projectedAt;
        private Map<Profile, Instant> requested, completed;

        Builder assetId(String v) { assetId = v; return this; }
        Builder assetTag(String v) { assetTag = v; return this; }
        Builder category(String v) { category = v; return this; }
        Builder status(String v) { status = v; return this; }
        Builder model(String v) { model = v; return this; }
        Builder department(String v) { department = v; return this; }
        Builder custodian(String v) { custodian = v; return this; }
        Builder location(String v) { location = v; return this; }
        Builder holdsBusinessData(boolean v) { holdsBusinessData = v; return this; }
        Builder assetVersion(long v) { assetVersion = v; return this; }
        Builder projectedAt(Instant v) { projectedAt = v; return this; }
        Builder requested(Map<Profile, Instant> v) { requested = v; return this; }
        Builder completed(Map<Profile, Instant> v) { completed = v; return this; }

        Target build() {
            return new Target(assetId, assetTag, category, status, model, department, custodian, location, holdsBusinessData,
                    assetVersion, projectedAt, requested, completed);
        }
    }
}
