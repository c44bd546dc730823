package io.itops.people;

import io.itops.shared.events.DomainEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a change of the directory tells the other functions (docs: the bus contract in
 * docs/table/people-directory.md): PersonJoined, PersonMoved (department or manager, with the
 * previous values), PersonLeft; each detail carries the person as they are now.
 */
final class PeopleEvents {
    static final String JOINED = "PersonJoined";
    static final String MOVED = "PersonMoved";
    static final String LEFT = "PersonLeft";

    private PeopleEvents() {}

    /** The events that tell the change from {@code before} (null: not in the directory) to {@code after}. */
    static List<DomainEvent> of(Person before, Person after) {
        List<DomainEvent> events = new ArrayList<>();
        boolean wasHere = before != null && !before.hasLeft();
        if (after.status() == PersonStatus.ACTIVE && !wasHere) {
            events.add(new DomainEvent(JOINED, Map.of("person", person(after))));
        } else if (wasHere && after.hasLeft()) {
            events.add(new DomainEvent(LEFT, Map.of("person", person(after))));
        } else if (wasHere && (!java.util.Objects.equals(before.department(), after.department())
                || !java.util.Objects.equals(before.manager(), after.manager()))) {
            Map<String, Object> previous = new LinkedHashMap<>();
            previous.put("department", before.department());
            previous.put("manager", before.manager());
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("person", person(after));
            detail.put("previous", previous);
            events.add(new DomainEvent(MOVED, detail));
        }
        return events;
    }

    static Map<String, Object> person(Person p) {
        Map<String, Object> person = new LinkedHashMap<>();
        person.put("personId", p.personId());
        person.put("name", p.name());
        person.put("email", p.email());
        person.put("department", p.department());
        person.put("manager", p.manager());
        person.put("location", p.location());
        person.put("status", p.status().toString());
        person.put("startDate", p.startDate() == null ? null : p.startDate().toString());
        person.put("leaveDate", p.leaveDate() == null ? null : p.leaveDate().toString());
        return person;
    }
}
