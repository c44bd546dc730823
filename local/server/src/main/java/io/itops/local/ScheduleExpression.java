package io.itops.local;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * An EventBridge Scheduler expression: {@code cron(min hour day-of-month month day-of-week year)}
 * with AWS's rules (one of the two day fields is {@code ?}; day-of-week 1-7 = SUN-SAT or names;
 * {@code L}, {@code LW}, {@code nW} in day-of-month; {@code L}, {@code nL}, {@code n#k} in
 * day-of-week; ranges, lists and steps), {@code rate(n unit)} or {@code at(yyyy-mm-ddThh:mm:ss)},
 * evaluated in the schedule's time zone.
 */
sealed interface ScheduleExpression {

    /** The first firing strictly after {@code after}; empty when none is left. {@code start} anchors rates. */
    Optional<Instant> next(Instant after, ZoneId zone, Instant start);

    static ScheduleExpression parse(String expression) {
        String text = expression.trim();
        if (text.startsWith("cron(") && text.endsWith(")")) {
            return Cron.parse(text.substring(5, text.length() - 1));
        }
        if (text.startsWith("rate(") && text.endsWith(")")) {
            return Rate.parse(text.substring(5, text.length() - 1));
        }
        if (text.startsWith("at(") && text.endsWith(")")) {
            return new At(LocalDateTime.parse(text.substring(3, text.length() - 1).trim()));
        }
        throw new IllegalArgumentException("not a schedule expression (cron(...), rate(...) or at(...)): " + expression);
    }

    record At(LocalDateTime time) implements ScheduleExpression {
        @Override
        public Optional<Instant> next(Instant after, ZoneId zone, Instant start) {
            Instant at = time.atZone(zone).toInstant();
            return at.isAfter(after) ? Optional.of(at) : Optional.empty();
        }
    }

    record Rate(Duration period) implements ScheduleExpression {
        static Rate parse(String body) {
            String[] parts = body.trim().split("\\s+");
            if (parts.length != 2) {
                throw new IllegalArgumentException("rate takes a value and a unit, e.g. rate(5 minutes): rate(" + body + ")");
            }
            long value = Long.parseLong(parts[0]);
            if (value < 1) {
                throw new IllegalArgumentException("rate value must be positive: " + body);
            }
            String unit = parts[1].toLowerCase(Locale.ROOT);
            Duration period = switch (unit) {
                case "minute", "minutes" -> Duration.ofMinutes(value);
                case "hour", "hours" -> Duration.ofHours(value);
                case "day", "days" -> Duration.ofDays(value);
                default -> throw new IllegalArgumentException("rate unit must be minute(s), hour(s) or day(s): " + body);
            };
            return new Rate(period);
        }

        @Override
        public Optional<Instant> next(Instant after, ZoneId zone, Instant start) {
            if (after.isBefore(start)) {
                return Optional.of(start.plus(period));
            }
            long periods = Duration.between(start, after).toMillis() / period.toMillis() + 1;
            return Optional.of(start.plus(period.multipliedBy(periods)));
        }
    }

    /** AWS cron: six fields, day-of-week 1 = Sunday. */
    record Cron(String source, BitSet minutes, BitSet hours, DayField days, BitSet months, WeekField weekdays, BitSet years)
            implements ScheduleExpression {
        private static final List<String> MONTHS = List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC");
        private static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");

        static Cron parse(String body) {
            String[] f = body.trim().split("\\s+");
            if (f.length != 6) {
                throw new IllegalArgumentException("cron takes 6 fields (minutes hours day-of-month month day-of-week year): cron(" + body + ")");
            }
            boolean anyDay = f[2].equals("?");
            boolean anyWeekday = f[4].equals("?");
            if (anyDay == anyWeekday) {
                throw new IllegalArgumentException("cron: exactly one of day-of-month and day-of-week must be '?': cron(" + body + ")");
            }
            return new Cron(body, set(f[0], 0, 59, List.of(), 0), set(f[1], 0, 23, List.of(), 0),
                    anyDay ? null : DayField.parse(f[2]), set(f[3], 1, 12, MONTHS, 1),
                    anyWeekday ? null : WeekField.parse(f[4]), set(f[5], 1970, 2199, List.of(), 0));
        }

        /** A plain field: *, n, a-b, a/b, a-b/c, lists; names when {@code names} are given (first name = {@code base}). */
        static BitSet set(String field, int min, int max, List<String> names, int base) {
            BitSet bits = new BitSet();
            for (String item : field.split(",")) {
                int step = 1;
                String range = item;
                int slash = item.indexOf('/');
                if (slash >= 0) {
                    step = Integer.parseInt(item.substring(slash + 1));
                    range = item.substring(0, slash);
                    if (step < 1) {
                        throw new IllegalArgumentException("cron step must be positive: " + item);
                    }
                }
                int from;
                int to;
                if (range.equals("*")) {
                    from = min;
                    to = max;
                } else if (range.contains("-")) {
                    String[] ends = range.split("-", 2);
                    from = value(ends[0], names, base);
                    to = value(ends[1], names, base);
                } else {
                    from = value(range, names, base);
                    to = slash >= 0 ? max : from;
                }
                if (from < min || to > max || from > to) {
                    throw new IllegalArgumentException("cron value out of range " + min + "-" + max + ": " + item);
                }
                for (int v = from; v <= to; v += step) {
                    bits.set(v);
                }
            }
            return bits;
        }

        static int value(String text, List<String> names, int base) {
            int named = names.indexOf(text.toUpperCase(Locale.ROOT));
            if (named >= 0) {
                return named + base;
            }
            try {
                return Integer.parseInt(text);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("cron: not a value: " + text);
            }
        }

        @Override
        public Optional<Instant> next(Instant after, ZoneId zone, Instant start) {
            ZonedDateTime from = after.atZone(zone).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
            LocalDate day = from.toLocalDate();
            for (int i = 0; i < 366 * 8; i++, day = day.plusDays(1)) {
                if (day.getYear() > 2199) {
                    break;
                }
                if (!years.get(day.getYear()) || !months.get(day.getMonthValue()) || !dayMatches(day)) {
                    continue;
                }
                boolean first = day.equals(from.toLocalDate());
                for (int h = hours.nextSetBit(first ? from.getHour() : 0); h >= 0; h = hours.nextSetBit(h + 1)) {
                    boolean sameHour = first && h == from.getHour();
                    for (int m = minutes.nextSetBit(sameHour ? from.getMinute() : 0); m >= 0; m = minutes.nextSetBit(m + 1)) {
                        Instant candidate = ZonedDateTime.ofLocal(day.atTime(h, m), zone, null).toInstant();
                        if (candidate.isAfter(after)) {
                            return Optional.of(candidate);
                        }
                    }
                }
            }
            return Optional.empty();
        }

        boolean dayMatches(LocalDate day) {
            return days != null ? days.matches(day) : weekdays.matches(day);
        }
    }

    /** Day of month: plain values, L (last day), LW (last weekday), nW (weekday nearest n). */
    record DayField(BitSet values, boolean last, boolean lastWeekday, BitSet nearestWeekday) {
        static DayField parse(String field) {
            BitSet values = new BitSet();
            BitSet nearest = new BitSet();
            boolean last = false;
            boolean lastWeekday = false;
            for (String item : field.split(",")) {
                if (item.equals("L")) {
                    last = true;
                } else if (item.equals("LW")) {
                    lastWeekday = true;
                } else if (item.endsWith("W")) {
                    int n = Integer.parseInt(item.substring(0, item.length() - 1));
                    if (n < 1 || n > 31) {
                        throw new IllegalArgumentException("cron: day of month out of range: " + item);
                    }
                    nearest.set(n);
                } else {
                    values.or(Cron.set(item, 1, 31, List.of(), 0));
                }
            }
            return new DayField(values, last, lastWeekday, nearest);
        }

        boolean matches(LocalDate day) {
            int dom = day.getDayOfMonth();
            int length = day.lengthOfMonth();
            if (values.get(dom) || last && dom == length) {
                return true;
            }
            if (lastWeekday && day.equals(weekdayOnOrBefore(day.with(TemporalAdjusters.lastDayOfMonth())))) {
                return true;
            }
            for (int n = nearestWeekday.nextSetBit(0); n >= 0; n = nearestWeekday.nextSetBit(n + 1)) {
                if (n <= length && day.equals(nearestWeekday(YearMonth.from(day).atDay(n)))) {
                    return true;
                }
            }
            return false;
        }

        private static LocalDate weekdayOnOrBefore(LocalDate day) {
            while (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY) {
                day = day.minusDays(1);
            }
            return day;
        }

        /** The weekday nearest {@code day} without leaving its month (Quartz's W). */
        private static LocalDate nearestWeekday(LocalDate day) {
            return switch (day.getDayOfWeek()) {
                case SATURDAY -> day.getDayOfMonth() == 1 ? day.plusDays(2) : day.minusDays(1);
                case SUNDAY -> day.getDayOfMonth() == day.lengthOfMonth() ? day.minusDays(2) : day.plusDays(1);
                default -> day;
            };
        }
    }

    /** Day of week (1 = SUN ... 7 = SAT): plain values, L (Saturday), nL (last n of the month), n#k (k-th n). */
    record WeekField(BitSet values, BitSet lastOfMonth, int nth, int nthDay) {
        static WeekField parse(String field) {
            BitSet values = new BitSet();
            BitSet last = new BitSet();
            int nth = 0;
            int nthDay = 0;
            for (String item : field.split(",")) {
                if (item.equals("L")) {
                    values.set(7);
                } else if (item.endsWith("L")) {
                    last.set(Cron.value(item.substring(0, item.length() - 1), Cron.DAYS, 1));
                } else if (item.contains("#")) {
                    String[] parts = item.split("#", 2);
                    nthDay = Cron.value(parts[0], Cron.DAYS, 1);
                    nth = Integer.parseInt(parts[1]);
                    if (nth < 1 || nth > 5 || nthDay < 1 || nthDay > 7) {
                        throw new IllegalArgumentException("cron: n#k takes a day 1-7 and k 1-5: " + item);
                    }
                } else {
                    values.or(Cron.set(item, 1, 7, Cron.DAYS, 1));
                }
            }
            return new WeekField(values, last, nth, nthDay);
        }

        static int awsDay(LocalDate day) {
            return day.getDayOfWeek().getValue() % 7 + 1;
        }

        boolean matches(LocalDate day) {
            int dow = awsDay(day);
            if (values.get(dow)) {
                return true;
            }
            if (lastOfMonth.get(dow) && day.plusWeeks(1).getMonthValue() != day.getMonthValue()) {
                return true;
            }
            return nth > 0 && dow == nthDay && (day.getDayOfMonth() - 1) / 7 + 1 == nth;
        }
    }
}
