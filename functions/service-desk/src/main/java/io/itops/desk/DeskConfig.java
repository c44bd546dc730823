package io.itops.desk;

import io.itops.shared.config.Env;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Settings of the service desk: the business clock (time zone, working hours and days, holidays),
 * the ITIL impact x urgency matrix, SLA targets per priority in business minutes, the share of a
 * target after which the assignee is warned, the queue (an IT staff member) of each category, how
 * long a resolved ticket may be reopened before it closes by itself, the IT lead told of breaches
 * (none: the IT staff channel), and the joiner/leaver checklists.
 *
 * @param matrix priority by impact then urgency
 */
record DeskConfig(BusinessClock clock, Map<Level, Map<Level, Priority>> matrix, Map<Priority, Targets> targets,
                  int warnPercent, Map<Category, String> queues, int reopenDays, String itLead,
                  List<String> onboarding, List<String> offboarding) {

    /** First-response and resolution targets, in business time. */
    record Targets(Duration response, Duration resolution) {}

    static final String DEFAULT_MATRIX = "high/high=p1,high/medium=p2,high/low=p3,medium/high=p2,medium/medium=p3,"
            + "medium/low=p4,low/high=p3,low/medium=p4,low/low=p4";
    static final String DEFAULT_TARGETS = "p1=30/240,p2=60/480,p3=240/1440,p4=480/2400";

    static DeskConfig from(Env env) {
        ZoneId zone = ZoneId.of(env.optional("TIME_ZONE", "UTC"));
        String[] hours = env.optional("WORKING_HOURS", "09:00-18:00").split("-");
        if (hours.length != 2) {
            throw new IllegalStateException("WORKING_HOURS must look like 09:00-18:00");
        }
        Set<DayOfWeek> days = new HashSet<>();
        for (String day : list(env.optional("WORKING_DAYS", "MON,TUE,WED,THU,FRI"))) {
            days.add(dayOfWeek(day));
        }
        Set<LocalDate> holidays = new HashSet<>();
        for (String day : list(env.optional("HOLIDAYS", ""))) {
            holidays.add(LocalDate.parse(day));
        }
        BusinessClock clock = new BusinessClock(zone, LocalTime.parse(hours[0].trim()), LocalTime.parse(hours[1].trim()), days, holidays);
        Map<Category, String> queues = new EnumMap<>(Category.class);
        for (String entry : list(env.optional("CATEGORY_QUEUES", ""))) {
            String[] kv = pair("CATEGORY_QUEUES", entry);
            queues.put(Category.parse(kv[0]), kv[1]);
        }
        int warn = env.integer("SLA_WARN_PERCENT", 75);
        int reopen = env.integer("REOPEN_DAYS", 7);
        if (warn < 1 || warn > 99 || reopen < 1) {
            throw new IllegalStateException("SLA_WARN_PERCENT must be 1-99 and REOPEN_DAYS positive");
        }
        return new DeskConfig(clock, matrix(env.optional("PRIORITY_MATRIX", DEFAULT_MATRIX)),
                targets(env.optional("SLA_TARGETS_MINUTES", DEFAULT_TARGETS)), warn, Map.copyOf(queues), reopen,
                env.optional("IT_LEAD", null),
                steps(env.optional("ONBOARDING_CHECKLIST", "Create the directory account|Prepare and hand over a laptop|Grant mail and chat|Book security-awareness training")),
                steps(env.optional("OFFBOARDING_CHECKLIST", "Disable the directory account|Revoke VPN and application access|Collect equipment|Archive the mailbox")));
    }

    Priority priority(Level impact, Level urgency) {
        return matrix.get(impact).get(urgency);
    }

    Targets targetsFor(Priority priority) {
        return targets.get(priority);
    }

    private static Map<Level, Map<Level, Priority>> matrix(String spec) {
        Map<Level, Map<Level, Priority>> out = new EnumMap<>(Level.class);
        for (String entry : list(spec)) {
            String[] kv = pair("PRIORITY_MATRIX", entry);
            String[] axes = kv[0].split("/");
            if (axes.length != 2) {
                throw new IllegalStateException("PRIORITY_MATRIX entries look like impact/urgency=priority: " + entry);
            }
            out.computeIfAbsent(Level.parse(axes[0]), k -> new EnumMap<>(Level.class)).put(Level.parse(axes[1]), Priority.parse(kv[1]));
        }
        for (Level impact : Level.values()) {
            for (Level urgency : Level.values()) {
                if (!out.containsKey(impact) || !out.get(impact).containsKey(urgency)) {
                    throw new IllegalStateException("PRIORITY_MATRIX has no priority for " + impact + "/" + urgency);
                }
            }
        }
        Map<Level, Map<Level, Priority>> frozen = new EnumMap<>(Level.class);
        out.forEach((k, v) -> frozen.put(k, Map.copyOf(v)));
        return Map.copyOf(frozen);
    }

    private static Map<Priority, Targets> targets(String spec) {
        Map<Priority, Targets> out = new EnumMap<>(Priority.class);
        for (String entry : list(spec)) {
            String[] kv = pair("SLA_TARGETS_MINUTES", entry);
            String[] minutes = kv[1].split("/");
            long response = Long.parseLong(minutes[0].trim());
            long resolution = Long.parseLong(minutes[1].trim());
            if (response < 1 || resolution < response) {
                throw new IllegalStateException("SLA_TARGETS_MINUTES: response >= 1 and resolution >= response: " + entry);
            }
            out.put(Priority.parse(kv[0]), new Targets(Duration.ofMinutes(response), Duration.ofMinutes(resolution)));
        }
        for (Priority p : Priority.values()) {
            if (!out.containsKey(p)) {
                throw new IllegalStateException("SLA_TARGETS_MINUTES has no targets for " + p);
            }
        }
        return Map.copyOf(out);
    }

    private static DayOfWeek dayOfWeek(String day) {
        for (DayOfWeek d : DayOfWeek.values()) {
            if (d.name().startsWith(day.toUpperCase(Locale.ROOT)) && day.length() >= 3) {
                return d;
            }
        }
        throw new IllegalStateException("WORKING_DAYS: not a day: " + day);
    }

    private static String[] pair(String name, String entry) {
        String[] kv = entry.split("=", 2);
        if (kv.length != 2 || kv[0].isBlank() || kv[1].isBlank()) {
            throw new IllegalStateException(name + " entries look like key=value: " + entry);
        }
        return new String[] {kv[0].trim(), kv[1].trim()};
    }

    private static List<String> list(String value) {
        List<String> out = new ArrayList<>();
        for (String part : value.split(",")) {
            if (!part.isBlank()) {
                out.add(part.trim());
            }
        }
        return out;
    }

    private static List<String> steps(String value) {
        List<String> out = new ArrayList<>();
        for (String part : value.split("\\|")) {
            if (!part.isBlank()) {
                out.add(part.trim());
            }
        }
        return List.copyOf(out);
    }
}
