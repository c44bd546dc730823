package io.itops.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What in template.yaml no CloudWatch alarm watches: every function needs an alarm on each of its
 * {@link #FUNCTION_METRICS}, and every dead-letter queue (the function's own, and the one SAM makes for
 * each schedule and bus rule) an alarm on its visible messages, so that nothing can be added unwatched.
 * An alarm watches a resource when a dimension of its metric (or of one metric of its metric math)
 * names that resource by {@code !Ref} or {@code !GetAtt}.
 */
public final class AlarmCoverage {
    public static final List<String> FUNCTION_METRICS = List.of("Errors", "Throttles", "Duration");
    static final String QUEUE_METRIC = "ApproximateNumberOfMessagesVisible";

    private AlarmCoverage() {}

    /** One line per gap, e.g. "SecurityScanFunction: no Errors alarm"; empty when everything is watched. */
    public static List<String> gaps(Map<String, Object> template) {
        Map<String, Object> resources = TemplateModel.map(template.get("Resources"));
        Set<String> watched = new TreeSet<>();
        resources.values().stream().map(TemplateModel::map).filter(r -> "AWS::CloudWatch::Alarm".equals(r.get("Type")))
                .forEach(alarm -> watchedBy(TemplateModel.map(alarm.get("Properties")), watched));
        List<String> gaps = new ArrayList<>();
        resources.forEach((id, value) -> {
            Map<String, Object> resource = TemplateModel.map(value);
            Map<String, Object> props = TemplateModel.map(resource.get("Properties"));
            switch (String.valueOf(resource.get("Type"))) {
                case "AWS::Serverless::Function" -> {
                    for (String metric : FUNCTION_METRICS) {
                        if (!watched.contains(metric + " " + id)) gaps.add(id + ": no " + metric + " alarm");
                    }
                    TemplateModel.map(props.get("Events")).forEach((eventId, event) -> {
                        Map<String, Object> e = TemplateModel.map(event);
                        Map<String, Object> dlq = TemplateModel.map(TemplateModel.map(e.get("Properties")).get("DeadLetterConfig"));
                        // SAM names the queue it creates for a schedule or rule <function><event>Queue
                        if ("SQS".equals(dlq.get("Type")) && !watched.contains(QUEUE_METRIC + " " + id + eventId + "Queue")) {
                            String kind = String.valueOf(e.get("Type")).startsWith("Schedule") ? "schedule " : "bus rule ";
                            gaps.add(kind + id + "." + eventId + ": no alarm on its dead-letter queue " + id + eventId + "Queue");
                        }
                    });
                }
                case "AWS::SQS::Queue" -> {
                    if (!watched.contains(QUEUE_METRIC + " " + id)) gaps.add("queue " + id + ": no alarm on its visible messages");
                }
                default -> { }
            }
        });
        return gaps;
    }

    /** Adds "<metric> <resource>" for each resource a dimension of the alarm's metrics names. */
    private static void watchedBy(Map<String, Object> alarm, Set<String> watched) {
        watchedBy(String.valueOf(alarm.get("MetricName")), alarm.get("Dimensions"), watched);
        for (Object query : (List<?>) alarm.getOrDefault("Metrics", List.of())) {
            Map<String, Object> metric = TemplateModel.map(TemplateModel.map(TemplateModel.map(query).get("MetricStat")).get("Metric"));
            watchedBy(String.valueOf(metric.get("MetricName")), metric.get("Dimensions"), watched);
        }
    }

    private static void watchedBy(String metricName, Object dimensions, Set<String> watched) {
        if (!(dimensions instanceof List<?> list)) return;
        for (Object dimension : list) {
            Object value = TemplateModel.map(dimension).get("Value");
            String resource = referenced(value);
            if (resource != null) watched.add(metricName + " " + resource);
        }
    }

    private static String referenced(Object value) {
        Map<String, Object> intrinsic = TemplateModel.map(value);
        if (intrinsic.get("Ref") != null) return String.valueOf(intrinsic.get("Ref"));
        if (intrinsic.get("Fn::GetAtt") instanceof List<?> getAtt && !getAtt.isEmpty()) return String.valueOf(getAtt.get(0));
        return null;
    }
}
