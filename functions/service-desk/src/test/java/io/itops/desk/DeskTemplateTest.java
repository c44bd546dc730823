package io.itops.desk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.itops.testing.TemplateChecks;
import io.itops.testing.TemplateModel;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeskTemplateTest {
    @Test
    void templateAndCodeAgree() {
        TemplateChecks.verify(DeskFixture.FUNCTION, ServiceDeskHandler::new);
    }

    @Test
    void rulesMatchOnlyOurCommandsAndTheEventsWeConsume_andNoWildcardResource() {
        TemplateModel.FunctionDef function = TemplateModel.load().function(DeskFixture.FUNCTION);
        String policies = String.valueOf(function.properties().get("Policies"));
        assertTrue(!policies.contains("Resource=*,") && !policies.contains("Resource=*}"), "no wildcard resource: " + policies);
        TemplateModel.Rule chat = function.rules().stream().filter(r -> r.logicalId().equals("DeskChatCommands")).findFirst().orElseThrow();
        assertEquals(List.of("itops.chat"), chat.pattern().get("source"));
        assertEquals(Map.of("command", List.of("help-me", "report-phishing", "my-tickets")), chat.pattern().get("detail"));
        TemplateModel.Rule faults = function.rules().stream().filter(r -> r.logicalId().equals("AssetFaults")).findFirst().orElseThrow();
        assertEquals(List.of("itops.asset"), faults.pattern().get("source"));
        TemplateModel.Rule people = function.rules().stream().filter(r -> r.logicalId().equals("PeopleEvents")).findFirst().orElseThrow();
        assertEquals(List.of("itops.people"), people.pattern().get("source"));
        assertEquals(List.of("PersonJoined", "PersonLeft"), people.pattern().get("detail-type"));
    }
}
