package io.itops.desk;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondarySortKey;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.itops.shared.store.Attributes;
import io.itops.shared.store.Ids;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A support ticket. Stored under {@code TICKET#<ticketId>} (its comments share the partition), listed
 * by requester (GSI1), status (GSI2, ordered by when it entered the status: queues, sweeps, auto-close),
 * assignee (GSI3), category (GSI4) and all (GSI5, by creation: the staff queue and the metrics).
 * The SLA clock is {@code slaElapsedSeconds} of business time banked plus, while it runs, the business
 * time since {@code slaRunningSince}; {@code breachAt} is when the next target will be missed if
 * nothing changes (none while paused), kept so the queue can filter breached tickets by key attributes.
 */
public record Ticket(
        String ticketId,
        String number,
        String title,
        String description,
        Category category,
        Level impact,
        Level urgency,
        Priority priority,
        TicketStatus status,
        Source source,
        String requester,
        String requesterName,
        String department,
        String assignee,
        String assetId,
        String faultId,
        @JsonIgnore String personId,
        List<String> checklist,
        String resolution,
        boolean resolveFault,
        String resolvedBy,
        Instant createdAt,
        Instant updatedAt,
        Instant statusSince,
        Instant firstResponseAt,
        Instant resolvedAt,
        Instant closedAt,
        int reopenCount,
        @JsonIgnore long slaElapsedSeconds,
        @JsonIgnore Instant slaRunningSince,
        @JsonIgnore Long responseSeconds,
        @JsonIgnore boolean responseWarned,
        @JsonIgnore boolean resolutionWarned,
        @JsonIgnore boolean responseBreachNotified,
        @JsonIgnore boolean resolutionBreachNotified,
        @JsonIgnore Instant breachAt,
        @JsonIgnore boolean breached,
        long version) {

    static final String SORT = "TICKET";

    static String partition(String ticketId) {
        return "TICKET#" + ticketId;
    }

    static Map<String, AttributeValue> key(String ticketId) {
        return Map.of("PK", Attributes.s(partition(ticketId)), "SK", Attributes.s(SORT));
    }

    static String requesterIndex(String requester) {
        return "TICKET#REQ#" + requester;
    }

    static String statusIndex(TicketStatus status) {
        return "TICKET#STATUS#" + status;
    }

    static String assigneeIndex(String assignee) {
        return "TICKET#ASSIGNEE#" + assignee;
    }

    static String categoryIndex(Category category) {
        return "TICKET#CAT#" + category;
    }

    static final String ALL_INDEX = "TICKET#ALL";

    /** Fixed-width, so text order is time order in filters and key conditions. */
    static String sortable(Instant at) {
        return at == null ? null : Ids.sortable(at);
    }

    private String created() {
        return Ids.sortable(createdAt) + "#" + ticketId;
    }

    Builder toBuilder() {
        return new Builder(this);
    }

    static Builder builder() {
        return new Builder();
    }

    static final TableSchema<Ticket> SCHEMA = StaticImmutableTableSchema.builder(Ticket.class, Builder.class)
            .newItemBuilder(Builder::new, Builder::build)
            .addAttribute(String.class, a -> a.name("PK").getter(t -> partition(t.ticketId())).setter((b, v) -> {}).tags(primaryPartitionKey()))
            .addAttribute(String.class, a -> a.name("SK").getter(t -> SORT).setter((b, v) -> {}).tags(primarySortKey()))
            .addAttribute(String.class, a -> a.name("type").getter(t -> "Ticket").setter((b, v) -> {}))
            .addAttribute(String.class, a -> a.name("ticketId").getter(Ticket::ticketId).setter(Builder::ticketId))
            .addAttribute(String.class, a -> a.name("number").getter(Ticket::number).setter(Builder::number))
            .addAttribute(String.class, a -> a.name("title").getter(Ticket::title).setter(Builder::title))
            .addAttribute(String.class, a -> a.name("description").getter(Ticket::description).setter(Builder::description))
            .addAttribute(Category.class, a -> a.name("category").getter(Ticket::category).setter(Builder::category))
            .addAttribute(Level.class, a -> a.name("impact").getter(Ticket::impact).setter(Builder::impact))
            .addAttribute(Level.class, a -> a.name("urgency").getter(Ticket::urgency).setter(Builder::urgency))
            .addAttribute(Priority.class, a -> a.name("priority").getter(Ticket::priority).setter(Builder::priority))
            .addAttribute(TicketStatus.class, a -> a.name("status").getter(Ticket::status).setter(Builder::status))
            .addAttribute(Source.class, a -> a.name("source").getter(Ticket::source).setter(Builder::source))
            .addAttribute(String.class, a -> a.name("requester").getter(Ticket::requester).setter(Builder::requester))
            .addAttribute(String.class, a -> a.name("requesterName").getter(Ticket::requesterName).setter(Builder::requesterName))
            .addAttribute(String.class, a -> a.name("department").getter(Ticket::department).setter(Builder::department))
            .addAttribute(String.class, a -> a.name("assignee").getter(Ticket::assignee).setter(Builder::assignee))
            .addAttribute(String.class, a -> a.name("assetId").getter(Ticket::assetId).setter(Builder::assetId))
            .addAttribute(String.class, a -> a.name("faultId").getter(Ticket::faultId).setter(Builder::faultId))
            .addAttribute(String.class, a -> a.name("personId").getter(Ticket::personId).setter(Builder::personId))
            .addAttribute(EnhancedType.listOf(String.class), a -> a.name("checklist").getter(Ticket::checklist).setter(Builder::checklist))
            .addAttribute(String.class, a -> a.name("resolution").getter(Ticket::resolution).setter(Builder::resolution))
            .addAttribute(Boolean.class, a -> a.name("resolveFault").getter(Ticket::resolveFault).setter(Builder::resolveFault))
            .addAttribute(String.class, a -> a.name("resolvedBy").getter(Ticket::resolvedBy).setter(Builder::resolvedBy))
            .addAttribute(Instant.class, a -> a.name("createdAt").getter(Ticket::createdAt).setter(Builder::createdAt))
            .addAttribute(Instant.class, a -> a.name("updatedAt").getter(Ticket::updatedAt).setter(Builder::updatedAt))
            .addAttribute(Instant.class, a -> a.name("statusSince").getter(Ticket::statusSince).setter(Builder::statusSince))
            .addAttribute(Instant.class, a -> a.name("firstResponseAt").getter(Ticket::firstResponseAt).setter(Builder::firstResponseAt))
            .addAttribute(Instant.class, a -> a.name("resolvedAt").getter(Ticket::resolvedAt).setter(Builder::resolvedAt))
            .addAttribute(Instant.class, a -> a.name("closedAt").getter(Ticket::closedAt).setter(Builder::closedAt))
            .addAttribute(Integer.class, a -> a.name("reopenCount").getter(Ticket::reopenCount).setter(Builder::reopenCount))
            .addAttribute(Long.class, a -> a.name("slaElapsedSeconds").getter(Ticket::slaElapsedSeconds).setter(Builder::slaElapsedSeconds))
            .addAttribute(Instant.class, a -> a.name("slaRunningSince").getter(Ticket::slaRunningSince).setter(Builder::slaRunningSince))
            .addAttribute(Long.class, a -> a.name("responseSeconds").getter(Ticket::responseSeconds).setter(Builder::responseSeconds))
            .addAttribute(Boolean.class, a -> a.name("responseWarned").getter(Ticket::responseWarned).setter(Builder::responseWarned))
            .addAttribute(Boolean.class, a -> a.name("resolutionWarned").getter(Ticket::resolutionWarned).setter(Builder::resolutionWarned))
            .addAttribute(Boolean.class, a -> a.name("responseBreachNotified").getter(Ticket::responseBreachNotified).setter(Builder::responseBreachNotified))
            .addAttribute(Boolean.class, a -> a.name("resolutionBreachNotified").getter(Ticket::resolutionBreachNotified).setter(Builder::resolutionBreachNotified))
            .addAttribute(Instant.class, a -> a.name("breachAt").getter(Ticket::breachAt).setter(Builder::breachAt))
            .addAttribute(Boolean.class, a -> a.name("breached").getter(Ticket::breached).setter(Builder::breached))
            .addAttribute(Long.class, a -> a.name("version").getter(Ticket::version).setter(Builder::version))
            .addAttribute(String.class, a -> a.name("breachKey").getter(t -> sortable(t.breachAt())).setter((b, v) -> {}))
            .addAttribute(String.class, a -> a.name("GSI1PK").getter(t -> requesterIndex(t.requester())).setter((b, v) -> {})
                    .tags(secondaryPartitionKey("GSI1")))
            .addAttribute(String.class, a -> a.name("GSI1SK").getter(Ticket::created).setter((b, v) -> {}).tags(secondarySortKey("GSI1")))
            .addAttribute(String.class, a -> a.name("GSI2PK").getter(t -> statusIndex(t.status())).setter((b, v) -> {})
                    .tags(secondaryPartitionKey("GSI2")))
            .addAttribute(String.class, a -> a.name("GSI2SK").getter(t -> Ids.sortable(t.statusSince()) + "#" + t.ticketId())
                    .setter((b, v) -> {}).tags(secondarySortKey("GSI2")))
            .addAttribute(String.class, a -> a.name("GSI3PK").getter(t -> t.assignee() == null ? null : assigneeIndex(t.assignee()))
                    .setter((b, v) -> {}).tags(secondaryPartitionKey("GSI3")))
            .addAttribute(String.class, a -> a.name("GSI3SK").getter(t -> t.assignee() == null ? null : t.created())
                    .setter((b, v) -> {}).tags(secondarySortKey("GSI3")))
            .addAttribute(String.class, a -> a.name("GSI4PK").getter(t -> categoryIndex(t.category())).setter((b, v) -> {})
                    .tags(secondaryPartitionKey("GSI4")))
            .addAttribute(String.class, a -> a.name("GSI4SK").getter(Ticket::created).setter((b, v) -> {}).tags(secondarySortKey("GSI4")))
            .addAttribute(String.class, a -> a.name("GSI5PK").getter(t -> ALL_INDEX).setter((b, v) -> {}).tags(secondaryPartitionKey("GSI5")))
            .addAttribute(String.class, a -> a.name("GSI5SK").getter(Ticket::created).setter((b, v) -> {}).tags(secondarySortKey("GSI5")))
            .build();

    /** Copies a ticket with some fields changed; every rule in {@link TicketRules} goes through it. */
    static final class Builder {
        private String ticketId;
        private String number;
        private String title;
        private String description;
        private Category category;
        private Level impact;
        private Level urgency;
        private Priority priority;
        private TicketStatus status;
        private Source source;
        private String requester;
        private String requesterName;
        private String department;
        private String assignee;
        private String assetId;
        private String faultId;
        private String personId;
        private List<String> checklist;
        private String resolution;
        private boolean resolveFault;
        private String resolvedBy;
        private Instant createdAt;
        private Instant updatedAt;
        private Instant statusSince;
        private Instant firstResponseAt;
        private Instant resolvedAt;
        private Instant closedAt;
        private int reopenCount;
        private long slaElapsedSeconds;
        private Instant slaRunningSince;
        private Long responseSeconds;
        private boolean responseWarned;
        private boolean resolutionWarned;
        private boolean responseBreachNotified;
        private boolean resolutionBreachNotified;
        private Instant breachAt;
        private boolean breached;
        private long version;

        Builder() {}

        private Builder(Ticket t) {
            ticketId = t.ticketId; number = t.number; title = t.title; description = t.description; category = t.category; impact = t.impact; urgency = t.urgency; priority = t.priority; status = t.status; source = t.source; requester = t.requester; requesterName = t.requesterName; department = t.department; assignee = t.assignee; assetId = t.assetId; faultId = t.faultId; personId = t.personId; checklist = t.checklist; resolution = t.resolution; resolveFault = t.resolveFault; resolvedBy = t.resolvedBy; createdAt = t.createdAt; updatedAt = t.updatedAt; statusSince = t.statusSince; firstResponseAt = t.firstResponseAt; resolvedAt = t.resolvedAt; closedAt = t.closedAt; reopenCount = t.reopenCount; slaElapsedSeconds = t.slaElapsedSeconds; slaRunningSince = t.slaRunningSince; responseSeconds = t.responseSeconds; responseWarned = t.responseWarned; resolutionWarned = t.resolutionWarned; responseBreachNotified = t.responseBreachNotified; resolutionBreachNotified = t.resolutionBreachNotified; breachAt = t.breachAt; breached = t.breached; version = t.version;
        }

        Builder ticketId(String v) { ticketId = v; return this; }
        Builder number(String v) { number = v; return this; }
        Builder title(String v) { title = v; return this; }
        Builder description(String v) { description = v; return this; }
        Builder category(Category v) { category = v; return this; }
        Builder impact(Level v) { impact = v; return this; }
        Builder urgency(Level v) { urgency = v; return this; }
        Builder priority(Priority v) { priority = v; return this; }
        Builder status(TicketStatus v) { status = v; return this; }
        Builder source(Source v) { source = v; return this; }
        Builder requester(String v) { requester = v; return this; }
        Builder requesterName(String v) { requesterName = v; return this; }
        Builder department(String v) { department = v; return this; }
        Builder assignee(String v) { assignee = v; return this; }
        Builder assetId(String v) { assetId = v; return this; }
        Builder faultId(String v) { faultId = v; return this; }
        Builder personId(String v) { personId = v; return this; }
        Builder checklist(List<String> v) { checklist = v; return this; }
        Builder resolution(String v) { resolution = v; return this; }
        Builder resolveFault(Boolean v) { resolveFault = v != null && v; return this; }
        Builder resolvedBy(String v) { resolvedBy = v; return this; }
        Builder createdAt(Instant v) { createdAt = v; return this; }
        Builder updatedAt(Instant v) { updatedAt = v; return this; }
        Builder statusSince(Instant v) { statusSince = v; return this; }
        Builder firstResponseAt(Instant v) { firstResponseAt = v; return this; }
        Builder resolvedAt(Instant v) { resolvedAt = v; return this; }
        Builder closedAt(Instant v) { closedAt = v; return this; }
        Builder reopenCount(Integer v) { reopenCount = v == null ? 0 : v; return this; }
        Builder slaElapsedSeconds(Long v) { slaElapsedSeconds = v == null ? 0 : v; return this; }
        Builder slaRunningSince(Instant v) { slaRunningSince = v; return this; }
        Builder responseSeconds(Long v) { responseSeconds = v; return this; }
        Builder responseWarned(Boolean v) { responseWarned = v != null && v; return this; }
        Builder resolutionWarned(Boolean v) { resolutionWarned = v != null && v; return this; }
        Builder responseBreachNotified(Boolean v) { responseBreachNotified = v != null && v; return this; }
        Builder resolutionBreachNotified(Boolean v) { resolutionBreachNotified = v != null && v; return this; }
        Builder breachAt(Instant v) { breachAt = v; return this; }
        Builder breached(Boolean v) { breached = v != null && v; return this; }
        Builder version(Long v) { version = v == null ? 0 : v; return this; }

        Ticket build() {
            return new Ticket(ticketId, number, title, description, category, impact, urgency, priority, status, source, requester, requesterName, department, assignee, assetId, faultId, personId, checklist, resolution, resolveFault, resolvedBy, createdAt, updatedAt, statusSince, firstResponseAt, resolvedAt, closedAt, reopenCount, slaElapsedSeconds, slaRunningSince, responseSeconds, responseWarned, resolutionWarned, responseBreachNotified, resolutionBreachNotified, breachAt, breached, version);
        }
    }
}
