package io.itops.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Stand-ins for the outbound APIs of Slack, Feishu and DingTalk that chat-webhook calls (Slack
 * {@code chat.postMessage} and {@code response_url}s; Feishu's tenant token, message send and reply,
 * custom bots; DingTalk's access token, robot batch send, session webhooks and custom robots), under
 * {@code /_local/chat/<platform>/}, answering as the platforms do (credentials checked against
 * local/secrets.json). What they take is kept and listed at {@code GET /_local/chat}, per platform and
 * chat user, newest first. local/environment.json points chat-webhook's base URLs here.
 */
final class ChatStandIns {
    static final String PREFIX = "/_local/chat";
    private static final int KEPT = 500;
    private static final Pattern FEISHU_OPEN_ID = Pattern.compile("ou_[0-9a-f]{32}");
    private static final String FEISHU_TOKEN = "t-local-tenant-token";
    private static final String DINGTALK_TOKEN = "local-dingtalk-access-token";

    /** One message a platform took: to whom (the chat user, or a channel), through which API, its text. */
    record Sent(long seq, Instant at, String platform, String user, String api, String text, JsonNode body) {}

    private final Path secretsFile;
    private final String stage;
    private final Deque<Sent> sent = new ArrayDeque<>();
    private final AtomicLong seq = new AtomicLong();

    ChatStandIns(Path root, String stage) {
        this.secretsFile = root.resolve("local/secrets.json");
        this.stage = stage;
    }

    // ------------------------------------------------------------------ ids shared with ./itops chat

    /** A directory user's chat user id on {@code platform} (stable, shaped like the platform's own). */
    static String chatUserId(String platform, String user) {
        String hex = sha256Hex(platform + ":" + user);
        return switch (platform) {
            case "slack" -> "U" + hex.substring(0, 10).toUpperCase(Locale.ROOT);
            case "feishu" -> "ou_" + hex.substring(0, 32);
            case "dingtalk" -> "staff" + hex.substring(0, 12);
            default -> throw new IllegalArgumentException("platform must be slack, feishu or dingtalk");
        };
    }

    /** Slack: a slash command's response_url names its conversation, here the user it came from. */
    static String slackResponseUrl(String base, String userId, String nonce) {
        return base + PREFIX + "/slack/hooks/commands/TLOCAL/" + userId + "/" + nonce;
    }

    /** Feishu: a message id the stand-in can trace back to its sender, as Feishu's own server can. */
    static String feishuMessageId(String openId, String nonce) {
        return "om_" + nonce + "_" + openId;
    }

    /** DingTalk: a conversation's sessionWebhook. */
    static String dingtalkSessionWebhook(String base, String staffId, String nonce) {
        return base + PREFIX + "/dingtalk/oapi/robot/sendBySession?session=" + staffId + "." + nonce;
    }

    // ------------------------------------------------------------------ the HTTP side

    /** Handles {@code /_local/chat...}; null when the path is not one of them. */
    Gateway.Result handle(String method, String path, String rawQuery, List<Map.Entry<String, String>> headers, byte[] body) {
        if (path.equals(PREFIX) || path.equals(PREFIX + "/")) {
            return switch (method) {
                case "GET" -> HttpFront.json(200, list(query(rawQuery)));
                case "DELETE" -> {
                    synchronized (sent) {
                        sent.clear();
                    }
                    yield new Gateway.Result(204, List.of(), new byte[0], null, null, null);
                }
                default -> HttpFront.error(405, "GET or DELETE " + PREFIX);
            };
        }
        if (!path.startsWith(PREFIX + "/") || !method.equals("POST")) {
            return HttpFront.error(404, "No chat stand-in " + method + " " + path + "; the stand-ins take POSTs from chat-webhook");
        }
        Map<String, String> query = query(rawQuery);
        Map<String, String> lower = new LinkedHashMap<>();
        headers.forEach(h -> lower.putIfAbsent(h.getKey().toLowerCase(Locale.ROOT), h.getValue()));
        JsonNode json = LocalJson.readOrNull(body);
        if (json == null || !json.isObject()) {
            return platformError(path, 400, "the body is not a JSON object");
        }
        String api = path.substring(PREFIX.length() + 1);
        return answer(api, query, lower, json);
    }

    private Gateway.Result answer(String api, Map<String, String> query, Map<String, String> headers, JsonNode body) {
        String authorization = headers.getOrDefault("authorization", "");
        if (api.equals("slack/api/chat.postMessage")) {
            if (!authorization.equals("Bearer " + secret("slack", "botToken"))) {
                return ok("{\"ok\":false,\"error\":\"invalid_auth\"}");
            }
            String channel = body.path("channel").asText("");
            if (channel.isEmpty()) {
                return ok("{\"ok\":false,\"error\":\"channel_not_found\"}");
            }
            String ts = Instant.now().getEpochSecond() + "." + String.format("%06d", seq.get() % 1_000_000);
            keep("slack", channel, "chat.postMessage", body.path("text").asText(""), body);
            return ok("{\"ok\":true,\"channel\":\"" + channel + "\",\"ts\":\"" + ts + "\"}");
        }
        if (api.startsWith("slack/hooks/commands/")) {
            String[] parts = api.split("/");
            keep("slack", parts.length > 4 ? parts[4] : "unknown", "response_url", body.path("text").asText(""), body);
            return new Gateway.Result(200, List.of(Map.entry("content-type", "text/html")), "ok".getBytes(StandardCharsets.UTF_8), null, null, null);
        }
        if (api.startsWith("slack/hooks/services/")) {
            keep("slack", "webhook:" + api.substring("slack/hooks/services/".length()), "incoming webhook", body.path("text").asText(""), body);
            return new Gateway.Result(200, List.of(Map.entry("content-type", "text/html")), "ok".getBytes(StandardCharsets.UTF_8), null, null, null);
        }
        if (api.equals("feishu/open-apis/auth/v3/tenant_access_token/internal")) {
            if (!body.path("app_id").asText().equals(secret("feishu", "appId")) || !body.path("app_secret").asText().equals(secret("feishu", "appSecret"))) {
                return ok("{\"code\":10014,\"msg\":\"app secret invalid\"}");
            }
            return ok("{\"code\":0,\"msg\":\"ok\",\"tenant_access_token\":\"" + FEISHU_TOKEN + "\",\"expire\":7200}");
        }
        if (api.startsWith("feishu/open-apis/im/v1/messages")) {
            if (!authorization.equals("Bearer " + FEISHU_TOKEN)) {
                return ok("{\"code\":99991663,\"msg\":\"Invalid access token for authorization. Please make a request with token attached.\"}");
            }
            String user;
            String kind;
            if (api.endsWith("/reply")) {
                String messageId = URLDecoder.decode(api.substring("feishu/open-apis/im/v1/messages/".length(), api.length() - "/reply".length()),
                        StandardCharsets.UTF_8);
                Matcher openId = FEISHU_OPEN_ID.matcher(messageId);
                user = openId.find() ? openId.group() : "message:" + messageId;
                kind = "im/v1/messages reply";
            } else {
                user = body.path("receive_id").asText("unknown");
                kind = "im/v1/messages";
            }
            String text = LocalJson.readOrNull(body.path("content").asText("").getBytes(StandardCharsets.UTF_8)) instanceof JsonNode content
                    ? content.path("text").asText("") : "";
            keep("feishu", user, kind, text, body);
            String messageId = "om_local" + seq.get();
            return ok("{\"code\":0,\"msg\":\"success\",\"data\":{\"message_id\":\"" + messageId + "\",\"msg_type\":\"text\"}}");
        }
        if (api.startsWith("feishu/open-apis/bot/v2/hook/")) {
            keep("feishu", "bot:" + api.substring("feishu/open-apis/bot/v2/hook/".length()), "custom bot", body.path("content").path("text").asText(""), body);
            return ok("{\"code\":0,\"msg\":\"success\",\"data\":{}}");
        }
        if (api.equals("dingtalk/oapi/robot/sendBySession")) {
            String session = query.getOrDefault("session", "unknown");
            keep("dingtalk", session.contains(".") ? session.substring(0, session.indexOf('.')) : session, "sessionWebhook",
                    body.path("text").path("content").asText(""), body);
            return ok("{\"errcode\":0,\"errmsg\":\"ok\"}");
        }
        if (api.equals("dingtalk/oapi/robot/send")) {
            keep("dingtalk", "robot:" + query.getOrDefault("access_token", "unknown"), "custom robot", body.path("text").path("content").asText(""), body);
            return ok("{\"errcode\":0,\"errmsg\":\"ok\"}");
        }
        if (api.equals("dingtalk/api/v1.0/oauth2/accessToken")) {
            if (!body.path("appKey").asText().equals(secret("dingtalk", "appKey")) || !body.path("appSecret").asText().equals(secret("dingtalk", "appSecret"))) {
                return json(400, "{\"code\":\"invalidClientIdOrSecret\",\"message\":\"无效的clientId或者clientSecret\"}");
            }
            return ok("{\"accessToken\":\"" + DINGTALK_TOKEN + "\",\"expireIn\":7200}");
        }
        if (api.equals("dingtalk/api/v1.0/robot/oToMessages/batchSend")) {
            if (!DINGTALK_TOKEN.equals(headers.get("x-acs-dingtalk-access-token"))) {
                return json(401, "{\"code\":\"InvalidAuthentication\",\"message\":\"不合法的access_token\"}");
            }
            JsonNode param = LocalJson.readOrNull(body.path("msgParam").asText("").getBytes(StandardCharsets.UTF_8));
            String text = param == null ? "" : param.path("content").asText("");
            for (JsonNode user : body.path("userIds")) {
                keep("dingtalk", user.asText(), "robot batchSend", text, body);
            }
            return ok("{\"processQueryKey\":\"local-" + seq.get() + "\",\"invalidStaffIdList\":[],\"flowControlledStaffIdList\":[]}");
        }
        return platformError(api, 404, "no such API on the stand-in");
    }

    private static Gateway.Result platformError(String path, int status, String message) {
        ObjectNode body = LocalJson.object();
        body.put("message", message + ": " + path);
        return HttpFront.json(status, body);
    }

    private static Gateway.Result ok(String json) {
        return json(200, json);
    }

    private static Gateway.Result json(int status, String json) {
        return new Gateway.Result(status, List.of(Map.entry("content-type", "application/json")), json.getBytes(StandardCharsets.UTF_8),
                null, null, null);
    }

    private void keep(String platform, String user, String api, String text, JsonNode body) {
        synchronized (sent) {
            sent.addFirst(new Sent(seq.incrementAndGet(), Instant.now(), platform, user, api, text, body));
            while (sent.size() > KEPT) {
                sent.removeLast();
            }
        }
    }

    /** {@code platform -> chat user -> messages, newest first}; {@code ?platform=}, {@code ?user=} and {@code ?after=<seq>} narrow it. */
    ObjectNode list(Map<String, String> query) {
        String platform = query.get("platform");
        String user = query.get("user");
        long after = query.containsKey("after") ? parseLong(query.get("after")) : 0;
        ObjectNode out = LocalJson.object();
        out.put("latest", seq.get());
        ObjectNode platforms = out.putObject("platforms");
        for (String name : List.of("slack", "feishu", "dingtalk")) {
            if (platform == null || platform.equals(name)) {
                platforms.putObject(name);
            }
        }
        List<Sent> copy;
        synchronized (sent) {
            copy = new ArrayList<>(sent);
        }
        for (Sent message : copy) {
            if ((platform != null && !platform.equals(message.platform())) || (user != null && !user.equals(message.user()))
                    || message.seq() <= after) {
                continue;
            }
            ObjectNode byUser = (ObjectNode) platforms.get(message.platform());
            ArrayNode list = byUser.has(message.user()) ? (ArrayNode) byUser.get(message.user()) : byUser.putArray(message.user());
            ObjectNode item = list.addObject();
            item.put("seq", message.seq());
            item.put("at", message.at().toString());
            item.put("api", message.api());
            item.put("text", message.text());
            item.set("body", message.body());
        }
        return out;
    }

    /** The value of {@code field} in the platform's secret from local/secrets.json (the credentials its app was given). */
    private String secret(String platform, String field) {
        try {
            JsonNode secrets = LocalJson.read(Files.readString(secretsFile));
            for (Iterator<Map.Entry<String, JsonNode>> it = secrets.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                if (entry.getKey().replace("${Stage}", stage).equals("itops/" + stage + "/chat/" + platform)) {
                    return entry.getValue().path(field).asText(null);
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            return null;
        }
        return null;
    }

    static Map<String, String> query(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            try {
                out.putIfAbsent(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                        eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                // a malformed pair is skipped, as the platforms ignore what they cannot read
            }
        }
        return out;
    }

    private static long parseLong(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
