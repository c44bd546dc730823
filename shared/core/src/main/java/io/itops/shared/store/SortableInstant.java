package io.itops.shared.store;

import java.time.Instant;
import software.amazon.awssdk.enhanced.dynamodb.AttributeConverter;
import software.amazon.awssdk.enhanced.dynamodb.AttributeValueType;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Instants stored fixed-width ({@link Ids#sortable}), for attributes that sort keys or conditions
 * compare as text: there, text order must be time order, which {@code Instant.toString()} (the
 * Enhanced Client's default, dropping zero fractions) does not give. Reads any ISO-8601 instant,
 * so items written either way are read alike.
 */
public final class SortableInstant implements AttributeConverter<Instant> {
    public static final SortableInstant CONVERTER = new SortableInstant();

    private SortableInstant() {}

    @Override
    public AttributeValue transformFrom(Instant input) {
        return AttributeValue.fromS(Ids.sortable(input));
    }

    @Override
    public Instant transformTo(AttributeValue input) {
        return Instant.parse(input.s());
    }

    @Override
    public EnhancedType<Instant> type() {
        return EnhancedType.of(Instant.class);
    }

    @Override
    public AttributeValueType attributeValueType() {
        return AttributeValueType.S;
    }
}
