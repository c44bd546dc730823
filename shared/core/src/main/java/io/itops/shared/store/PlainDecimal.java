package io.itops.shared.store;

import java.math.BigDecimal;
import software.amazon.awssdk.enhanced.dynamodb.AttributeConverter;
import software.amazon.awssdk.enhanced.dynamodb.AttributeValueType;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Numbers stored without an exponent ({@code toPlainString}), as they always were: the Enhanced
 * Client's default writes {@code toString}, which makes an amount given as {@code 1E3} into {@code 1E+3}.
 */
public final class PlainDecimal implements AttributeConverter<BigDecimal> {
    public static final PlainDecimal CONVERTER = new PlainDecimal();

    private PlainDecimal() {}

    @Override
    public AttributeValue transformFrom(BigDecimal input) {
        return AttributeValue.fromN(input.toPlainString());
    }

    @Override
    public BigDecimal transformTo(AttributeValue input) {
        return new BigDecimal(input.n());
    }

    @Override
    public EnhancedType<BigDecimal> type() {
        return EnhancedType.of(BigDecimal.class);
    }

    @Override
    public AttributeValueType attributeValueType() {
        return AttributeValueType.N;
    }
}
