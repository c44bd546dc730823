package io.itops.shared.observability;

import io.itops.shared.json.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * JSON-line structured logs on stdout, the format CloudWatch Logs Insights queries directly. The
 * function name and the current request id are added to every line.
 */
public final class Log {
    private static final ThreadLocal<String> REQUEST_ID = new ThreadLocal<>();
    private static volatile String function = "itops";

    private Log() {}

    public static void function(String name) {
        function = name;
    }

    static String functionName() {
        return function;
    }

    public static void requestId(String id) {
        if (id == null) {
            REQUEST_ID.remove();
        } else {
            REQUEST_ID.set(id);
        }
    }

    public static void info(String message, Object... keyValues) {
        write("INFO", message, null, keyValues);
    }

    public static void warn(String message, Object... keyValues) {
        write("WARN", message, null, keyValues);
    }

    public static void error(String message, Throwable failure, Object... keyValues) {
        write("ERROR", message, failure, keyValues);
    }

    private static void write(String level, String message, Throwable failure, Object... keyValues) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("timestamp", Instant.now().toString());
        line.put("level", level);
        line.put("function", function);
        String requestId = REQUEST_ID.get();
        if (requestId != null) {
            line.put("requestId", requestId);
        }
        line.put("message", message);
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            line.put(String.valueOf(keyValues[i]), keyValues[i + 1]);
        }
        if (failure != null) {
            StringWriter trace = new StringWriter();
            failure.printStackTrace(new PrintWriter(trace));
            line.put("error", failure.getClass().getName());
            line.put("stackTrace", trace.toString());
        }
        System.out.println(Json.write(line));
    }
}
