package io.itops.people;

import java.util.List;

/** Bodies of the directory's routes. */
final class Requests {
    private Requests() {}

    record ImportRequest(List<PersonInput> rows) {}
}
