package io.itops.training;

import io.itops.testing.TemplateChecks;
import org.junit.jupiter.api.Test;

class TrainingTemplateTest {
    @Test
    void templateAndCodeAgree() {
        TemplateChecks.verify("TrainingEnrolmentFunction", TrainingEnrolmentHandler::new);
    }
}
