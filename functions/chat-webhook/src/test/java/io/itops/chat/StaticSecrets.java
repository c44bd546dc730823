package io.itops.chat;

import io.itops.shared.json.Json;
import io.itops.shared.security.SecretValues;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/** Platform secrets held in memory, for unit tests of the verifiers without any network. */
final class StaticSecrets implements SecretsManagerClient {
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
        return new PlatformSecrets(new SecretValues(this, clock), CONFIG);
    }

    @Override
    public GetSecretValueResponse getSecretValue(GetSecretValueRequest request) {
        if (unreachable) {
            throw SdkClientException.create("connection refused");
        }
        String value = values.get(request.secretId());
        if (value == null) {
            throw ResourceNotFoundException.builder().message("not found").build();
        }
        return GetSecretValueResponse.builder().name(request.secretId()).secretString(value).build();
    }

    @Override
    public String serviceName() {
        return "secretsmanager";
    }

    @Override
    public void close() {
        // nothing held
    }
}
