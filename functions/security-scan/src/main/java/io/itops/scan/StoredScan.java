package io.itops.scan;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondarySortKey;

import io.itops.shared.store.Attributes;
import io.itops.shared.store.Ids;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A scan as stored, {@code SCAN#<scanId>}/{@code SCAN}, with what only the store needs: the hash of
 * the result being applied and the lease on it. The scan's own attributes sit at the top level of
 * the item; its summary is a nested map.
 */
record StoredScan(Scan scan, String resultHash, Instant processingUntil) {
    static final String OPEN_SCANS = "SCAN#OPEN";

    static Map<String, AttributeValue> key(String scanId) {
        return Attributes.key("SCAN#" + scanId, "SCAN");
    }

    private static final TableSchema<Scan.SeverityCounts> SEVERITY_COUNTS =
            StaticImmutableTableSchema.builder(Scan.SeverityCounts.class, CountsBuilder.class)
                    .newItemBuilder(CountsBuilder::new, CountsBuilder::build)
                    .addAttribute(Integer.class, a -> a.name("critical").getter(Scan.SeverityCounts::critical).setter((b, v) -> b.critical = v))
                    .addAttribute(Integer.class, a -> a.name("high").getter(Scan.SeverityCounts::high).setter((b, v) -> b.high = v))
                    .addAttribute(Integer.class, a -> a.name("medium").getter(Scan.SeverityCounts::medium).setter((b, v) -> b.medium = v))
                    .addAttribute(Integer.class, a -> a.name("low").getter(Scan.SeverityCounts::low).setter((b, v) -> b.low = v))
                    .addAttribute(Integer.class, a -> a.name("info").getter(Scan.SeverityCounts::info).setter((b, v) -> b.info = v))
                    .build();

    private static final TableSchema<Scan.Summary> SUMMARY = StaticImmutableTableSchema.builder(Scan.Summary.class, SummaryBuilder.class)
            .newItemBuilder(SummaryBuilder::new, SummaryBuilder::build)
            .addAttribute(Integer.class, a -> a.name("reported").getter(Scan.Summary::reported).setter((b, v) -> b.reported = v))
            .addAttribute(Integer.class, a -> a.name("opened").getter(Scan.Summary::opened).setter((b, v) -> b.opened = v))
            .addAttribute(Integer.class, a -> a.name("seenAgain").getter(Scan.Summary::seenAgain).setter((b, v) -> b.seenAgain = v))
            .addAttribute(Integer.class, a -> a.name("reopened").getter(Scan.Summary::reopened).setter((b, v) -> b.reopened = v))
            .addAttribute(Integer.class, a -> a.name("resolved").getter(Scan.Summary::resolved).setter((b, v) -> b.resolved = v))
            .addAttribute(EnhancedType.documentOf(Scan.SeverityCounts.class, SEVERITY_COUNTS),
                    a -> a.name("reportedBySeverity").getter(Scan.Summary::reportedBySeverity).setter((b, v) -> b.bySeverity = v))
            .build();

    /** The scan's attributes, flattened into the stored item. */
    private static final TableSchema<Scan> SCAN = StaticImmutableTableSchema.builder(Scan.class, Scan.Builder.class)
            .newItemBuilder(Scan.Builder::new, Scan.Builder::build)
            .addAttribute(String.class, a -> a.name("scanId").getter(Scan::scanId).setter(Scan.Builder::scanId))
            .addAttribute(String.class, a -> a.name("assetId").getter(Scan::assetId).setter(Scan.Builder::assetId))
            .addAttribute(String.class, a -> a.name("assetTag").getter(Scan::assetTag).setter(Scan.Builder::assetTag))
            .addAttribute(String.class, a -> a.name("category").getter(Scan::category).setter(Scan.Builder::category))
            .addAttribute(String.class, a -> a.name("department").getter(Scan::department).setter(Scan.Builder::department))
            .addAttribute(String.class, a -> a.name("location").getter(Scan::location).setter(Scan.Builder::location))
            .addAttribute(String.class, a -> a.name("model").getter(Scan::model).setter(Scan.Builder::model))
            .addAttribute(Profile.class, a -> a.name("profile").getter(Scan::profile).setter(Scan.Builder::profile))
            .addAttribute(Trigger.class, a -> a.name("trigger").getter(Scan::trigger).setter(Scan.Builder::trigger))
            .addAttribute(String.class, a -> a.name("reason").getter(Scan::reason).setter(Scan.Builder::reason))
            .addAttribute(String.class, a -> a.name("requestedBy").getter(Scan::requestedBy).setter(Scan.Builder::requestedBy))
            .addAttribute(Instant.class, a -> a.name("requestedAt").getter(Scan::requestedAt).setter(Scan.Builder::requestedAt))
            .addAttribute(Instant.class, a -> a.name("respondBy").getter(Scan::respondBy).setter(Scan.Builder::respondBy))
            .addAttribute(ScanStatus.class, a -> a.name("status").getter(Scan::status).setter(Scan.Builder::status))
            .addAttribute(String.class, a -> a.name("scanner").getter(Scan::scanner).setter(Scan.Builder::scanner))
            .addAttribute(Instant.class, a -> a.name("reportedAt").getter(Scan::reportedAt).setter(Scan.Builder::reportedAt))
            .addAttribute(Instant.class, a -> a.name("startedAt").getter(Scan::startedAt).setter(Scan.Builder::startedAt))
            .addAttribute(Instant.class, a -> a.name("finishedAt").getter(Scan::finishedAt).setter(Scan.Builder::finishedAt))
            .addAttribute(String.class, a -> a.name("engine").getter(Scan::engine).setter(Scan.Builder::engine))
            .addAttribute(String.class, a -> a.name("error").getter(Scan::error).setter(Scan.Builder::error))
            .addAttribute(EnhancedType.documentOf(Scan.Summary.class, SUMMARY),
                    a -> a.name("summary").getter(Scan::summary).setter(Scan.Builder::summary))
            .addAttribute(Instant.class, a -> a.name("closedAt").getter(Scan::closedAt).setter(Scan.Builder::closedAt))
            .build();

    static final TableSchema<StoredScan> SCHEMA = StaticImmutableTableSchema.builder(StoredScan.class, Builder.class)
            .newItemBuilder(Builder::new, Builder::build)
            .addAttribute(String.class, a -> a.name("PK").getter(s -> "SCAN#" + s.scan().scanId()).setter((b, v) -> {})
                    .tags(primaryPartitionKey()))
            .addAttribute(String.class, a -> a.name("SK").getter(s -> "SCAN").setter((b, v) -> {}).tags(primarySortKey()))
            .addAttribute(String.class, a -> a.name("type").getter(s -> "Scan").setter((b, v) -> {}))
            .flatten(SCAN, StoredScan::scan, (b, v) -> b.scan = v)
            .addAttribute(String.class, a -> a.name("resultHash").getter(StoredScan::resultHash).setter((b, v) -> b.resultHash = v))
            .addAttribute(Instant.class, a -> a.name("processingUntil").getter(StoredScan::processingUntil)
                    .setter((b, v) -> b.processingUntil = v))
            .addAttribute(String.class, a -> a.name("GSI1PK").getter(s -> "SCAN#ASSET#" + s.scan().assetId()).setter((b, v) -> {})
                    .tags(secondaryPartitionKey("GSI1")))
            .addAttribute(String.class, a -> a.name("GSI1SK").getter(s -> s.scan().scanId()).setter((b, v) -> {})
                    .tags(secondarySortKey("GSI1")))
            .addAttribute(String.class, a -> a.name("GSI2PK").getter(s -> "SCAN#STATUS#" + s.scan().status()).setter((b, v) -> {})
                    .tags(secondaryPartitionKey("GSI2")))
            .addAttribute(String.class, a -> a.name("GSI2SK").getter(s -> s.scan().scanId()).setter((b, v) -> {})
                    .tags(secondarySortKey("GSI2")))
            .addAttribute(String.class, a -> a.name("GSI3PK").getter(s -> "SCAN#PROFILE#" + s.scan().profile()).setter((b, v) -> {})
                    .tags(secondaryPartitionKey("GSI3")))
            .addAttribute(String.class, a -> a.name("GSI3SK").getter(s -> s.scan().scanId()).setter((b, v) -> {})
                    .tags(secondarySortKey("GSI3")))
            .addAttribute(String.class, a -> a.name("GSI4PK").getter(s -> "SCAN#ALL").setter((b, v) -> {})
                    .tags(secondaryPartitionKey("GSI4")))
            .addAttribute(String.class, a -> a.name("GSI4SK").getter(s -> s.scan().scanId()).setter((b, v) -> {})
                    .tags(secondarySortKey("GSI4")))
            // only open scans are in GSI5, where the time-out sweep finds them by their deadline
            .addAttribute(String.class, a -> a.name("GSI5PK").getter(s -> s.scan().status().isOpen() ? OPEN_SCANS : null)
                    .setter((b, v) -> {}).tags(secondaryPartitionKey("GSI5")))
            .addAttribute(String.class, a -> a.name("GSI5SK").getter(s -> s.scan().status().isOpen()
                            ? Ids.sortable(s.scan().respondBy()) + "#" + s.scan().scanId() : null)
                    .setter((b, v) -> {}).tags(secondarySortKey("GSI5")))
            .build();

    private static final class Builder {
        private Scan scan;
        private String resultHash;
        private Instant processingUntil;

        StoredScan build() {
            return new StoredScan(scan, resultHash, processingUntil);
        }
    }

    private static final class SummaryBuilder {
        private int reported, opened, seenAgain, reopened, resolved;
        private Scan.SeverityCounts bySeverity = new Scan.SeverityCounts(0, 0, 0, 0, 0);

        Scan.Summary build() {
            return new Scan.Summary(reported, opened, seenAgain, reopened, resolved, bySeverity);
        }
    }

    private static final class CountsBuilder {
        private int critical, high, medium, low, info;

        Scan.SeverityCounts build() {
            return new Scan.SeverityCounts(critical, high, medium, low, info);
        }
    }
}
