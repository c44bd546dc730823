package io.itops.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.itops.shared.aws.AwsClients;
import io.itops.shared.config.Env;
import java.io.IOException;
import java.net.ConnectException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * The functions' DynamoDB client as AwsClients configures it, on moto: every attribute type survives
 * a round trip, errors arrive as the SDK's exception types with their members, and the retry
 * strategy and timeouts behave as the 503 mapping expects. A separate SDK client (LocalAws) checks
 * independently what was written.
 */
class AwsClientsTest {
    private final TestSystem system = TestSystem.create();
    private final DynamoDbClient sdk = system.dynamo();

    private DynamoDbClient client(UnaryOperator<SdkHttpClient> transport, DynamoCalls calls) {
        Env env = new Env(LocalAws.baseEnvironment(system.aws().endpoint()));
        return new AwsClients(env, transport, List.of(calls)).dynamo();
    }

    private static Map<String, AttributeValue> everyType(String pk) {
        return Map.ofEntries(
                Map.entry("PK", AttributeValue.fromS(pk)), Map.entry("SK", AttributeValue.fromS("A")),
                Map.entry("text", AttributeValue.fromS("Zürich 服务器 \"quoted\"\n")),
                Map.entry("number", AttributeValue.fromN("-12.50")),
                Map.entry("flag", AttributeValue.fromBool(true)),
                Map.entry("nothing", AttributeValue.fromNul(true)),
                Map.entry("bytes", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] {0, 1, (byte) 0xff}))),
                Map.entry("strings", AttributeValue.fromSs(List.of("a", "b"))),
                Map.entry("numbers", AttributeValue.fromNs(List.of("1", "2.5"))),
                Map.entry("list", AttributeValue.fromL(List.of(AttributeValue.fromS("x"), AttributeValue.fromN("1")))),
                Map.entry("map", AttributeValue.fromM(Map.of("inner", AttributeValue.fromM(Map.of("deep", AttributeValue.fromS("y")))))));
    }

    @Test
    void everyAttributeTypeIsWrittenAndReadAsTheSdkDoes() {
        DynamoDbClient client = client(UnaryOperator.identity(), new DynamoCalls());
        Map<String, AttributeValue> item = everyType("ROUNDTRIP#1");

        client.putItem(r -> r.tableName(system.tableName()).item(item));

        Map<String, AttributeValue> key = Map.of("PK", item.get("PK"), "SK", item.get("SK"));
        assertEquals(item, sdk.getItem(r -> r.tableName(system.tableName()).key(key).consistentRead(true)).item(), "as the SDK reads it");
        assertEquals(item, client.getItem(r -> r.tableName(system.tableName()).key(key).consistentRead(true)).item(), "as we read it");
    }

    @Test
    void queriesPageWithTheirKeysAndCounts() {
        DynamoDbClient client = client(UnaryOperator.identity(), new DynamoCalls());
        for (int i = 0; i < 5; i++) {
            String sk = "S" + i;
            sdk.putItem(r -> r.tableName(system.tableName()).item(Map.of("PK", AttributeValue.fromS("Q#1"), "SK", AttributeValue.fromS(sk))));
        }
        QueryRequest query = QueryRequest.builder().tableName(system.tableName()).keyConditionExpression("PK = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("Q#1"))).limit(3).scanIndexForward(false).build();

        QueryResponse first = client.query(query);
        QueryResponse second = client.query(query.toBuilder().exclusiveStartKey(first.lastEvaluatedKey()).build());

        assertEquals(List.of("S4", "S3", "S2"), first.items().stream().map(i -> i.get("SK").s()).toList());
        assertEquals(3, first.count());
        assertEquals("S2", first.lastEvaluatedKey().get("SK").s());
        assertEquals(List.of("S1", "S0"), second.items().stream().map(i -> i.get("SK").s()).toList());
        assertEquals(5, client.queryPaginator(query).items().stream().count(), "the SDK's paginator drives our client");
    }

    @Test
    void aFailedConditionIsTheSdksExceptionWithTheItemWhenAskedFor() {
        DynamoDbClient client = client(UnaryOperator.identity(), new DynamoCalls());
        Map<String, AttributeValue> item = Map.of("PK", AttributeValue.fromS("C#1"), "SK", AttributeValue.fromS("A"), "v", AttributeValue.fromN("1"));
        client.putItem(r -> r.tableName(system.tableName()).item(item));

        ConditionalCheckFailedException e = assertThrows(ConditionalCheckFailedException.class, () -> client.putItem(r -> r
                .tableName(system.tableName()).item(item).conditionExpression("attribute_not_exists(PK)")
                .returnValuesOnConditionCheckFailure("ALL_OLD")));

        assertEquals(400, e.statusCode());
        assertEquals("ConditionalCheckFailedException", e.awsErrorDetails().errorCode());
        assertEquals(item, e.item());
        assertFalse(e.isThrottlingException());
    }

    @Test
    void aCancelledTransactionCarriesItsReasonsAndWritesNothing() {
        DynamoDbClient client = client(UnaryOperator.identity(), new DynamoCalls());
        Map<String, AttributeValue> existing = Map.of("PK", AttributeValue.fromS("T#1"), "SK", AttributeValue.fromS("A"));
        sdk.putItem(r -> r.tableName(system.tableName()).item(existing));
        Map<String, AttributeValue> fresh = Map.of("PK", AttributeValue.fromS("T#2"), "SK", AttributeValue.fromS("A"));

        TransactionCanceledException e = assertThrows(TransactionCanceledException.class, () -> client.transactWriteItems(r -> r.transactItems(
                t -> t.put(p -> p.tableName(system.tableName()).item(fresh)),
                t -> t.put(p -> p.tableName(system.tableName()).item(existing).conditionExpression("attribute_not_exists(PK)")))));

        assertEquals(List.of("None", "ConditionalCheckFailed"), e.cancellationReasons().stream().map(r -> r.code()).toList());
        assertTrue(sdk.getItem(r -> r.tableName(system.tableName()).key(fresh).consistentRead(true)).item().isEmpty(), "nothing written");
    }

    @Test
    void transactionsCarryAnIdempotencyTokenSoARetryIsAppliedOnce() {
        List<String> sent = new java.util.concurrent.CopyOnWriteArrayList<>();
        DynamoDbClient client = client(http -> new InterceptingHttpClient(http, request -> {
            if (request.targets("DynamoDB_20120810.TransactWriteItems")) sent.add(request.bodyText());
            return sent.size() == 1 ? InterceptingHttpClient.Answer.error(500, "InternalServerError", "injected") : null;
        }), new DynamoCalls());

        client.transactWriteItems(r -> r.transactItems(t -> t.put(p -> p.tableName(system.tableName())
                .item(Map.of("PK", AttributeValue.fromS("TOKEN#1"), "SK", AttributeValue.fromS("A"))))));

        assertEquals(2, sent.size(), "the first attempt failed and was retried");
        String token = sent.get(0).replaceAll(".*\"ClientRequestToken\":\"([0-9a-f-]{36})\".*", "$1");
        assertTrue(token.matches("[0-9a-f-]{36}"), sent.get(0));
        assertTrue(sent.get(1).contains(token), "the retry carries the same token, so DynamoDB applies the transaction once");
    }

    @Test
    void throttlingIsRetriedAndOnlyWhatOutlivesTheRetriesSurfacesAsAThrottlingError() {
        DynamoCalls calls = new DynamoCalls();
        ThrottlingHttpClient throttling = new ThrottlingHttpClient();
        DynamoDbClient client = client(throttling.wrapper(), calls);
        Map<String, AttributeValue> key = Map.of("PK", AttributeValue.fromS("R#1"), "SK", AttributeValue.fromS("A"));

        throttling.throttle(1.0);
        ProvisionedThroughputExceededException e = assertThrows(ProvisionedThroughputExceededException.class,
                () -> client.getItem(r -> r.tableName(system.tableName()).key(key)));
        assertTrue(e.isThrottlingException());
        assertEquals(4, throttling.throttledCalls(), "four attempts");
        assertEquals(1, calls.count("GetItem"), "one call, however many attempts");

        throttling.throttle(0.5);
        int applied = 0;
        int refused = 0;
        for (int i = 0; i < 40; i++) {
            try {
                client.updateItem(r -> r.tableName(system.tableName()).key(key).updateExpression("ADD n :one")
                        .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"))).returnValues(ReturnValue.NONE));
                applied++;
            } catch (ProvisionedThroughputExceededException outlived) {
                refused++;
            }
        }
        int counted = applied;
        assertEquals(Integer.toString(counted), sdk.getItem(r -> r.tableName(system.tableName()).key(key).consistentRead(true)).item().get("n").n(),
                "each answered update applied exactly once, none of the " + refused + " refused; "
                        + throttling.throttledCalls() + " throttled attempts");
    }

    @Test
    void anUnreachableEndpointIsAClientErrorAfterTheRetries() {
        AtomicInteger attempts = new AtomicInteger();
        DynamoDbClient client = client(http -> new InterceptingHttpClient(http, request -> {
            attempts.incrementAndGet();
            throw new ConnectException("connection refused");
        }), new DynamoCalls());

        SdkClientException e = assertThrows(SdkClientException.class, () -> client.getItem(r -> r.tableName(system.tableName())
                .key(Map.of("PK", AttributeValue.fromS("X"), "SK", AttributeValue.fromS("X")))));

        assertEquals(4, attempts.get());
        assertNotNull(e.getCause());
        assertTrue(e.getCause() instanceof IOException);
    }
}
