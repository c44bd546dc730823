package io.itops.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.itops.testing.TemplateChecks;
import io.itops.testing.TemplateModel;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BackupTemplateTest {
    private final TemplateModel template = TemplateModel.load();

    @Test
    void templateAndCodeAgree() {
        TemplateChecks.verify(BackupFixture.FUNCTION, BackupAuditHandler::new);
    }

    @Test
    void theAuditRunsDailyAtTwoInTheConfiguredTimeZone_andTheTimeoutLeavesRoomForTheHandOver() {
        TemplateModel.FunctionDef function = template.function(BackupFixture.FUNCTION);
        TemplateModel.Schedule schedule = function.schedules().stream()
                .filter(s -> s.input().contains("\"schedule\":\"backup-audit\"")).findFirst().orElseThrow();
        assertEquals("cron(0 2 * * ? *)", schedule.expression());
        assertEquals(Map.of("Ref", "BackupAuditTimezone"), schedule.properties().get("ScheduleExpressionTimezone"));
        assertEquals("Asia/Shanghai", template.parameterDefault("BackupAuditTimezone"));
        assertEquals("35", template.parameterDefault("BackupMinimumRetentionDays"));
        int timeout = ((Number) function.properties().get("Timeout")).intValue();
        assertTrue(timeout >= 3 * TimeBudget.MARGIN.toSeconds(), "timeout " + timeout + " s leaves time to work beyond the hand-over margin");
        assertTrue(AuditService.LEASE.toSeconds() > timeout, "the lock's lease outlives one invocation");
    }

    @Test
    void agentKeysAreReadableOnlyFromTheOneAgentKeysSecret() {
        TemplateModel.FunctionDef function = template.function(BackupFixture.FUNCTION);
        assertEquals(Map.of("Fn::Sub", "itops/${Stage}/backup-agents"), function.environment().get("AGENT_KEYS_SECRET"));
        String policies = String.valueOf(function.properties().get("Policies"));
        // Secrets Manager appends six random characters to a secret's ARN
        assertTrue(policies.contains("secret:itops/${Stage}/backup-agents-??????"), policies);
        assertTrue(!policies.contains("Resource=*"), "no wildcard resources: " + policies);
    }

    @Test
    void theBackupStatusRuleMatchesOnlyThatChatCommand() {
        TemplateModel.Rule rule = template.function(BackupFixture.FUNCTION).rules().stream()
                .filter(r -> r.logicalId().equals("BackupStatusCommand")).findFirst().orElseThrow();
        assertEquals(List.of("itops.chat"), rule.pattern().get("source"));
        assertEquals(Map.of("command", List.of("backup-status")), rule.pattern().get("detail"));
    }
}
