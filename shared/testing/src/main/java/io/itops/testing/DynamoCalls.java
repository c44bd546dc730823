package io.itops.testing;

import io.itops.shared.aws.AwsCalls;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Listens on the functions' real AWS clients and counts operations by name (GetItem, Query, Scan,
 * PutEvents, ...), to prove that list routes never Scan and audits read each item once.
 */
public final class DynamoCalls implements AwsCalls {
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

    @Override
    public void called(String service, String operation) {
        counts.computeIfAbsent(operation, k -> new AtomicInteger()).incrementAndGet();
    }

    public int count(String operation) {
        AtomicInteger count = counts.get(operation);
        return count == null ? 0 : count.get();
    }

    public List<String> operations() {
        return List.copyOf(counts.keySet());
    }

    public void reset() {
        counts.clear();
    }
}
