package io.itops.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.itops.shared.config.Env;
import io.itops.shared.runtime.Dispatcher;
import io.itops.shared.runtime.FunctionHandler;
import io.itops.shared.runtime.Platform;
import io.itops.shared.aws.AwsClients;
import io.itops.shared.json.Json;
import java.lang.reflect.Modifier;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Proves a function's code and its template.yaml entry describe the same thing: handler class and
 * constructors, the environment variables read, the HTTP routes (and which skip the JWT authorizer),
 * the schedules and the bus rules, that every async path has retries and a dead-letter queue, and that
 * every function, dead-letter queue and schedule has an alarm ({@link AlarmCoverage}).
 */
public final class TemplateChecks {
    /** Set by the runtime or template-wide, not read by function code. */
    private static final Set<String> NOT_READ_BY_CODE = Set.of("JAVA_TOOL_OPTIONS");

    private TemplateChecks() {}

    public static void verify(String functionId, Function<Platform, ? extends FunctionHandler> factory) {
        TemplateModel template = TemplateModel.load();
        TemplateModel.FunctionDef function = template.function(functionId);
        TestSystem system = TestSystem.create();
        Env env = system.env(functionId);
        FunctionHandler handler = factory.apply(new Platform(env, new AwsClients(env), Clock.systemUTC()));
        Class<? extends FunctionHandler> type = handler.getClass();

        assertEquals(type.getName(), function.handlerClass(), "template Handler names the handler class");
        assertTrue(Modifier.isPublic(type.getModifiers()), "handler class is public");
        assertConstructor(type);
        assertConstructor(type, Map.class);
        String codeUri = function.codeUri();
        assertTrue(codeUri.startsWith("functions/") && codeUri.endsWith(".jar"), "CodeUri points at the shaded jar: " + codeUri);

        Set<String> templateVars = new TreeSet<>(function.environment().keySet());
        templateVars.removeAll(NOT_READ_BY_CODE);
        assertEquals(templateVars, env.namesRead(), "environment variables in template.yaml == variables the code reads");

        Dispatcher dispatcher = handler.dispatcher();
        Set<String> templateRoutes = new TreeSet<>();
        Set<String> unauthorized = new TreeSet<>();
        function.routes().forEach(r -> {
            templateRoutes.add(r.routeKey());
            if (!r.authorized()) unauthorized.add(r.routeKey());
        });
        assertEquals(new TreeSet<>(dispatcher.routeKeys()), templateRoutes, "routes in template.yaml == routes the handler serves");
        assertEquals(dispatcher.publicRouteKeys(), unauthorized,
                "exactly the routes that verify their own signatures skip the JWT authorizer");
        OpenApiContract contract = OpenApiContract.load();
        for (String routeKey : dispatcher.routeKeys()) {
            assertEquals(contract.queryParameters(routeKey), new TreeSet<>(dispatcher.queryParameters(routeKey)),
                    routeKey + ": query parameters in openapi.yaml == query parameters the handler accepts");
        }

        Set<String> scheduleNames = new TreeSet<>();
        for (TemplateModel.Schedule schedule : function.schedules()) {
            assertNotNull(schedule.input(), schedule.logicalId() + " has an Input naming the schedule");
            scheduleNames.add(Json.tree(schedule.input().getBytes()).path("schedule").asText());
            assertAsyncSafety(schedule.logicalId(), schedule.properties());
            assertNotNull(schedule.timezone(), schedule.logicalId() + " states its time zone");
        }
        assertEquals(new TreeSet<>(dispatcher.scheduleNames()), scheduleNames, "schedules in template.yaml == schedules handled");

        Set<String> detailTypes = new TreeSet<>();
        for (TemplateModel.Rule rule : function.rules()) {
            Object types = rule.pattern().get("detail-type");
            assertTrue(types instanceof List<?>, rule.logicalId() + " matches on detail-type");
            ((List<?>) types).forEach(t -> detailTypes.add(String.valueOf(t)));
            assertAsyncSafety(rule.logicalId(), rule.properties());
        }
        assertEquals(new TreeSet<>(dispatcher.eventTypes()), detailTypes, "bus rules in template.yaml == events consumed");

        Map<String, Object> props = function.properties();
        if (!function.schedules().isEmpty() || !function.rules().isEmpty()) {
            assertFalse(TemplateModel.map(props.get("DeadLetterQueue")).isEmpty(), functionId + " has a dead-letter queue for async invocations");
            assertFalse(TemplateModel.map(props.get("EventInvokeConfig")).isEmpty(), functionId + " bounds async retries");
        }
        assertTrue(template.resources().values().stream().map(TemplateModel::map)
                        .filter(r -> "AWS::Logs::LogGroup".equals(r.get("Type")))
                        .anyMatch(r -> String.valueOf(TemplateModel.map(r.get("Properties")).get("LogGroupName")).contains(functionId)),
                functionId + " has a log group with retention");
        assertFalse(props.containsKey("Role"), functionId + " gets its own role (no shared Role)");
        assertEquals(List.of(String.valueOf(function.environment().get("EVENT_SOURCE"))), putEventsSources(props),
                functionId + " may put events on the bus only under its own EVENT_SOURCE, so it cannot forge another function's");
        assertEquals(List.of(), AlarmCoverage.gaps(template.raw()),
                "every function, dead-letter queue and schedule in template.yaml has an alarm (docs/runbook.md)");
    }

    /** The {@code events:source} values the function's PutEvents statements are limited to (null: unlimited). */
    private static List<String> putEventsSources(Map<String, Object> properties) {
        List<String> sources = new ArrayList<>();
        for (Object policy : (List<?>) properties.getOrDefault("Policies", List.of())) {
            Map<String, Object> entry = TemplateModel.map(policy);
            if (entry.containsKey("EventBridgePutEventsPolicy")) {
                sources.add(null);
            }
            for (Object statement : (List<?>) entry.getOrDefault("Statement", List.of())) {
                Map<String, Object> s = TemplateModel.map(statement);
                if (String.valueOf(s.get("Action")).contains("events:PutEvents")) {
                    Map<String, Object> equals = TemplateModel.map(TemplateModel.map(s.get("Condition")).get("StringEquals"));
                    sources.add(equals.get("events:source") == null ? null : String.valueOf(equals.get("events:source")));
                }
            }
        }
        return sources;
    }

    private static void assertAsyncSafety(String id, Map<String, Object> properties) {
        assertFalse(TemplateModel.map(properties.get("RetryPolicy")).isEmpty(), id + " has a RetryPolicy");
        assertFalse(TemplateModel.map(properties.get("DeadLetterConfig")).isEmpty(), id + " has a DeadLetterConfig");
    }

    private static void assertConstructor(Class<?> type, Class<?>... parameters) {
        try {
            assertTrue(Modifier.isPublic(type.getConstructor(parameters).getModifiers()));
        } catch (NoSuchMethodException e) {
            throw new AssertionError(type.getSimpleName() + " needs a public constructor " + List.of(parameters), e);
        }
    }
}
