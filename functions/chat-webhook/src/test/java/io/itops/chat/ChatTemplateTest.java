package io.itops.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.itops.testing.TemplateChecks;
import io.itops.testing.TemplateModel;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChatTemplateTest {
    private final TemplateModel template = TemplateModel.load();

    @Test
    void templateAndCodeAgree() {
        TemplateChecks.verify(ChatFixture.FUNCTION, ChatWebhookHandler::new);
    }

    @Test
    void thePublicWebhooksHaveReservedConcurrency_andTheRealPlatformHostsByDefault() {
        TemplateModel.FunctionDef function = template.function(ChatFixture.FUNCTION);
        assertTrue(function.properties().containsKey("ReservedConcurrentExecutions"));
        Map<String, String> env = template.localEnvironment(function, Map.of("ItopsTable", "t", "ItopsBus", "b", "CursorKeySecret", "c"));
        assertEquals("https://slack.com/api", env.get("SLACK_API_URL"));
        assertEquals("https://hooks.slack.com", env.get("SLACK_HOOKS_URL"));
        assertEquals("https://open.feishu.cn", env.get("FEISHU_API_URL"));
        assertEquals("https://api.dingtalk.com", env.get("DINGTALK_API_URL"));
        assertEquals("https://oapi.dingtalk.com", env.get("DINGTALK_OAPI_URL"));
        assertEquals("itops/prod/chat/slack", env.get("SLACK_SECRET"));
        assertEquals("itops/prod/chat/feishu", env.get("FEISHU_SECRET"));
        assertEquals("itops/prod/chat/dingtalk", env.get("DINGTALK_SECRET"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theFunctionMayReadExactlyItsOwnSecrets() {
        List<Object> policies = (List<Object>) template.function(ChatFixture.FUNCTION).properties().get("Policies");
        List<Object> resources = policies.stream().map(p -> (Map<String, Object>) p).filter(p -> p.containsKey("Statement"))
                .flatMap(p -> ((List<Map<String, Object>>) p.get("Statement")).stream())
                .filter(s -> "secretsmanager:GetSecretValue".equals(s.get("Action")))
                .flatMap(s -> ((List<Object>) s.get("Resource")).stream()).toList();
        String prefix = "arn:${AWS::Partition}:secretsmanager:${AWS::Region}:${AWS::AccountId}:secret:itops/${Stage}/chat/";
        assertEquals(List.of(Map.of("Ref", "CursorKeySecret"),
                Map.of("Fn::Sub", prefix + "slack-??????"),
                Map.of("Fn::Sub", prefix + "feishu-??????"),
                Map.of("Fn::Sub", prefix + "dingtalk-??????")), resources);
    }
}
