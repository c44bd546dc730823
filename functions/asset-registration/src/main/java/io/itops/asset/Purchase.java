package io.itops.asset;

import java.math.BigDecimal;
import java.time.LocalDate;

/** How the asset was bought. */
public record Purchase(LocalDate date, BigDecimal cost, String currency, String supplier, String orderNumber) {}
