package io.itops.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.itops.shared.json.Json;
import io.itops.testing.TemplateModel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * template.yaml's AlarmChatRule, applied as EventBridge applies an input transformer to a CloudWatch alarm
 * state change, gives a Notification chat-webhook delivers to the department's channels, once per event id.
 */
class AlarmChatTest {
    private static final String ALARM_EVENT = """
            {"version": "0", "id": "c4c1c1c9-6542-e61b-6ef0-8c4d36933a92", "detail-type": "CloudWatch Alarm State Change",
             "source": "aws.cloudwatch", "account": "123456789012", "time": "2026-11-28T09:00:05Z", "region": "us-east-1",
             "resources": ["arn:aws:cloudwatch:us-east-1:123456789012:alarm:itops-prod-backup-audit-not-completed"],
             "detail": {"alarmName": "itops-prod-backup-audit-not-completed",
                        "state": {"value": "ALARM", "reason": "Threshold Crossed: 26 datapoints were not greater than or equal to the threshold (1.0)."},
                        "previousState": {"value": "OK"}}}""";
    private final ChatFixture fx = new ChatFixture();

    @AfterEach
    void close() {
        fx.close();
    }

    @Test
    void anAlarmStateChangeReachesTheDepartmentChannelsOnce() {
        ObjectNode notice = (ObjectNode) Json.tree(transformed("Finance").getBytes(StandardCharsets.UTF_8));
        assertEquals("Notification", notice.path("detail-type").asText());

        assertEquals("ok", fx.deliver(notice).path("status").asText());
        assertEquals(1, fx.standIns.messagesTo("/slack/hooks/services/").size(), "nobody named: the Finance channels");
        assertEquals(1, fx.standIns.messagesTo("/feishu/open-apis/bot/v2/hook/").size());
        assertEquals(1, fx.standIns.messagesTo("/dingtalk/oapi/robot/send").size());
        assertTrue(fx.standIns.texts().stream().allMatch(t -> t.contains("itops-prod-backup-audit-not-completed") && t.contains("ALARM")),
                fx.standIns.texts().toString());

        fx.deliver(notice);
        assertEquals(3, fx.standIns.messages().size(), "the same event id again (an EventBridge retry) is not delivered twice");
    }

    /** The rule's InputTemplate with its !Sub parameter set and each {@code <name>} replaced as EventBridge does. */
    private static String transformed(String department) {
        Map<String, Object> target = map(((List<?>) TemplateModel.load().properties("AlarmChatRule").get("Targets")).getFirst());
        Map<String, Object> transformer = map(target.get("InputTransformer"));
        String template = String.valueOf(map(transformer.get("InputTemplate")).get("Fn::Sub")).replace("${AlarmChatDepartment}", department);
        JsonNode event = Json.tree(ALARM_EVENT.getBytes(StandardCharsets.UTF_8));
        Map<String, Object> paths = map(transformer.get("InputPathsMap"));
        // inside a JSON string a variable's text goes in as is; outside, its JSON value
        Matcher variables = Pattern.compile("<(\\w+)>").matcher(template);
        StringBuilder out = new StringBuilder();
        while (variables.find()) {
            JsonNode value = event;
            for (String step : String.valueOf(paths.get(variables.group(1))).substring(2).split("\\.")) {
                value = value.path(step);
            }
            boolean inString = template.substring(0, variables.start()).chars().filter(c -> c == '"').count() % 2 == 1;
            variables.appendReplacement(out, Matcher.quoteReplacement(inString ? value.asText() : value.toString()));
        }
        variables.appendTail(out);
        return out.toString();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }
}
