package io.itops.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code ./itops chat}: talks to the bot on the running dev server as a person on Slack, Feishu or
 * DingTalk would. Each message is the platform's own webhook (a Slack slash command, a Feishu
 * {@code im.message.receive_v1} event encrypted and signed with the Encrypt Key, a DingTalk robot
 * callback signed with the app secret; the secrets from local/secrets.json), sent to chat-webhook's
 * route; the reply is read from the dev server's platform stand-ins ({@code GET /_local/chat}).
 * {@code --as USER} links the chat user to that directory user on first use, the way a person does:
 * {@code link} in the chat, then the code through {@code POST /me/chat-links} signed in as USER.
 */
public final class ChatClient {
    private static final Pattern LINK_CODE = Pattern.compile("\\b([A-Z0-9]{4}-[A-Z0-9]{4})\\b");
    private static final SecureRandom RANDOM = new SecureRandom();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final String base;
    private final Path root;
    private final String stage;
    private final String platform;
    private final String user;
    private final Duration wait;
    private final PrintStream out;

    ChatClient(String base, Path root, String stage, String platform, String user, Duration wait, PrintStream out) {
        this.base = base;
        this.root = root;
        this.stage = stage;
        this.platform = platform;
        this.user = user;
        this.wait = wait;
        this.out = out;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static final String USAGE = "usage: ./itops chat [--platform slack|feishu|dingtalk] [--as USER] [--port N] [--wait SECONDS] \"text\"";

    /** Runs the command; returns the exit status. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        String platform = "slack";
        String user = null;
        String base = System.getenv().getOrDefault("ITOPS_URL", "http://localhost:3000");
        Path root = Path.of(System.getProperty("itops.root", "."));
        long seconds = 30;
        List<String> words = new ArrayList<>();
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--platform" -> platform = args[++i];
                    case "--as" -> user = args[++i];
                    case "--port" -> base = "http://localhost:" + Integer.parseInt(args[++i]);
                    case "--url" -> base = args[++i];
                    case "--root" -> root = Path.of(args[++i]);
                    case "--wait" -> seconds = Long.parseLong(args[++i]);
                    case "-h", "--help" -> {
                        out.println(USAGE);
                        return 0;
                    }
                    default -> words.add(args[i]);
                }
            }
        } catch (ArrayIndexOutOfBoundsException | NumberFormatException e) {
            err.println(USAGE);
            return 2;
        }
        if (!List.of("slack", "feishu", "dingtalk").contains(platform) || words.isEmpty()) {
            err.println(USAGE);
            return 2;
        }
        String text = String.join(" ", words);
        try {
            JsonNode status = LocalJson.read(new ChatClient(base, root, "", platform, user, Duration.ZERO, out).get("/_local/status", null).body());
            String stage = status.path("stage").asText("local");
            ChatClient client = new ChatClient(base, root, stage, platform, user, Duration.ofSeconds(seconds), out);
            return client.say(text) ? 0 : 1;
        } catch (IOException e) {
            err.println("[itops] no dev server answers at " + base + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")")
                    + ": start one with ./itops run (or give --port N)");
            return 1;
        } catch (IllegalStateException e) {
            err.println("[itops] " + e.getMessage());
            return 1;
        }
    }

    /** The chat user this command speaks as: the directory user's own, or a newcomer's. */
    String chatUser() {
        return ChatStandIns.chatUserId(platform, user == null ? "newcomer" : user);
    }

    /** Links on first use when {@code --as} is given, sends {@code text}, prints the bot's answer; false when none came. */
    boolean say(String text) throws IOException {
        if (user != null && !linked()) {
            out.println("[linking " + platform + " user " + chatUser() + " to " + user + "]");
            String answer = exchange(text.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN) ? "绑定" : "link");
            if (answer == null) {
                return false;
            }
            out.println("bot> " + answer.replace("\n", "\nbot> "));
            Matcher code = LINK_CODE.matcher(answer);
            if (!code.find()) {
                throw new IllegalStateException("the bot's answer to \"link\" has no link code: " + answer);
            }
            long before = latest();
            HttpResponse<byte[]> confirmed = post("/me/chat-links", token(), "application/json",
                    LocalJson.bytes(Map.of("code", code.group(1))), Map.of());
            if (confirmed.statusCode() / 100 != 2) {
                throw new IllegalStateException("POST /me/chat-links answered " + confirmed.statusCode() + ": "
                        + new String(confirmed.body(), StandardCharsets.UTF_8));
            }
            String linked = await(before);
            if (linked != null) {
                out.println("bot> " + linked.replace("\n", "\nbot> "));
            }
            out.println();
        }
        String answer = exchange(text);
        if (answer == null) {
            return false;
        }
        out.println("bot> " + answer.replace("\n", "\nbot> "));
        return true;
    }

    private String exchange(String text) throws IOException {
        out.println(platform + " " + (user == null ? "newcomer" : user) + "> " + text);
        long before = latest();
        HttpResponse<byte[]> sent = send(text);
        if (sent.statusCode() / 100 != 2) {
            throw new IllegalStateException("chat-webhook answered " + sent.statusCode() + ": " + new String(sent.body(), StandardCharsets.UTF_8));
        }
        JsonNode ack = LocalJson.readOrNull(sent.body());
        if (ack != null && ack.path("text").isTextual() && !ack.path("text").asText().isBlank()) {
            return ack.path("text").asText();
        }
        String reply = await(before);
        if (reply == null) {
            out.println("[no answer within " + wait.toSeconds() + " s; see GET " + base + "/_local/deliveries and /_local/dead-letters]");
        }
        return reply;
    }

    /** The newest message id the stand-ins have taken. */
    private long latest() throws IOException {
        return LocalJson.read(get("/_local/chat?platform=" + platform + "&user=" + chatUser(), null).body()).path("latest").asLong();
    }

    /** Waits for the first message to this chat user after {@code after}; null when none came in time. */
    private String await(long after) throws IOException {
        Instant deadline = Instant.now().plus(wait);
        while (Instant.now().isBefore(deadline)) {
            JsonNode listed = LocalJson.read(get("/_local/chat?platform=" + platform + "&user=" + chatUser() + "&after=" + after, null).body());
            JsonNode messages = listed.path("platforms").path(platform).path(chatUser());
            if (messages.size() > 0) {
                String text = messages.get(messages.size() - 1).path("text").asText();
                // Slack's API takes &, < and > escaped; its apps show them plain
                return platform.equals("slack") ? text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&") : text;
            }
            sleep(150);
        }
        return null;
    }

    private boolean linked() throws IOException {
        HttpResponse<byte[]> links = get("/me/chat-links", token());
        if (links.statusCode() != 200) {
            throw new IllegalStateException("GET /me/chat-links answered " + links.statusCode() + ": " + new String(links.body(), StandardCharsets.UTF_8));
        }
        for (JsonNode link : LocalJson.read(links.body()).path("items")) {
            if (link.path("platform").asText().equalsIgnoreCase(platform) && link.path("chatUserId").asText().equals(chatUser())) {
                return true;
            }
        }
        return false;
    }

    /** A token for {@code user} from the dev server's issuer, with the groups and department of local/users.json. */
    private String token() throws IOException {
        ObjectNode request = LocalJson.object();
        request.put("username", user);
        Path directory = root.resolve("local/users.json");
        JsonNode person = Files.exists(directory) ? LocalJson.read(Files.readString(directory)).path(user) : LocalJson.object();
        request.set("groups", person.path("groups").isArray() ? person.path("groups") : LocalJson.array());
        if (person.path("department").isTextual()) {
            request.put("department", person.path("department").asText());
        }
        HttpResponse<byte[]> minted = post("/_local/tokens", null, "application/json", LocalJson.bytes(request), Map.of());
        if (minted.statusCode() != 200) {
            throw new IllegalStateException("POST /_local/tokens answered " + minted.statusCode());
        }
        return LocalJson.read(minted.body()).path("token").asText();
    }

    // ------------------------------------------------------------------ the three webhooks, signed as each platform signs

    private HttpResponse<byte[]> send(String text) throws IOException {
        JsonNode secret = secret();
        String nonce = HexFormat.of().formatHex(bytes(8));
        String name = user == null ? "newcomer" : user;
        return switch (platform) {
            case "slack" -> {
                Map<String, String> form = new LinkedHashMap<>();
                form.put("token", "local-verification-token");
                form.put("team_id", "TLOCAL");
                form.put("team_domain", "itops-local");
                form.put("channel_id", "D" + chatUser().substring(1));
                form.put("channel_name", "directmessage");
                form.put("user_id", chatUser());
                form.put("user_name", name);
                form.put("command", "/itops");
                form.put("text", text);
                form.put("api_app_id", "ALOCAL");
                form.put("response_url", ChatStandIns.slackResponseUrl(base, chatUser(), nonce));
                form.put("trigger_id", System.currentTimeMillis() + "." + nonce);
                StringBuilder body = new StringBuilder();
                form.forEach((k, v) -> body.append(body.isEmpty() ? "" : "&").append(URLEncoder.encode(k, StandardCharsets.UTF_8))
                        .append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
                byte[] raw = body.toString().getBytes(StandardCharsets.UTF_8);
                String timestamp = Long.toString(Instant.now().getEpochSecond());
                String signature = "v0=" + HexFormat.of().formatHex(hmac(text(secret, "signingSecret"),
                        concat(("v0:" + timestamp + ":").getBytes(StandardCharsets.UTF_8), raw)));
                yield post("/chat/slack/commands", null, "application/x-www-form-urlencoded", raw,
                        Map.of("X-Slack-Request-Timestamp", timestamp, "X-Slack-Signature", signature));
            }
            case "feishu" -> {
                String openId = chatUser();
                ObjectNode event = LocalJson.object();
                event.put("schema", "2.0");
                ObjectNode header = event.putObject("header");
                header.put("event_id", "local-" + nonce);
                header.put("token", secret.path("verificationToken").asText(""));
                header.put("create_time", Long.toString(System.currentTimeMillis()));
                header.put("event_type", "im.message.receive_v1");
                header.put("tenant_key", "local-tenant");
                header.put("app_id", secret.path("appId").asText(""));
                ObjectNode body = event.putObject("event");
                ObjectNode sender = body.putObject("sender");
                sender.putObject("sender_id").put("open_id", openId).put("union_id", "on_" + openId.substring(3)).put("user_id", name);
                sender.put("sender_type", "user").put("tenant_key", "local-tenant");
                ObjectNode message = body.putObject("message");
                message.put("message_id", ChatStandIns.feishuMessageId(openId, nonce));
                message.put("chat_id", "oc_" + openId.substring(3));
                message.put("chat_type", "p2p");
                message.put("message_type", "text");
                message.put("content", LocalJson.write(Map.of("text", text)));
                message.put("create_time", Long.toString(System.currentTimeMillis()));
                String encryptKey = secret.path("encryptKey").asText("");
                String timestamp = Long.toString(Instant.now().getEpochSecond());
                String requestNonce = HexFormat.of().formatHex(bytes(8));
                byte[] raw = encryptKey.isEmpty() ? LocalJson.bytes(event)
                        : LocalJson.bytes(Map.of("encrypt", feishuEncrypt(encryptKey, LocalJson.bytes(event))));
                Map<String, String> headers = new LinkedHashMap<>();
                headers.put("X-Lark-Request-Timestamp", timestamp);
                headers.put("X-Lark-Request-Nonce", requestNonce);
                if (!encryptKey.isEmpty()) {
                    headers.put("X-Lark-Signature", HexFormat.of().formatHex(sha256(concat(
                            (timestamp + requestNonce + encryptKey).getBytes(StandardCharsets.UTF_8), raw))));
                }
                yield post("/chat/feishu/events", null, "application/json", raw, headers);
            }
            default -> {
                ObjectNode body = LocalJson.object();
                body.put("msgtype", "text");
                body.putObject("text").put("content", text);
                body.put("msgId", "msg" + nonce);
                body.put("createAt", System.currentTimeMillis());
                body.put("conversationType", "1");
                body.put("conversationId", "cid" + chatUser());
                body.put("senderId", "$:LWCP_v1:$" + chatUser());
                body.put("senderNick", name);
                body.put("senderStaffId", chatUser());
                body.put("senderCorpId", "dinglocalcorp");
                body.put("chatbotUserId", secret.path("chatbotUserId").asText(""));
                body.put("robotCode", secret.path("robotCode").asText(""));
                body.put("sessionWebhook", ChatStandIns.dingtalkSessionWebhook(base, chatUser(), nonce));
                body.put("sessionWebhookExpiredTime", System.currentTimeMillis() + 5_400_000);
                body.put("isAdmin", false);
                String timestamp = Long.toString(System.currentTimeMillis());
                String appSecret = text(secret, "appSecret");
                String sign = Base64.getEncoder().encodeToString(hmac(appSecret, (timestamp + "\n" + appSecret).getBytes(StandardCharsets.UTF_8)));
                yield post("/chat/dingtalk/events", null, "application/json", LocalJson.bytes(body), Map.of("timestamp", timestamp, "sign", sign));
            }
        };
    }

    /** The platform's secret from local/secrets.json, as the dev server gave it to chat-webhook. */
    private JsonNode secret() throws IOException {
        Path file = root.resolve("local/secrets.json");
        if (!Files.exists(file)) {
            throw new IllegalStateException(file + " not found: run from the repository root (or --root DIR)");
        }
        JsonNode secrets = LocalJson.read(Files.readString(file));
        JsonNode secret = secrets.path("itops/${Stage}/chat/" + platform);
        if (secret.isMissingNode()) {
            secret = secrets.path("itops/" + stage + "/chat/" + platform);
        }
        if (!secret.isObject()) {
            throw new IllegalStateException("local/secrets.json has no itops/${Stage}/chat/" + platform);
        }
        return secret;
    }

    private static String text(JsonNode secret, String field) {
        if (!secret.path(field).isTextual()) {
            throw new IllegalStateException("the secret in local/secrets.json has no " + field);
        }
        return secret.path(field).asText();
    }

    /** Feishu's encrypted event: Base64(IV + AES-256-CBC(SHA-256(Encrypt Key), PKCS#7 padded JSON)). */
    static String feishuEncrypt(String encryptKey, byte[] plain) {
        try {
            byte[] iv = bytes(16);
            Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(sha256(encryptKey.getBytes(StandardCharsets.UTF_8)), "AES"), new IvParameterSpec(iv));
            return Base64.getEncoder().encodeToString(concat(iv, cipher.doFinal(plain)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(String key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static byte[] bytes(int n) {
        byte[] out = new byte[n];
        RANDOM.nextBytes(out);
        return out;
    }

    // ------------------------------------------------------------------ HTTP

    private HttpResponse<byte[]> get(String path, String token) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return call(request.build());
    }

    private HttpResponse<byte[]> post(String path, String token, String contentType, byte[] body, Map<String, String> headers) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        headers.forEach(request::header);
        return call(request.build());
    }

    private HttpResponse<byte[]> call(HttpRequest request) throws IOException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
