package io.itops.shared.config;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * Typed access to a function's environment variables. A handler's no-arg constructor passes
 * {@code System.getenv()}; the dev server and tests pass their own map, and the template check uses
 * {@link #namesRead()} to prove that the code and template.yaml agree.
 */
public final class Env {
    private final Map<String, String> vars;
    private final Set<String> read = new ConcurrentSkipListSet<>();

    public Env(Map<String, String> vars) {
        this.vars = Map.copyOf(vars);
    }

    public String required(String name) {
        read.add(name);
        String value = vars.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("Environment variable " + name + " is not set");
        }
        return value;
    }

    public String optional(String name, String fallback) {
        read.add(name);
        String value = vars.get(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    public int integer(String name, int fallback) {
        String value = optional(name, null);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalStateException("Environment variable " + name + " must be an integer", e);
        }
    }

    /** Lambda-provided variables (region, credentials) read without counting them as template variables. */
    public String runtime(String name) {
        return vars.get(name);
    }

    public Set<String> namesRead() {
        return new TreeSet<>(read);
    }
}
