package io.itops.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The bus between functions. Functions publish to the real bus on the local AWS (moto checks the
 * PutEvents call as AWS would); a catch-all rule on that bus copies every event to a tap queue,
 * which this class short-polls every 200 ms (never a long poll: moto serves one request at a time,
 * and a waiting receive would stall every function's calls). Each event is matched against every
 * function's EventBridgeRule pattern from template.yaml and delivered, as EventBridge delivers it
 * (the full envelope), through {@link AsyncInvoker}.
 */
final class LocalBus implements AutoCloseable {
    static final long POLL_MILLIS = 200;
    private static final int KEPT = 200;
    private final EventBridgeClient events;
    private final SqsClient sqs;
    private final Map<String, String> busNames;
    private final List<Subscription> subscriptions;
    private final EventRules rules;
    private final AsyncInvoker invoker;
    private final PrintStream console;
    private final String region;
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "itops-bus-tap");
        thread.setDaemon(true);
        return thread;
    });
    private final Deque<Map<String, Object>> recent = new ArrayDeque<>();
    private final List<String[]> taps = new ArrayList<>();

    /** A function's EventBridgeRule: the bus it listens on, its pattern (JSON, checked by {@link EventRules#check}) and what it passes. */
    record Subscription(String ruleId, String busName, String pattern, String input, String inputPath,
                        AsyncInvoker.Target target) {}

    /** {@code busNames}: logical id -> local bus name, for every bus the template declares. */
    LocalBus(EventBridgeClient events, SqsClient sqs, Map<String, String> busNames, List<Subscription> subscriptions,
             AsyncInvoker invoker, PrintStream console, String region) {
        this.events = events;
        this.sqs = sqs;
        this.busNames = busNames;
        this.subscriptions = subscriptions;
        this.rules = new EventRules(EventRules.of(subscriptions));
        this.invoker = invoker;
        this.console = console;
        this.region = region;
    }

    List<Subscription> subscriptions() {
        return subscriptions;
    }

    /** Creates a tap (rule + queue) on each bus and starts polling. */
    void start() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        for (String bus : busNames.values()) {
            String name = "itops-local-tap-" + suffix + "-" + Math.abs(bus.hashCode() % 10000);
            String queueUrl = sqs.createQueue(r -> r.queueName(name)).queueUrl();
            String queueArn = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                    .attributes().get(QueueAttributeName.QUEUE_ARN);
            String ruleArn = events.putRule(r -> r.name(name).eventBusName(bus)
                    .eventPattern("{\"source\":[{\"prefix\":\"\"}]}")
                    .description("itops dev server: copies every event to its tap queue")).ruleArn();
            // Needed on a real account (ignored by moto): let this rule, and only it, send to the queue.
            sqs.setQueueAttributes(r -> r.queueUrl(queueUrl).attributes(Map.of(QueueAttributeName.POLICY, LocalJson.write(Map.of(
                    "Version", "2012-10-17",
                    "Statement", List.of(Map.of("Effect", "Allow", "Principal", Map.of("Service", "events.amazonaws.com"),
                            "Action", "sqs:SendMessage", "Resource", queueArn,
                            "Condition", Map.of("ArnEquals", Map.of("aws:SourceArn", ruleArn)))))))));
            events.putTargets(r -> r.rule(name).eventBusName(bus).targets(t -> t.id("tap").arn(queueArn)));
            taps.add(new String[] {bus, name, queueUrl});
        }
        poller.scheduleWithFixedDelay(this::poll, POLL_MILLIS, POLL_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void poll() {
        for (String[] tap : taps) {
            try {
                List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(tap[2]).maxNumberOfMessages(10).waitTimeSeconds(0)).messages();
                if (messages.isEmpty()) {
                    continue;
                }
                List<DeleteMessageBatchRequestEntry> done = new ArrayList<>();
                for (Message message : messages) {
                    done.add(DeleteMessageBatchRequestEntry.builder().id(message.messageId()).receiptHandle(message.receiptHandle()).build());
                    try {
                        route(tap[0], LocalJson.read(message.body()));
                    } catch (RuntimeException e) {
                        console.println("bus: could not route an event: " + e.getMessage());
                    }
                }
                sqs.deleteMessageBatch(r -> r.queueUrl(tap[2]).entries(done));
            } catch (RuntimeException e) {
                if (!poller.isShutdown()) {
                    console.println("bus: polling " + tap[0] + " failed: " + e.getMessage());
                }
            }
        }
    }

    /** Delivers one event of {@code bus} to every subscription whose pattern matches; returns their rule ids. */
    List<String> route(String bus, JsonNode received) {
        ObjectNode envelope = envelope(received);
        List<String> matched = new ArrayList<>();
        for (int position : rules.matching(bus, envelope)) {
            Subscription subscription = subscriptions.get(position);
            matched.add(subscription.target().function().logicalId() + "." + subscription.ruleId());
            invoker.invoke(subscription.target(), payload(subscription, envelope),
                    "bus " + envelope.path("detail-type").asText() + " (" + subscription.ruleId() + ")");
        }
        Map<String, Object> seen = new LinkedHashMap<>();
        seen.put("id", envelope.path("id").asText());
        seen.put("bus", bus);
        seen.put("source", envelope.path("source").asText());
        seen.put("detail-type", envelope.path("detail-type").asText());
        seen.put("time", envelope.path("time").asText());
        seen.put("deliveredTo", matched);
        seen.put("event", envelope);
        synchronized (recent) {
            recent.addLast(seen);
            while (recent.size() > KEPT) {
                recent.removeFirst();
            }
        }
        return matched;
    }

    /** EventBridge's envelope, completed where the local copy lacks a field. */
    private ObjectNode envelope(JsonNode received) {
        ObjectNode envelope = LocalJson.object();
        envelope.put("version", received.path("version").asText("0"));
        envelope.put("id", received.path("id").asText(UUID.randomUUID().toString()));
        envelope.put("detail-type", received.path("detail-type").asText());
        envelope.put("source", received.path("source").asText());
        envelope.put("account", received.path("account").asText(LocalResources.ACCOUNT));
        envelope.put("time", received.path("time").asText(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString()));
        envelope.put("region", received.path("region").asText(region));
        envelope.set("resources", received.has("resources") ? received.get("resources") : LocalJson.array());
        envelope.set("detail", received.has("detail") ? received.get("detail") : LocalJson.object());
        return envelope;
    }

    private static JsonNode payload(Subscription subscription, ObjectNode envelope) {
        if (subscription.input() != null) {
            return LocalJson.read(subscription.input());
        }
        if (subscription.inputPath() != null) {
            JsonNode node = envelope;
            String path = subscription.inputPath().replaceFirst("^\\$\\.?", "");
            for (String part : path.isEmpty() ? new String[0] : path.split("\\.")) {
                node = node.path(part);
            }
            return node;
        }
        return envelope;
    }

    /** Publishes one event to a bus through the local AWS (what POST /_local/events does); returns its id. */
    String publish(String bus, String source, String detailType, JsonNode detail, List<String> resources) {
        PutEventsResultEntry result = events.putEvents(r -> r.entries(PutEventsRequestEntry.builder()
                .eventBusName(bus).source(source).detailType(detailType).detail(LocalJson.write(detail))
                .resources(resources).time(Instant.now()).build())).entries().get(0);
        if (result.errorCode() != null) {
            throw new IllegalArgumentException("PutEvents refused the event: " + result.errorCode() + " " + result.errorMessage());
        }
        return result.eventId();
    }

    List<Map<String, Object>> recent() {
        synchronized (recent) {
            return new ArrayList<>(recent);
        }
    }

    @Override
    public void close() {
        poller.shutdownNow();
        try {
            poller.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Removes the taps (on an endpoint that outlives the server: LocalStack or an account). */
    void removeTaps() {
        for (String[] tap : taps) {
            try {
                events.removeTargets(r -> r.rule(tap[1]).eventBusName(tap[0]).ids("tap"));
                events.deleteRule(r -> r.name(tap[1]).eventBusName(tap[0]));
                sqs.deleteQueue(r -> r.queueUrl(tap[2]));
            } catch (RuntimeException e) {
                console.println("bus: could not remove tap " + tap[1] + ": " + e.getMessage());
            }
        }
    }
}
