package io.itops.shared.observability;

import io.itops.shared.json.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CloudWatch Embedded Metric Format: a metric is one JSON log line that CloudWatch turns into a
 * datapoint, with no API call and no extra latency. Dimension: the function.
 */
public final class Metrics {
    public static final String NAMESPACE = "itops";

    private Metrics() {}

    public static void count(String name) {
        emit(name, 1, "Count");
    }

    public static void count(String name, long value) {
        emit(name, value, "Count");
    }

    public static void millis(String name, long value) {
        emit(name, value, "Milliseconds");
    }

    /** A share in percent (compliance), as a gauge: dashboards show its last value. */
    public static void percent(String name, double value) {
        emit(name, value, "Percent");
    }

    private static void emit(String name, Number value, String unit) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("_aws", Map.of(
                "Timestamp", System.currentTimeMillis(),
                "CloudWatchMetrics", List.of(Map.of(
                        "Namespace", NAMESPACE,
                        "Dimensions", List.of(List.of("function")),
                        "Metrics", List.of(Map.of("Name", name, "Unit", unit))))));
        line.put("function", Log.functionName());
        line.put(name, value);
        System.out.println(Json.write(line));
    }

}
