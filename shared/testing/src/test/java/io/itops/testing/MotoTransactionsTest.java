package io.itops.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.itops.shared.store.Attributes;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * The moto launcher backs a transaction up item by item instead of copying the table: a cancelled
 * transaction must still leave every item exactly as it was, and a committed one must apply whole.
 */
class MotoTransactionsTest {
    private final TestSystem system = TestSystem.create();
    private final DynamoDbClient dynamo = system.dynamo();
    private final String table = system.tableName();

    @Test
    void aCancelledTransactionLeavesEveryItemAsItWas() {
        put("A", "v", "1");
        put("GUARD", "v", "1");

        TransactionCanceledException cancelled = assertThrows(TransactionCanceledException.class, () ->
                dynamo.transactWriteItems(r -> r.transactItems(
                        TransactWriteItem.builder().put(p -> p.tableName(table).item(item("A", "v", "2"))).build(),
                        TransactWriteItem.builder().put(p -> p.tableName(table).item(item("NEW", "v", "1"))).build(),
                        TransactWriteItem.builder().update(u -> u.tableName(table).key(key("UPSERTED"))
                                .updateExpression("SET v = :v").expressionAttributeValues(Map.of(":v", AttributeValue.fromS("1")))).build(),
                        TransactWriteItem.builder().delete(d -> d.tableName(table).key(key("GUARD"))).build(),
                        TransactWriteItem.builder().conditionCheck(c -> c.tableName(table).key(key("MISSING"))
                                .conditionExpression("attribute_exists(PK)")).build())));

        assertEquals("ConditionalCheckFailed", cancelled.cancellationReasons().get(4).code());
        assertEquals("1", get("A").get("v").s(), "the put is undone");
        assertNull(get("NEW"), "the new item is gone");
        assertNull(get("UPSERTED"), "the item an update created is gone");
        assertEquals("1", get("GUARD").get("v").s(), "the deleted item is back");
    }

    @Test
    void aCommittedTransactionAppliesWhole() {
        put("B", "v", "1");

        dynamo.transactWriteItems(r -> r.transactItems(
                TransactWriteItem.builder().put(p -> p.tableName(table).item(item("B", "v", "2"))
                        .conditionExpression("v = :old").expressionAttributeValues(Map.of(":old", AttributeValue.fromS("1")))).build(),
                TransactWriteItem.builder().put(p -> p.tableName(table).item(item("C", "v", "1"))
                        .conditionExpression("attribute_not_exists(PK)")).build()));

        assertEquals("2", get("B").get("v").s());
        assertEquals("1", get("C").get("v").s());
    }

    private void put(String pk, String attribute, String value) {
        dynamo.putItem(r -> r.tableName(table).item(item(pk, attribute, value)));
    }

    private static Map<String, AttributeValue> item(String pk, String attribute, String value) {
        Map<String, AttributeValue> item = new java.util.HashMap<>(key(pk));
        item.put(attribute, Attributes.s(value));
        return item;
    }

    private static Map<String, AttributeValue> key(String pk) {
        return Map.of("PK", Attributes.s("T#" + pk), "SK", Attributes.s("T"));
    }

    private Map<String, AttributeValue> get(String pk) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).key(key(pk)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? null : item;
    }
}
