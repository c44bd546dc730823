package io.itops.asset;

import java.time.Instant;
import java.time.LocalDate;

/** An open custody hand-over: who holds the asset since when, and when it should come back. */
public record Checkout(String custodian, Instant since, LocalDate expectedReturn, String by) {}
