package io.itops.desk;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;

import java.time.Instant;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;

/**
 * A reply on a ticket: public (the requester sees it and is told of it) or an internal note (IT staff
 * only). Stored in the ticket's partition under {@code COMMENT#<commentId>}, so ids in creation order
 * read back in order.
 */
public record Comment(String ticketId, String commentId, String author, String authorName, boolean staff,
                      boolean internal, String text, Instant createdAt) {
    static final String PREFIX = "COMMENT#";

    static final TableSchema<Comment> SCHEMA = StaticImmutableTableSchema.builder(Comment.class, Builder.class)
            .newItemBuilder(Builder::new, Builder::build)
            .addAttribute(String.class, a -> a.name("PK").getter(c -> Ticket.partition(c.ticketId())).setter((b, v) -> {}).tags(primaryPartitionKey()))
            .addAttribute(String.class, a -> a.name("SK").getter(c -> PREFIX + c.commentId()).setter((b, v) -> {}).tags(primarySortKey()))
            .addAttribute(String.class, a -> a.name("type").getter(c -> "TicketComment").setter((b, v) -> {}))
            .addAttribute(String.class, a -> a.name("ticketId").getter(Comment::ticketId).setter((b, v) -> b.ticketId = v))
            .addAttribute(String.class, a -> a.name("commentId").getter(Comment::commentId).setter((b, v) -> b.commentId = v))
            .addAttribute(String.class, a -> a.name("author").getter(Comment::author).setter((b, v) -> b.author = v))
            .addAttribute(String.class, a -> a.name("authorName").getter(Comment::authorName).setter((b, v) -> b.authorName = v))
            .addAttribute(Boolean.class, a -> a.name("staff").getter(Comment::staff).setter((b, v) -> b.staff = v != null && v))
            .addAttribute(Boolean.class, a -> a.name("internal").getter(Comment::internal).setter((b, v) -> b.internal = v != null && v))
            .addAttribute(String.class, a -> a.name("text").getter(Comment::text).setter((b, v) -> b.text = v))
            .addAttribute(Instant.class, a -> a.name("createdAt").getter(Comment::createdAt).setter((b, v) -> b.createdAt = v))
            .build();

    private static final class Builder {
        private String ticketId, commentId, author, authorName, text;
        private boolean staff, internal;
        private Instant createdAt;

        Comment build() {
            return new Comment(ticketId, commentId, author, authorName, staff, internal, text, createdAt);
        }
    }
}
