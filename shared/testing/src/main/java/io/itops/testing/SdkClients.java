package io.itops.testing;

import io.itops.shared.aws.Lazy;
import java.net.URI;
import java.time.Duration;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The AWS SDK's own clients on a local endpoint, for what the functions never do: create the table,
 * bus and secrets, and check independently of the functions' client what they wrote.
 */
public final class SdkClients {
    private final SdkHttpClient http = UrlConnectionHttpClient.builder().socketTimeout(Duration.ofSeconds(30)).build();
    private final URI endpoint;
    private final Supplier<DynamoDbClient> dynamo = Lazy.of(() -> configure(DynamoDbClient.builder()).build());
    private final Supplier<EventBridgeClient> events = Lazy.of(() -> configure(EventBridgeClient.builder()).build());
    private final Supplier<SecretsManagerClient> secrets = Lazy.of(() -> configure(SecretsManagerClient.builder()).build());

    public SdkClients(String endpoint) {
        this.endpoint = URI.create(endpoint);
    }

    public DynamoDbClient dynamo() {
        return dynamo.get();
    }

    public EventBridgeClient events() {
        return events.get();
    }

    public SecretsManagerClient secrets() {
        return secrets.get();
    }

    private <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configure(B builder) {
        return builder.region(Region.of(LocalAws.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
                .httpClient(http)
                .endpointOverride(endpoint);
    }
}
