package io.itops.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.itops.shared.aws.AwsClients;
import io.itops.shared.chat.ChatCommand;
import io.itops.shared.config.Env;
import io.itops.shared.events.BusEvent;
import io.itops.shared.json.Json;
import io.itops.shared.runtime.Platform;
import io.itops.testing.DynamoCalls;
import io.itops.testing.HttpEvent;
import io.itops.testing.Invoker;
import io.itops.testing.MutableClock;
import io.itops.testing.OpenApiContract;
import io.itops.testing.TestSystem;
import io.itops.testing.ThrottlingHttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * The chat function on its own table in moto, with its three platform secrets created there (test
 * values below), the platforms' APIs on local stand-ins, a movable clock, the local bus, and owners
 * of the other functions' commands that answer through the shared ChatCommand contract.
 */
final class ChatFixture implements AutoCloseable {
    static final String FUNCTION = "ChatWebhookFunction";
    /** 2026-11-28T09:00:00Z: the time the sample events in events/chat-webhook are signed at. */
    static final long NOW = 1_795_856_400L;
    static final String SLACK_SIGNING_SECRET = "test-slack-signing-secret";
    static final String FEISHU_ENCRYPT_KEY = "test-feishu-encrypt-key";
    static final String FEISHU_VERIFICATION_TOKEN = "test-feishu-verification-token";
    static final String DINGTALK_ROBOT_CODE = "dingtestrobot";
    static final String DINGTALK_BOT_USER = "$:LWCP_v1:$testbot";

    final TestSystem system;
    final PlatformStandIns standIns = new PlatformStandIns();
    final MutableClock clock = MutableClock.at("2026-11-28T09:00:00Z");
    final LocalBus bus = new LocalBus(clock);
    final List<Duration> waits = new CopyOnWriteArrayList<>();
    final List<String> comparisons = new CopyOnWriteArrayList<>();
    final OpenApiContract contract = OpenApiContract.load();
    final Map<String, String> secretNames = new HashMap<>();
    final ChatRequests requests;
    private final Set<String> delivered = new HashSet<>();
    Platform platform;
    Invoker invoker;

    ChatFixture() {
        this(TestSystem.create());
    }

    ChatFixture(TestSystem system) {
        this.system = system;
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        secretNames.put("SLACK_SECRET", "itops/test-" + suffix + "/chat/slack");
        secretNames.put("FEISHU_SECRET", "itops/test-" + suffix + "/chat/feishu");
        secretNames.put("DINGTALK_SECRET", "itops/test-" + suffix + "/chat/dingtalk");
        putSecrets(true);
        this.requests = new ChatRequests(standIns.base() + "/slack/hooks", standIns.base() + "/dingtalk/oapi", clock);
        rebuild();
    }

    /**
     * Reply addresses in webhooks are checked against the template's real Slack hooks and DingTalk
     * hosts, as for the sample events; the APIs the bot sends through stay on the stand-ins.
     */
    void acceptRealReplyHosts() {
        realReplyHosts = true;
        rebuild();
    }

    private boolean realReplyHosts;

    /** A fresh container: new clients and an empty secrets cache. */
    void rebuild() {
        Env environment = new Env(environment());
        platform = new Platform(environment, new AwsClients(environment), clock);
        invoker = new Invoker(handler(platform));
    }

    /** A container whose DynamoDB calls are counted and can be throttled. */
    TestSystem.Instrumented instrumented() {
        Env environment = new Env(environment());
        DynamoCalls calls = new DynamoCalls();
        ThrottlingHttpClient throttling = new ThrottlingHttpClient();
        AwsClients clients = new AwsClients(environment, throttling.wrapper(), List.of(calls));
        return new TestSystem.Instrumented(new Platform(environment, clients, clock), calls, throttling);
    }

    private Map<String, String> environment() {
        Map<String, String> env = new HashMap<>(system.environment(FUNCTION));
        env.putAll(secretNames);
        env.putAll(standIns.environment());
        if (realReplyHosts) {
            env.put("SLACK_HOOKS_URL", "https://hooks.slack.com");
            env.put("DINGTALK_OAPI_URL", "https://oapi.dingtalk.com");
        }
        return env;
    }

    ChatWebhookHandler handler(Platform platform) {
        ChatConfig config = ChatConfig.from(platform.env());
        SignatureCheck recording = (expected, presented) -> {
            boolean matches = SignatureCheck.CONSTANT_TIME.matches(expected, presented);
            comparisons.add(matches ? "match" : "mismatch");
            return matches;
        };
        PlatformSecrets secrets = new PlatformSecrets(platform.secrets(), config);
        PlatformHttp http = new PlatformHttp(waits::add);
        ChatService service = new ChatService(new ChatStore(platform.table(), platform.cursors(), clock),
                bus, platform.processedEvents(), new Messenger(secrets, config, http, clock), secrets, config, clock);
        return new ChatWebhookHandler(platform, new ChatWebhookHandler.Webhooks(platform, config, recording), service);
    }

    void putSecrets(boolean feishuEncrypted) {
        Map<String, Object> slack = Map.of(
                "signingSecret", SLACK_SIGNING_SECRET,
                "botToken", PlatformStandIns.SLACK_BOT_TOKEN,
                "channels", Map.of("Finance", Map.of("webhook", standIns.slackChannelWebhook("finance")),
                        "it-staff", Map.of("webhook", standIns.slackChannelWebhook("it-staff"), "language", "en")));
        Map<String, Object> feishu = new HashMap<>(Map.of(
                "appId", PlatformStandIns.FEISHU_APP_ID,
                "appSecret", PlatformStandIns.FEISHU_APP_SECRET,
                "verificationToken", FEISHU_VERIFICATION_TOKEN,
                "channels", Map.of("Finance", Map.of("webhook", standIns.feishuBotWebhook("finance"),
                        "secret", PlatformStandIns.FEISHU_BOT_SECRET, "language", "zh"))));
        if (feishuEncrypted) {
            feishu.put("encryptKey", FEISHU_ENCRYPT_KEY);
        }
        Map<String, Object> dingtalk = Map.of(
                "appKey", PlatformStandIns.DINGTALK_APP_KEY,
                "appSecret", PlatformStandIns.DINGTALK_APP_SECRET,
                "robotCode", DINGTALK_ROBOT_CODE,
                "chatbotUserId", DINGTALK_BOT_USER,
                "channels", Map.of("*", Map.of("webhook", standIns.dingtalkRobotWebhook("it-all"),
                        "secret", PlatformStandIns.DINGTALK_ROBOT_SECRET)));
        system.aws().putSecret(secretNames.get("SLACK_SECRET"), Json.write(slack));
        system.aws().putSecret(secretNames.get("FEISHU_SECRET"), Json.write(feishu));
        system.aws().putSecret(secretNames.get("DINGTALK_SECRET"), Json.write(dingtalk));
    }

    /** Calls a route and checks the response against openapi.yaml. */
    Invoker.Response call(HttpEvent event) {
        Invoker.Response response = invoker.call(event);
        contract.assertValid(event.json().path("routeKey").asText(), response);
        return response;
    }

    Invoker.Response call(String routeKey, byte[] sample) {
        Invoker.Response response = invoker.call(sample);
        contract.assertValid(routeKey, response);
        return response;
    }

    /** Hands a bus event to the function as EventBridge would. */
    JsonNode deliver(ObjectNode envelope) {
        return invoker.invokeRaw(Json.bytes(envelope));
    }

    /** The owners answer every command not yet answered, through the shared contract; returns how many. */
    int ownersAnswer(Function<ChatCommand, String> answer) {
        int answered = 0;
        for (ObjectNode envelope : bus.ofType(ChatCommand.DETAIL_TYPE)) {
            String id = envelope.path("id").asText();
            if (delivered.add("owner:" + id)) {
                ChatCommand command = ChatCommand.from(BusEvent.from(envelope));
                bus.publishAs(Owners.source(command.command()), command.reply(answer.apply(command)));
                answered++;
            }
        }
        return answered;
    }

    /** Delivers every ChatReply and Notification not yet delivered to the function. */
    List<JsonNode> deliverPending() {
        List<JsonNode> results = new ArrayList<>();
        for (ObjectNode envelope : bus.all()) {
            String type = envelope.path("detail-type").asText();
            if ((type.equals(ChatCommand.REPLY_DETAIL_TYPE) || type.equals("Notification"))
                    && delivered.add("chat:" + envelope.path("id").asText())) {
                results.add(deliver(envelope));
            }
        }
        return results;
    }

    private static final java.util.regex.Pattern CODE = java.util.regex.Pattern.compile("[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}");

    /** The text of the newest answer chat-webhook put on the bus. */
    String lastReplyText() {
        List<ObjectNode> replies = bus.replies();
        return replies.isEmpty() ? null : replies.getLast().path("detail").path("text").asText();
    }

    /** The one-time code in the newest answer. */
    String codeInLastReply() {
        java.util.regex.Matcher matcher = CODE.matcher(String.valueOf(lastReplyText()));
        if (!matcher.find()) {
            throw new AssertionError("no link code in " + lastReplyText());
        }
        return matcher.group();
    }

    /** Links the chat account behind {@code linkMessage} (a DM saying "link") to the user of {@code claims}, the way people do. */
    JsonNode link(HttpEvent linkMessage, Map<String, Object> claims) {
        Invoker.Response asked = call(linkMessage);
        if (asked.status() != 200) {
            throw new AssertionError("link request refused: " + asked);
        }
        Invoker.Response confirmed = call(HttpEvent.of("POST /me/chat-links").as(claims).body(Map.of("code", codeInLastReply())));
        if (confirmed.status() != 201) {
            throw new AssertionError("link not confirmed: " + confirmed);
        }
        return confirmed.body();
    }

    int itemCount() {
        return system.items().size();
    }

    @Override
    public void close() {
        standIns.close();
    }

    /** Which function owns each command: the source its replies come from. */
    static final class Owners {
        private Owners() {}

        static String source(String command) {
            return switch (command) {
                case "my-assets", "asset", "report-fault" -> "itops.asset";
                case "courses", "enrol", "cancel", "my-training" -> "itops.training";
                case "backup-status" -> "itops.backup";
                case "scan", "findings" -> "itops.scan";
                case "help-me", "report-phishing", "my-tickets" -> "itops.service-desk";
                default -> throw new AssertionError("no owner for " + command);
            };
        }

        /** A bilingual answer that names the command, its arguments and the caller, as owners do. */
        static String echo(ChatCommand command) {
            String who = command.caller() == null ? "nobody" : command.caller().userId() + "/" + command.caller().role();
            return command.say("answer to " + command.command() + " " + command.args() + " for " + who,
                    "回复 " + command.command() + " " + command.args() + " 给 " + who);
        }
    }
}
