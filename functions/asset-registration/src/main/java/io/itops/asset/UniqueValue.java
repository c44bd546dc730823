package io.itops.asset;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;

import io.itops.shared.store.Attributes;
import java.util.Map;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A tag or serial number held by one asset: the item whose {@code attribute_not_exists(PK)} put keeps
 * it unique. The value is only in the key ({@code ASSETTAG#<TAG>} / {@code ASSETSERIAL#<SERIAL>}), so it is read back from there.
 */
record UniqueValue(String value, String assetId) {
    private static final String TAG_SK = "ASSETTAG";
    private static final String SERIAL_SK = "ASSETSERIAL";

    static final TableSchema<UniqueValue> TAG = schema(TAG_SK, "AssetTag");
    static final TableSchema<UniqueValue> SERIAL = schema(SERIAL_SK, "AssetSerial");

    static Map<String, AttributeValue> tagKey(String tag) {
        return Attributes.key(TAG_SK + "#" + tag, TAG_SK);
    }

    static Map<String, AttributeValue> serialKey(String serial) {
        return Attributes.key(SERIAL_SK + "#" + serial, SERIAL_SK);
    }

    private static TableSchema<UniqueValue> schema(String sk, String type) {
        String prefix = sk + "#";
        return StaticImmutableTableSchema.builder(UniqueValue.class, Builder.class)
                .newItemBuilder(Builder::new, Builder::build)
                .addAttribute(String.class, a -> a.name("PK").getter(u -> prefix + u.value())
                        .setter((b, pk) -> b.value(pk.substring(prefix.length()))).tags(primaryPartitionKey()))
                .addAttribute(String.class, a -> a.name("SK").getter(u -> sk).setter((b, v) -> {}).tags(primarySortKey()))
                .addAttribute(String.class, a -> a.name("type").getter(u -> type).setter((b, v) -> {}))
                .addAttribute(String.class, a -> a.name("assetId").getter(UniqueValue::assetId).setter(Builder::assetId))
                .build();
    }

    static final class Builder {
        private String value;
        private String assetId;

        Builder value(String v) { value = v; return this; }
        Builder assetId(String v) { assetId = v; return this; }

        UniqueValue build() {
            return new UniqueValue(value, assetId);
        }
    }
}
