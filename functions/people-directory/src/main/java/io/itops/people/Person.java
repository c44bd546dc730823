package io.itops.people;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondarySortKey;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.itops.shared.store.SortableInstant;
import java.time.Instant;
import java.time.LocalDate;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;

/**
 * One person in the directory, keyed by the id they sign in with (the JWT subject / username).
 * {@code PERSON#<id>} / {@code PERSON}; listed through GSI1 (everyone, by id) and GSI2 (one
 * department, by id). {@code inUserPool}: the user-pool sync has seen them, so their absence
 * from a later sync means they left (people only HR lists are never retired by the sync).
 */
record Person(String personId, String name, String email, String department, String manager, String location,
              PersonStatus status, LocalDate startDate, LocalDate leaveDate, long version, Instant updatedAt, String updatedBy,
              @JsonIgnore boolean inUserPool) {

    static final String GSI_ALL = "GSI1";
    static final String GSI_DEPARTMENT = "GSI2";
    static final String EVERYONE = "PEOPLE";

    static String partition(String personId) {
        return "PERSON#" + personId;
    }

    static String departmentPartition(String department) {
        return "PEOPLE#DEPT#" + department;
    }

    /** Whether {@code other} describes the same person the same way (bookkeeping aside). */
    boolean sameAs(Person other) {
        return other != null && personId.equals(other.personId) && java.util.Objects.equals(name, other.name)
                && java.util.Objects.equals(email, other.email) && java.util.Objects.equals(department, other.department)
                && java.util.Objects.equals(manager, other.manager) && java.util.Objects.equals(location, other.location)
                && status == other.status && java.util.Objects.equals(startDate, other.startDate)
                && java.util.Objects.equals(leaveDate, other.leaveDate);
    }

    @JsonIgnore
    boolean hasLeft() {
        return status == PersonStatus.LEFT;
    }

    Builder toBuilder() {
        return new Builder().personId(personId).name(name).email(email).department(department).manager(manager).location(location)
                .status(status).startDate(startDate).leaveDate(leaveDate).version(version).updatedAt(updatedAt).updatedBy(updatedBy).inUserPool(inUserPool);
    }

    static Builder builder() {
        return new Builder();
    }

    static final class Builder {
        private String personId;
        private String name;
        private String email;
        private String department;
        private String manager;
        private String location;
        private PersonStatus status;
        private LocalDate startDate;
        private LocalDate leaveDate;
        private long version;
        private Instant updatedAt;
        private String updatedBy;
        private boolean inUserPool;

        Builder personId(String v) { personId = v; return this; }
        Builder name(String v) { name = v; return this; }
        Builder email(String v) { email = v; return this; }
        Builder department(String v) { department = v; return this; }
        Builder manager(String v) { manager = v; return this; }
        Builder location(String v) { location = v; return this; }
        Builder status(PersonStatus v) { status = v; return this; }
        Builder startDate(LocalDate v) { startDate = v; return this; }
        Builder leaveDate(LocalDate v) { leaveDate = v; return this; }
        Builder version(Long v) { version = v == null ? 0 : v; return this; }
        Builder updatedAt(Instant v) { updatedAt = v; return this; }
        Builder updatedBy(String v) { updatedBy = v; return this; }
        Builder inUserPool(Boolean v) { inUserPool = Boolean.TRUE.equals(v); return this; }

        Person build() {
            return new Person(personId, name, email, department, manager, location, status, startDate, leaveDate, version, updatedAt, updatedBy, inUserPool);
        }
    }

    static final TableSchema<Person> SCHEMA = StaticImmutableTableSchema.builder(Person.class, Builder.class)
            .newItemBuilder(Builder::new, Builder::build)
            .addAttribute(String.class, a -> a.name("PK").getter(p -> partition(p.personId())).setter((b, v) -> {}).tags(primaryPartitionKey()))
            .addAttribute(String.class, a -> a.name("SK").getter(p -> "PERSON").setter((b, v) -> {}).tags(primarySortKey()))
            .addAttribute(String.class, a -> a.name("type").getter(p -> "Person").setter((b, v) -> {}))
            .addAttribute(String.class, a -> a.name("personId").getter(Person::personId).setter(Builder::personId))
            .addAttribute(String.class, a -> a.name("name").getter(Person::name).setter(Builder::name))
            .addAttribute(String.class, a -> a.name("email").getter(Person::email).setter(Builder::email))
            .addAttribute(String.class, a -> a.name("department").getter(Person::department).setter(Builder::department))
            .addAttribute(String.class, a -> a.name("manager").getter(Person::manager).setter(Builder::manager))
            .addAttribute(String.class, a -> a.name("location").getter(Person::location).setter(Builder::location))
            .addAttribute(PersonStatus.class, a -> a.name("status").getter(Person::status).setter(Builder::status))
            .addAttribute(LocalDate.class, a -> a.name("startDate").getter(Person::startDate).setter(Builder::startDate))
            .addAttribute(LocalDate.class, a -> a.name("leaveDate").getter(Person::leaveDate).setter(Builder::leaveDate))
            .addAttribute(Long.class, a -> a.name("version").getter(Person::version).setter(Builder::version))
            .addAttribute(Instant.class, a -> a.name("updatedAt").getter(Person::updatedAt).setter(Builder::updatedAt)
                    .attributeConverter(SortableInstant.CONVERTER))
            .addAttribute(String.class, a -> a.name("updatedBy").getter(Person::updatedBy).setter(Builder::updatedBy))
            .addAttribute(Boolean.class, a -> a.name("inUserPool").getter(p -> p.inUserPool() ? Boolean.TRUE : null).setter(Builder::inUserPool))
            .addAttribute(String.class, a -> a.name("GSI1PK").getter(p -> EVERYONE).setter((b, v) -> {}).tags(secondaryPartitionKey(GSI_ALL)))
            .addAttribute(String.class, a -> a.name("GSI1SK").getter(Person::personId).setter((b, v) -> {}).tags(secondarySortKey(GSI_ALL)))
            .addAttribute(String.class, a -> a.name("GSI2PK").getter(p -> p.department() == null ? null : departmentPartition(p.department()))
                    .setter((b, v) -> {}).tags(secondaryPartitionKey(GSI_DEPARTMENT)))
            .addAttribute(String.class, a -> a.name("GSI2SK").getter(p -> p.department() == null ? null : p.personId())
                    .setter((b, v) -> {}).tags(secondarySortKey(GSI_DEPARTMENT)))
            .build();
}
