package io.itops.desk;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;

import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;

/**
 * Claims the one ticket something outside may open: an asset fault, a person joining, a person
 * leaving. Written in the ticket's create transaction with attribute_not_exists, so the same fault
 * reported under two event ids still opens one ticket. {@code TICKETLINK#<kind>#<id>}.
 */
record TicketLink(String kind, String subjectId, String ticketId) {
    static final TableSchema<TicketLink> SCHEMA = StaticImmutableTableSchema.builder(TicketLink.class, Builder.class)
            .newItemBuilder(Builder::new, Builder::build)
            .addAttribute(String.class, a -> a.name("PK").getter(l -> "TICKETLINK#" + l.kind() + "#" + l.subjectId()).setter((b, v) -> {})
                    .tags(primaryPartitionKey()))
            .addAttribute(String.class, a -> a.name("SK").getter(l -> "TICKETLINK").setter((b, v) -> {}).tags(primarySortKey()))
            .addAttribute(String.class, a -> a.name("type").getter(l -> "TicketLink").setter((b, v) -> {}))
            .addAttribute(String.class, a -> a.name("kind").getter(TicketLink::kind).setter((b, v) -> b.kind = v))
            .addAttribute(String.class, a -> a.name("subjectId").getter(TicketLink::subjectId).setter((b, v) -> b.subjectId = v))
            .addAttribute(String.class, a -> a.name("ticketId").getter(TicketLink::ticketId).setter((b, v) -> b.ticketId = v))
            .build();

    private static final class Builder {
        private String kind, subjectId, ticketId;

        TicketLink build() {
            return new TicketLink(kind, subjectId, ticketId);
        }
    }
}
