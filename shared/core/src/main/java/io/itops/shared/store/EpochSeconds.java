package io.itops.shared.store;

import java.time.Instant;
import software.amazon.awssdk.enhanced.dynamodb.AttributeConverter;
import software.amazon.awssdk.enhanced.dynamodb.AttributeValueType;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Instants stored as a number of epoch seconds: the table's TTL attribute {@code expiresAt} must be
 * one (template.yaml names it; DynamoDB ignores any other type), and leases compare with it.
 */
public final class EpochSeconds implements AttributeConverter<Instant> {
    public static final EpochSeconds CONVERTER = new EpochSeconds();

    private EpochSeconds() {}

    @Override
    public AttributeValue transformFrom(Instant input) {
        return AttributeValue.fromN(Long.toString(input.getEpochSecond()));
    }

    @Override
    public Instant transformTo(AttributeValue input) {
        return Instant.ofEpochSecond(Long.parseLong(input.n()));
    }

    @Override
    public EnhancedType<Instant> type() {
        return EnhancedType.of(Instant.class);
    }

    @Override
    public AttributeValueType attributeValueType() {
        return AttributeValueType.N;
    }
}
