package io.itops.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.itops.testing.TemplateChecks;
import io.itops.testing.TemplateModel;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScanTemplateTest {
    @Test
    void templateAndCodeAgree() {
        TemplateChecks.verify(ScanFixture.FUNCTION, SecurityScanHandler::new);
    }

    @Test
    void onlyTheStagesScannerKeysSecretIsReadable_andChatRuleMatchesOnlyOurCommands() {
        TemplateModel template = TemplateModel.load();
        TemplateModel.FunctionDef function = template.function(ScanFixture.FUNCTION);
        assertEquals(Map.of("Fn::Sub", "itops/${Stage}/scanners"), function.environment().get("SCANNER_KEYS_SECRET"));
        String policies = String.valueOf(function.properties().get("Policies"));
        assertTrue(policies.contains("secret:itops/${Stage}/scanners-??????"), policies);
        assertTrue(!policies.contains("Resource=*,") && !policies.contains("Resource=*}"), "no wildcard resource: " + policies);
        TemplateModel.Rule chat = function.rules().stream().filter(r -> r.logicalId().equals("ChatCommands")).findFirst().orElseThrow();
        assertEquals(List.of("itops.chat"), chat.pattern().get("source"));
        assertEquals(Map.of("command", List.of("scan", "findings")), chat.pattern().get("detail"));
        TemplateModel.Rule assets = function.rules().stream().filter(r -> r.logicalId().equals("AssetEvents")).findFirst().orElseThrow();
        assertEquals(List.of("itops.asset"), assets.pattern().get("source"));
    }
}
