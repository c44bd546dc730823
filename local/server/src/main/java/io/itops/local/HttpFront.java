package io.itops.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The socket side: the JDK's HTTP server, one readable line per request on the terminal, the
 * gateway for API routes, and the dev server's own endpoints under {@code /_local/} and
 * {@code /.well-known/} (which API Gateway would not have; no API route starts with them).
 */
final class HttpFront implements AutoCloseable {
    /** API Gateway's HTTP API payload limit. */
    static final int MAX_BODY = 10 * 1024 * 1024;
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");
    private final HttpServer server;
    private final ExecutorService executor;
    private final PrintStream console;
    private volatile Gateway gateway;
    private volatile Admin admin;

    /** The dev server's own endpoints. */
    interface Admin {
        Gateway.Result handle(String method, String path, String query, byte[] body);
    }

    HttpFront(String host, int port, PrintStream console) throws IOException {
        this.console = console;
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(32, r -> {
            Thread thread = new Thread(r, "itops-http-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.server = HttpServer.create(new InetSocketAddress(host, port), 128);
        server.setExecutor(executor);
        server.createContext("/", this::exchange);
    }

    int port() {
        return server.getAddress().getPort();
    }

    void start(Gateway gateway, Admin admin) {
        this.gateway = gateway;
        this.admin = admin;
        server.start();
    }

    private void exchange(HttpExchange exchange) throws IOException {
        long started = System.nanoTime();
        String method = exchange.getRequestMethod().toUpperCase(java.util.Locale.ROOT);
        String rawPath = exchange.getRequestURI().getRawPath();
        String rawQuery = exchange.getRequestURI().getRawQuery();
        Gateway.Result result;
        try {
            byte[] body = read(exchange.getRequestBody());
            if (body == null) {
                result = Gateway.gatewayError(413, "Request Entity Too Large", Gateway.requestId(), null, null, "body over 10 MB", List.of());
            } else if (rawPath.startsWith("/_local/") || rawPath.startsWith("/.well-known/")) {
                result = admin.handle(method, rawPath, rawQuery, body);
            } else {
                List<Map.Entry<String, String>> headers = new ArrayList<>();
                exchange.getRequestHeaders().forEach((name, values) -> values.forEach(v -> headers.add(Map.entry(name, v))));
                String protocol = exchange.getProtocol();
                result = gateway.handle(new Gateway.Call(method, rawPath, rawQuery, headers, body,
                        exchange.getRemoteAddress().getAddress().getHostAddress(), protocol == null ? "HTTP/1.1" : protocol));
            }
        } catch (RuntimeException e) {
            result = Gateway.gatewayError(500, "Internal Server Error", Gateway.requestId(), null, null, "dev server: " + e, List.of());
        }
        try {
            for (Map.Entry<String, String> header : result.headers()) {
                exchange.getResponseHeaders().add(header.getKey(), header.getValue());
            }
            boolean noBody = method.equals("HEAD") || result.status() == 204 || result.status() == 304 || result.body().length == 0;
            exchange.sendResponseHeaders(result.status(), noBody ? -1 : result.body().length);
            if (!noBody) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(result.body());
                }
            }
        } finally {
            exchange.close();
            if (!rawPath.startsWith("/.well-known/")) {
                log(method, rawPath, rawQuery, result, (System.nanoTime() - started) / 1_000_000);
            }
        }
    }

    private static byte[] read(InputStream in) throws IOException {
        byte[] body = in.readNBytes(MAX_BODY + 1);
        return body.length > MAX_BODY ? null : body;
    }

    private void log(String method, String rawPath, String rawQuery, Gateway.Result result, long millis) {
        String target = rawPath + (rawQuery == null ? "" : "?" + rawQuery);
        if (target.length() > 60) {
            target = target.substring(0, 59) + "…";
        }
        StringBuilder line = new StringBuilder();
        line.append(String.format("%s %-6s %-60s %3d %5d ms", LocalTime.now().format(CLOCK), method, target, result.status(), millis));
        if (result.function() != null) {
            line.append("  ").append(result.function());
        }
        if (result.routeKey() != null && !result.routeKey().equals(method + " " + rawPath)) {
            line.append("  (").append(result.routeKey()).append(')');
        }
        if (result.note() != null) {
            line.append("  - ").append(result.note());
        }
        console.println(line);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ------------------------------------------------------------------ helpers for the admin endpoints

    static Gateway.Result json(int status, Object body) {
        byte[] bytes = LocalJson.pretty(body).concat("\n").getBytes(StandardCharsets.UTF_8);
        return new Gateway.Result(status, List.of(Map.entry("content-type", "application/json")), bytes, null, null, null);
    }

    static Gateway.Result error(int status, String message) {
        ObjectNode body = LocalJson.object();
        body.put("message", message);
        return json(status, body);
    }

    static ArrayNode array(List<?> items) {
        ArrayNode array = LocalJson.array();
        items.forEach(item -> array.add(item instanceof JsonNode node ? node : LocalJson.tree(item)));
        return array;
    }

    static String age(Instant instant) {
        return Duration.between(Instant.now(), instant).toString();
    }
}
