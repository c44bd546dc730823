package io.itops.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * template.yaml as data: the functions with their handlers, environment, HTTP routes, schedules and
 * bus rules, and the table definition. Tests and the dev server read the system from here, so the
 * template stays the single description of what is deployed.
 */
public final class TemplateModel {
    private static TemplateModel cached;
    private final Path root;
    private final Map<String, Object> template;

    /** An HTTP API route; {@code authorized} is false where the template sets {@code Authorizer: NONE}. */
    public record HttpRoute(String logicalId, String method, String path, boolean authorized) {
        public String routeKey() {
            return method + " " + path;
        }
    }

    public record Schedule(String logicalId, String expression, String timezone, String input, Map<String, Object> properties) {}

    public record Rule(String logicalId, Object eventBusName, Map<String, Object> pattern, Map<String, Object> properties) {}

    public record FunctionDef(String logicalId, String handlerClass, String codeUri, Map<String, Object> environment,
                              List<HttpRoute> routes, List<Schedule> schedules, List<Rule> rules,
                              Map<String, Object> properties) {}

    private TemplateModel(Path root) {
        this.root = root;
        this.template = CfnYaml.read(root.resolve("template.yaml"));
    }

    public static synchronized TemplateModel load() {
        if (cached == null) {
            cached = new TemplateModel(projectRoot());
        }
        return cached;
    }

    /** The template.yaml under another root (the dev server's {@code --root}, its fixture templates); not cached. */
    public static TemplateModel at(Path root) {
        return new TemplateModel(root.toAbsolutePath().normalize());
    }

    /** The repository root: {@code -Ditops.root}, else the nearest folder upwards with template.yaml. */
    public static Path projectRoot() {
        String configured = System.getProperty("itops.root");
        if (configured != null && Files.exists(Paths.get(configured, "template.yaml"))) {
            return Paths.get(configured).toAbsolutePath();
        }
        Path dir = Paths.get("").toAbsolutePath();
        while (dir != null) {
            if (Files.exists(dir.resolve("template.yaml")) && Files.exists(dir.resolve("functions"))) {
                return dir;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("template.yaml not found above " + Paths.get("").toAbsolutePath());
    }

    public Path root() {
        return root;
    }

    public Map<String, Object> raw() {
        return template;
    }

    public Map<String, Object> resources() {
        return map(template.get("Resources"));
    }

    public Map<String, Object> resource(String logicalId) {
        Map<String, Object> resource = map(resources().get(logicalId));
        if (resource.isEmpty()) {
            throw new IllegalArgumentException("No resource " + logicalId + " in template.yaml");
        }
        return resource;
    }

    public Map<String, Object> properties(String logicalId) {
        return map(resource(logicalId).get("Properties"));
    }

    public Map<String, Object> parameters() {
        return map(template.get("Parameters"));
    }

    public Map<String, Object> tableProperties() {
        return properties("ItopsTable");
    }

    public List<FunctionDef> functions() {
        List<FunctionDef> functions = new ArrayList<>();
        Map<String, Object> globalEnv = map(map(map(map(template.get("Globals")).get("Function")).get("Environment")).get("Variables"));
        resources().forEach((id, value) -> {
            Map<String, Object> resource = map(value);
            if (!"AWS::Serverless::Function".equals(resource.get("Type"))) {
                return;
            }
            Map<String, Object> props = map(resource.get("Properties"));
            Map<String, Object> env = new LinkedHashMap<>(globalEnv);
            env.putAll(map(map(props.get("Environment")).get("Variables")));
            List<HttpRoute> routes = new ArrayList<>();
            List<Schedule> schedules = new ArrayList<>();
            List<Rule> rules = new ArrayList<>();
            map(props.get("Events")).forEach((eventId, eventValue) -> {
                Map<String, Object> event = map(eventValue);
                Map<String, Object> eventProps = map(event.get("Properties"));
                switch (String.valueOf(event.get("Type"))) {
                    case "HttpApi" -> routes.add(new HttpRoute(eventId, String.valueOf(eventProps.get("Method")).toUpperCase(),
                            String.valueOf(eventProps.get("Path")),
                            !"NONE".equals(map(eventProps.get("Auth")).get("Authorizer"))));
                    case "ScheduleV2", "Schedule" -> schedules.add(new Schedule(eventId,
                            String.valueOf(eventProps.get(event.get("Type").equals("Schedule") ? "Schedule" : "ScheduleExpression")),
                            parameterOrValue(eventProps.get("ScheduleExpressionTimezone")),
                            eventProps.get("Input") instanceof String input ? input : null, eventProps));
                    case "EventBridgeRule" -> rules.add(new Rule(eventId, eventProps.get("EventBusName"),
                            map(eventProps.get("Pattern")), eventProps));
                    default -> { }
                }
            });
            String handler = String.valueOf(props.get("Handler"));
            int separator = handler.indexOf("::");
            functions.add(new FunctionDef(id, separator < 0 ? handler : handler.substring(0, separator),
                    String.valueOf(props.get("CodeUri")), env, routes, schedules, rules, props));
        });
        return functions;
    }

    public FunctionDef function(String logicalId) {
        return functions().stream().filter(f -> f.logicalId().equals(logicalId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No function " + logicalId));
    }

    /** A literal, or the default of the parameter a {@code !Ref} names. */
    private String parameterOrValue(Object value) {
        if (value instanceof Map<?, ?> ref && ref.containsKey("Ref")) {
            return parameterDefault(String.valueOf(ref.get("Ref")));
        }
        return value == null ? null : String.valueOf(value);
    }

    /** A parameter's default value, as a string. */
    public String parameterDefault(String name) {
        Object value = map(parameters().get(name)).get("Default");
        return value == null ? null : String.valueOf(value);
    }

    /**
     * A function's environment with every {@code !Ref} resolved for a local run: parameters take
     * their defaults, resources the names given in {@code resourceNames}.
     */
    public Map<String, String> localEnvironment(FunctionDef function, Map<String, String> resourceNames) {
        Map<String, String> env = new LinkedHashMap<>();
        function.environment().forEach((name, value) -> env.put(name, resolve(value, resourceNames)));
        return env;
    }

    private String resolve(Object value, Map<String, String> resourceNames) {
        if (value instanceof Map<?, ?> intrinsic && intrinsic.containsKey("Ref")) {
            String ref = String.valueOf(intrinsic.get("Ref"));
            if (resourceNames.containsKey(ref)) {
                return resourceNames.get(ref);
            }
            String parameter = parameterDefault(ref);
            if (parameter != null) {
                return parameter;
            }
            throw new IllegalArgumentException("Cannot resolve Ref " + ref + " locally");
        }
        if (value instanceof Map<?, ?> intrinsic && intrinsic.get("Fn::Sub") instanceof String text) {
            // string-form !Sub: each ${Name} is a parameter default or a resource name, as for Ref
            java.util.regex.Matcher names = java.util.regex.Pattern.compile("\\$\\{([A-Za-z0-9:]+)}").matcher(text);
            StringBuilder out = new StringBuilder();
            while (names.find()) {
                names.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(resolve(Map.of("Ref", names.group(1)), resourceNames)));
            }
            names.appendTail(out);
            return out.toString();
        }
        if (value instanceof Map<?, ?> intrinsic && intrinsic.get("Fn::If") instanceof List<?> branches && branches.size() == 3) {
            // conditions name what a deployment creates (the Cognito user pool); tests create none of it
            return resolve(branches.get(2), resourceNames);
        }
        if (value instanceof Map<?, ?>) {
            throw new IllegalArgumentException("Cannot resolve " + value + " locally");
        }
        return String.valueOf(value);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }
}
