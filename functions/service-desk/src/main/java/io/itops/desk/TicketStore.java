package io.itops.desk;

import static software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional.sortBeginsWith;
import static software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional.sortBetween;
import static software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional.sortLessThan;

import io.itops.shared.error.ApiException;
import io.itops.shared.store.Attributes;
import io.itops.shared.store.CursorCodec;
import io.itops.shared.store.Ids;
import io.itops.shared.store.Page;
import io.itops.shared.store.PagedQuery;
import io.itops.shared.store.SingleTable;
import io.itops.shared.store.TransactionWrites;
import io.itops.shared.store.TransactionWrites.Condition;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * DynamoDB access for tickets, their comments, the ticket-number counter and the links that keep
 * an outside cause to one ticket. Every change of a ticket is conditional on the version read, so of
 * two staff taking the same ticket exactly one wins. AWS exceptions stop here.
 */
final class TicketStore {
    private static final Map<String, AttributeValue> COUNTER = Attributes.key("COUNTER#TICKET", "COUNTER");
    private final SingleTable table;
    private final CursorCodec cursors;

    TicketStore(SingleTable table, CursorCodec cursors) {
        this.table = table;
        this.cursors = cursors;
    }

    /** The next ticket number (an ADD counter: a number is never handed out twice; a failed create leaves a gap). */
    long nextNumber() {
        return table.increment(COUNTER, "next");
    }

    /**
     * Creates a ticket (and claims its link, when given) in one transaction. Returns false, writing
     * nothing, when the link is already claimed: that cause has its ticket.
     */
    boolean create(Ticket ticket, TicketLink link) {
        TransactionWrites tx = table.transaction()
                .put(Ticket.SCHEMA, ticket, Condition.notExists(), () -> new ApiException.Conflict("TICKET_EXISTS", "The ticket exists."));
        if (link != null) {
            tx.put(TicketLink.SCHEMA, link, Condition.notExists(), Linked::new);
        }
        try {
            tx.execute();
            return true;
        } catch (Linked already) {
            return false;
        }
    }

    /** Raised inside the store only: the link is claimed. */
    private static final class Linked extends RuntimeException {
        Linked() {
            super(null, null, false, false);
        }
    }

    Optional<Ticket> ticket(String ticketId) {
        return table.get(Ticket.SCHEMA, Ticket.key(ticketId));
    }

    Optional<TicketLink> link(String kind, String subjectId) {
        return table.get(TicketLink.SCHEMA, Attributes.key("TICKETLINK#" + kind + "#" + subjectId, "TICKETLINK"));
    }

    /** The comments of a ticket, oldest first. */
    List<Comment> comments(String ticketId) {
        List<Comment> out = new ArrayList<>();
        table.of(Comment.SCHEMA).query(QueryEnhancedRequest.builder().consistentRead(true)
                        .queryConditional(sortBeginsWith(k -> k.partitionValue(Ticket.partition(ticketId)).sortValue(Comment.PREFIX))).build())
                .forEach(page -> out.addAll(page.items()));
        return out;
    }

    /** Replaces a ticket read at {@code expectedVersion} (the caller sets the new version); 409 when it changed meanwhile. */
    void replace(Ticket after, long expectedVersion) {
        try {
            table.of(Ticket.SCHEMA).putItem(r -> r.item(after).conditionExpression(versionIs(expectedVersion).asExpression()));
        } catch (ConditionalCheckFailedException changed) {
            throw versionConflict();
        }
    }

    /** {@link #replace} and a new comment, all or nothing. */
    void replaceWithComment(Ticket after, long expectedVersion, Comment comment) {
        table.transaction()
                .put(Ticket.SCHEMA, after, versionIs(expectedVersion), TicketStore::versionConflict)
                .put(Comment.SCHEMA, comment, Condition.notExists(), () -> new ApiException.Conflict("COMMENT_EXISTS", "The comment exists."))
                .execute();
    }

    private static Condition versionIs(long version) {
        return Condition.of("#version = :version", Map.of("#version", "version"), Attributes.values(":version", version));
    }

    private static ApiException versionConflict() {
        return new ApiException.Conflict("VERSION_CONFLICT",
                "The ticket changed while this request was handled; nothing was changed. Read it again and retry.",
                Map.of(), Duration.ofSeconds(1));
    }

    /** The requester's tickets, newest first. */
    Page<Ticket> byRequester(String requester, int limit, String cursor) {
        QueryRequest query = QueryRequest.builder().tableName(table.name()).indexName("GSI1")
                .keyConditionExpression("GSI1PK = :pk").scanIndexForward(false)
                .expressionAttributeValues(Attributes.values(":pk", Ticket.requesterIndex(requester))).build();
        return PagedQuery.run(table.dynamo(), cursors, "tickets|requester|" + requester, cursor, limit, query, Ticket.SCHEMA::mapToItem);
    }

    /**
     * The staff queue: a Query on the most selective key the filter gives (assignee, status,
     * category, else all tickets), newest first, the other filters as a filter expression.
     * {@code breached} compares the stored breach fields with {@code now}.
     */
    Page<Ticket> queue(TicketFilter f, Instant now, int limit, String cursor) {
        String index;
        String partition;
        List<String> filters = new ArrayList<>();
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        if (f.assignee() != null) {
            index = "GSI3";
            partition = Ticket.assigneeIndex(f.assignee());
        } else if (f.status() != null) {
            index = "GSI2";
            partition = Ticket.statusIndex(f.status());
        } else if (f.category() != null) {
            index = "GSI4";
            partition = Ticket.categoryIndex(f.category());
        } else {
            index = "GSI5";
            partition = Ticket.ALL_INDEX;
        }
        if (f.status() != null && !index.equals("GSI2")) {
            equal(filters, names, values, "status", f.status().toString());
        }
        if (f.category() != null && !index.equals("GSI4")) {
            equal(filters, names, values, "category", f.category().toString());
        }
        if (f.priority() != null) {
            equal(filters, names, values, "priority", f.priority().toString());
        }
        if (f.breached() != null) {
            names.put("#breached", "breached");
            names.put("#breachKey", "breachKey");
            values.put(":yes", AttributeValue.fromBool(true));
            values.put(":now", Attributes.s(Ticket.sortable(now)));
            filters.add(f.breached() ? "(#breached = :yes OR #breachKey <= :now)"
                    : "(NOT #breached = :yes AND (attribute_not_exists(#breachKey) OR #breachKey > :now))");
        }
        String pk = index + "PK";
        values.put(":pk", Attributes.s(partition));
        QueryRequest.Builder query = QueryRequest.builder().tableName(table.name()).indexName(index)
                .keyConditionExpression(pk + " = :pk").scanIndexForward(false).expressionAttributeValues(values);
        if (!filters.isEmpty()) {
            query.filterExpression(String.join(" AND ", filters)).expressionAttributeNames(names);
        }
        String scope = "tickets|" + index + "|" + partition + "|" + f;
        return PagedQuery.run(table.dynamo(), cursors, scope, cursor, limit, query.build(), Ticket.SCHEMA::mapToItem);
    }

    private static void equal(List<String> filters, Map<String, String> names, Map<String, AttributeValue> values, String field, String value) {
        names.put("#" + field, field);
        values.put(":" + field, Attributes.s(value));
        filters.add("#" + field + " = :" + field);
    }

    /** Each ticket in {@code status} that entered it before {@code before}, a page at a time (sweeps). */
    void inStatus(TicketStatus status, Instant before, Consumer<Ticket> each) {
        String partition = Ticket.statusIndex(status);
        String until = Ids.sortable(before);
        table.of(Ticket.SCHEMA).index("GSI2").query(QueryEnhancedRequest.builder()
                        .queryConditional(sortLessThan(k -> k.partitionValue(partition).sortValue(until)))
                        .build())
                .forEach(page -> page.items().forEach(each));
    }

    /** Each ticket created in [from, to), a page at a time (the metrics). */
    void created(Instant from, Instant to, Consumer<Ticket> each) {
        table.of(Ticket.SCHEMA).index("GSI5").query(QueryEnhancedRequest.builder()
                        .queryConditional(sortBetween(k -> k.partitionValue(Ticket.ALL_INDEX).sortValue(Ids.sortable(from)),
                                k -> k.partitionValue(Ticket.ALL_INDEX).sortValue(Ids.sortable(to))))
                        .build())
                .forEach(page -> page.items().forEach(each));
    }
}
