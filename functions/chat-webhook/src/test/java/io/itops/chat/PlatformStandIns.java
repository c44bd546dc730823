package io.itops.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.itops.shared.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Local stand-ins for the Slack, Feishu and DingTalk APIs on one JDK HttpServer (localhost only).
 * Each checks what the real API checks that matters here (bot token, tenant token, custom-bot
 * signatures, computed independently of the function's code), records every message it takes and
 * can be told to fail the next calls to a path.
 */
final class PlatformStandIns implements AutoCloseable {
    static final String SLACK_BOT_TOKEN = "xoxb-test-bot-token";
    static final String FEISHU_APP_ID = "cli_test_app";
    static final String FEISHU_APP_SECRET = "test-feishu-app-secret";
    static final String DINGTALK_APP_KEY = "ding-test-app-key";
    static final String DINGTALK_APP_SECRET = "test-dingtalk-app-secret";
    static final String FEISHU_BOT_SECRET = "test-feishu-bot-secret";
    static final String DINGTALK_ROBOT_SECRET = "SECtest-dingtalk-robot-secret";

    /** A request the stand-in took. */
    record Received(String path, Map<String, String> query, Map<String, String> headers, JsonNode body) {
        /** The message text, wherever the platform keeps it. */
        String text() {
            if (body.has("text") && body.get("text").isTextual()) return body.get("text").asText();
            if (body.path("text").has("content")) return body.path("text").path("content").asText();
            if (body.path("content").isTextual()) return Json.tree(body.path("content").asText().getBytes(StandardCharsets.UTF_8)).path("text").asText();
            if (body.path("content").has("text")) return body.path("content").path("text").asText();
            if (body.path("msgParam").isTextual()) return Json.tree(body.path("msgParam").asText().getBytes(StandardCharsets.UTF_8)).path("content").asText();
            return null;
        }
    }

    private record Failure(int status, String body, String retryAfter) {}

    private final HttpServer server;
    private final List<Received> messages = new CopyOnWriteArrayList<>();
    private final Map<String, List<Failure>> failures = new ConcurrentHashMap<>();
    private final AtomicInteger feishuTokens = new AtomicInteger();
    private final AtomicInteger dingtalkTokens = new AtomicInteger();
    private volatile Duration delay = Duration.ZERO;
    private volatile String feishuToken = "t-tenant-1";

    PlatformStandIns() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        server.start();
    }

    String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The API base URLs, as the function's environment names them. */
    Map<String, String> environment() {
        return Map.of(
                "SLACK_API_URL", base() + "/slack/api",
                "SLACK_HOOKS_URL", base() + "/slack/hooks",
                "FEISHU_API_URL", base() + "/feishu",
                "DINGTALK_API_URL", base() + "/dingtalk/api",
                "DINGTALK_OAPI_URL", base() + "/dingtalk/oapi");
    }

    String slackResponseUrl(String id) {
        return base() + "/slack/hooks/commands/T0001/" + id;
    }

    String dingtalkSessionWebhook(String id) {
        return base() + "/dingtalk/oapi/robot/sendBySession?session=" + id;
    }

    String slackChannelWebhook(String name) {
        return base() + "/slack/hooks/services/T0001/B0001/" + name;
    }

    String feishuBotWebhook(String name) {
        return base() + "/feishu/open-apis/bot/v2/hook/" + name;
    }

    String dingtalkRobotWebhook(String name) {
        return base() + "/dingtalk/oapi/robot/send?access_token=" + name;
    }

    /** The next {@code times} calls to paths starting with {@code pathPrefix} fail with {@code status}. */
    void failNext(String pathPrefix, int times, int status) {
        failNext(pathPrefix, times, status, "{\"error\":\"injected\"}", null);
    }

    void failNext(String pathPrefix, int times, int status, String body, String retryAfter) {
        List<Failure> list = failures.computeIfAbsent(pathPrefix, k -> new CopyOnWriteArrayList<>());
        for (int i = 0; i < times; i++) list.add(new Failure(status, body, retryAfter));
    }

    void slowDown(Duration delay) {
        this.delay = delay;
    }

    /** Makes the tenant token the Feishu stand-in accepts change, as when one expires early. */
    void rotateFeishuToken(String token) {
        feishuToken = token;
    }

    List<Received> messages() {
        return List.copyOf(messages);
    }

    List<Received> messagesTo(String pathPrefix) {
        return messages.stream().filter(m -> m.path().startsWith(pathPrefix)).toList();
    }

    List<String> texts() {
        return messages.stream().map(Received::text).toList();
    }

    int feishuTokenFetches() {
        return feishuTokens.get();
    }

    int dingtalkTokenFetches() {
        return dingtalkTokens.get();
    }

    void clear() {
        messages.clear();
        failures.clear();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!delay.isZero()) {
                Thread.sleep(delay);
            }
            String path = exchange.getRequestURI().getPath();
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            Map<String, String> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), v.getFirst()));
            byte[] raw = exchange.getRequestBody().readAllBytes();
            JsonNode body = Json.mapper().readTree(raw.length == 0 ? "{}".getBytes() : raw);
            for (Map.Entry<String, List<Failure>> entry : failures.entrySet()) {
                if (path.startsWith(entry.getKey()) && !entry.getValue().isEmpty()) {
                    Failure failure = entry.getValue().removeFirst();
                    if (failure.retryAfter() != null) exchange.getResponseHeaders().add("Retry-After", failure.retryAfter());
                    answer(exchange, failure.status(), failure.body());
                    return;
                }
            }
            answer(exchange, 200, route(path, query, headers, body));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String route(String path, Map<String, String> query, Map<String, String> headers, JsonNode body) {
        Received received = new Received(path, query, headers, body);
        if (path.equals("/slack/api/chat.postMessage")) {
            if (!("Bearer " + SLACK_BOT_TOKEN).equals(headers.get("authorization"))) return "{\"ok\":false,\"error\":\"invalid_auth\"}";
            messages.add(received);
            return "{\"ok\":true,\"ts\":\"1795856400.000100\"}";
        }
        if (path.startsWith("/slack/hooks/")) {
            messages.add(received);
            return "ok";
        }
        if (path.equals("/feishu/open-apis/auth/v3/tenant_access_token/internal")) {
            if (!FEISHU_APP_ID.equals(body.path("app_id").asText()) || !FEISHU_APP_SECRET.equals(body.path("app_secret").asText())) {
                return "{\"code\":10014,\"msg\":\"app secret invalid\"}";
            }
            feishuTokens.incrementAndGet();
            return "{\"code\":0,\"msg\":\"ok\",\"tenant_access_token\":\"" + feishuToken + "\",\"expire\":7200}";
        }
        if (path.startsWith("/feishu/open-apis/im/v1/messages")) {
            if (!("Bearer " + feishuToken).equals(headers.get("authorization"))) return "{\"code\":99991663,\"msg\":\"invalid token\"}";
            messages.add(received);
            return "{\"code\":0,\"msg\":\"success\",\"data\":{}}";
        }
        if (path.startsWith("/feishu/open-apis/bot/v2/hook/")) {
            String timestamp = body.path("timestamp").asText();
            String expected = base64(hmac((timestamp + "\n" + FEISHU_BOT_SECRET).getBytes(StandardCharsets.UTF_8), new byte[0]));
            if (!expected.equals(body.path("sign").asText())) return "{\"code\":19021,\"msg\":\"sign match fail or timestamp is not within one hour from current time\"}";
            messages.add(received);
            return "{\"code\":0,\"msg\":\"success\"}";
        }
        if (path.equals("/dingtalk/oapi/robot/sendBySession")) {
            messages.add(received);
            return "{\"errcode\":0,\"errmsg\":\"ok\"}";
        }
        if (path.equals("/dingtalk/oapi/robot/send")) {
            String timestamp = query.get("timestamp");
            String expected = base64(hmac(DINGTALK_ROBOT_SECRET.getBytes(StandardCharsets.UTF_8),
                    (timestamp + "\n" + DINGTALK_ROBOT_SECRET).getBytes(StandardCharsets.UTF_8)));
            if (!expected.equals(query.get("sign"))) return "{\"errcode\":310000,\"errmsg\":\"sign not match\"}";
            messages.add(received);
            return "{\"errcode\":0,\"errmsg\":\"ok\"}";
        }
        if (path.equals("/dingtalk/api/v1.0/oauth2/accessToken")) {
            if (!DINGTALK_APP_KEY.equals(body.path("appKey").asText()) || !DINGTALK_APP_SECRET.equals(body.path("appSecret").asText())) {
                return "{\"code\":\"invalidClientIdOrSecret\"}";
            }
            dingtalkTokens.incrementAndGet();
            return "{\"accessToken\":\"d-access-1\",\"expireIn\":7200}";
        }
        if (path.equals("/dingtalk/api/v1.0/robot/oToMessages/batchSend")) {
            if (!"d-access-1".equals(headers.get("x-acs-dingtalk-access-token"))) return "{\"code\":\"InvalidAuthentication\"}";
            messages.add(received);
            return "{\"processQueryKey\":\"q-1\"}";
        }
        return "{\"error\":\"no such stand-in path " + path + "\"}";
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", body.startsWith("{") ? "application/json" : "text/plain");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null) return out;
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            out.put(URLDecoder.decode(pair.substring(0, eq < 0 ? pair.length() : eq), StandardCharsets.UTF_8),
                    eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
