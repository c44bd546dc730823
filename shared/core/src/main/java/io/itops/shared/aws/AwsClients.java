package io.itops.shared.aws;

import io.itops.shared.config.Env;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The only place that builds AWS SDK clients: explicit region and credentials provider, the light
 * url-connection HTTP client, bounded timeouts so a request fails before the Lambda timeout. Each
 * client is built once, on first use, so a function pays only for the services it calls.
 */
public final class AwsClients {
    private final Region region;
    private final AwsCredentialsProvider credentials;
    private final URI endpoint;
    private final List<ExecutionInterceptor> interceptors;
    private final SdkHttpClient http;
    private final Supplier<DynamoDbClient> dynamo;
    private final Supplier<EventBridgeClient> events;
    private final Supplier<SecretsManagerClient> secrets;

    public AwsClients(Env env) {
        this(env, List.of(), UnaryOperator.identity());
    }

    /**
     * Interceptors and an HTTP client wrapper let tests count calls and inject faults (throttling)
     * on the real client.
     */
    public AwsClients(Env env, List<ExecutionInterceptor> interceptors, UnaryOperator<SdkHttpClient> httpWrapper) {
        this.region = Region.of(orDefault(env.runtime("AWS_REGION"), "us-east-1"));
        this.credentials = credentialsFrom(env);
        String endpointUrl = env.runtime("AWS_ENDPOINT_URL");
        this.endpoint = endpointUrl == null || endpointUrl.isBlank() ? null : URI.create(endpointUrl);
        this.interceptors = List.copyOf(interceptors);
        this.http = httpWrapper.apply(UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(2))
                .socketTimeout(Duration.ofSeconds(5))
                .build());
        this.dynamo = Lazy.of(() -> configure(DynamoDbClient.builder()).build());
        this.events = Lazy.of(() -> configure(EventBridgeClient.builder()).build());
        this.secrets = Lazy.of(() -> configure(SecretsManagerClient.builder()).build());
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
        builder.region(region)
                .credentialsProvider(credentials)
                .httpClient(http)
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .retryStrategy(RetryMode.STANDARD)
                        .apiCallAttemptTimeout(Duration.ofSeconds(3))
                        .apiCallTimeout(Duration.ofSeconds(8))
                        .executionInterceptors(interceptors)
                        .build());
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return builder;
    }

    // SnapStart environments hand out credentials through the container endpoint, not env vars.
    private static AwsCredentialsProvider credentialsFrom(Env env) {
        if (env.runtime("AWS_CONTAINER_CREDENTIALS_FULL_URI") != null) {
            return ContainerCredentialsProvider.builder().build();
        }
        String key = orDefault(env.runtime("AWS_ACCESS_KEY_ID"), "local");
        String secret = orDefault(env.runtime("AWS_SECRET_ACCESS_KEY"), "local");
        String token = env.runtime("AWS_SESSION_TOKEN");
        return StaticCredentialsProvider.create(token == null
                ? AwsBasicCredentials.create(key, secret)
                : AwsSessionCredentials.create(key, secret, token));
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
