package io.itops.asset;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.itops.shared.json.Wire;
import io.itops.shared.store.Attributes;
import io.itops.shared.store.Ids;
import io.itops.shared.store.PlainDecimal;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The asset's archive: maintenance records, faults, audits and the history of every change. */
public final class Records {
    private Records() {}

    /** {@code ASSET#<assetId>} / {@code MAINT#<performedOn>#<recordId>}. */
    public record MaintenanceRecord(String recordId, String assetId, MaintenanceKind kind, LocalDate performedOn,
                                    String performedBy, BigDecimal cost, String currency, String notes,
                                    List<String> checklist, LocalDate nextDue, Instant recordedAt, String recordedBy) {
        static final TableSchema<MaintenanceRecord> SCHEMA = StaticImmutableTableSchema.builder(MaintenanceRecord.class, Builder.class)
                .newItemBuilder(Builder::new, Builder::build)
                .addAttribute(String.class, a -> a.name("PK").getter(r -> "ASSET#" + r.assetId()).setter((b, v) -> {})
                        .tags(primaryPartitionKey()))
                .addAttribute(String.class, a -> a.name("SK").getter(r -> "MAINT#" + r.performedOn() + "#" + r.recordId())
                        .setter((b, v) -> {}).tags(primarySortKey()))
                .addAttribute(String.class, a -> a.name("type").getter(r -> "MaintenanceRecord").setter((b, v) -> {}))
                .addAttribute(String.class, a -> a.name("recordId").getter(MaintenanceRecord::recordId).setter(Builder::recordId))
                .addAttribute(String.class, a -> a.name("assetId").getter(MaintenanceRecord::assetId).setter(Builder::assetId))
                .addAttribute(MaintenanceKind.class, a -> a.name("kind").getter(MaintenanceRecord::kind).setter(Builder::kind))
                .addAttribute(LocalDate.class, a -> a.name("performedOn").getter(MaintenanceRecord::performedOn)
                        .setter(Builder::performedOn))
                .addAttribute(String.class, a -> a.name("performedBy").getter(MaintenanceRecord::performedBy).setter(Builder::performedBy))
                .addAttribute(BigDecimal.class, a -> a.name("cost").getter(MaintenanceRecord::cost).setter(Builder::cost)
                        .attributeConverter(PlainDecimal.CONVERTER))
                .addAttribute(String.class, a -> a.name("currency").getter(MaintenanceRecord::currency).setter(Builder::currency))
                .addAttribute(String.class, a -> a.name("notes").getter(MaintenanceRecord::notes).setter(Builder::notes))
                .addAttribute(EnhancedType.listOf(String.class), a -> a.name("checklist")
                        .getter(r -> r.checklist().isEmpty() ? null : r.checklist()).setter(Builder::checklist))
                .addAttribute(LocalDate.class, a -> a.name("nextDue").getter(MaintenanceRecord::nextDue).setter(Builder::nextDue))
                .addAttribute(Instant.class, a -> a.name("recordedAt").getter(MaintenanceRecord::recordedAt).setter(Builder::recordedAt))
                .addAttribute(String.class, a -> a.name("recordedBy").getter(MaintenanceRecord::recordedBy).setter(Builder::recordedBy))
                .build();

        public MaintenanceRecord {
            checklist = checklist == null ? List.of() : checklist;
        }

        static Builder builder() {
            return new Builder();
        }

        static final class Builder {
            private String recordId;
            private String assetId;
            private MaintenanceKind kind;
            private LocalDate performedOn;
            private String performedBy;
            private BigDecimal cost;
            private String currency;
            private String notes;
            private List<String> checklist;
            private LocalDate nextDue;
            private Instant recordedAt;
            private String recordedBy;

            Builder recordId(String v) { recordId = v; return this; }
            Builder assetId(String v) { assetId = v; return this; }
            Builder kind(MaintenanceKind v) { kind = v; return this; }
            Builder performedOn(LocalDate v) { performedOn = v; return this; }
            Builder performedBy(String v) { performedBy = v; return this; }
            Builder cost(BigDecimal v) { cost = v; return this; }
            Builder currency(String v) { currency = v; return this; }
            Builder notes(String v) { notes = v; return this; }
            Builder checklist(List<String> v) { checklist = v; return this; }
            Builder nextDue(LocalDate v) { nextDue = v; return this; }
            Builder recordedAt(Instant v) { recordedAt = v; return this; }
            Builder recordedBy(String v) { recordedBy = v; return this; }

            MaintenanceRecord build() {
                return new MaintenanceRecord(recordId, assetId, kind, performedOn, performedBy, cost, currency, notes, checklist,
                        nextDue, recordedAt, recordedBy);
            }
        }
    }

    /** {@code ASSET#<assetId>} / {@code FAULT#<faultId>}: ULID ids, so key order is report order. */
    public record Fault(String faultId, String assetId, String assetTag, String summary, String description,
                        Severity severity, FaultStatus status, Instant occurredAt, Instant reportedAt, String reportedBy,
                        Resolution resolution) {
        static final TableSchema<Fault> SCHEMA = StaticImmutableTableSchema.builder(Fault.class, Builder.class)
                .newItemBuilder(Builder::new, Builder::build)
                .addAttribute(String.class, a -> a.name("PK").getter(f -> "ASSET#" + f.assetId()).setter((b, v) -> {})
                        .tags(primaryPartitionKey()))
                .addAttribute(String.class, a -> a.name("SK").getter(f -> "FAULT#" + f.faultId()).setter((b, v) -> {})
                        .tags(primarySortKey()))
                .addAttribute(String.class, a -> a.name("type").getter(f -> "Fault").setter((b, v) -> {}))
                .addAttribute(String.class, a -> a.name("faultId").getter(Fault::faultId).setter(Builder::faultId))
                .addAttribute(String.class, a -> a.name("assetId").getter(Fault::assetId).setter(Builder::assetId))
                .addAttribute(String.class, a -> a.name("assetTag").getter(Fault::assetTag).setter(Builder::assetTag))
                .addAttribute(String.class, a -> a.name("summary").getter(Fault::summary).setter(Builder::summary))
                .addAttribute(String.class, a -> a.name("description").getter(Fault::description).setter(Builder::description))
                .addAttribute(Severity.class, a -> a.name("severity").getter(Fault::severity).setter(Builder::severity))
                .addAttribute(FaultStatus.class, a -> a.name("status").getter(Fault::status).setter(Builder::status))
                .addAttribute(Instant.class, a -> a.name("occurredAt").getter(Fault::occurredAt).setter(Builder::occurredAt))
                .addAttribute(Instant.class, a -> a.name("reportedAt").getter(Fault::reportedAt).setter(Builder::reportedAt))
                .addAttribute(String.class, a -> a.name("reportedBy").getter(Fault::reportedBy).setter(Builder::reportedBy))
                .addAttribute(EnhancedType.documentOf(Resolution.class, Resolution.SCHEMA, d -> d.ignoreNulls(true)),
                        a -> a.name("resolution").getter(Fault::resolution).setter(Builder::resolution))
                .build();

        static Map<String, AttributeValue> key(String assetId, String faultId) {
            return Attributes.key("ASSET#" + assetId, "FAULT#" + faultId);
        }

        static Builder builder() {
            return new Builder();
        }

        Builder toBuilder() {
            return new Builder().faultId(faultId).assetId(assetId).assetTag(assetTag).summary(summary).description(description)
                    .severity(severity).status(status).occurredAt(occurredAt).reportedAt(reportedAt).reportedBy(reportedBy)
                    .resolution(resolution);
        }

        static final class Builder {
            private String faultId;
            private String assetId;
            private String assetTag;
            private String summary;
            private String description;
            private Severity severity;
            private FaultStatus status;
            private Instant occurredAt;
            private Instant reportedAt;
            private String reportedBy;
            private Resolution resolution;

            Builder faultId(String v) { faultId = v; return this; }
            Builder assetId(String v) { assetId = v; return this; }
            Builder assetTag(String v) { assetTag = v; return this; }
            Builder summary(String v) { summary = v; return this; }
            Builder description(String v) { description = v; return this; }
            Builder severity(Severity v) { severity = v; return this; }
            Builder status(FaultStatus v) { status = v; return this; }
            Builder occurredAt(Instant v) { occurredAt = v; return this; }
            Builder reportedAt(Instant v) { reportedAt = v; return this; }
            Builder reportedBy(String v) { reportedBy = v; return this; }
            Builder resolution(Resolution v) { resolution = v; return this; }

            Fault build() {
                return new Fault(faultId, assetId, assetTag, summary, description, severity, status, occurredAt, reportedAt,
                        reportedBy, resolution);
            }
        }
    }

    /** How a fault was resolved: stored as the fault's {@code resolution} map. */
    public record Resolution(String resolution, RootCause rootCause, String causeAnalysis, String correctiveAction,
                             String preventiveAction, Instant resolvedAt, String resolvedBy) {
        static final TableSchema<Resolution> SCHEMA = StaticImmutableTableSchema.builder(Resolution.class, Builder.class)
                .newItemBuilder(Builder::new, Builder::build)
                .addAttribute(String.class, a -> a.name("resolution").getter(Resolution::resolution).setter(Builder::resolution))
                .addAttribute(RootCause.class, a -> a.name("rootCause").getter(Resolution::rootCause).setter(Builder::rootCause))
                .addAttribute(String.class, a -> a.name("causeAnalysis").getter(Resolution::causeAnalysis).setter(Builder::causeAnalysis))
                .addAttribute(String.class, a -> a.name("correctiveAction").getter(Resolution::correctiveAction)
                        .setter(Builder::correctiveAction))
                .addAttribute(String.class, a -> a.name("preventiveAction").getter(Resolution::preventiveAction)
                        .setter(Builder::preventiveAction))
                .addAttribute(Instant.class, a -> a.name("resolvedAt").getter(Resolution::resolvedAt).setter(Builder::resolvedAt))
                .addAttribute(String.class, a -> a.name("resolvedBy").getter(Resolution::resolvedBy).setter(Builder::resolvedBy))
                .build();

        static final class Builder {
            private String resolution;
            private RootCause rootCause;
            private String causeAnalysis;
            private String correctiveAction;
            private String preventiveAction;
            private Instant resolvedAt;
            private String resolvedBy;

            Builder resolution(String v) { resolution = v; return this; }
            Builder rootCause(RootCause v) { rootCause = v; return this; }
            Builder causeAnalysis(String v) { causeAnalysis = v; return this; }
            Builder correctiveAction(String v) { correctiveAction = v; return this; }
            Builder preventiveAction(String v) { preventiveAction = v; return this; }
            Builder resolvedAt(Instant v) { resolvedAt = v; return this; }
            Builder resolvedBy(String v) { resolvedBy = v; return this; }

            Resolution build() {
                return new Resolution(resolution, rootCause, causeAnalysis, correctiveAction, preventiveAction, resolvedAt, resolvedBy);
            }
        }
    }

    /** {@code ASSET#<assetId>} / {@code AUDIT#<auditedOn>#<auditId>}. */
    public record AuditRecord(String auditId, String assetId, boolean found, String location, PhysicalCondition condition,
                              boolean locationMatches, String registeredLocation, boolean locationUpdated, String notes,
                              LocalDate auditedOn, LocalDate nextAuditDue, Instant recordedAt, String recordedBy) {
        static final TableSchema<AuditRecord> SCHEMA = StaticImmutableTableSchema.builder(AuditRecord.class, Builder.class)
                .newItemBuilder(Builder::new, Builder::build)
                .addAttribute(String.class, a -> a.name("PK").getter(r -> "ASSET#" + r.assetId()).setter((b, v) -> {})
                        .tags(primaryPartitionKey()))
                .addAttribute(String.class, a -> a.name("SK").getter(r -> "AUDIT#" + r.auditedOn() + "#" + r.auditId())
                        .setter((b, v) -> {}).tags(primarySortKey()))
                .addAttribute(String.class, a -> a.name("type").getter(r -> "AuditRecord").setter((b, v) -> {}))
                .addAttribute(String.class, a -> a.name("auditId").getter(AuditRecord::auditId).setter(Builder::auditId))
                .addAttribute(String.class, a -> a.name("assetId").getter(AuditRecord::assetId).setter(Builder::assetId))
                .addAttribute(Boolean.class, a -> a.name("found").getter(AuditRecord::found).setter(Builder::found))
                .addAttribute(String.class, a -> a.name("location").getter(AuditRecord::location).setter(Builder::location))
                .addAttribute(PhysicalCondition.class, a -> a.name("condition").getter(AuditRecord::condition).setter(Builder::condition))
                .addAttribute(Boolean.class, a -> a.name("locationMatches").getter(AuditRecord::locationMatches)
                        .setter(Builder::locationMatches))
                .addAttribute(String.class, a -> a.name("registeredLocation").getter(AuditRecord::registeredLocation)
                        .setter(Builder::registeredLocation))
                .addAttribute(Boolean.class, a -> a.name("locationUpdated").getter(r -> r.locationUpdated() ? Boolean.TRUE : null)
                        .setter(Builder::locationUpdated))
                .addAttribute(String.class, a -> a.name("notes").getter(AuditRecord::notes).setter(Builder::notes))
                .addAttribute(LocalDate.class, a -> a.name("auditedOn").getter(AuditRecord::auditedOn).setter(Builder::auditedOn))
                .addAttribute(LocalDate.class, a -> a.name("nextAuditDue").getter(AuditRecord::nextAuditDue).setter(Builder::nextAuditDue))
                .addAttribute(Instant.class, a -> a.name("recordedAt").getter(AuditRecord::recordedAt).setter(Builder::recordedAt))
                .addAttribute(String.class, a -> a.name("recordedBy").getter(AuditRecord::recordedBy).setter(Builder::recordedBy))
                .build();

        static Builder builder() {
            return new Builder();
        }

        static final class Builder {
            private String auditId;
            private String assetId;
            private boolean found;
            private String location;
            private PhysicalCondition condition;
            private boolean locationMatches;
            private String registeredLocation;
            private boolean locationUpdated;
            private String notes;
            private LocalDate auditedOn;
            private LocalDate nextAuditDue;
            private Instant recordedAt;
            private String recordedBy;

            Builder auditId(String v) { auditId = v; return this; }
            Builder assetId(String v) { assetId = v; return this; }
            Builder found(boolean v) { found = v; return this; }
            Builder location(String v) { location = v; return this; }
            Builder condition(PhysicalCondition v) { condition = v; return this; }
            Builder locationMatches(boolean v) { locationMatches = v; return this; }
            Builder registeredLocation(String v) { registeredLocation = v; return this; }
            Builder locationUpdated(Boolean v) { locationUpdated = Boolean.TRUE.equals(v); return this; }
            Builder notes(String v) { notes = v; return this; }
            Builder auditedOn(LocalDate v) { auditedOn = v; return this; }
            Builder nextAuditDue(LocalDate v) { nextAuditDue = v; return this; }
            Builder recordedAt(Instant v) { recordedAt = v; return this; }
            Builder recordedBy(String v) { recordedBy = v; return this; }

            AuditRecord build() {
                return new AuditRecord(auditId, assetId, found, location, condition, locationMatches, registeredLocation,
                        locationUpdated, notes, auditedOn, nextAuditDue, recordedAt, recordedBy);
            }
        }
    }

    /**
     * One entry of the archive: what happened, when, by whom; for an update, {@code changes} has the
     * value before and after per field (null where the field was or became empty).
     */
    public record HistoryEntry(Instant at, String type, String actor, String summary, Map<String, String> details,
                               List<FieldChange> changes) {
        HistoryEntry(Instant at, String type, String actor, String summary, Map<String, String> details) {
            this(at, type, actor, summary, details, List.of());
        }

        /** The entry's own attributes; {@link ArchiveEntry} adds the keys. */
        static final TableSchema<HistoryEntry> SCHEMA = StaticImmutableTableSchema.builder(HistoryEntry.class, Builder.class)
                .newItemBuilder(Builder::new, Builder::build)
                .addAttribute(Instant.class, a -> a.name("at").getter(HistoryEntry::at).setter(Builder::at))
                // "type" names the item type in the table, so the entry's type is stored as "event"
                .addAttribute(String.class, a -> a.name("event").getter(HistoryEntry::type).setter(Builder::type))
                .addAttribute(String.class, a -> a.name("actor").getter(HistoryEntry::actor).setter(Builder::actor))
                .addAttribute(String.class, a -> a.name("summary").getter(HistoryEntry::summary).setter(Builder::summary))
                .addAttribute(EnhancedType.mapOf(String.class, String.class), a -> a.name("details")
                        .getter(e -> e.details().isEmpty() ? null : e.details()).setter(Builder::details))
                .addAttribute(EnhancedType.listOf(EnhancedType.documentOf(FieldChange.class, FieldChange.SCHEMA, d -> d.ignoreNulls(true))),
                        a -> a.name("changes").getter(e -> e.changes().isEmpty() ? null : e.changes()).setter(Builder::changes))
                .build();

        public HistoryEntry {
            details = details == null ? Map.of() : details;
            changes = changes == null ? List.of() : List.copyOf(changes);
        }

        static final class Builder {
            private Instant at;
            private String type;
            private String actor;
            private String summary;
            private Map<String, String> details;
            private List<FieldChange> changes;

            Builder at(Instant v) { at = v; return this; }
            Builder type(String v) { type = v; return this; }
            Builder actor(String v) { actor = v; return this; }
            Builder summary(String v) { summary = v; return this; }
            Builder details(Map<String, String> v) { details = v; return this; }
            Builder changes(List<FieldChange> v) { changes = v; return this; }

            HistoryEntry build() {
                return new HistoryEntry(at, type, actor, summary, details, changes);
            }
        }
    }

    /** A field's value before and after an update, as text (JSON for objects); null is "empty", and shown. */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.ALWAYS)
    public record FieldChange(String field, String before, String after) {
        static final TableSchema<FieldChange> SCHEMA = StaticImmutableTableSchema.builder(FieldChange.class, Builder.class)
                .newItemBuilder(Builder::new, Builder::build)
                .addAttribute(String.class, a -> a.name("field").getter(FieldChange::field).setter(Builder::field))
                .addAttribute(String.class, a -> a.name("before").getter(FieldChange::before).setter(Builder::before))
                .addAttribute(String.class, a -> a.name("after").getter(FieldChange::after).setter(Builder::after))
                .build();

        static final class Builder {
            private String field;
            private String before;
            private String after;

            Builder field(String v) { field = v; return this; }
            Builder before(String v) { before = v; return this; }
            Builder after(String v) { after = v; return this; }

            FieldChange build() {
                return new FieldChange(field, before, after);
            }
        }
    }

    /**
     * An archive entry as stored: {@code ASSET#<assetId>} / {@code HIST#<utc time, ms>#<entryId>}, where the
     * ULID {@code entryId} keeps entries of the same millisecond apart. Both are only in the key, so they
     * are read back from it.
     */
    record ArchiveEntry(String assetId, String entryId, HistoryEntry entry) {
        private static final String PK_PREFIX = "ASSET#";

        static final TableSchema<ArchiveEntry> SCHEMA = StaticImmutableTableSchema.builder(ArchiveEntry.class, Builder.class)
                .newItemBuilder(Builder::new, Builder::build)
                .addAttribute(String.class, a -> a.name("PK").getter(e -> PK_PREFIX + e.assetId())
                        .setter((b, pk) -> b.assetId(pk.substring(PK_PREFIX.length()))).tags(primaryPartitionKey()))
                .addAttribute(String.class, a -> a.name("SK").getter(e -> "HIST#" + Ids.sortable(e.entry().at()) + "#" + e.entryId())
                        .setter((b, sk) -> b.entryId(sk.substring(sk.lastIndexOf('#') + 1))).tags(primarySortKey()))
                .addAttribute(String.class, a -> a.name("type").getter(e -> "AssetHistory").setter((b, v) -> {}))
                .flatten(HistoryEntry.SCHEMA, ArchiveEntry::entry, Builder::entry)
                .build();

        /** A new entry of the archive of {@code assetId}. */
        static ArchiveEntry of(String assetId, HistoryEntry entry) {
            return new ArchiveEntry(assetId, Ids.ulid(entry.at().toEpochMilli()), entry);
        }

        static final class Builder {
            private String assetId;
            private String entryId;
            private HistoryEntry entry;

            Builder assetId(String v) { assetId = v; return this; }
            Builder entryId(String v) { entryId = v; return this; }
            Builder entry(HistoryEntry v) { entry = v; return this; }

            ArchiveEntry build() {
                return new ArchiveEntry(assetId, entryId, entry);
            }
        }
    }

    public enum FaultStatus {
        OPEN, RESOLVED;

        @JsonValue
        @Override
        public String toString() {
            return name().toLowerCase();
        }

        @JsonCreator
        public static FaultStatus parse(String value) {
            return Wire.parse(FaultStatus.class, value);
        }
    }

    public enum MaintenanceKind {
        PREVENTIVE, REPAIR, UPGRADE, INSPECTION;

        @JsonValue
        @Override
        public String toString() {
            return name().toLowerCase();
        }

        @JsonCreator
        public static MaintenanceKind parse(String value) {
            return Wire.parse(MaintenanceKind.class, value);
        }
    }

    public enum Severity {
        LOW, MEDIUM, HIGH, CRITICAL;

        @JsonValue
        @Override
        public String toString() {
            return name().toLowerCase();
        }

        @JsonCreator
        public static Severity parse(String value) {
            return Wire.parse(Severity.class, value);
        }
    }

    public enum RootCause {
        HARDWARE, SOFTWARE, NETWORK, CONFIGURATION, USER, ENVIRONMENT, VENDOR, UNKNOWN;

        @JsonValue
        @Override
        public String toString() {
            return name().toLowerCase();
        }

        @JsonCreator
        public static RootCause parse(String value) {
            return Wire.parse(RootCause.class, value);
        }
    }

    public enum PhysicalCondition {
        GOOD, FAIR, POOR, DAMAGED;

        @JsonValue
        @Override
        public String toString() {
            return name().toLowerCase();
        }

        @JsonCreator
        public static PhysicalCondition parse(String value) {
            return Wire.parse(PhysicalCondition.class, value);
        }
    }
}
