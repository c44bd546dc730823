package io.itops.local;

import io.itops.testing.LocalAws;
import io.itops.testing.TemplateModel;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.secretsmanager.model.ResourceExistsException;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * template.yaml's resources on the local AWS. Gives every logical id the value {@code !Ref} and
 * {@code !GetAtt} would have (names resolved with Stage = the local stage), resolves intrinsic
 * functions in function environments, and creates what functions call: the table, event buses,
 * secrets (generated values) and SQS queues. Resources the dev server does not create resolve to
 * {@code <LogicalId>-<stage>}, so a function whose environment names one still starts.
 */
final class LocalResources {
    static final String ACCOUNT = "123456789012";
    private static final Pattern SUB = Pattern.compile("\\$\\{([^}!][^}]*)}");
    private final TemplateModel template;
    private final String stage;
    private final String region;
    private final Map<String, String> refs = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> attributes = new LinkedHashMap<>();
    private final List<String> created = new ArrayList<>();

    LocalResources(TemplateModel template, String stage, String region) {
        this.template = template;
        this.stage = stage;
        this.region = region;
        template.resources().forEach((id, value) -> plan(id, Cfn.map(value)));
    }

    private void plan(String id, Map<String, Object> resource) {
        String type = String.valueOf(resource.get("Type"));
        Map<String, Object> props = Cfn.map(resource.get("Properties"));
        Map<String, String> attrs = new LinkedHashMap<>();
        String fallback = id + "-" + stage;
        switch (type) {
            case "AWS::DynamoDB::Table" -> {
                String name = nameOr(props.get("TableName"), fallback);
                refs.put(id, name);
                attrs.put("Arn", "arn:aws:dynamodb:" + region + ":" + ACCOUNT + ":table/" + name);
            }
            case "AWS::Events::EventBus" -> {
                String name = nameOr(props.get("Name"), fallback);
                refs.put(id, name);
                attrs.put("Name", name);
                attrs.put("Arn", "arn:aws:events:" + region + ":" + ACCOUNT + ":event-bus/" + name);
            }
            case "AWS::SecretsManager::Secret" -> {
                // Ref gives the ARN in AWS; the SDK accepts the name wherever the ARN goes, and the name is stable.
                String name = nameOr(props.get("Name"), fallback);
                refs.put(id, name);
                attrs.put("Arn", name);
            }
            case "AWS::SQS::Queue" -> {
                String name = nameOr(props.get("QueueName"), id + "-" + stage);
                refs.put(id, "http://sqs." + region + ".localhost/" + ACCOUNT + "/" + name);
                attrs.put("QueueName", name);
                attrs.put("Arn", "arn:aws:sqs:" + region + ":" + ACCOUNT + ":" + name);
            }
            case "AWS::Serverless::Function", "AWS::Lambda::Function" -> {
                refs.put(id, id);
                attrs.put("Arn", "arn:aws:lambda:" + region + ":" + ACCOUNT + ":function:" + id);
            }
            default -> {
                refs.put(id, fallback);
                attrs.put("Arn", "arn:aws:local:" + region + ":" + ACCOUNT + ":" + fallback);
            }
        }
        attributes.put(id, attrs);
    }

    private String nameOr(Object declared, String fallback) {
        if (declared == null) {
            return fallback;
        }
        try {
            return resolve(declared);
        } catch (IllegalArgumentException unresolvable) {
            return fallback;
        }
    }

    String stage() {
        return stage;
    }

    String ref(String logicalId) {
        String value = refs.get(logicalId);
        if (value == null) {
            throw new IllegalArgumentException("No resource " + logicalId + " in template.yaml");
        }
        return value;
    }

    String attribute(String logicalId, String attribute) {
        String value = attributes.getOrDefault(logicalId, Map.of()).get(attribute);
        if (value == null) {
            throw new IllegalArgumentException("Cannot resolve !GetAtt " + logicalId + "." + attribute + " locally");
        }
        return value;
    }

    /** The logical id of the SQS queue whose ARN is {@code arn}, or null. */
    String queueWithArn(String arn) {
        for (Map.Entry<String, Map<String, String>> e : attributes.entrySet()) {
            if (arn.equals(e.getValue().get("Arn")) && e.getValue().containsKey("QueueName")) {
                return e.getKey();
            }
        }
        return null;
    }

    List<String> created() {
        return List.copyOf(created);
    }

    /** The value of a template expression: a literal or Ref, Sub, GetAtt, Join, Select, If, FindInMap. */
    String resolve(Object value) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof Map<?, ?> raw)) {
            return String.valueOf(value);
        }
        Map<String, Object> intrinsic = Cfn.map(raw);
        if (intrinsic.size() != 1) {
            throw new IllegalArgumentException("Cannot resolve " + value + " locally");
        }
        Map.Entry<String, Object> e = intrinsic.entrySet().iterator().next();
        Object arg = e.getValue();
        return switch (e.getKey()) {
            case "Ref" -> refValue(String.valueOf(arg));
            case "Fn::Sub" -> sub(arg);
            case "Fn::GetAtt" -> {
                List<?> parts = arg instanceof List<?> list ? list : List.of(String.valueOf(arg).split("\\.", 2));
                yield attribute(String.valueOf(parts.get(0)), String.valueOf(parts.get(1)));
            }
            case "Fn::Join" -> {
                List<?> parts = (List<?>) arg;
                List<String> values = new ArrayList<>();
                for (Object part : (List<?>) parts.get(1)) {
                    values.add(resolve(part));
                }
                yield String.join(String.valueOf(parts.get(0)), values);
            }
            case "Fn::Select" -> {
                List<?> parts = (List<?>) arg;
                int index = Integer.parseInt(resolve(parts.get(0)));
                Object list = parts.get(1);
                if (list instanceof List<?> items) {
                    yield resolve(items.get(index));
                }
                yield resolve(list).split(",")[index];
            }
            case "Fn::If" -> {
                List<?> parts = (List<?>) arg;
                yield condition(String.valueOf(parts.get(0))) ? resolve(parts.get(1)) : resolve(parts.get(2));
            }
            case "Fn::FindInMap" -> {
                List<?> parts = (List<?>) arg;
                Map<String, Object> mapping = Cfn.map(Cfn.map(template.raw().get("Mappings")).get(String.valueOf(parts.get(0))));
                yield resolve(Cfn.map(mapping.get(resolve(parts.get(1)))).get(resolve(parts.get(2))));
            }
            default -> throw new IllegalArgumentException("Cannot resolve " + e.getKey() + " locally");
        };
    }

    private String refValue(String name) {
        switch (name) {
            case "AWS::Region":
                return region;
            case "AWS::AccountId":
                return ACCOUNT;
            case "AWS::StackName":
                return "itops-" + stage;
            case "AWS::Partition":
                return "aws";
            case "AWS::URLSuffix":
                return "amazonaws.com";
            case "AWS::NoValue":
                return "";
            case "Stage":
                if (template.parameters().containsKey("Stage")) {
                    return stage;
                }
                break;
            default:
                break;
        }
        if (refs.containsKey(name)) {
            return refs.get(name);
        }
        if (template.parameters().containsKey(name)) {
            String fallback = template.parameterDefault(name);
            return fallback == null ? "" : fallback;
        }
        throw new IllegalArgumentException("Cannot resolve Ref " + name + " locally");
    }

    private String sub(Object arg) {
        String text;
        Map<String, Object> variables = Map.of();
        if (arg instanceof List<?> list) {
            text = String.valueOf(list.get(0));
            variables = Cfn.map(list.get(1));
        } else {
            text = String.valueOf(arg);
        }
        Matcher m = SUB.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String replacement;
            if (variables.containsKey(name)) {
                replacement = resolve(variables.get(name));
            } else if (name.contains(".") && !name.startsWith("AWS::")) {
                String[] parts = name.split("\\.", 2);
                replacement = attribute(parts[0], parts[1]);
            } else {
                replacement = refValue(name);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString().replace("${!", "${");
    }

    boolean condition(String name) {
        Object definition = Cfn.map(template.raw().get("Conditions")).get(name);
        if (definition == null) {
            throw new IllegalArgumentException("No condition " + name);
        }
        return evaluate(definition);
    }

    private boolean evaluate(Object expression) {
        Map<String, Object> fn = Cfn.map(expression);
        Map.Entry<String, Object> e = fn.entrySet().iterator().next();
        List<?> args = e.getValue() instanceof List<?> list ? list : List.of(e.getValue());
        return switch (e.getKey()) {
            case "Fn::Equals" -> resolve(args.get(0)).equals(resolve(args.get(1)));
            case "Fn::Not" -> !evaluate(args.get(0));
            case "Fn::And" -> args.stream().allMatch(this::evaluate);
            case "Fn::Or" -> args.stream().anyMatch(this::evaluate);
            case "Condition" -> condition(String.valueOf(e.getValue()));
            default -> throw new IllegalArgumentException("Cannot evaluate " + e.getKey() + " locally");
        };
    }

    /**
     * Creates the table (from ItopsTable's definition), every event bus, secret and queue. Existing
     * ones are kept (an external endpoint may already hold them, with data).
     */
    void provision(LocalAws aws, SqsClient sqs) {
        template.resources().forEach((id, value) -> {
            Map<String, Object> resource = Cfn.map(value);
            Map<String, Object> props = Cfn.map(resource.get("Properties"));
            switch (String.valueOf(resource.get("Type"))) {
                case "AWS::DynamoDB::Table" -> {
                    if (id.equals("ItopsTable")) {
                        aws.createTable(template, ref(id));
                        created.add("table " + ref(id));
                    }
                }
                case "AWS::Events::EventBus" -> {
                    aws.createBus(ref(id));
                    created.add("bus " + ref(id));
                }
                case "AWS::SecretsManager::Secret" -> {
                    String secret = secretValue(props);
                    try {
                        aws.clients().secrets().createSecret(r -> r.name(ref(id)).secretString(secret));
                    } catch (ResourceExistsException exists) {
                        // keep its value: cursors signed with it stay valid across restarts
                    }
                    created.add("secret " + ref(id));
                }
                case "AWS::SQS::Queue" -> {
                    String name = attribute(id, "QueueName");
                    String url = sqs.createQueue(r -> r.queueName(name)).queueUrl();
                    refs.put(id, url);
                    created.add("queue " + name);
                }
                default -> { }
            }
        });
        provisionLocalSecrets(aws);
    }

    /**
     * Secrets that live outside the template in AWS (chat platform credentials, backup-agent and
     * scanner keys, created by admins) get local development values from local/secrets.json:
     * name (may use ${Stage}) -> string or JSON object. Existing values are kept.
     */
    private void provisionLocalSecrets(LocalAws aws) {
        java.nio.file.Path file = template.root().resolve("local/secrets.json");
        if (!java.nio.file.Files.exists(file)) {
            return;
        }
        com.fasterxml.jackson.databind.JsonNode secrets;
        try {
            secrets = LocalJson.read(java.nio.file.Files.readString(file));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        secrets.properties().forEach(entry -> {
            String name = entry.getKey().replace("${Stage}", stage);
            String value = entry.getValue().isTextual() ? entry.getValue().asText() : entry.getValue().toString();
            try {
                aws.clients().secrets().createSecret(r -> r.name(name).secretString(value));
            } catch (ResourceExistsException exists) {
                // keep the value someone set
            }
            created.add("secret " + name);
        });
    }

    private String secretValue(Map<String, Object> props) {
        if (props.containsKey("SecretString")) {
            return resolve(props.get("SecretString"));
        }
        Map<String, Object> generate = Cfn.map(props.get("GenerateSecretString"));
        int length = generate.containsKey("PasswordLength") ? Integer.parseInt(String.valueOf(generate.get("PasswordLength"))) : 32;
        String generated = random(length);
        if (generate.containsKey("SecretStringTemplate") && generate.containsKey("GenerateStringKey")) {
            var node = (com.fasterxml.jackson.databind.node.ObjectNode) LocalJson.read(resolve(generate.get("SecretStringTemplate")));
            node.put(String.valueOf(generate.get("GenerateStringKey")), generated);
            return LocalJson.write(node);
        }
        return generated;
    }

    private static String random(int length) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        SecureRandom random = new SecureRandom();
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }

    /** A function's environment: the Lambda runtime's variables, then template.yaml's (Globals + its own), resolved. */
    Map<String, String> functionEnvironment(TemplateModel.FunctionDef function, Map<String, String> runtime) {
        Map<String, String> env = new LinkedHashMap<>(runtime);
        env.put("AWS_LAMBDA_FUNCTION_NAME", function.logicalId());
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", String.valueOf(memory(function)));
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + function.logicalId());
        function.environment().forEach((name, value) -> {
            try {
                env.put(name, resolve(value));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(function.logicalId() + " environment variable " + name + ": " + e.getMessage(), e);
            }
        });
        return env;
    }

    /** A function property, else the Globals' value, else {@code fallback}. */
    String functionSetting(TemplateModel.FunctionDef function, String property, String fallback) {
        Object own = function.properties().get(property);
        if (own != null) {
            return resolve(own);
        }
        Object global = Cfn.map(Cfn.map(template.raw().get("Globals")).get("Function")).get(property);
        return global == null ? fallback : resolve(global);
    }

    int memory(TemplateModel.FunctionDef function) {
        return Integer.parseInt(functionSetting(function, "MemorySize", "128"));
    }
}
