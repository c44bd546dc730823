package io.itops.people;

import io.itops.shared.error.ApiException;
import io.itops.shared.store.Attributes;
import io.itops.shared.store.CursorCodec;
import io.itops.shared.store.Page;
import io.itops.shared.store.PagedQuery;
import io.itops.shared.store.SingleTable;
import io.itops.shared.store.TransactionWrites.Condition;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/** DynamoDB access for the directory: one item per person, written only from the version read. */
final class PeopleStore {
    private static final String SK = "PERSON";
    private final SingleTable table;
    private final CursorCodec cursors;
    private final DynamoDbTable<Person> people;

    /** Someone else wrote the person since we read them. */
    static final class Changed extends RuntimeException {
        Changed() {
            super("changed concurrently", null, false, false);
        }
    }

    PeopleStore(SingleTable table, CursorCodec cursors) {
        this.table = table;
        this.cursors = cursors;
        this.people = table.of(Person.SCHEMA);
    }

    Optional<Person> find(String personId) {
        return table.get(Person.SCHEMA, Attributes.key(Person.partition(personId), SK));
    }

    /** The people with these ids, by id (absent ids are missing from the map). */
    Map<String, Person> findAll(Collection<String> personIds) {
        Map<String, Person> found = new HashMap<>();
        table.batchGet(Person.SCHEMA, personIds.stream().distinct().map(id -> Attributes.key(Person.partition(id), SK)).toList())
                .forEach(p -> found.put(p.personId(), p));
        return found;
    }

    /** Writes {@code after} if the stored person is still {@code before} (null: still absent); else {@link Changed}. */
    void write(Person before, Person after) {
        Condition condition = before == null ? Condition.of("attribute_not_exists(PK)")
                : Condition.of("version = :version", Map.of(), Attributes.values(":version", before.version()));
        try {
            people.putItem(r -> r.item(after).conditionExpression(condition.asExpression()));
        } catch (ConditionalCheckFailedException e) {
            throw new Changed();
        }
    }

    /** Everyone the user-pool sync has seen and who has not left (one GSI1 query, in pages). */
    List<Person> inUserPool() {
        List<Person> out = new ArrayList<>();
        people.index(Person.GSI_ALL).query(r -> r.queryConditional(QueryConditional.keyEqualTo(Key.builder().partitionValue(Person.EVERYONE).build())))
                .forEach(page -> page.items().stream().filter(p -> p.inUserPool() && !p.hasLeft()).forEach(out::add));
        return out;
    }

    Page<Person> list(PeopleFilter filter, int limit, String cursor) {
        QueryRequest.Builder query = QueryRequest.builder().tableName(table.name());
        Map<String, AttributeValue> values = new LinkedHashMap<>();
        Map<String, String> names = new LinkedHashMap<>();
        if (filter.department() != null) {
            query.indexName(Person.GSI_DEPARTMENT).keyConditionExpression("GSI2PK = :pk");
            values.put(":pk", Attributes.s(Person.departmentPartition(filter.department())));
        } else {
            query.indexName(Person.GSI_ALL).keyConditionExpression("GSI1PK = :pk");
            values.put(":pk", Attributes.s(Person.EVERYONE));
        }
        List<String> filters = new ArrayList<>();
        if (filter.status() != null) {
            filters.add("#status = :status");
            names.put("#status", "status");
            values.put(":status", Attributes.s(filter.status().toString()));
        }
        if (filter.manager() != null) {
            filters.add("manager = :manager");
            values.put(":manager", Attributes.s(filter.manager()));
        }
        if (!filters.isEmpty()) {
            query.filterExpression(String.join(" AND ", filters));
        }
        if (!names.isEmpty()) {
            query.expressionAttributeNames(names);
        }
        query.expressionAttributeValues(values);
        return PagedQuery.run(table.dynamo(), cursors, "people|" + filter, cursor, limit, query.build(), Person.SCHEMA::mapToItem);
    }

    static ApiException notFound(String personId) {
        return new ApiException.NotFound("PERSON_NOT_FOUND", "No person " + personId + " in the directory", Map.of());
    }
}
