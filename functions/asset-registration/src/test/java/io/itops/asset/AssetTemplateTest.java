package io.itops.asset;

import io.itops.testing.TemplateChecks;
import org.junit.jupiter.api.Test;

class AssetTemplateTest {
    @Test
    void templateAndCodeAgree() {
        TemplateChecks.verify("AssetRegistrationFunction", AssetRegistrationHandler::new);
    }
}
