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
}
