package io.itops.chat;

import com.fasterxml.jackson.databind.JsonNode;
import io.itops.shared.aws.AwsCalls;
import io.itops.shared.aws.AwsCredentials;
import io.itops.shared.aws.AwsHttp;
import io.itops.shared.aws.AwsJsonService;
import io.itops.shared.aws.SecretsClient;
import io.itops.shared.json.Json;
import io.itops.shared.security.SecretValues;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Platform secrets held in memory, for unit tests of the verifiers without any network: answers
 * Secrets Manager's GetSecretValue on the wire protocol, so the real client reads them.
 */
final class StaticSecrets implements AwsHttp {
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
        AwsJsonService service = new AwsJsonService("secretsmanager", "secretsmanager", "1.1", "us-east-1",
                URI.create("http://secrets.test/"), () -> new AwsCredentials("test", "test", null, null), this, AwsCalls.NONE,
                new AwsJsonService.Retry(2, Duration.ofMillis(1), Duration.ofMillis(1), Duration.ofSeconds(1)));
        return new PlatformSecrets(new SecretValues(new SecretsClient(service), clock), CONFIG);
    }

    @Override
    public Response send(Request request) throws IOException {
        if (unreachable) {
            throw new ConnectException("connection refused");
        }
        JsonNode body = Json.mapper().readTree(request.body());
        String value = values.get(body.path("SecretId").asText());
        if (value == null) {
            return answer(400, Map.of("__type", "ResourceNotFoundException", "message", "not found"));
        }
        return answer(200, Map.of("Name", body.path("SecretId").asText(), "SecretString", value));
    }

    private static Response answer(int status, Map<String, String> body) {
        return new Response(status, Map.of("content-type", "application/x-amz-json-1.1"), Json.write(body).getBytes(StandardCharsets.UTF_8));
    }
}
