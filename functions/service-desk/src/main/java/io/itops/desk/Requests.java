package io.itops.desk;

/** Bodies the ticket routes accept. Null means "not given"; the service decides what is required. */
public final class Requests {
    private Requests() {}

    /** POST /tickets. Impact and urgency default to medium. */
    public record NewTicket(String title, String description, Category category, Level impact, Level urgency, String assetId) {}

    /** POST /tickets/{ticketId}/assign: to this staff member, or, without one, to the category's queue. */
    public record AssignRequest(String assignee) {}

    /** POST /tickets/{ticketId}/status. Resolving needs a resolution; resolveFault resolves the linked asset fault too. */
    public record StatusRequest(TicketStatus status, String resolution, Boolean resolveFault) {}

    /** POST /tickets/{ticketId}/reopen (the requester, within the reopen window). */
    public record ReopenRequest(String reason) {}

    /** POST /tickets/{ticketId}/comments. Internal notes are for IT staff only. */
    public record CommentRequest(String text, Boolean internal) {}

    /** POST /incidents (staff). The timeline starts with detected (now unless given) and reported (now). */
    public record NewIncident(String title, String description, IncidentSeverity severity, IncidentCategory category,
                              java.util.List<String> affectedAssets, String owner, java.time.Instant detectedAt, Boolean externalReporting) {}

    /** POST /tickets/{ticketId}/escalate (staff): the ticket becomes a security incident. */
    public record EscalateRequest(IncidentSeverity severity, IncidentCategory category, Boolean externalReporting) {}

    /** POST /incidents/{incidentId}/timeline. */
    public record TimelineRequest(TimelineType type, java.time.Instant at, String note) {}

    /** POST /incidents/{incidentId}/actions. */
    public record ActionRequest(ActionKind kind, String text, String owner, java.time.LocalDate dueOn) {}

    /** POST /incidents/{incidentId}/investigation: findings and root cause as known so far; reportedExternally records the external report. */
    public record InvestigationRequest(String findings, String rootCause, Boolean reportedExternally) {}
}
