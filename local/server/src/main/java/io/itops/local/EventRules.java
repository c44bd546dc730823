package io.itops.local;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.event.ruler.GenericMachine;

/**
 * Which rules of a bus an event matches, decided by Event Ruler, the open-source engine EventBridge
 * itself runs: one machine per bus, every rule of that bus added to it by its position.
 */
final class EventRules {
    private final Map<String, GenericMachine<Integer>> machines = new HashMap<>();

    /** {@code rules}: (bus, pattern JSON) in delivery order; {@link #matching} answers their positions. */
    EventRules(List<Map.Entry<String, String>> rules) {
        for (int i = 0; i < rules.size(); i++) {
            try {
                machines.computeIfAbsent(rules.get(i).getKey(), bus -> new GenericMachine<>()).addRule(i, rules.get(i).getValue());
            } catch (IOException | RuntimeException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        }
    }

    /** The pattern as JSON text, if Event Ruler (and EventBridge's own rule that a pattern is a non-empty object) accepts it. */
    static String check(Object pattern) {
        JsonNode tree = pattern instanceof JsonNode node ? node : LocalJson.tree(pattern);
        if (tree == null || !tree.isObject() || tree.isEmpty()) {
            throw new IllegalArgumentException("a pattern is a non-empty JSON object");
        }
        String json = LocalJson.write(tree);
        try {
            new GenericMachine<String>().addRule("check", json);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return json;
    }

    /** The positions of the rules of {@code bus} that {@code event} (an EventBridge envelope) matches, ascending. */
    Set<Integer> matching(String bus, JsonNode event) {
        GenericMachine<Integer> machine = machines.get(bus);
        if (machine == null) {
            return Set.of();
        }
        try {
            return new TreeSet<>(machine.rulesForJSONEvent(event));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("event not matchable: " + e.getMessage(), e);
        }
    }

    /** Convenience for one pattern: does {@code event} match it. */
    static boolean matches(String pattern, JsonNode event) {
        return !new EventRules(List.of(Map.entry("bus", check(LocalJson.read(pattern))))).matching("bus", event).isEmpty();
    }

    static List<Map.Entry<String, String>> of(List<LocalBus.Subscription> subscriptions) {
        List<Map.Entry<String, String>> rules = new ArrayList<>();
        subscriptions.forEach(s -> rules.add(Map.entry(s.busName(), s.pattern())));
        return rules;
    }
}
