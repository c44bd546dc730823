package io.itops.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveSpecification;
import software.amazon.awssdk.services.eventbridge.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.secretsmanager.model.ResourceExistsException;

/**
 * Creates the system's AWS resources on a local endpoint (moto, LocalStack) from template.yaml:
 * the table exactly as declared, the event bus, and the secrets the functions read.
 */
public final class LocalAws {
    public static final String REGION = "us-east-1";
    private final String endpoint;
    private final SdkClients clients;

    public LocalAws(String endpoint) {
        this.endpoint = endpoint;
        this.clients = new SdkClients(endpoint);
    }

    /** The variables the Lambda runtime itself would set, pointed at the local endpoint. */
    public static Map<String, String> baseEnvironment(String endpoint) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AWS_REGION", REGION);
        env.put("AWS_ENDPOINT_URL", endpoint);
        env.put("AWS_ACCESS_KEY_ID", "testing");
        env.put("AWS_SECRET_ACCESS_KEY", "testing");
        return env;
    }

    public String endpoint() {
        return endpoint;
    }

    public SdkClients clients() {
        return clients;
    }

    /** Creates ItopsTable's definition under {@code tableName}; idempotent. */
    @SuppressWarnings("unchecked")
    public void createTable(TemplateModel template, String tableName) {
        Map<String, Object> props = template.tableProperties();
        List<AttributeDefinition> attributes = new ArrayList<>();
        for (Object a : (List<Object>) props.get("AttributeDefinitions")) {
            Map<String, Object> attr = TemplateModel.map(a);
            attributes.add(AttributeDefinition.builder().attributeName((String) attr.get("AttributeName"))
                    .attributeType((String) attr.get("AttributeType")).build());
        }
        List<GlobalSecondaryIndex> indexes = new ArrayList<>();
        for (Object i : (List<Object>) props.getOrDefault("GlobalSecondaryIndexes", List.of())) {
            Map<String, Object> index = TemplateModel.map(i);
            indexes.add(GlobalSecondaryIndex.builder()
                    .indexName((String) index.get("IndexName"))
                    .keySchema(keys(index.get("KeySchema")))
                    .projection(Projection.builder().projectionType(
                            (String) TemplateModel.map(index.get("Projection")).get("ProjectionType")).build())
                    .build());
        }
        CreateTableRequest.Builder request = CreateTableRequest.builder()
                .tableName(tableName)
                .billingMode(BillingMode.fromValue((String) props.get("BillingMode")))
                .attributeDefinitions(attributes)
                .keySchema(keys(props.get("KeySchema")));
        if (!indexes.isEmpty()) {
            request.globalSecondaryIndexes(indexes);
        }
        try {
            clients.dynamo().createTable(request.build());
        } catch (ResourceInUseException exists) {
            return;
        }
        Map<String, Object> ttl = TemplateModel.map(props.get("TimeToLiveSpecification"));
        if (!ttl.isEmpty()) {
            clients.dynamo().updateTimeToLive(r -> r.tableName(tableName).timeToLiveSpecification(
                    TimeToLiveSpecification.builder().attributeName((String) ttl.get("AttributeName")).enabled(true).build()));
        }
    }

    @SuppressWarnings("unchecked")
    private static List<KeySchemaElement> keys(Object schema) {
        List<KeySchemaElement> keys = new ArrayList<>();
        for (Object k : (List<Object>) schema) {
            Map<String, Object> key = TemplateModel.map(k);
            keys.add(KeySchemaElement.builder().attributeName((String) key.get("AttributeName"))
                    .keyType((String) key.get("KeyType")).build());
        }
        return keys;
    }

    public void createBus(String busName) {
        try {
            clients.events().createEventBus(r -> r.name(busName));
        } catch (ResourceAlreadyExistsException exists) {
            // already there
        }
    }

    /** Creates or replaces a Secrets Manager secret. */
    public void putSecret(String name, String value) {
        try {
            clients.secrets().createSecret(r -> r.name(name).secretString(value));
        } catch (ResourceExistsException exists) {
            clients.secrets().putSecretValue(r -> r.secretId(name).secretString(value));
        }
    }

    /** A function's full local environment: runtime variables plus template.yaml's, resolved. */
    public Map<String, String> functionEnvironment(TemplateModel template, String functionId, Map<String, String> resourceNames) {
        Map<String, String> env = baseEnvironment(endpoint);
        env.put("AWS_LAMBDA_FUNCTION_NAME", functionId);
        env.putAll(template.localEnvironment(template.function(functionId), resourceNames));
        return env;
    }
}
