package io.itops.chat;

import io.itops.shared.aws.AwsClients;
import io.itops.shared.config.Env;
import io.itops.shared.json.Json;
import io.itops.shared.security.SecretValues;
import io.itops.testing.InterceptingHttpClient;
import io.itops.testing.InterceptingHttpClient.Answer;
import io.itops.testing.LocalAws;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Platform secrets held in memory, for unit tests of the verifiers without any network: answers
 * Secrets Manager's GetSecretValue at the SDK's HTTP seam, so the real client reads them.
 */
final class StaticSecrets {
    static final ChatConfig CONFIG = new ChatConfig("slack", "feishu", "dingtalk",
            URI.create("https://slack.test/api"), URI.create("https://hooks.slack.test"), URI.create("https://open.feishu.test"),
            URI.create("https://api.dingtalk.test"), URI.create("https://oapi.dingtalk.test"),
            Duration.ofMinutes(10), Duration.ofDays(180), Duration.ofSeconds(60));

    private final Map<String, String> values = new ConcurrentHashMap<>();
    private volatile boolean unreachable;

    StaticSecrets put(String name, Map<String, Object> value) {
        values.put(name, Json.write(value));
        return this;
    }

    StaticSecrets putRaw(String name, String value) {
        values.put(name, value);
        return this;
    }

    StaticSecrets unreachable() {
        unreachable = true;
        return this;
    }

    static StaticSecrets standard() {
        return new StaticSecrets()
                .put("slack", Map.of("signingSecret", ChatFixture.SLACK_SIGNING_SECRET, "botToken", "xoxb-x"))
                .put("feishu", Map.of("appId", "cli_test_app", "appSecret", "s", "encryptKey", ChatFixture.FEISHU_ENCRYPT_KEY,
                        "verificationToken", ChatFixture.FEISHU_VERIFICATION_TOKEN))
                .put("dingtalk", Map.of("appKey", "k", "appSecret", PlatformStandIns.DINGTALK_APP_SECRET,
                        "robotCode", ChatFixture.DINGTALK_ROBOT_CODE, "chatbotUserId", ChatFixture.DINGTALK_BOT_USER));
    }

    PlatformSecrets platformSecrets(Clock clock) {
        Env env = new Env(LocalAws.baseEnvironment("http://secrets.invalid"));
        AwsClients clients = new AwsClients(env, http -> new InterceptingHttpClient(http, this::answer), List.of());
        return new PlatformSecrets(new SecretValues(clients.secrets(), clock), CONFIG);
    }

    private Answer answer(InterceptingHttpClient.Request request) throws IOException {
        if (unreachable) {
            throw new ConnectException("connection refused");
        }
        if (!request.targets("secretsmanager.GetSecretValue")) {
            return Answer.error(400, "UnknownOperationException", "only GetSecretValue is answered here");
        }
        String name = Json.mapper().readTree(request.body()).path("SecretId").asText();
        String value = values.get(name);
        if (value == null) {
            return Answer.error(400, "ResourceNotFoundException", "not found");
        }
        return Answer.json(200, Json.write(Map.of("Name", name, "SecretString", value)));
    }
}
