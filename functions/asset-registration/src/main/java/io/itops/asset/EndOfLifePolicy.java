package io.itops.asset;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Planned service life per model or category, in months ({@code END_OF_LIFE_MONTHS}, e.g.
 * {@code laptop=48;server=60;ThinkPad X1 Carbon Gen 12=36}): a model's entry wins over its
 * category's. The planned end of life counts from the purchase date, else from registration.
 */
record EndOfLifePolicy(Map<String, Integer> months) {
    static final String DEFAULTS = "laptop=48;desktop=60;server=60;network-device=84;firewall=60;printer=60;storage=60;phone=36";
    static final int MAX_MONTHS = 600;

    EndOfLifePolicy {
        months = Map.copyOf(months);
    }

    /** Parses {@code key=months} pairs separated by {@code ;}; keys are matched case-insensitively. */
    static EndOfLifePolicy parse(String text) {
        Map<String, Integer> months = new LinkedHashMap<>();
        if (text != null) {
            for (String pair : text.split(";")) {
                if (pair.isBlank()) {
                    continue;
                }
                int eq = pair.lastIndexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("END_OF_LIFE_MONTHS: expected key=months, not " + pair.trim());
                }
                int value;
                try {
                    value = Integer.parseInt(pair.substring(eq + 1).trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("END_OF_LIFE_MONTHS: months of " + pair.substring(0, eq).trim()
                            + " must be a whole number");
                }
                if (value < 1 || value > MAX_MONTHS) {
                    throw new IllegalArgumentException("END_OF_LIFE_MONTHS: months of " + pair.substring(0, eq).trim()
                            + " must be 1-" + MAX_MONTHS);
                }
                months.put(key(pair.substring(0, eq)), value);
            }
        }
        return new EndOfLifePolicy(months);
    }

    /** The planned end of life of a new asset, or null when neither its model nor its category has a service life. */
    LocalDate plannedFor(Category category, String model, LocalDate purchased, LocalDate registered) {
        Integer life = model == null ? null : months.get(key(model));
        if (life == null && category != null) {
            life = months.get(key(category.toString()));
        }
        if (life == null) {
            return null;
        }
        return (purchased != null ? purchased : registered).plusMonths(life);
    }

    private static String key(String name) {
        return name.trim().toLowerCase(Locale.ROOT);
    }
}
