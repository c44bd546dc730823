package io.itops.shared.aws;

import io.itops.shared.config.Env;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The only place that builds AWS SDK clients: explicit region, the SDK's credential providers, one
 * url-connection HTTP client (Apache and Netty are excluded from every jar), the SDK's standard retry
 * strategy and call timeouts that end a call well before the Lambda timeout. Each client is built on
 * first use, so a read-only request never loads EventBridge and a function that keeps no secret
 * never loads Secrets Manager. {@code AWS_ENDPOINT_URL} (moto, LocalStack) is honoured as the SDK
 * itself does it (including {@code AWS_ENDPOINT_URL_<SERVICE>}), from the function's own environment.
 */
public final class AwsClients {
    /** Attempt and whole-call budgets: the shortest function timeout in template.yaml is 10 s. */
    static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(3);
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(8);
    /**
     * The SDK's standard strategy (token bucket, 3 attempts); for DynamoDB the values of the SDK's own
     * DynamoDB policy: 4 attempts, jittered exponential backoff from 25 ms, for throttling too (the
     * standard 1 s throttling base would spend a request's budget waiting). One strategy per client:
     * its token bucket is that client's.
     */
    private static final BackoffStrategy DYNAMODB_BACKOFF = BackoffStrategy.exponentialDelay(Duration.ofMillis(25), Duration.ofSeconds(1));

    private static RetryStrategy dynamoDbRetry() {
        return AwsRetryStrategy.standardRetryStrategy().toBuilder()
                .maxAttempts(4).backoffStrategy(DYNAMODB_BACKOFF).throttlingBackoffStrategy(DYNAMODB_BACKOFF).build();
    }

    private final Region region;
    private final Env env;
    private final RenewableCredentials credentials;
    private final PrimingGuard primingGuard = new PrimingGuard();
    private final List<ExecutionInterceptor> interceptors;
    private final SdkHttpClient http;
    private final Supplier<DynamoDbClient> dynamo;
    private final Supplier<DynamoDbEnhancedClient> enhanced;
    private final Supplier<EventBridgeClient> events;
    private final Supplier<SecretsManagerClient> secrets;

    public AwsClients(Env env) {
        this(env, UnaryOperator.identity(), List.of());
    }

    /**
     * A wrapper around the real HTTP client and interceptors on every client: tests inject faults
     * (throttling, outages, refused connections) and count operations through the SDK's own seams.
     */
    public AwsClients(Env env, UnaryOperator<SdkHttpClient> httpWrapper, List<ExecutionInterceptor> interceptors) {
        this.env = env;
        this.region = Region.of(orDefault(env.runtime("AWS_REGION"), "us-east-1"));
        this.credentials = new RenewableCredentials(() -> credentialsFrom(env));
        this.interceptors = Stream.concat(interceptors.stream(), Stream.of(primingGuard)).toList();
        this.http = httpWrapper.apply(UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(2))
                .socketTimeout(ATTEMPT_TIMEOUT)
                .build());
        this.dynamo = Lazy.of(() -> configure(DynamoDbClient.builder(), "DYNAMODB", dynamoDbRetry()).build());
        this.enhanced = Lazy.of(() -> DynamoDbEnhancedClient.builder().dynamoDbClient(dynamo()).build());
        this.events = Lazy.of(() -> configure(EventBridgeClient.builder(), "EVENTBRIDGE", AwsRetryStrategy.standardRetryStrategy()).build());
        this.secrets = Lazy.of(() -> configure(SecretsManagerClient.builder(), "SECRETS_MANAGER", AwsRetryStrategy.standardRetryStrategy()).build());
    }

    public DynamoDbClient dynamo() {
        return dynamo.get();
    }

    /** The Enhanced Client over {@link #dynamo()}: stores read and write their records through declared schemas. */
    public DynamoDbEnhancedClient enhanced() {
        return enhanced.get();
    }

    public EventBridgeClient events() {
        return events.get();
    }

    public SecretsManagerClient secrets() {
        return secrets.get();
    }

    /**
     * A client of a service only one function calls (that function's pom adds the SDK module), built
     * like every other: region, credentials, HTTP client, standard retries, timeouts, interceptors and
     * {@code AWS_ENDPOINT_URL_<service>}. The caller keeps the client it gets.
     */
    public <C, B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>> C build(B builder, String service) {
        return configure(builder, service, AwsRetryStrategy.standardRetryStrategy()).build();
    }

    /**
     * After a SnapStart restore: credentials resolved before the snapshot belong to the environment
     * that took it, so the provider is built anew and resolves its own on the next call.
     */
    public void renewCredentials() {
        credentials.renew();
    }

    /** While true, every write operation on every client is refused before it is sent (SnapStart priming). */
    public void refuseWrites(boolean refuse) {
        primingGuard.refuseWrites(refuse);
    }

    private <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configure(B builder, String service, RetryStrategy retry) {
        builder.region(region)
                .credentialsProvider(credentials)
                .httpClient(http)
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .retryStrategy(retry)
                        .apiCallAttemptTimeout(ATTEMPT_TIMEOUT)
                        .apiCallTimeout(CALL_TIMEOUT)
                        .executionInterceptors(interceptors)
                        .build());
        URI endpoint = endpointFor(service);
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return builder;
    }

    /**
     * The SDK reads {@code AWS_ENDPOINT_URL[_<SERVICE>]} from the process environment; the functions'
     * environment is an {@link Env} (the dev server runs five functions in one JVM), so the same two
     * variables are read from it, service-specific first, and handed to the builder.
     */
    private URI endpointFor(String service) {
        String specific = env.runtime("AWS_ENDPOINT_URL_" + service);
        String general = env.runtime("AWS_ENDPOINT_URL");
        String url = orDefault(specific, orDefault(general, null));
        return url == null ? null : URI.create(url);
    }

    /**
     * The SDK's own providers. A SnapStart init gets container credentials (Lambda sets
     * {@code AWS_CONTAINER_CREDENTIALS_FULL_URI} and the token), an on-demand init gets the three
     * environment variables {@code EnvironmentVariableCredentialsProvider} reads, here read from the
     * function's {@link Env}. With neither, the function fails at its first call, with that reason.
     */
    static AwsCredentialsProvider credentialsFrom(Env env) {
        String containerUri = env.runtime("AWS_CONTAINER_CREDENTIALS_FULL_URI");
        if (containerUri != null && !containerUri.isBlank()) {
            // the provider reads the URI and token from the process environment, where Lambda sets them
            return ContainerCredentialsProvider.builder().build();
        }
        String key = env.runtime("AWS_ACCESS_KEY_ID");
        String secret = env.runtime("AWS_SECRET_ACCESS_KEY");
        if (key == null || key.isBlank() || secret == null || secret.isBlank()) {
            throw new IllegalStateException("No AWS credentials: neither AWS_CONTAINER_CREDENTIALS_FULL_URI nor "
                    + "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are set");
        }
        String token = env.runtime("AWS_SESSION_TOKEN");
        return StaticCredentialsProvider.create(token == null || token.isBlank()
                ? AwsBasicCredentials.create(key, secret)
                : AwsSessionCredentials.create(key, secret, token));
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
