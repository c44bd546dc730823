package io.itops.scan;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;

import java.time.Instant;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;

/**
 * The mark of an asset's one onboarding scan, {@code SCANTARGET#<assetId>}/{@code ONBOARDING}: written
 * only if absent, in the transaction that creates the scan, so an asset is onboarded once.
 */
record Onboarding(String assetId, String scanId, String cause, Instant at) {

    static final TableSchema<Onboarding> SCHEMA = StaticImmutableTableSchema.builder(Onboarding.class, Builder.class)
            .newItemBuilder(Builder::new, Builder::build)
            .addAttribute(String.class, a -> a.name("PK").getter(o -> "SCANTARGET#" + o.assetId()).setter((b, v) -> {})
                    .tags(primaryPartitionKey()))
            .addAttribute(String.class, a -> a.name("SK").getter(o -> "ONBOARDING").setter((b, v) -> {}).tags(primarySortKey()))
            .addAttribute(String.class, a -> a.name("type").getter(o -> "ScanOnboarding").setter((b, v) -> {}))
            .addAttribute(String.class, a -> a.name("assetId").getter(Onboarding::assetId).setter(Builder::assetId))
            .addAttribute(String.class, a -> a.name("scanId").getter(Onboarding::scanId).setter(Builder::scanId))
            .addAttribute(String.class, a -> a.name("cause").getter(Onboarding::cause).setter(Builder::cause))
            .addAttribute(Instant.class, a -> a.name("at").getter(Onboarding::at).setter(Builder::at))
            .build();

    static final class Builder {
        private String assetId, scanId, cause;
        private Instant at;

        Builder assetId(String v) { assetId = v; return this; }
        Builder scanId(String v) { scanId = v; return this; }
        Builder cause(String v) { cause = v; return this; }
        Builder at(Instant v) { at = v; return this; }

        Onboarding build() {
            return new Onboarding(assetId, scanId, cause, at);
        }
    }
}
