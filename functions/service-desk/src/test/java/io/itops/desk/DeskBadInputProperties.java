package io.itops.desk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.itops.testing.BadInput;
import io.itops.testing.HttpEvent;
import io.itops.testing.Invoker;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.BeforeContainer;

/** Every route with a body refuses bad bodies with a 4xx naming the field, and writes nothing. */
class DeskBadInputProperties {
    private static final int MAX_BODY = 262_144;
    private static DeskFixture fx;
    private static String ticketId;
    private static String incidentId;
    private static int itemsBefore;

    @BeforeContainer
    static void setUp() {
        fx = new DeskFixture();
        ticketId = fx.openVpn().path("ticketId").asText();
        fx.action(DeskFixture.SAM, ticketId, "take", null);
        incidentId = fx.call(HttpEvent.of("POST /incidents").as(DeskFixture.SAM)
                .body(Map.of("title", "Malware on a laptop", "severity", "high", "category", "malware"))).body().path("incidentId").asText();
        itemsBefore = fx.system.items().size();
    }

    private static void refused(BadInput.Case bad, HttpEvent event) {
        Invoker.Response response = fx.invoker.call(bad.applyTo(event));
        BadInput.assertRefused(bad, response);
        assertEquals(itemsBefore, fx.system.items().size(), "nothing written");
    }

    @Property(tries = 200)
    void newTicketsRefuseBadBodies(@ForAll("tickets") BadInput.Case bad) {
        refused(bad, HttpEvent.of("POST /tickets").as(DeskFixture.EMMA));
    }

    @Property(tries = 120)
    void assignRefusesBadBodies(@ForAll("assign") BadInput.Case bad) {
        refused(bad, HttpEvent.of("POST /tickets/{ticketId}/assign").path("ticketId", ticketId).as(DeskFixture.SAM));
    }

    @Property(tries = 150)
    void statusChangesRefuseBadBodies(@ForAll("status") BadInput.Case bad) {
        refused(bad, HttpEvent.of("POST /tickets/{ticketId}/status").path("ticketId", ticketId).as(DeskFixture.SAM));
    }

    @Property(tries = 120)
    void reopenRefusesBadBodies(@ForAll("reopen") BadInput.Case bad) {
        refused(bad, HttpEvent.of("POST /tickets/{ticketId}/reopen").path("ticketId", ticketId).as(DeskFixture.EMMA));
    }

    @Property(tries = 150)
    void commentsRefuseBadBodies(@ForAll("comments") BadInput.Case bad) {
        refused(bad, HttpEvent.of("POST /tickets/{ticketId}/comments").path("ticketId", ticketId).as(DeskFixture.SAM));
    }

    @Provide
    Arbitrary<BadInput.Case> tickets() {
        return BadInput.bodies(Map.of("title", "VPN down", "description", "Since 9", "category", "network", "impact", "high",
                "urgency", "low", "assetId", "01JB2Z5V3QK8N6R4T7W9X0Y1Z2"), Set.of("title", "category"), MAX_BODY);
    }

    @Provide
    Arbitrary<BadInput.Case> assign() {
        return BadInput.bodies(Map.of("assignee", "tara.staff"), Set.of(), MAX_BODY);
    }

    @Provide
    Arbitrary<BadInput.Case> status() {
        return BadInput.bodies(Map.of("status", "in-progress"), Set.of("status"), MAX_BODY);
    }

    @Provide
    Arbitrary<BadInput.Case> reopen() {
        return BadInput.bodies(Map.of("reason", "Still broken"), Set.of("reason"), MAX_BODY);
    }

    @Provide
    Arbitrary<BadInput.Case> comments() {
        return BadInput.bodies(Map.of("text", "Try again", "internal", true), Set.of("text"), MAX_BODY);
    }

    @Property(tries = 150)
    void newIncidentsRefuseBadBodies(@ForAll("incidents") BadInput.Case bad) {
        refused(bad, HttpEvent.of("POST /incidents").as(DeskFixture.SAM));
    }

    @Property(tries = 100)
    void escalationsRefuseBadBodies(@ForAll("escalations") BadInput.Case bad) {
        refused(bad, HttpEvent.of("POST /tickets/{ticketId}/escalate").path("ticketId", ticketId).as(DeskFixture.SAM));
    }

    @Property(tries = 100)
    void timelineEntriesRefuseBadBodies(@ForAll("timeline") BadInput.Case bad) {
        refused(bad, HttpEvent.of("POST /incidents/{incidentId}/timeline").path("incidentId", incidentId).as(DeskFixture.SAM));
    }

    @Property(tries = 100)
    void actionItemsRefuseBadBodies(@ForAll("actions") BadInput.Case bad) {
        refused(bad, HttpEvent.of("POST /incidents/{incidentId}/actions").path("incidentId", incidentId).as(DeskFixture.SAM));
    }

    @Property(tries = 100)
    void investigationsRefuseBadBodies(@ForAll("investigation") BadInput.Case bad) {
        refused(bad, HttpEvent.of("POST /incidents/{incidentId}/investigation").path("incidentId", incidentId).as(DeskFixture.SAM));
    }

    @Provide
    Arbitrary<BadInput.Case> incidents() {
        return BadInput.bodies(Map.of("title", "Ransomware note on a file share", "description", "Found at 08:10", "severity", "critical",
                "category", "malware", "affectedAssets", java.util.List.of("01JB2Z5V3QK8N6R4T7W9X0Y1Z2"), "owner", "sam.staff",
                "detectedAt", "2026-11-30T08:10:00Z", "externalReporting", true), Set.of("title", "severity", "category"), MAX_BODY);
    }

    @Provide
    Arbitrary<BadInput.Case> escalations() {
        return BadInput.bodies(Map.of("severity", "high", "category", "phishing", "externalReporting", false), Set.of("severity"), MAX_BODY);
    }

    @Provide
    Arbitrary<BadInput.Case> timeline() {
        return BadInput.bodies(Map.of("type", "contained", "at", "2026-12-01T01:00:00Z", "note", "Isolated"), Set.of("type"), MAX_BODY);
    }

    @Provide
    Arbitrary<BadInput.Case> actions() {
        return BadInput.bodies(Map.of("kind", "corrective", "text", "Reimage", "owner", "tara.staff", "dueOn", "2026-12-10"),
                Set.of("kind", "text", "owner", "dueOn"), MAX_BODY);
    }

    @Provide
    Arbitrary<BadInput.Case> investigation() {
        return BadInput.bodies(Map.of("findings", "Macro in an invoice", "rootCause", "Macros enabled"), Set.of(), MAX_BODY);
    }
}
