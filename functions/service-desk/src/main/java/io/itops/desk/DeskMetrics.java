package io.itops.desk;

import io.itops.desk.Views.Metrics;
import io.itops.desk.Views.MetricsRow;
import io.itops.shared.error.ApiException;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * GET /service-desk/metrics: tickets opened and resolved, median business minutes to first response
 * and to resolution, and SLA attainment, by month (in the desk's time zone) and category. Reads the
 * tickets created from {@value #LOOK_BACK_MONTHS} months before the range, so tickets resolved in the
 * range but opened a little earlier still count as resolved.
 */
final class DeskMetrics {
    static final int MAX_MONTHS = 12;
    static final int LOOK_BACK_MONTHS = 3;
    private final TicketStore store;
    private final DeskConfig config;

    DeskMetrics(TicketStore store, DeskConfig config) {
        this.store = store;
        this.config = config;
    }

    static YearMonth month(String field, String value) {
        try {
            YearMonth m = YearMonth.parse(value);
            if (m.getYear() < 1 || m.getYear() > 9999) {
                throw new DateTimeParseException("year", value, 0);
            }
            return m;
        } catch (DateTimeParseException e) {
            throw ApiException.Invalid.field("query." + field, "must be a month YYYY-MM");
        }
    }

    Metrics compute(YearMonth from, YearMonth to) {
        if (to.isBefore(from) || from.plusMonths(MAX_MONTHS - 1).isBefore(to)) {
            throw ApiException.Invalid.field("query.to", "must be from the month of query.from up to " + MAX_MONTHS + " months after it");
        }
        ZoneId zone = config.clock().zone();
        Instant start = from.minusMonths(LOOK_BACK_MONTHS).atDay(1).atStartOfDay(zone).toInstant();
        Instant end = to.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
        Map<String, Bucket> buckets = new TreeMap<>();
        store.created(start, end, t -> {
            YearMonth opened = YearMonth.from(t.createdAt().atZone(zone));
            if (!opened.isBefore(from) && !opened.isAfter(to)) {
                for (Bucket b : buckets(buckets, opened, t.category())) {
                    b.opened++;
                    if (t.responseSeconds() != null) {
                        b.response.add(t.responseSeconds() / 60);
                    }
                }
            }
            if (t.resolvedAt() != null) {
                YearMonth resolved = YearMonth.from(t.resolvedAt().atZone(zone));
                if (!resolved.isBefore(from) && !resolved.isAfter(to)) {
                    DeskConfig.Targets targets = config.targetsFor(t.priority());
                    boolean met = t.slaElapsedSeconds() <= targets.resolution().toSeconds()
                            && (t.responseSeconds() == null || t.responseSeconds() <= targets.response().toSeconds());
                    for (Bucket b : buckets(buckets, resolved, t.category())) {
                        b.resolved++;
                        b.resolution.add(t.slaElapsedSeconds() / 60);
                        if (met) {
                            b.met++;
                        }
                    }
                }
            }
        });
        List<MetricsRow> rows = new ArrayList<>();
        buckets.forEach((key, b) -> rows.add(new MetricsRow(b.month.toString(), b.category, b.opened, b.resolved,
                median(b.response), median(b.resolution), b.resolved == 0 ? null : (int) Math.round(100.0 * b.met / b.resolved))));
        return new Metrics(from.toString(), to.toString(), rows);
    }

    private static List<Bucket> buckets(Map<String, Bucket> buckets, YearMonth month, Category category) {
        Bucket all = buckets.computeIfAbsent(month + "#", k -> new Bucket(month, null));
        Bucket one = buckets.computeIfAbsent(month + "#" + category, k -> new Bucket(month, category));
        return List.of(all, one);
    }

    static Long median(List<Long> values) {
        if (values.isEmpty()) {
            return null;
        }
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static final class Bucket {
        final YearMonth month;
        final Category category;
        int opened, resolved, met;
        final List<Long> response = new ArrayList<>();
        final List<Long> resolution = new ArrayList<>();

        Bucket(YearMonth month, Category category) {
            this.month = month;
            this.category = category;
        }
    }
}
