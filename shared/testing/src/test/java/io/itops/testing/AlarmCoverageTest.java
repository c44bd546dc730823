package io.itops.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The committed template has no unwatched function, queue or schedule, and each kind of removed alarm is caught. */
class AlarmCoverageTest {
    private final Map<String, Object> template = CfnYaml.read(TemplateModel.projectRoot().resolve("template.yaml"));

    @Test
    void everyFunctionQueueAndScheduleOfTheCommittedTemplateHasAnAlarm() {
        assertEquals(List.of(), AlarmCoverage.gaps(template));
    }

    @Test
    void aFunctionWithoutItsErrorsAlarmIsAGap() {
        resources().remove("SecurityScanErrorsAlarm");
        assertEquals(List.of("SecurityScanFunction: no Errors alarm"), AlarmCoverage.gaps(template));
    }

    @Test
    void aFunctionWithoutThrottleOrDurationAlarmsIsAGap() {
        resources().remove("ChatWebhookThrottlesAlarm");
        resources().remove("ChatWebhookDurationAlarm");
        assertEquals(List.of("ChatWebhookFunction: no Throttles alarm", "ChatWebhookFunction: no Duration alarm"),
                AlarmCoverage.gaps(template));
    }

    @Test
    void aScheduleWhoseDeadLetterQueueLeftTheAlarmsMetricMathIsAGap() {
        dropQueueMetric("SecurityScanScheduleDeadLettersAlarm", "SecurityScanFunctionCoverageSweepQueue");
        assertEquals(List.of("schedule SecurityScanFunction.CoverageSweep: no alarm on its dead-letter queue SecurityScanFunctionCoverageSweepQueue"),
                AlarmCoverage.gaps(template));
    }

    @Test
    void aBusRuleOrAFunctionDlqWithoutAlarmIsAGap() {
        dropQueueMetric("BackupAuditDeadLettersAlarm", "BackupAuditFunctionAssetChangesQueue");
        dropQueueMetric("BackupAuditDeadLettersAlarm", "BackupAuditDLQ");
        assertEquals(List.of("bus rule BackupAuditFunction.AssetChanges: no alarm on its dead-letter queue BackupAuditFunctionAssetChangesQueue",
                "queue BackupAuditDLQ: no alarm on its visible messages"), AlarmCoverage.gaps(template));
    }

    @Test
    void aNewFunctionAddedWithoutAlarmsIsAGap() {
        Map<String, Object> function = new LinkedHashMap<>(TemplateModel.map(resources().get("TrainingEnrolmentFunction")));
        resources().put("UnwatchedFunction", function);
        List<String> gaps = AlarmCoverage.gaps(template);
        assertTrue(gaps.containsAll(List.of("UnwatchedFunction: no Errors alarm", "UnwatchedFunction: no Throttles alarm",
                "UnwatchedFunction: no Duration alarm",
                "schedule UnwatchedFunction.DailyTrainingReminders: no alarm on its dead-letter queue UnwatchedFunctionDailyTrainingRemindersQueue")), gaps.toString());
        assertTrue(gaps.stream().allMatch(g -> g.contains("UnwatchedFunction")), gaps.toString());
    }

    private Map<String, Object> resources() {
        return TemplateModel.map(template.get("Resources"));
    }

    /** Removes from an alarm's metric math the metric of one queue, as an edit that forgets it would. */
    private void dropQueueMetric(String alarmId, String queueId) {
        Map<String, Object> props = TemplateModel.map(TemplateModel.map(resources().get(alarmId)).get("Properties"));
        List<Object> metrics = new ArrayList<>((List<?>) props.get("Metrics"));
        int before = metrics.size();
        metrics.removeIf(m -> String.valueOf(m).contains("Fn::GetAtt=[" + queueId + ","));
        assertEquals(before - 1, metrics.size(), alarmId + " had a metric for " + queueId);
        props.put("Metrics", metrics);
    }
}
