package io.itops.people;

import io.itops.testing.TemplateChecks;
import org.junit.jupiter.api.Test;

class PeopleTemplateTest {
    @Test
    void templateAndCodeAgree() {
        TemplateChecks.verify("PeopleDirectoryFunction", PeopleDirectoryHandler::new);
    }
}
