package io.itops.desk;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondarySortKey;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.itops.shared.store.Attributes;
import io.itops.shared.store.Ids;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A security incident: severity, category, affected assets, owner, a typed timeline (detected ...
 * closed), the investigation (findings, root cause, corrective and preventive action items), the
 * post-incident review due after recovery, and the external-reporting flag with its deadline.
 * Stored under {@code INCIDENT#<incidentId>}; listed newest first on GSI1 {@code INCIDENT#ALL}, and
 * on the sparse GSI2 {@code INCIDENT#ACTIVE} while the sweep has anything to watch.
 */
public record Incident(
        String incidentId,
        String number,
        String title,
        String description,
        IncidentSeverity severity,
        IncidentCategory category,
        List<String> affectedAssets,
        String owner,
        String ticketId,
        String findingId,
        List<Incident.Entry> timeline,
        List<Incident.Action> actions,
        String findings,
        String rootCause,
        LocalDate reviewDueOn,
        @JsonIgnore boolean reviewNotified,
        boolean externalReporting,
        Instant externalDeadline,
        Instant externalReportedAt,
        @JsonIgnore boolean externalNotified,
        String createdBy,
        Instant createdAt,
        Instant updatedAt,
        long version) {

    /** One step of the timeline. */
    public record Entry(TimelineType type, Instant at, String note, String by) {}

    /** An action item of the investigation, tracked to done. */
    public record Action(String actionId, ActionKind kind, String text, String owner, LocalDate dueOn, boolean done,
                         Instant doneAt, @JsonIgnore boolean overdueNotified) {}

    static Map<String, AttributeValue> key(String incidentId) {
        return Attributes.key("INCIDENT#" + incidentId, "INCIDENT");
    }

    static final String ALL = "INCIDENT#ALL";
    static final String ACTIVE = "INCIDENT#ACTIVE";

    /** The sweep watches it: open, a review not yet due-notified, an external report not made, or an open action. */
    boolean active() {
        return !has(TimelineType.CLOSED) || reviewDueOn != null && !reviewNotified
                || externalReporting && externalReportedAt == null && !externalNotified
                || actions.stream().anyMatch(a -> !a.done());
    }

    boolean has(TimelineType type) {
        return timeline.stream().anyMatch(e -> e.type() == type);
    }

    Instant at(TimelineType type) {
        return timeline.stream().filter(e -> e.type() == type).map(Entry::at).findFirst().orElse(null);
    }

    Builder toBuilder() {
        return new Builder(this);
    }

    static Builder builder() {
        return new Builder();
    }

    private static final TableSchema<Entry> ENTRY = StaticImmutableTableSchema.builder(Entry.class, EntryBuilder.class)
            .newItemBuilder(EntryBuilder::new, EntryBuilder::build)
            .addAttribute(TimelineType.class, a -> a.name("type").getter(Entry::type).setter((b, v) -> b.type = v))
            .addAttribute(Instant.class, a -> a.name("at").getter(Entry::at).setter((b, v) -> b.at = v))
            .addAttribute(String.class, a -> a.name("note").getter(Entry::note).setter((b, v) -> b.note = v))
            .addAttribute(String.class, a -> a.name("by").getter(Entry::by).setter((b, v) -> b.by = v))
            .build();

    private static final TableSchema<Action> ACTION = StaticImmutableTableSchema.builder(Action.class, ActionBuilder.class)
            .newItemBuilder(ActionBuilder::new, ActionBuilder::build)
            .addAttribute(String.class, a -> a.name("actionId").getter(Action::actionId).setter((b, v) -> b.actionId = v))
            .addAttribute(ActionKind.class, a -> a.name("kind").getter(Action::kind).setter((b, v) -> b.kind = v))
            .addAttribute(String.class, a -> a.name("text").getter(Action::text).setter((b, v) -> b.text = v))
            .addAttribute(String.class, a -> a.name("owner").getter(Action::owner).setter((b, v) -> b.owner = v))
            .addAttribute(LocalDate.class, a -> a.name("dueOn").getter(Action::dueOn).setter((b, v) -> b.dueOn = v))
            .addAttribute(Boolean.class, a -> a.name("done").getter(Action::done).setter((b, v) -> b.done = v != null && v))
            .addAttribute(Instant.class, a -> a.name("doneAt").getter(Action::doneAt).setter((b, v) -> b.doneAt = v))
            .addAttribute(Boolean.class, a -> a.name("overdueNotified").getter(Action::overdueNotified).setter((b, v) -> b.overdueNotified = v != null && v))
            .build();

    static final TableSchema<Incident> SCHEMA = StaticImmutableTableSchema.builder(Incident.class, Builder.class)
            .newItemBuilder(Builder::new, Builder::build)
            .addAttribute(String.class, a -> a.name("PK").getter(i -> "INCIDENT#" + i.incidentId()).setter((b, v) -> {}).tags(primaryPartitionKey()))
            .addAttribute(String.class, a -> a.name("SK").getter(i -> "INCIDENT").setter((b, v) -> {}).tags(primarySortKey()))
            .addAttribute(String.class, a -> a.name("type").getter(i -> "Incident").setter((b, v) -> {}))
            .addAttribute(String.class, a -> a.name("incidentId").getter(Incident::incidentId).setter(Builder::incidentId))
            .addAttribute(String.class, a -> a.name("number").getter(Incident::number).setter(Builder::number))
            .addAttribute(String.class, a -> a.name("title").getter(Incident::title).setter(Builder::title))
            .addAttribute(String.class, a -> a.name("description").getter(Incident::description).setter(Builder::description))
            .addAttribute(IncidentSeverity.class, a -> a.name("severity").getter(Incident::severity).setter(Builder::severity))
            .addAttribute(IncidentCategory.class, a -> a.name("category").getter(Incident::category).setter(Builder::category))
            .addAttribute(EnhancedType.listOf(String.class), a -> a.name("affectedAssets").getter(Incident::affectedAssets).setter(Builder::affectedAssets))
            .addAttribute(String.class, a -> a.name("owner").getter(Incident::owner).setter(Builder::owner))
            .addAttribute(String.class, a -> a.name("ticketId").getter(Incident::ticketId).setter(Builder::ticketId))
            .addAttribute(String.class, a -> a.name("findingId").getter(Incident::findingId).setter(Builder::findingId))
            .addAttribute(EnhancedType.listOf(EnhancedType.documentOf(Entry.class, ENTRY, d -> d.ignoreNulls(true))), a -> a.name("timeline").getter(Incident::timeline).setter(Builder::timeline))
            .addAttribute(EnhancedType.listOf(EnhancedType.documentOf(Action.class, ACTION, d -> d.ignoreNulls(true))), a -> a.name("actions").getter(Incident::actions).setter(Builder::actions))
            .addAttribute(String.class, a -> a.name("findings").getter(Incident::findings).setter(Builder::findings))
            .addAttribute(String.class, a -> a.name("rootCause").getter(Incident::rootCause).setter(Builder::rootCause))
            .addAttribute(LocalDate.class, a -> a.name("reviewDueOn").getter(Incident::reviewDueOn).setter(Builder::reviewDueOn))
            .addAttribute(Boolean.class, a -> a.name("reviewNotified").getter(Incident::reviewNotified).setter(Builder::reviewNotified))
            .addAttribute(Boolean.class, a -> a.name("externalReporting").getter(Incident::externalReporting).setter(Builder::externalReporting))
            .addAttribute(Instant.class, a -> a.name("externalDeadline").getter(Incident::externalDeadline).setter(Builder::externalDeadline))
            .addAttribute(Instant.class, a -> a.name("externalReportedAt").getter(Incident::externalReportedAt).setter(Builder::externalReportedAt))
            .addAttribute(Boolean.class, a -> a.name("externalNotified").getter(Incident::externalNotified).setter(Builder::externalNotified))
            .addAttribute(String.class, a -> a.name("createdBy").getter(Incident::createdBy).setter(Builder::createdBy))
            .addAttribute(Instant.class, a -> a.name("createdAt").getter(Incident::createdAt).setter(Builder::createdAt))
            .addAttribute(Instant.class, a -> a.name("updatedAt").getter(Incident::updatedAt).setter(Builder::updatedAt))
            .addAttribute(Long.class, a -> a.name("version").getter(Incident::version).setter(Builder::version))
            .addAttribute(String.class, a -> a.name("GSI1PK").getter(i -> ALL).setter((b, v) -> {}).tags(secondaryPartitionKey("GSI1")))
            .addAttribute(String.class, a -> a.name("GSI1SK").getter(i -> Ids.sortable(i.createdAt()) + "#" + i.incidentId()).setter((b, v) -> {})
                    .tags(secondarySortKey("GSI1")))
            .addAttribute(String.class, a -> a.name("GSI2PK").getter(i -> i.active() ? ACTIVE : null).setter((b, v) -> {})
                    .tags(secondaryPartitionKey("GSI2")))
            .addAttribute(String.class, a -> a.name("GSI2SK").getter(i -> i.active() ? i.incidentId() : null).setter((b, v) -> {})
                    .tags(secondarySortKey("GSI2")))
            .build();

    private static final class EntryBuilder {
        private TimelineType type;
        private Instant at;
        private String note, by;

        Entry build() {
            return new Entry(type, at, note, by);
        }
    }

    private static final class ActionBuilder {
        private String actionId, text, owner;
        private ActionKind kind;
        private LocalDate dueOn;
        private boolean done, overdueNotified;
        private Instant doneAt;

        Action build() {
            return new Action(actionId, kind, text, owner, dueOn, done, doneAt, overdueNotified);
        }
    }

    /** Copies an incident with some fields changed. */
    static final class Builder {
        private String incidentId;
        private String number;
        private String title;
        private String description;
        private IncidentSeverity severity;
        private IncidentCategory category;
        private List<String> affectedAssets;
        private String owner;
        private String ticketId;
        private String findingId;
        private List<Incident.Entry> timeline;
        private List<Incident.Action> actions;
        private String findings;
        private String rootCause;
        private LocalDate reviewDueOn;
        private boolean reviewNotified;
        private boolean externalReporting;
        private Instant externalDeadline;
        private Instant externalReportedAt;
        private boolean externalNotified;
        private String createdBy;
        private Instant createdAt;
        private Instant updatedAt;
        private long version;

        Builder() {}

        private Builder(Incident i) {
            incidentId = i.incidentId; number = i.number; title = i.title; description = i.description; severity = i.severity; category = i.category; affectedAssets = i.affectedAssets; owner = i.owner; ticketId = i.ticketId; findingId = i.findingId; timeline = i.timeline; actions = i.actions; findings = i.findings; rootCause = i.rootCause; reviewDueOn = i.reviewDueOn; reviewNotified = i.reviewNotified; externalReporting = i.externalReporting; externalDeadline = i.externalDeadline; externalReportedAt = i.externalReportedAt; externalNotified = i.externalNotified; createdBy = i.createdBy; createdAt = i.createdAt; updatedAt = i.updatedAt; version = i.version;
        }

        Builder incidentId(String v) { incidentId = v; return this; }
        Builder number(String v) { number = v; return this; }
        Builder title(String v) { title = v; return this; }
        Builder description(String v) { description = v; return this; }
        Builder severity(IncidentSeverity v) { severity = v; return this; }
        Builder category(IncidentCategory v) { category = v; return this; }
        Builder affectedAssets(List<String> v) { affectedAssets = v; return this; }
        Builder owner(String v) { owner = v; return this; }
        Builder ticketId(String v) { ticketId = v; return this; }
        Builder findingId(String v) { findingId = v; return this; }
        Builder timeline(List<Incident.Entry> v) { timeline = v; return this; }
        Builder actions(List<Incident.Action> v) { actions = v; return this; }
        Builder findings(String v) { findings = v; return this; }
        Builder rootCause(String v) { rootCause = v; return this; }
        Builder reviewDueOn(LocalDate v) { reviewDueOn = v; return this; }
        Builder reviewNotified(Boolean v) { reviewNotified = v != null && v; return this; }
        Builder externalReporting(Boolean v) { externalReporting = v != null && v; return this; }
        Builder externalDeadline(Instant v) { externalDeadline = v; return this; }
        Builder externalReportedAt(Instant v) { externalReportedAt = v; return this; }
        Builder externalNotified(Boolean v) { externalNotified = v != null && v; return this; }
        Builder createdBy(String v) { createdBy = v; return this; }
        Builder createdAt(Instant v) { createdAt = v; return this; }
        Builder updatedAt(Instant v) { updatedAt = v; return this; }
        Builder version(Long v) { version = v == null ? 0 : v; return this; }

        Incident build() {
            return new Incident(incidentId, number, title, description, severity, category, affectedAssets == null ? List.of() : List.copyOf(affectedAssets), owner, ticketId, findingId, timeline == null ? List.of() : List.copyOf(timeline), actions == null ? List.of() : List.copyOf(actions), findings, rootCause, reviewDueOn, reviewNotified, externalReporting, externalDeadline, externalReportedAt, externalNotified, createdBy, createdAt, updatedAt, version);
        }
    }
}
