package io.itops.people;

import io.itops.shared.validation.Validator;
import java.util.regex.Pattern;

/** What a person record must satisfy, checked the same way for imports and the user-pool sync. */
final class PeopleRules {
    /** The caller id of every function (the JWT username / subject). */
    static final Pattern PERSON_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@+-]{0,127}");
    static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,189}");
    static final int MAX_IMPORT_ROWS = 1000;

    private PeopleRules() {}

    static void check(Validator v, String prefix, Person p) {
        v.required(prefix + "personId", p.personId())
                .pattern(prefix + "personId", p.personId(), PERSON_ID, "a user id (letters, digits, . _ @ + -)")
                .requiredText(prefix + "name", p.name(), 200)
                .text(prefix + "email", p.email(), 254)
                .pattern(prefix + "email", p.email(), EMAIL, "an email address")
                .text(prefix + "department", p.department(), 100)
                .pattern(prefix + "manager", p.manager(), PERSON_ID, "a user id")
                .text(prefix + "location", p.location(), 200)
                .rule(p.manager() == null || !p.manager().equals(p.personId()), prefix + "manager", "must not be the person themself")
                .rule(p.leaveDate() == null || p.startDate() == null || !p.leaveDate().isBefore(p.startDate()),
                        prefix + "leaveDate", "must not be before startDate");
    }
}
