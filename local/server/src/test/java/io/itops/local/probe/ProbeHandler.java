package io.itops.local.probe;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/**
 * A test function for the dev server's wiring, with nothing but the JDK and the Lambda interfaces:
 * it appends every event it receives to {@code $PROBE_OUT/$PROBE_NAME.jsonl}, fails when
 * {@code PROBE_FAIL=true}, and for HTTP events answers in the shape the query asks for (mode=echo,
 * raw, cookies, binary, throw, text), so tests can see the event API Gateway would have sent and
 * how the answer is mapped back.
 */
public final class ProbeHandler implements RequestStreamHandler {
    private final String name;
    private final Path out;
    private final boolean fail;

    public ProbeHandler(Map<String, String> environment) {
        this.name = environment.get("PROBE_NAME");
        this.out = Path.of(environment.get("PROBE_OUT"));
        this.fail = "true".equals(environment.get("PROBE_FAIL"));
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        String event = new String(input.readAllBytes(), StandardCharsets.UTF_8);
        synchronized (ProbeHandler.class) {
            Files.createDirectories(out);
            Files.writeString(out.resolve(name + ".jsonl"), event.replace("\n", " ") + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
        System.out.println("{\"probe\":\"" + name + "\",\"requestId\":\"" + context.getAwsRequestId() + "\"}");
        if (fail) {
            throw new IllegalStateException("probe " + name + " fails on purpose");
        }
        if (!event.contains("\"routeKey\"")) {
            output.write(("{\"ok\":true,\"probe\":\"" + name + "\"}").getBytes(StandardCharsets.UTF_8));
            return;
        }
        String query = between(event, "\"rawQueryString\":\"", "\"");
        String answer;
        if (query.contains("mode=raw")) {
            answer = "{\"probe\":\"" + name + "\",\"raw\":true}";
        } else if (query.contains("mode=cookies")) {
            answer = "{\"statusCode\":201,\"headers\":{\"X-One\":\"1\"},\"multiValueHeaders\":{\"x-many\":[\"a\",\"b\"]},"
                    + "\"cookies\":[\"a=1; Path=/\",\"b=2\"],\"body\":\"ok\"}";
        } else if (query.contains("mode=binary")) {
            answer = "{\"statusCode\":200,\"headers\":{\"content-type\":\"application/octet-stream\"},\"isBase64Encoded\":true,\"body\":\"AAEC/w==\"}";
        } else if (query.contains("mode=throw")) {
            throw new IllegalArgumentException("probe " + name + " throws on request");
        } else if (query.contains("mode=text")) {
            answer = "this is not JSON";
        } else {
            boolean seesServer;
            try {
                Class.forName("io.itops.local.DevServer", false, getClass().getClassLoader());
                seesServer = true;
            } catch (ClassNotFoundException expected) {
                seesServer = false;
            }
            answer = "{\"statusCode\":200,\"headers\":{\"content-type\":\"application/json\",\"x-probe\":\"" + name
                    + "\",\"x-loader\":\"" + getClass().getClassLoader().getName() + "\",\"x-sees-server\":\"" + seesServer
                    + "\"},\"body\":" + quote(event) + "}";
        }
        output.write(answer.getBytes(StandardCharsets.UTF_8));
    }

    private static String between(String text, String start, String end) {
        int from = text.indexOf(start);
        if (from < 0) {
            return "";
        }
        from += start.length();
        int to = text.indexOf(end, from);
        return to < 0 ? "" : text.substring(from, to);
    }

    private static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
