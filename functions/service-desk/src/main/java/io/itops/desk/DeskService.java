package io.itops.desk;

import io.itops.desk.Requests.AssignRequest;
import io.itops.desk.Requests.CommentRequest;
import io.itops.desk.Requests.NewTicket;
import io.itops.desk.Requests.ReopenRequest;
import io.itops.desk.Requests.StatusRequest;
import io.itops.desk.Views.TicketView;
import io.itops.shared.auth.Caller;
import io.itops.shared.error.ApiException;
import io.itops.shared.events.DomainEvent;
import io.itops.shared.events.EventSink;
import io.itops.shared.observability.Log;
import io.itops.shared.store.Ids;
import io.itops.shared.store.Page;
import io.itops.shared.validation.Validator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The service desk's ticket rules over the store: raising tickets (API, chat, asset faults, joiners
 * and leavers), who may see what (a requester sees only their own tickets and never internal notes;
 * any other employee is told the ticket does not exist), assignment, the status flow with its SLA
 * clock, comments and their notices, reopening, and the SLA and auto-close sweeps.
 */
final class DeskService {
    static final Pattern ID = Pattern.compile("[0-9A-HJKMNP-TV-Z]{26}");
    static final Pattern USER = Pattern.compile("[\\p{L}\\p{N}._@-]{1,128}");
    static final int MAX_TITLE = 200;
    static final int MAX_TEXT = 4000;

    private final TicketStore store;
    private final EventSink events;
    private final Clock clock;
    private final DeskConfig config;

    DeskService(TicketStore store, EventSink events, Clock clock, DeskConfig config) {
        this.store = store;
        this.events = events;
        this.clock = clock;
        this.config = config;
    }

    DeskConfig config() {
        return config;
    }

    TicketStore store() {
        return store;
    }

    EventSink events() {
        return events;
    }

    // ------------------------------------------------------------------ raising

    TicketView open(NewTicket in, Caller caller, Source source) {
        Validator v = Validator.check()
                .requiredText("title", in.title(), MAX_TITLE)
                .text("description", in.description(), MAX_TEXT)
                .required("category", in.category())
                .pattern("assetId", in.assetId(), ID, "an asset id (a ULID)");
        v.validate();
        Ticket ticket = draft(in.title(), in.description(), in.category(), orMedium(in.impact()), orMedium(in.urgency()), source,
                caller.userId(), caller.name(), caller.department()).assetId(in.assetId()).build();
        Ticket created = create(ticket, null);
        return view(created, null);
    }

    private static Level orMedium(Level level) {
        return level == null ? Level.MEDIUM : level;
    }

    /** A new ticket's fields; the number and version are given by {@link #create}. */
    Ticket.Builder draft(String title, String description, Category category, Level impact, Level urgency, Source source,
                         String requester, String requesterName, String department) {
        Instant now = clock.instant();
        return Ticket.builder().ticketId(Ids.ulid(clock)).title(title).description(description).category(category)
                .impact(impact).urgency(urgency).priority(config.priority(impact, urgency)).status(TicketStatus.NEW).source(source)
                .requester(requester).requesterName(requesterName).department(department)
                .createdAt(now).updatedAt(now).statusSince(now).slaRunningSince(now).version(1L);
    }

    /**
     * Numbers and writes a new ticket, assigning it to its category's queue when one is configured.
     * With {@code link}, returns null when that cause already has its ticket.
     */
    Ticket create(Ticket draft, TicketLink link) {
        Instant now = clock.instant();
        Ticket.Builder b = draft.toBuilder().number(String.format(Locale.ROOT, "SD-%06d", store.nextNumber()));
        String queue = config.queues().get(draft.category());
        if (queue != null) {
            b.assignee(queue).status(TicketStatus.ASSIGNED);
        }
        Ticket ticket = TicketRules.stamp(b.build(), now, config);
        if (!store.create(ticket, link == null ? null : new TicketLink(link.kind(), link.subjectId(), ticket.ticketId()))) {
            return null;
        }
        // to the assignee, or, with nobody assigned yet, to the IT staff channel
        events.publish(ticket.assignee() != null ? DeskEvents.assignedNotice(ticket) : DeskEvents.openedNotice(ticket));
        Log.info("ticket opened", "ticketId", ticket.ticketId(), "source", ticket.source().toString());
        return ticket;
    }

    // ------------------------------------------------------------------ reading

    TicketView ticket(String ticketId, Caller caller) {
        Ticket t = visible(ticketId, caller);
        List<Comment> comments = store.comments(ticketId).stream().filter(c -> caller.isStaff() || !c.internal()).toList();
        return view(t, comments);
    }

    /** The ticket, if the caller may see it: IT staff, or its requester. Anyone else: it does not exist. */
    private Ticket visible(String ticketId, Caller caller) {
        Ticket t = store.ticket(ticketId).orElseThrow(() -> new ApiException.NotFound("ticket", ticketId));
        if (!caller.isStaff() && !t.requester().equals(caller.userId())) {
            throw new ApiException.NotFound("ticket", ticketId);
        }
        return t;
    }

    Page<TicketView> mine(Caller caller, int limit, String cursor) {
        Instant now = clock.instant();
        return store.byRequester(caller.userId(), limit, cursor).map(t -> view(t, now, null));
    }

    Page<TicketView> queue(TicketFilter filter, int limit, String cursor) {
        Instant now = clock.instant();
        return store.queue(filter, now, limit, cursor).map(t -> view(t, now, null));
    }

    private TicketView view(Ticket t, List<Comment> comments) {
        return view(t, clock.instant(), comments);
    }

    private TicketView view(Ticket t, Instant now, List<Comment> comments) {
        return new TicketView(t, TicketRules.sla(t, now, config), comments);
    }

    // ------------------------------------------------------------------ working a ticket

    /** Assigns to a named staff member, or without one to the category's queue. */
    TicketView assign(String ticketId, AssignRequest in, Caller caller) {
        Validator.check().pattern("assignee", in.assignee(), USER, "a user id").validate();
        Ticket before = existing(ticketId);
        String assignee = in.assignee() != null ? in.assignee() : config.queues().get(before.category());
        if (assignee == null) {
            throw ApiException.Invalid.field("assignee", "is required: category " + before.category() + " has no queue");
        }
        return assignTo(before, assignee);
    }

    /** The caller takes an unassigned ticket; of two taking it at once, one wins and the other gets 409. */
    TicketView take(String ticketId, Caller caller) {
        Ticket before = existing(ticketId);
        if (before.assignee() != null) {
            throw new ApiException.Conflict("ALREADY_ASSIGNED", "The ticket is assigned to " + before.assignee() + ".");
        }
        return assignTo(before, caller.userId());
    }

    private TicketView assignTo(Ticket before, String assignee) {
        if (!before.status().open()) {
            throw new ApiException.Conflict("TICKET_CLOSED", "A " + before.status() + " ticket cannot be assigned.");
        }
        Instant now = clock.instant();
        Ticket moved = before.status() == TicketStatus.NEW ? TicketRules.moveTo(before, TicketStatus.ASSIGNED, now, config.clock()) : before;
        Ticket after = TicketRules.stamp(moved.toBuilder().assignee(assignee).updatedAt(now).version(before.version() + 1).build(), now, config);
        store.replace(after, before.version());
        if (!assignee.equals(before.assignee())) {
            events.publish(DeskEvents.assignedNotice(after));
        }
        return view(after, null);
    }

    TicketView changeStatus(String ticketId, StatusRequest in, Caller caller) {
        Validator v = Validator.check().required("status", in.status());
        if (in.status() == TicketStatus.RESOLVED) {
            v.requiredText("resolution", in.resolution(), MAX_TEXT);
        } else {
            v.text("resolution", in.resolution(), MAX_TEXT);
        }
        v.rule(in.resolveFault() == null || in.status() == TicketStatus.RESOLVED, "resolveFault", "applies only when resolving");
        v.validate();
        Ticket before = existing(ticketId);
        if (!TicketRules.canMove(before.status(), in.status())) {
            throw new ApiException.Conflict("STATUS_FLOW", "A ticket cannot go from " + before.status() + " to " + in.status() + ".");
        }
        if (Boolean.TRUE.equals(in.resolveFault()) && before.faultId() == null) {
            throw ApiException.Invalid.field("resolveFault", "the ticket has no linked asset fault");
        }
        Instant now = clock.instant();
        Ticket.Builder b = TicketRules.moveTo(before, in.status(), now, config.clock()).toBuilder().version(before.version() + 1);
        if (in.status() == TicketStatus.RESOLVED) {
            b.resolution(in.resolution()).resolvedBy(caller.userId()).resolvedAt(now).resolveFault(Boolean.TRUE.equals(in.resolveFault()));
            if (before.assignee() == null) {
                b.assignee(caller.userId());
            }
        }
        if (in.status() == TicketStatus.CLOSED) {
            b.closedAt(now);
        }
        Ticket after = TicketRules.stamp(b.build(), now, config);
        store.replace(after, before.version());
        if (after.status() == TicketStatus.RESOLVED) {
            events.publish(List.of(DeskEvents.resolved(after), DeskEvents.resolvedNotice(after)));
        }
        return view(after, null);
    }

    /** The requester reopens a resolved ticket within the window: back in progress, the clock running again. */
    TicketView reopen(String ticketId, ReopenRequest in, Caller caller) {
        Validator.check().requiredText("reason", in.reason(), MAX_TEXT).validate();
        Ticket before = visible(ticketId, caller);
        if (!before.requester().equals(caller.userId())) {
            throw new ApiException.Forbidden("Only the requester reopens a ticket; staff move it with /status.");
        }
        Instant now = clock.instant();
        TicketRules.checkReopen(before, now, config.reopenDays());
        Ticket moved = TicketRules.moveTo(before, TicketStatus.IN_PROGRESS, now, config.clock());
        Ticket after = TicketRules.stamp(moved.toBuilder().reopenCount(before.reopenCount() + 1).resolvedAt(null).resolution(null)
                .resolvedBy(null).resolveFault(false).version(before.version() + 1).build(), now, config);
        Comment note = new Comment(ticketId, Ids.ulid(clock), caller.userId(), caller.name(), false, false,
                "Reopened: " + in.reason(), now);
        store.replaceWithComment(after, before.version(), note);
        return view(after, null);
    }

    /**
     * A comment. The requester's are always public, and one sent while the ticket waits on them puts
     * it back in progress (the clock runs again). Staff public replies notify the requester; the first
     * is the first response. Internal notes change nothing the requester can see.
     */
    Comment comment(String ticketId, CommentRequest in, Caller caller) {
        Validator.check().requiredText("text", in.text(), MAX_TEXT)
                .rule(!Boolean.TRUE.equals(in.internal()) || caller.isStaff(), "internal", "only IT staff write internal notes")
                .validate();
        Ticket before = visible(ticketId, caller);
        if (before.status() == TicketStatus.CLOSED) {
            throw new ApiException.Conflict("TICKET_CLOSED", "A closed ticket takes no comments; raise a new ticket.");
        }
        Instant now = clock.instant();
        boolean requester = before.requester().equals(caller.userId());
        boolean staffReply = caller.isStaff() && !requester;
        boolean internal = Boolean.TRUE.equals(in.internal());
        Comment comment = new Comment(ticketId, Ids.ulid(clock), caller.userId(), caller.name(), staffReply, internal, in.text(), now);
        Ticket after;
        if (!staffReply && before.status() == TicketStatus.WAITING_ON_REQUESTER) {
            after = TicketRules.moveTo(before, TicketStatus.IN_PROGRESS, now, config.clock());
        } else if (staffReply && !internal) {
            after = TicketRules.replied(before, now, config.clock());
        } else {
            after = before.toBuilder().updatedAt(now).build();
        }
        after = TicketRules.stamp(after.toBuilder().version(before.version() + 1).build(), now, config);
        store.replaceWithComment(after, before.version(), comment);
        if (staffReply && !internal) {
            events.publish(DeskEvents.replyNotice(after, comment));
        }
        return comment;
    }

    private Ticket existing(String ticketId) {
        return store.ticket(ticketId).orElseThrow(() -> new ApiException.NotFound("ticket", ticketId));
    }

    // ------------------------------------------------------------------ sweeps

    /**
     * Warns assignees of tickets close to a target and tells the IT lead of each breach, once per
     * ticket and target; a ticket changed meanwhile is left for the next sweep. Returns the alerts sent.
     */
    int slaSweep() {
        Instant now = clock.instant();
        List<Ticket> open = new ArrayList<>();
        for (TicketStatus status : List.of(TicketStatus.NEW, TicketStatus.ASSIGNED, TicketStatus.IN_PROGRESS)) {
            store.inStatus(status, now, open::add);
        }
        int sent = 0;
        for (Ticket t : open) {
            TicketRules.Alert alert = TicketRules.alert(t, now, config);
            if (alert == null) {
                continue;
            }
            Ticket after = TicketRules.marked(t, alert, now, config).toBuilder().version(t.version() + 1).build();
            try {
                store.replace(after, t.version());
            } catch (ApiException.Conflict changed) {
                continue;
            }
            events.publish(DeskEvents.alert(after, alert, TicketRules.sla(after, now, config), config.itLead()));
            sent++;
        }
        Log.info("sla sweep", "open", open.size(), "alerts", sent);
        return sent;
    }

    /** Closes tickets resolved more than the reopen window ago. Returns how many closed. */
    int autoClose() {
        Instant now = clock.instant();
        List<Ticket> due = new ArrayList<>();
        store.inStatus(TicketStatus.RESOLVED, now.minus(Duration.ofDays(config.reopenDays())), due::add);
        int closed = 0;
        for (Ticket t : due) {
            Ticket after = TicketRules.stamp(TicketRules.moveTo(t, TicketStatus.CLOSED, now, config.clock()).toBuilder()
                    .closedAt(now).version(t.version() + 1).build(), now, config);
            try {
                store.replace(after, t.version());
                closed++;
            } catch (ApiException.Conflict changed) {
                // reopened or closed meanwhile: the next run sees its new state
            }
        }
        Log.info("auto-close", "closed", closed);
        return closed;
    }

    void publish(List<DomainEvent> out) {
        events.publish(out);
    }
}
