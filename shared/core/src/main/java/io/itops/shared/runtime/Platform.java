package io.itops.shared.runtime;

import io.itops.shared.auth.Identities;
import io.itops.shared.aws.AwsClients;
import io.itops.shared.aws.Lazy;
import io.itops.shared.config.CommonConfig;
import io.itops.shared.config.Env;
import io.itops.shared.events.EventBridgePublisher;
import io.itops.shared.events.EventSink;
import io.itops.shared.events.Outbox;
import io.itops.shared.events.ProcessedEvents;
import io.itops.shared.idempotency.Idempotency;
import io.itops.shared.security.SecretValues;
import io.itops.shared.store.CursorCodec;
import io.itops.shared.store.SingleTable;
import java.time.Clock;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The collaborators every function needs, built once from the environment: configuration, AWS
 * clients, clock, event publishing, idempotency, event deduplication, cursors and secrets. A
 * handler's no-arg constructor builds one; tests build one around moto and a fixed clock.
 */
public final class Platform {
    private final Env env;
    private final CommonConfig config;
    private final AwsClients aws;
    private final Clock clock;
    private final Supplier<SingleTable> table;
    private final Identities identities;
    private final Supplier<SecretValues> secrets;
    private final EventSink events;
    private final Supplier<EventBridgePublisher> publisher;
    private final Supplier<Idempotency> idempotency;
    private final Supplier<ProcessedEvents> processed;
    private final CursorCodec cursors;

    public Platform(Env env, AwsClients aws, Clock clock) {
        this.env = env;
        this.config = CommonConfig.from(env);
        this.aws = aws;
        this.clock = clock;
        this.identities = new Identities(config);
        this.table = Lazy.of(() -> new SingleTable(aws.dynamo(), aws.enhanced(), config.tableName()));
        this.secrets = Lazy.of(() -> new SecretValues(aws.secrets(), clock));
        // The EventBridge client is built on the first publish, so read-only requests never load it.
        this.publisher = Lazy.of(() -> new EventBridgePublisher(aws.events(),
                new Outbox(table.get(), config.eventSource(), clock), config.eventBusName(), config.eventSource(), clock));
        this.events = events -> publisher.get().publish(events);
        this.idempotency = Lazy.of(() -> new Idempotency(table.get(), clock));
        this.processed = Lazy.of(() -> new ProcessedEvents(table.get(), clock));
        Supplier<byte[]> cursorKey = Lazy.of(() -> secrets.get().require(config.cursorKeySecret()));
        this.cursors = new CursorCodec(cursorKey);
    }

    public static Platform from(Env env) {
        return new Platform(env, new AwsClients(env), Clock.systemUTC());
    }

    public Env env() {
        return env;
    }

    public CommonConfig config() {
        return config;
    }

    public String tableName() {
        return config.tableName();
    }

    public DynamoDbClient dynamo() {
        return aws.dynamo();
    }

    /** The one table, as stores use it (schemas, batches, transactions). */
    public SingleTable table() {
        return table.get();
    }

    public AwsClients aws() {
        return aws;
    }

    public Clock clock() {
        return clock;
    }

    public Identities identities() {
        return identities;
    }

    public SecretValues secrets() {
        return secrets.get();
    }

    /** Delivers the events an EventBridge failure left in the outbox (the {@code outbox-resend} schedule). */
    public int resendKeptEvents() {
        return publisher.get().resendKept();
    }

    public EventSink events() {
        return events;
    }

    public Idempotency idempotency() {
        return idempotency.get();
    }

    public ProcessedEvents processedEvents() {
        return processed.get();
    }

    public CursorCodec cursors() {
        return cursors;
    }
}
