package io.itops.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.itops.shared.aws.AwsClients;
import io.itops.shared.config.Env;
import io.itops.shared.events.DomainEvent;
import io.itops.shared.events.EventBridgePublisher;
import io.itops.shared.events.Outbox;
import io.itops.shared.json.Json;
import io.itops.shared.store.SingleTable;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** The publisher really delivers: moto's bus routes what it puts, through a rule, to an SQS queue. */
class EventBridgePublisherTest {
    private static final Instant NOW = Instant.parse("2026-11-28T09:00:00Z");
    private final TestSystem system = TestSystem.create();
    private final LocalAws aws = system.aws();
    private final String name = "itops-pub-" + UUID.randomUUID().toString().substring(0, 8);
    private final EventBridgeClient events = aws.clients().events();
    private SqsClient sqs;
    private String queueUrl;

    @BeforeEach
    void busRuleAndQueue() {
        sqs = SqsClient.builder()
                .endpointOverride(URI.create(aws.endpoint()))
                .region(Region.of(LocalAws.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        aws.createBus(name);
        queueUrl = sqs.createQueue(r -> r.queueName(name)).queueUrl();
        String queueArn = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        events.putRule(r -> r.name(name).eventBusName(name)
                .eventPattern("{\"source\":[\"itops.test\"],\"detail-type\":[\"ThingHappened\"]}"));
        events.putTargets(r -> r.rule(name).eventBusName(name).targets(t -> t.id("queue").arn(queueArn)));
    }

    @AfterEach
    void close() {
        sqs.close();
    }

    private EventBridgePublisher publisher(UnaryOperator<SdkHttpClient> transport) {
        AwsClients clients = new AwsClients(new Env(LocalAws.baseEnvironment(aws.endpoint())), transport, List.of());
        MutableClock clock = MutableClock.at(NOW.toString());
        SingleTable table = new SingleTable(clients.dynamo(), clients.enhanced(), system.tableName());
        return new EventBridgePublisher(clients.events(), new Outbox(table, "itops.test", clock), name, "itops.test", clock);
    }

    private List<Map<String, AttributeValue>> outbox() {
        return system.dynamo().query(r -> r.tableName(system.tableName()).keyConditionExpression("PK = :pk").consistentRead(true)
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("OUTBOX#itops.test")))).items();
    }

    @Test
    void publishedEventsArriveThroughTheBusWithTheirIdAndTime() {
        EventBridgePublisher publisher = publisher(UnaryOperator.identity());
        List<DomainEvent> published = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            published.add(new DomainEvent("ThingHappened", Map.of("n", i, "label", "thing " + i)));
        }
        published.add(new DomainEvent("SomethingElse", Map.of("n", 99)));

        publisher.publish(published);

        // delivery is at least once: a redelivery carries the same eventId, which is what consumers dedupe on
        Map<String, JsonNode> byEventId = new java.util.HashMap<>();
        for (JsonNode event : receive(12)) {
            assertEquals("ThingHappened", event.path("detail-type").asText());
            assertEquals("itops.test", event.path("source").asText());
            JsonNode detail = event.path("detail");
            assertTrue(detail.path("eventId").asText().matches("[0-9a-f-]{36}"), detail.toString());
            assertEquals(NOW.toString(), detail.path("occurredAt").asText());
            assertEquals("thing " + detail.path("n").asInt(), detail.path("label").asText());
            JsonNode earlier = byEventId.putIfAbsent(detail.path("eventId").asText(), detail);
            assertTrue(earlier == null || earlier.equals(detail), "one id, one event");
        }
        Set<Integer> numbers = new TreeSet<>();
        byEventId.values().forEach(detail -> numbers.add(detail.path("n").asInt()));
        assertEquals(12, byEventId.size(), "all 12 matching events, across two PutEvents batches, each with its own id");
        assertEquals(12, numbers.size());
        assertEquals(List.of(), receive(1), "the event no rule matches is not delivered");
    }

    @Test
    void eventsTheBusDoesNotTakeAreKeptAndTheResendDeliversThemOnce() {
        AtomicBoolean busDown = new AtomicBoolean(true);
        EventBridgePublisher publisher = publisher(http -> new InterceptingHttpClient(http, request ->
                busDown.get() && request.targets("AWSEvents.")
                        ? InterceptingHttpClient.Answer.error(500, "InternalException", "injected outage") : null));
        List<DomainEvent> published = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            published.add(new DomainEvent("ThingHappened", Map.of("n", i, "label", "thing " + i)));
        }

        publisher.publish(published);

        assertEquals(List.of(), receive(1), "nothing reached the bus");
        List<Map<String, AttributeValue>> kept = outbox();
        assertEquals(12, kept.size(), "every event kept");
        assertEquals(Set.of("ThingHappened"), Set.copyOf(kept.stream().map(i -> i.get("detailType").s()).toList()));
        assertTrue(kept.stream().allMatch(i -> Long.parseLong(i.get("expiresAt").n()) == NOW.plus(Outbox.RETENTION).getEpochSecond()));
        Stdout.Captured<Integer> stillDown = Stdout.during(publisher::resendKept);
        assertEquals(0, stillDown.value(), "still down: nothing delivered, nothing lost");
        assertEquals(12, outbox().size());
        assertTrue(stillDown.metric("OutboxStillKept", 12), "the metric the outbox alarm watches: " + stillDown.text());

        busDown.set(false);
        Stdout.Captured<Integer> delivered = Stdout.during(publisher::resendKept);
        assertEquals(12, delivered.value());
        assertFalse(delivered.text().contains("OutboxStillKept"), "nothing outlived this cycle: " + delivered.text());

        Set<Integer> numbers = new TreeSet<>();
        for (JsonNode event : receive(12)) {
            assertEquals("itops.test", event.path("source").asText());
            assertTrue(event.path("detail").path("eventId").asText().matches("[0-9a-f-]{36}"));
            numbers.add(event.path("detail").path("n").asInt());
        }
        assertEquals(12, numbers.size(), "all twelve delivered, each with the detail it was published with");
        assertEquals(List.of(), outbox(), "delivered events are forgotten");
        assertEquals(0, publisher.resendKept());
    }

    private List<JsonNode> receive(int wanted) {
        List<JsonNode> received = new ArrayList<>();
        for (int round = 0; round < 5 && received.size() < wanted; round++) {
            List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1)).messages();
            for (Message message : messages) {
                received.add(Json.tree(message.body().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
                sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
            }
        }
        return received;
    }
}
