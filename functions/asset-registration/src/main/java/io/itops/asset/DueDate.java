package io.itops.asset;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondarySortKey;

import io.itops.shared.store.Attributes;
import java.util.Map;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A due-date item: {@code ASSET#<assetId>} / {@code DUE#<KIND>}, on GSI1 as {@code DUE#<KIND>} /
 * {@code <yyyy-mm-dd>#<assetId>}. It exists only while the asset is active and the date is set; the
 * kind is only in the key, so it is read back from there.
 */
record DueDate(DueKind kind, DueItem item) {
    private static final String PREFIX = "DUE#";

    static final TableSchema<DueDate> SCHEMA = StaticImmutableTableSchema.builder(DueDate.class, Builder.class)
            .newItemBuilder(Builder::new, Builder::build)
            .addAttribute(String.class, a -> a.name("PK").getter(d -> "ASSET#" + d.item().assetId()).setter((b, v) -> {})
                    .tags(primaryPartitionKey()))
            .addAttribute(String.class, a -> a.name("SK").getter(d -> PREFIX + d.kind().name())
                    .setter((b, sk) -> b.kind(DueKind.valueOf(sk.substring(PREFIX.length())))).tags(primarySortKey()))
            .addAttribute(String.class, a -> a.name("type").getter(d -> "AssetDue").setter((b, v) -> {}))
            .flatten(DueItem.SCHEMA, DueDate::item, Builder::item)
            .addAttribute(String.class, a -> a.name("GSI1PK").getter(d -> PREFIX + d.kind().name()).setter((b, v) -> {})
                    .tags(secondaryPartitionKey("GSI1")))
            .addAttribute(String.class, a -> a.name("GSI1SK").getter(d -> d.item().dueDate() + "#" + d.item().assetId())
                    .setter((b, v) -> {}).tags(secondarySortKey("GSI1")))
            .build();

    /** The {@code kind} due date of {@code asset}, which must have one ({@link DueKind#of}). */
    static DueDate of(Asset asset, DueKind kind) {
        return new DueDate(kind, DueItem.of(asset, kind.of(asset)));
    }

    static Map<String, AttributeValue> key(String assetId, DueKind kind) {
        return Attributes.key("ASSET#" + assetId, PREFIX + kind.name());
    }

    static final class Builder {
        private DueKind kind;
        private DueItem item;

        Builder kind(DueKind v) { kind = v; return this; }
        Builder item(DueItem v) { item = v; return this; }

        DueDate build() {
            return new DueDate(kind, item);
        }
    }
}
