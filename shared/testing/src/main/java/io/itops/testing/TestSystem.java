package io.itops.testing;

import io.itops.shared.aws.AwsClients;
import io.itops.shared.config.Env;
import io.itops.shared.runtime.Platform;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/**
 * One isolated copy of the system's AWS resources on the shared moto server, for one test class:
 * its own table (created from template.yaml), bus and cursor key. Builds the environment and the
 * {@link Platform} a function's handler runs with.
 */
public final class TestSystem {
    
    private final TemplateModel template = TemplateModel.load();
    private final LocalAws aws;
    private final String tableName;
    private final String busName;

    private TestSystem(LocalAws aws, String tableName, String busName) {
        this.aws = aws;
        this.tableName = tableName;
        this.busName = busName;
    }

    public static TestSystem create() {
        LocalAws aws = new LocalAws(MotoServer.shared().endpoint());
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        TestSystem system = new TestSystem(aws, "itops-test-" + suffix, "itops-test-" + suffix);
        aws.createTable(system.template, system.tableName);
        aws.createBus(system.busName);
        aws.putSecret(system.cursorKeySecret(), "local-cursor-key-" + suffix);
        return system;
    }

    public String cursorKeySecret() {
        return "itops-test-cursor-key-" + tableName;
    }

    public TemplateModel template() {
        return template;
    }

    public LocalAws aws() {
        return aws;
    }

    public String tableName() {
        return tableName;
    }

    public String busName() {
        return busName;
    }

    public DynamoDbClient dynamo() {
        return aws.clients().dynamo();
    }

    /** The environment template.yaml gives {@code functionId}, pointed at this system's resources. */
    public Map<String, String> environment(String functionId) {
        return aws.functionEnvironment(template, functionId,
                Map.of("ItopsTable", tableName, "ItopsBus", busName, "CursorKeySecret", cursorKeySecret()));
    }

    public Env env(String functionId) {
        return new Env(environment(functionId));
    }

    public Platform platform(String functionId, Clock clock) {
        Env env = env(functionId);
        return new Platform(env, new AwsClients(env), clock);
    }

    /** A platform together with the probes tests use on it. */
    public record Instrumented(Platform platform, DynamoCalls calls, ThrottlingHttpClient throttling) {}

    /** A platform whose DynamoDB calls are counted and can be throttled. */
    public Instrumented instrumented(String functionId, Clock clock) {
        Env env = env(functionId);
        DynamoCalls calls = new DynamoCalls();
        ThrottlingHttpClient throttling = new ThrottlingHttpClient();
        AwsClients clients = new AwsClients(env, throttling.wrapper(), List.of(calls));
        return new Instrumented(new Platform(env, clients, clock), calls, throttling);
    }

    /** Every item in the table (tests only: the functions never scan outside audits). */
    public List<Map<String, AttributeValue>> items() {
        return dynamo().scanPaginator(ScanRequest.builder().tableName(tableName).consistentRead(true).build())
                .items().stream().toList();
    }

    /** Items whose PK starts with {@code prefix}. */
    public List<Map<String, AttributeValue>> items(String pkPrefix) {
        return items().stream().filter(i -> i.get("PK").s().startsWith(pkPrefix)).toList();
    }
}
