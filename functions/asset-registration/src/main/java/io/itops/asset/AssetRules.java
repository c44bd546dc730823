package io.itops.asset;

import io.itops.shared.validation.Validator;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** Field rules of an asset, shared by registration, updates and import rows. */
final class AssetRules {
    static final Pattern TAG = Pattern.compile("[A-Z0-9][A-Z0-9._/-]{0,31}");
    static final Pattern SERIAL = Pattern.compile("[A-Z0-9][A-Z0-9._/-]{0,63}");
    static final Pattern USER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@+-]{0,127}");
    static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    static final Pattern ATTRIBUTE_KEY = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,39}");
    static final int MAX_ATTRIBUTES = 20;
    static final int MAX_TEXT = 200;

    private AssetRules() {}

    static String normaliseTag(String tag) {
        return tag == null ? null : tag.trim().toUpperCase(Locale.ROOT);
    }

    /** Checks every field of a complete asset; {@code prefix} names the row in imports. */
    static void check(Validator v, String prefix, Asset asset) {
        v.required(prefix + "assetTag", asset.assetTag())
                .pattern(prefix + "assetTag", asset.assetTag(), TAG, "1-32 letters, digits or . _ / - (case-insensitive)")
                .pattern(prefix + "serialNumber", asset.serialNumber(), SERIAL, "1-64 letters, digits or . _ / -")
                .required(prefix + "category", asset.category())
                .requiredText(prefix + "model", asset.model(), MAX_TEXT)
                .text(prefix + "vendor", asset.vendor(), MAX_TEXT)
                .text(prefix + "location", asset.location(), MAX_TEXT)
                .text(prefix + "department", asset.department(), MAX_TEXT)
                .pattern(prefix + "custodian", asset.custodian(), USER, "a user id (letters, digits, . _ @ + -)")
                .range(prefix + "maintenanceIntervalDays", asset.maintenanceIntervalDays(), 1, 3650)
                .size(prefix + "attributes", asset.attributes(), MAX_ATTRIBUTES);
        if (asset.status() != null && asset.status().needsCustodianAndLocation()) {
            v.rule(asset.custodian() != null, prefix + "custodian", "is required once an asset is " + asset.status())
                    .rule(asset.location() != null, prefix + "location", "is required once an asset is " + asset.status());
        }
        v.rule(asset.status() != Status.DISPOSED, prefix + "status", "cannot start as disposed");

        Purchase purchase = asset.purchase();
        if (purchase != null) {
            v.nonNegative(prefix + "purchase.cost", purchase.cost(), 2)
                    .pattern(prefix + "purchase.currency", purchase.currency(), CURRENCY, "an ISO 4217 code such as CNY or USD")
                    .rule(purchase.cost() == null || purchase.currency() != null, prefix + "purchase.currency", "is required with a cost")
                    .text(prefix + "purchase.supplier", purchase.supplier(), MAX_TEXT)
                    .text(prefix + "purchase.orderNumber", purchase.orderNumber(), 64);
            if (purchase.date() != null && asset.warrantyEnd() != null) {
                v.rule(!asset.warrantyEnd().isBefore(purchase.date()), prefix + "warrantyEnd", "must not be before purchase.date");
            }
        }
        for (Map.Entry<String, String> attribute : asset.attributes().entrySet()) {
            v.pattern(prefix + "attributes", attribute.getKey(), ATTRIBUTE_KEY, "keyed by names of 1-40 letters, digits, _ . -")
                    .rule(attribute.getValue() != null, prefix + "attributes." + attribute.getKey(), "must be a string")
                    .text(prefix + "attributes." + attribute.getKey(), attribute.getValue(), 256);
        }
    }

    /** {@link #check} and what only a new asset must meet: a stage without custody starts without a custodian. */
    static void checkNew(Validator v, String prefix, Asset asset) {
        check(v, prefix, asset);
        if (asset.status() != null && asset.status().endsCustody()) {
            v.rule(asset.custodian() == null, prefix + "custodian", "cannot be set on an asset that starts as " + asset.status());
        }
    }

    /** The next maintenance date after work done on {@code performedOn}. */
    static LocalDate nextMaintenance(LocalDate performedOn, Integer intervalDays, LocalDate explicit, LocalDate current) {
        if (explicit != null) {
            return explicit;
        }
        return intervalDays == null ? current : performedOn.plusDays(intervalDays);
    }
}
