package io.itops.asset;

import java.time.Instant;
import java.time.LocalDate;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;

/** An open custody hand-over: who holds the asset since when, and when it should come back. */
public record Checkout(String custodian, Instant since, LocalDate expectedReturn, String by) {

    /** Stored as the asset's {@code checkout} map. */
    static final TableSchema<Checkout> SCHEMA = StaticImmutableTableSchema.builder(Checkout.class, Builder.class)
            .newItemBuilder(Builder::new, Builder::build)
            .addAttribute(String.class, a -> a.name("custodian").getter(Checkout::custodian).setter(Builder::custodian))
            .addAttribute(Instant.class, a -> a.name("since").getter(Checkout::since).setter(Builder::since))
            .addAttribute(LocalDate.class, a -> a.name("expectedReturn").getter(Checkout::expectedReturn).setter(Builder::expectedReturn))
            .addAttribute(String.class, a -> a.name("by").getter(Checkout::by).setter(Builder::by))
            .build();

    static final class Builder {
        private String custodian;
        private Instant since;
        private LocalDate expectedReturn;
        private String by;

        Builder custodian(String v) { custodian = v; return this; }
        Builder since(Instant v) { since = v; return this; }
        Builder expectedReturn(LocalDate v) { expectedReturn = v; return this; }
        Builder by(String v) { by = v; return this; }

        Checkout build() {
            return new Checkout(custodian, since, expectedReturn, by);
        }
    }
}
