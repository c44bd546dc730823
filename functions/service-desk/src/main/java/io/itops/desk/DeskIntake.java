package io.itops.desk;

import com.fasterxml.jackson.databind.JsonNode;
import io.itops.shared.events.BusEvent;
import io.itops.shared.observability.Log;
import io.itops.shared.observability.Metrics;
import java.util.List;

/**
 * Tickets other functions cause: an asset fault reported in the register opens a hardware ticket
 * linked to the asset and its fault; a person joining or leaving opens an access ticket carrying the
 * configured checklist. Each cause opens one ticket however often its event arrives (the dispatcher
 * dedupes by event id, the ticket link by cause).
 */
final class DeskIntake {
    static final String FAULT_REPORTED = "AssetFaultReported";
    static final String PERSON_JOINED = "PersonJoined";
    static final String PERSON_LEFT = "PersonLeft";

    private final DeskService service;

    DeskIntake(DeskService service) {
        this.service = service;
    }

    void faultReported(BusEvent event) {
        JsonNode d = event.detail();
        String faultId = text(d, "faultId");
        String assetId = text(d, "assetId");
        String reportedBy = text(d, "reportedBy");
        if (faultId == null || assetId == null || reportedBy == null) {
            unreadable(event);
            return;
        }
        String tag = text(d, "assetTag");
        String summary = text(d, "summary");
        Level[] levels = levels(text(d, "severity"));
        String title = "Fault on " + (tag == null ? assetId : tag) + ": " + (summary == null ? "reported fault" : summary);
        Ticket draft = service.draft(clip(title, DeskService.MAX_TITLE), summary, Category.HARDWARE, levels[0], levels[1],
                Source.ASSET_FAULT, reportedBy, null, text(d, "department")).assetId(assetId).faultId(faultId).build();
        Ticket created = service.create(draft, new TicketLink("FAULT", faultId, null));
        Log.info("fault ticket", "faultId", faultId, "created", created != null);
    }

    void personJoined(BusEvent event) {
        person(event, Source.JOINER, "ONBOARD", service.config().onboarding(), "Onboarding: ", "Prepare everything for ");
    }

    void personLeft(BusEvent event) {
        person(event, Source.LEAVER, "OFFBOARD", service.config().offboarding(), "Offboarding: ", "Remove access and collect equipment of ");
    }

    private void person(BusEvent event, Source source, String kind, List<String> checklist, String titlePrefix, String what) {
        JsonNode p = event.detail().path("person");
        String personId = text(p, "personId");
        if (personId == null) {
            unreadable(event);
            return;
        }
        String name = text(p, "name") == null ? personId : text(p, "name");
        String date = text(p, source == Source.JOINER ? "startDate" : "leaveDate");
        String requester = text(p, "manager") == null ? personId : text(p, "manager");
        String description = what + name + (date == null ? "" : " (" + date + ")") + ":\n- " + String.join("\n- ", checklist);
        Ticket draft = service.draft(clip(titlePrefix + name + (date == null ? "" : " on " + date), DeskService.MAX_TITLE),
                        clip(description, DeskService.MAX_TEXT), Category.ACCESS, Level.MEDIUM,
                        source == Source.LEAVER ? Level.HIGH : Level.MEDIUM, source, requester, null, text(p, "department"))
                .personId(personId).checklist(checklist).build();
        Ticket created = service.create(draft, new TicketLink(kind, personId, null));
        Log.info("people ticket", "personId", personId, "kind", kind, "created", created != null);
    }

    /** A fault's severity as impact and urgency. */
    static Level[] levels(String severity) {
        return switch (severity == null ? "" : severity) {
            case "critical" -> new Level[] {Level.HIGH, Level.HIGH};
            case "high" -> new Level[] {Level.HIGH, Level.MEDIUM};
            case "low" -> new Level[] {Level.LOW, Level.LOW};
            default -> new Level[] {Level.MEDIUM, Level.MEDIUM};
        };
    }

    private static void unreadable(BusEvent event) {
        // retrying cannot help an event without what it is about; count it and let it go
        Log.warn("event without the fields a ticket needs", "detailType", event.detailType(), "id", event.dedupeId());
        Metrics.count("DeskEventsUnreadable");
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isTextual() && !v.asText().isBlank() ? v.asText() : null;
    }

    private static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
