package io.itops.desk;

import io.itops.shared.error.ApiException;
import io.itops.shared.store.Attributes;
import io.itops.shared.store.CursorCodec;
import io.itops.shared.store.Page;
import io.itops.shared.store.PagedQuery;
import io.itops.shared.store.SingleTable;
import io.itops.shared.store.TransactionWrites.Condition;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/** DynamoDB access for incidents: numbered creates that claim their cause, versioned replaces, the list and the sweep's index. */
final class IncidentStore {
    private static final Map<String, AttributeValue> COUNTER = Attributes.key("COUNTER#INCIDENT", "COUNTER");
    private final SingleTable table;
    private final CursorCodec cursors;

    IncidentStore(SingleTable table, CursorCodec cursors) {
        this.table = table;
        this.cursors = cursors;
    }

    long nextNumber() {
        return table.increment(COUNTER, "next");
    }

    /** Creates the incident claiming {@code link} (its ticket or finding) when given; the link's incident when already claimed. */
    Optional<String> create(Incident incident, TicketLink link) {
        var tx = table.transaction().put(Incident.SCHEMA, incident, Condition.notExists(),
                () -> new ApiException.Conflict("INCIDENT_EXISTS", "The incident exists."));
        if (link != null) {
            tx.put(TicketLink.SCHEMA, link, Condition.notExists(), Claimed::new);
        }
        try {
            tx.execute();
            return Optional.empty();
        } catch (Claimed claimed) {
            return Optional.of(table.get(TicketLink.SCHEMA, Attributes.key("TICKETLINK#" + link.kind() + "#" + link.subjectId(), "TICKETLINK"))
                    .map(TicketLink::ticketId).orElse(""));
        }
    }

    private static final class Claimed extends RuntimeException {
        Claimed() {
            super(null, null, false, false);
        }
    }

    Optional<Incident> incident(String incidentId) {
        return table.get(Incident.SCHEMA, Incident.key(incidentId));
    }

    void replace(Incident after, long expectedVersion) {
        try {
            table.of(Incident.SCHEMA).putItem(r -> r.item(after).conditionExpression(Condition.of("#version = :version",
                    Map.of("#version", "version"), Attributes.values(":version", expectedVersion)).asExpression()));
        } catch (ConditionalCheckFailedException changed) {
            throw new ApiException.Conflict("VERSION_CONFLICT",
                    "The incident changed while this request was handled; nothing was changed. Read it again and retry.",
                    Map.of(), Duration.ofSeconds(1));
        }
    }

    Page<Incident> list(int limit, String cursor) {
        QueryRequest query = QueryRequest.builder().tableName(table.name()).indexName("GSI1")
                .keyConditionExpression("GSI1PK = :pk").scanIndexForward(false)
                .expressionAttributeValues(Attributes.values(":pk", Incident.ALL)).build();
        return PagedQuery.run(table.dynamo(), cursors, "incidents|all", cursor, limit, query, Incident.SCHEMA::mapToItem);
    }

    /** Every incident the sweep watches, a page at a time. */
    void active(Consumer<Incident> each) {
        table.of(Incident.SCHEMA).index("GSI2").query(r -> r.queryConditional(QueryConditional.keyEqualTo(k -> k.partitionValue(Incident.ACTIVE))))
                .forEach(page -> page.items().forEach(each));
    }
}
