package io.itops.shared.aws;

import io.itops.shared.config.Env;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The only place that builds the AWS clients the functions use: DynamoDB (the SDK's interface and
 * model, sent by {@link DynamoDbJsonClient}), EventBridge PutEvents and Secrets Manager
 * GetSecretValue, all over the JSON protocol with SigV4, explicit region and credentials, the JDK's
 * HTTP client and bounded timeouts so a call fails before the Lambda timeout. Each client is built on
 * first use, so a function pays only for the services it calls.
 */
public final class AwsClients {
    // DynamoDB: the SDK's own default for it (4 attempts, 25 ms base); others: the SDK's standard mode (3, 100 ms).
    private static final AwsJsonService.Retry DYNAMO_RETRY =
            new AwsJsonService.Retry(4, Duration.ofMillis(25), Duration.ofSeconds(1), Duration.ofSeconds(8));
    private static final AwsJsonService.Retry DEFAULT_RETRY =
            new AwsJsonService.Retry(3, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(8));

    private final String region;
    private final URI endpoint;
    private final AwsCredentials.Source credentials;
    private final AwsHttp http;
    private final AwsCalls calls;
    private final Supplier<DynamoDbClient> dynamo;
    private final Supplier<EventBusClient> events;
    private final Supplier<SecretsClient> secrets;

    public AwsClients(Env env) {
        this(env, UnaryOperator.identity(), AwsCalls.NONE);
    }

    /** A transport wrapper and a call listener let tests inject faults (throttling) and count operations. */
    public AwsClients(Env env, UnaryOperator<AwsHttp> httpWrapper, AwsCalls calls) {
        String regionName = env.runtime("AWS_REGION");
        this.region = regionName == null || regionName.isBlank() ? "us-east-1" : regionName;
        String endpointUrl = env.runtime("AWS_ENDPOINT_URL");
        this.endpoint = endpointUrl == null || endpointUrl.isBlank() ? null : URI.create(endpointUrl);
        this.credentials = AwsCredentials.from(env, Clock.systemUTC());
        this.http = httpWrapper.apply(AwsHttp.urlConnection(Duration.ofSeconds(2), Duration.ofSeconds(3)));
        this.calls = calls;
        this.dynamo = Lazy.of(() -> new DynamoDbJsonClient(service("dynamodb", "DynamoDB_20120810", "1.0", DYNAMO_RETRY)));
        this.events = Lazy.of(() -> new EventBusClient(service("events", "AWSEvents", "1.1", DEFAULT_RETRY)));
        this.secrets = Lazy.of(() -> new SecretsClient(service("secretsmanager", "secretsmanager", "1.1", DEFAULT_RETRY)));
    }

    public DynamoDbClient dynamo() {
        return dynamo.get();
    }

    public EventBusClient events() {
        return events.get();
    }

    public SecretsClient secrets() {
        return secrets.get();
    }

    /** After a SnapStart restore: credentials fetched before the snapshot are fetched again. */
    public void forgetCredentials() {
        credentials.forget();
    }

    private AwsJsonService service(String signingName, String targetPrefix, String jsonVersion, AwsJsonService.Retry retry) {
        return new AwsJsonService(signingName, targetPrefix, jsonVersion, region, endpoint, credentials, http, calls, retry);
    }
}
