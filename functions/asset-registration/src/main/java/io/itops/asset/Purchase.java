package io.itops.asset;

import io.itops.shared.store.PlainDecimal;
import java.math.BigDecimal;
import java.time.LocalDate;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;

/** How the asset was bought. */
public record Purchase(LocalDate date, BigDecimal cost, String currency, String supplier, String orderNumber) {
    /** A purchase that says nothing (given as {@code {}}): not stored, so it reads back as none. */
    static final Purchase NONE = new Purchase(null, null, null, null, null);

    /** Stored as the asset's {@code purchase} map. */
    static final TableSchema<Purchase> SCHEMA = StaticImmutableTableSchema.builder(Purchase.class, Builder.class)
            .newItemBuilder(Builder::new, Builder::build)
            .addAttribute(LocalDate.class, a -> a.name("date").getter(Purchase::date).setter(Builder::date))
            .addAttribute(BigDecimal.class, a -> a.name("cost").getter(Purchase::cost).setter(Builder::cost)
                    .attributeConverter(PlainDecimal.CONVERTER))
            .addAttribute(String.class, a -> a.name("currency").getter(Purchase::currency).setter(Builder::currency))
            .addAttribute(String.class, a -> a.name("supplier").getter(Purchase::supplier).setter(Builder::supplier))
            .addAttribute(String.class, a -> a.name("orderNumber").getter(Purchase::orderNumber).setter(Builder::orderNumber))
            .build();

    static final class Builder {
        private LocalDate date;
        private BigDecimal cost;
        private String currency;
        private String supplier;
        private String orderNumber;

        Builder date(LocalDate v) { date = v; return this; }
        Builder cost(BigDecimal v) { cost = v; return this; }
        Builder currency(String v) { currency = v; return this; }
        Builder supplier(String v) { supplier = v; return this; }
        Builder orderNumber(String v) { orderNumber = v; return this; }

        Purchase build() {
            return new Purchase(date, cost, currency, supplier, orderNumber);
        }
    }
}
