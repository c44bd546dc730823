package io.itops.people;

import io.itops.people.ImportReport.Outcome;
import io.itops.people.ImportReport.RowResult;
import io.itops.shared.auth.Caller;
import io.itops.shared.error.ApiException;
import io.itops.shared.error.FieldError;
import io.itops.shared.events.DomainEvent;
import io.itops.shared.events.EventSink;
import io.itops.shared.store.Page;
import io.itops.shared.validation.Validator;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The directory's rules: who may read whom, and how an import row or a user-pool entry becomes a
 * person (upsert by id, fields left out keep their value), written from the version read, with the
 * joiner / mover / leaver events each real change means. The same data twice writes and tells nothing.
 */
final class PeopleService {
    /** How often a row whose person changed under it is read and decided again. */
    private static final int REDECIDE = 3;
    private final PeopleStore store;
    private final EventSink events;
    private final Clock clock;
    private final ZoneId zone;

    PeopleService(PeopleStore store, EventSink events, Clock clock, ZoneId zone) {
        this.store = store;
        this.events = events;
        this.clock = clock;
        this.zone = zone;
    }

    Page<Person> list(PeopleFilter filter, int limit, String cursor) {
        return store.list(filter, limit, cursor);
    }

    Person get(String personId, Caller caller) {
        if (!caller.isStaff() && !personId.equals(caller.userId())) {
            throw new ApiException.Forbidden("You may read only your own directory record");
        }
        return store.find(personId).orElseThrow(() -> PeopleStore.notFound(personId));
    }

    Person me(Caller caller) {
        return store.find(caller.userId()).orElseThrow(() -> PeopleStore.notFound(caller.userId()));
    }

    ImportReport importRows(List<ImportRow> rows, Caller caller) {
        if (rows == null || rows.isEmpty()) {
            throw ApiException.Invalid.field("rows", "must list at least one person");
        }
        if (rows.size() > PeopleRules.MAX_IMPORT_ROWS) {
            throw ApiException.Invalid.field("rows", "must have at most " + PeopleRules.MAX_IMPORT_ROWS + " entries");
        }
        Map<String, Person> known = store.findAll(rows.stream().map(ImportRow::input).filter(Objects::nonNull)
                .map(PersonInput::personId).filter(id -> id != null && PeopleRules.PERSON_ID.matcher(id).matches()).toList());
        Set<String> seen = new HashSet<>();
        List<RowResult> results = new ArrayList<>();
        List<DomainEvent> published = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            ImportRow row = rows.get(i);
            String prefix = "rows[" + i + "].";
            PersonInput input = row.input();
            if (input == null) {
                results.add(new RowResult(i + 1, null, Outcome.REJECTED, row.errors().isEmpty()
                        ? List.of(new FieldError(prefix + "row", "must be an object")) : row.errors()));
                continue;
            }
            if (input.personId() != null && !seen.add(input.personId())) {
                results.add(new RowResult(i + 1, input.personId(), Outcome.REJECTED,
                        List.of(new FieldError(prefix + "personId", "appears twice in this import"))));
                continue;
            }
            results.add(upsert(i + 1, prefix, input, known.get(input.personId()), caller.userId(), false, published));
        }
        events.publish(published);
        return ImportReport.of(results);
    }

    /**
     * Makes the directory say what {@code input} says about one person, re-reading if someone else
     * wrote them meanwhile; adds the events of the change to {@code published}.
     */
    RowResult upsert(int row, String prefix, PersonInput input, Person before, String by, boolean fromUserPool, List<DomainEvent> published) {
        for (int attempt = 1; ; attempt++) {
            Instant now = clock.instant();
            Person after = merge(before, input, LocalDate.ofInstant(now, zone), now, by, fromUserPool);
            Validator v = Validator.check();
            PeopleRules.check(v, prefix, after);
            if (v.hasErrors()) {
                return new RowResult(row, input.personId(), Outcome.REJECTED, v.errors());
            }
            if (after.sameAs(before) && after.inUserPool() == before.inUserPool()) {
                return new RowResult(row, input.personId(), Outcome.UNCHANGED, List.of());
            }
            try {
                store.write(before, after);
            } catch (PeopleStore.Changed changed) {
                if (attempt == REDECIDE) {
                    return new RowResult(row, input.personId(), Outcome.REJECTED,
                            List.of(new FieldError(prefix + "personId", "was changed by someone else during this import; import it again")));
                }
                before = store.find(input.personId()).orElse(null);
                continue;
            }
            published.addAll(PeopleEvents.of(before, after));
            return new RowResult(row, input.personId(), before == null ? Outcome.CREATED : Outcome.UPDATED, List.of());
        }
    }

    /** {@code before} with what {@code in} says; a new person starts active, and whoever leaves gets a leave date. */
    static Person merge(Person before, PersonInput in, LocalDate today, Instant now, String by, boolean fromUserPool) {
        Person.Builder b = before == null ? Person.builder().personId(in.personId()).status(PersonStatus.ACTIVE).version(0L)
                : before.toBuilder();
        if (in.name() != null) b.name(in.name());
        if (in.email() != null) b.email(in.email());
        if (in.department() != null) b.department(in.department());
        if (in.manager() != null) b.manager(in.manager());
        if (in.location() != null) b.location(in.location());
        if (in.status() != null) b.status(in.status());
        if (in.startDate() != null) b.startDate(in.startDate());
        if (in.leaveDate() != null) b.leaveDate(in.leaveDate());
        if (fromUserPool) b.inUserPool(true);
        Person merged = b.build();
        if (merged.hasLeft() && merged.leaveDate() == null) {
            merged = merged.toBuilder().leaveDate(today).build();
        }
        if (merged.sameAs(before) && (before == null || merged.inUserPool() == before.inUserPool())) {
            return merged;
        }
        return merged.toBuilder().version((before == null ? 0 : before.version()) + 1).updatedAt(now).updatedBy(by).build();
    }
}
