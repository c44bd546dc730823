package io.itops.desk;

import io.itops.desk.Requests.ActionRequest;
import io.itops.desk.Requests.EscalateRequest;
import io.itops.desk.Requests.InvestigationRequest;
import io.itops.desk.Requests.NewIncident;
import io.itops.desk.Requests.TimelineRequest;
import io.itops.shared.auth.Caller;
import io.itops.shared.error.ApiException;
import io.itops.shared.events.BusEvent;
import io.itops.shared.events.DomainEvent;
import io.itops.shared.events.EventSink;
import io.itops.shared.events.Notice;
import io.itops.shared.observability.Log;
import io.itops.shared.store.Ids;
import io.itops.shared.store.Page;
import io.itops.shared.validation.Validator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Security incidents: opened by staff, escalated from a ticket (once), or opened by a FindingOpened
 * the configured rule matches (once per finding); the timeline, the investigation and its action
 * items, and the sweep that tells owners of overdue actions and due reviews and the IT lead of
 * external reports falling due.
 */
final class IncidentService {
    static final String INCIDENT_OPENED = "IncidentOpened";
    static final String ACTION_OVERDUE = "IncidentActionOverdue";
    static final String REVIEW_DUE = "IncidentReviewDue";
    static final String EXTERNAL_REPORT_DUE = "IncidentExternalReportDue";
    static final int MAX_ASSETS = 50;

    /** An incident as read: derived stage and times, and what is overdue today. */
    record IncidentView(@com.fasterxml.jackson.annotation.JsonUnwrapped Incident incident, TimelineType stage,
                        Long minutesToContain, Long minutesToRecover, int overdueActions, boolean reviewDue, boolean externalReportDue) {}

    private final IncidentStore store;
    private final TicketStore tickets;
    private final EventSink events;
    private final Clock clock;
    private final IncidentConfig config;
    private final ZoneId zone;
    private final String itLead;

    IncidentService(IncidentStore store, TicketStore tickets, EventSink events, Clock clock, IncidentConfig config, DeskConfig desk) {
        this.store = store;
        this.tickets = tickets;
        this.events = events;
        this.clock = clock;
        this.config = config;
        this.zone = desk.clock().zone();
        this.itLead = desk.itLead();
    }

    IncidentView open(NewIncident in, Caller caller) {
        Instant now = clock.instant();
        Validator v = Validator.check().requiredText("title", in.title(), DeskService.MAX_TITLE)
                .text("description", in.description(), DeskService.MAX_TEXT)
                .required("severity", in.severity()).required("category", in.category())
                .size("affectedAssets", in.affectedAssets(), MAX_ASSETS)
                .pattern("owner", in.owner(), DeskService.USER, "a user id")
                .rule(in.detectedAt() == null || !in.detectedAt().isAfter(now), "detectedAt", "must not be in the future");
        if (in.affectedAssets() != null) {
            for (int k = 0; k < in.affectedAssets().size(); k++) {
                String id = in.affectedAssets().get(k);
                v.rule(id != null && DeskService.ID.matcher(id).matches(), "affectedAssets[" + k + "]", "must be an asset id (a ULID)");
            }
        }
        v.validate();
        Instant detected = in.detectedAt() == null ? now : in.detectedAt();
        Incident draft = draft(in.title(), in.description(), in.severity(), in.category(),
                in.affectedAssets() == null ? List.of() : List.copyOf(in.affectedAssets()),
                in.owner() == null ? caller.userId() : in.owner(), detected, now, caller.userId(), Boolean.TRUE.equals(in.externalReporting()))
                .build();
        return view(created(draft, null));
    }

    /** The ticket becomes an incident; a ticket escalates once (409 naming the incident after). */
    IncidentView escalate(String ticketId, EscalateRequest in, Caller caller) {
        Validator.check().required("severity", in.severity()).validate();
        Ticket t = tickets.ticket(ticketId).orElseThrow(() -> new ApiException.NotFound("ticket", ticketId));
        Instant now = clock.instant();
        IncidentCategory category = in.category() != null ? in.category()
                : t.category() == Category.SECURITY ? IncidentCategory.PHISHING : IncidentCategory.OTHER;
        Incident draft = draft(t.title(), t.description(), in.severity(), category, t.assetId() == null ? List.of() : List.of(t.assetId()),
                caller.userId(), t.createdAt(), t.createdAt(), t.requester(), Boolean.TRUE.equals(in.externalReporting()))
                .ticketId(ticketId).build();
        Incident created = created(draft, new TicketLink("ESCALATED", ticketId, draft.incidentId()));
        if (created == null) {
            throw new ApiException.Conflict("ALREADY_ESCALATED", "The ticket was escalated already.", Map.of("ticketId", ticketId));
        }
        return view(created);
    }

    /** A FindingOpened the rule matches opens one incident per finding (reopening it opens none). */
    void findingOpened(BusEvent event) {
        var d = event.detail();
        String findingId = d.path("findingId").asText(null);
        String severity = d.path("severity").asText(null);
        if (findingId == null || !config.opensIncident(severity, d.path("profile").asText(null))) {
            return;
        }
        Instant now = clock.instant();
        String tag = d.path("assetTag").asText("?");
        String assetId = d.path("assetId").asText(null);
        String title = "Security finding on " + tag + ": " + d.path("ruleId").asText("") + " " + d.path("title").asText("");
        Incident draft = draft(title.length() > DeskService.MAX_TITLE ? title.substring(0, DeskService.MAX_TITLE) : title,
                "Opened by the rule on security-scan findings (" + severity + ", " + d.path("profile").asText() + ").",
                IncidentSeverity.parse(severity.toLowerCase(Locale.ROOT).equals("info") ? "low" : severity), IncidentCategory.UNAUTHORISED_ACCESS,
                assetId != null && DeskService.ID.matcher(assetId).matches() ? List.of(assetId) : List.of(),
                itLead, now, now, "security-scan", false).findingId(findingId).build();
        Incident created = created(draft, new TicketLink("FINDING", findingId, draft.incidentId()));
        Log.info("incident from finding", "findingId", findingId, "created", created != null);
    }

    private Incident.Builder draft(String title, String description, IncidentSeverity severity, IncidentCategory category,
                                   List<String> assets, String owner, Instant detected, Instant reported, String reportedBy,
                                   boolean external) {
        Instant now = clock.instant();
        return Incident.builder().incidentId(Ids.ulid(clock)).title(title).description(description).severity(severity).category(category)
                .affectedAssets(assets).owner(owner).timeline(List.of(new Incident.Entry(TimelineType.DETECTED, detected, null, reportedBy),
                        new Incident.Entry(TimelineType.REPORTED, reported.isBefore(detected) ? detected : reported, null, reportedBy)))
                .actions(List.of()).externalReporting(external).externalDeadline(external ? detected.plus(config.externalReportWithin()) : null)
                .createdBy(reportedBy).createdAt(now).updatedAt(now).version(1L);
    }

    /** Numbers and writes; null when the link was claimed already. */
    private Incident created(Incident draft, TicketLink link) {
        Incident incident = draft.toBuilder().number(String.format(Locale.ROOT, "IR-%06d", store.nextNumber())).build();
        if (store.create(incident, link).isPresent()) {
            return null;
        }
        Map<String, Object> detail = new java.util.LinkedHashMap<>();
        detail.put("incidentId", incident.incidentId());
        detail.put("number", incident.number());
        detail.put("severity", incident.severity().toString());
        detail.put("category", incident.category().toString());
        detail.put("affectedAssets", incident.affectedAssets());
        detail.put("ticketId", incident.ticketId());
        detail.put("findingId", incident.findingId());
        events.publish(List.of(new DomainEvent(INCIDENT_OPENED, detail), new Notice(INCIDENT_OPENED, incident.incidentId(),
                incident.owner() == null ? List.of() : List.of(incident.owner()), null,
                "Security incident " + incident.number() + " (" + incident.severity() + ", " + incident.category() + ") opened: " + incident.title(),
                "安全事件 " + incident.number() + "（" + incident.severity() + "，" + incident.category() + "）已创建：" + incident.title()).event()));
        return incident;
    }

    IncidentView incident(String incidentId) {
        return view(existing(incidentId));
    }

    Page<IncidentView> list(int limit, String cursor) {
        return store.list(limit, cursor).map(this::view);
    }

    IncidentView addEntry(String incidentId, TimelineRequest in, Caller caller) {
        Instant now = clock.instant();
        Validator.check().required("type", in.type()).text("note", in.note(), DeskService.MAX_TEXT)
                .rule(in.at() == null || !in.at().isAfter(now), "at", "must not be in the future").validate();
        Incident before = existing(incidentId);
        Incident after = IncidentRules.add(before, new Incident.Entry(in.type(), in.at() == null ? now : in.at(), in.note(), caller.userId()),
                config, zone);
        return replace(before, after.toBuilder());
    }

    IncidentView addAction(String incidentId, ActionRequest in, Caller caller) {
        Validator.check().required("kind", in.kind()).requiredText("text", in.text(), DeskService.MAX_TEXT)
                .required("owner", in.owner()).pattern("owner", in.owner(), DeskService.USER, "a user id")
                .required("dueOn", in.dueOn()).validate();
        Incident before = existing(incidentId);
        if (before.actions().size() >= 100) {
            throw new ApiException.Conflict("TOO_MANY_ACTIONS", "An incident holds at most 100 action items.");
        }
        List<Incident.Action> actions = new ArrayList<>(before.actions());
        actions.add(new Incident.Action(Ids.ulid(clock), in.kind(), in.text(), in.owner(), in.dueOn(), false, null, false));
        return replace(before, before.toBuilder().actions(actions));
    }

    IncidentView completeAction(String incidentId, String actionId) {
        Incident before = existing(incidentId);
        List<Incident.Action> actions = new ArrayList<>();
        boolean found = false;
        for (Incident.Action a : before.actions()) {
            if (a.actionId().equals(actionId)) {
                found = true;
                if (a.done()) {
                    throw new ApiException.Conflict("ACTION_DONE", "The action item is done already.");
                }
                a = new Incident.Action(a.actionId(), a.kind(), a.text(), a.owner(), a.dueOn(), true, clock.instant(), a.overdueNotified());
            }
            actions.add(a);
        }
        if (!found) {
            throw new ApiException.NotFound("action item", actionId);
        }
        return replace(before, before.toBuilder().actions(actions));
    }

    IncidentView investigate(String incidentId, InvestigationRequest in) {
        Validator.check().text("findings", in.findings(), DeskService.MAX_TEXT).text("rootCause", in.rootCause(), DeskService.MAX_TEXT)
                .rule(in.findings() != null || in.rootCause() != null || in.reportedExternally() != null, "body", "nothing to record")
                .validate();
        Incident before = existing(incidentId);
        Incident.Builder b = before.toBuilder();
        if (in.findings() != null) b.findings(in.findings());
        if (in.rootCause() != null) b.rootCause(in.rootCause());
        if (Boolean.TRUE.equals(in.reportedExternally())) {
            if (!before.externalReporting()) {
                throw ApiException.Invalid.field("reportedExternally", "the incident is not flagged for external reporting");
            }
            b.externalReportedAt(clock.instant());
        }
        return replace(before, b);
    }

    private IncidentView replace(Incident before, Incident.Builder after) {
        Incident written = after.updatedAt(clock.instant()).version(before.version() + 1).build();
        store.replace(written, before.version());
        return view(written);
    }

    private Incident existing(String incidentId) {
        return store.incident(incidentId).orElseThrow(() -> new ApiException.NotFound("incident", incidentId));
    }

    IncidentView view(Incident i) {
        Instant now = clock.instant();
        LocalDate today = now.atZone(zone).toLocalDate();
        Instant detected = i.at(TimelineType.DETECTED);
        return new IncidentView(i, IncidentRules.stage(i), IncidentRules.minutesBetween(detected, i.at(TimelineType.CONTAINED)),
                IncidentRules.minutesBetween(detected, i.at(TimelineType.RECOVERED)),
                (int) i.actions().stream().filter(a -> IncidentRules.overdue(a, today)).count(),
                IncidentRules.reviewDue(i, today), IncidentRules.externalDue(i, now));
    }

    /** Tells owners of overdue actions and due reviews, and the IT lead of external reports due within a day; each once. */
    int sweep() {
        Instant now = clock.instant();
        LocalDate today = now.atZone(zone).toLocalDate();
        List<Incident> watched = new ArrayList<>();
        store.active(watched::add);
        int sent = 0;
        for (Incident i : watched) {
            List<DomainEvent> out = new ArrayList<>();
            List<Incident.Action> actions = new ArrayList<>();
            for (Incident.Action a : i.actions()) {
                if (IncidentRules.overdue(a, today) && !a.overdueNotified()) {
                    out.add(new Notice(ACTION_OVERDUE, i.incidentId(), List.of(a.owner()), null,
                            "Overdue action on incident " + i.number() + " (due " + a.dueOn() + "): " + a.text(),
                            "安全事件 " + i.number() + " 的整改事项已逾期（截止 " + a.dueOn() + "）：" + a.text()).event());
                    a = new Incident.Action(a.actionId(), a.kind(), a.text(), a.owner(), a.dueOn(), a.done(), a.doneAt(), true);
                }
                actions.add(a);
            }
            Incident.Builder b = i.toBuilder().actions(actions);
            if (IncidentRules.reviewDue(i, today) && !i.reviewNotified()) {
                out.add(new Notice(REVIEW_DUE, i.incidentId(), i.owner() == null ? List.of() : List.of(i.owner()), null,
                        "The post-incident review of " + i.number() + " is due (" + i.reviewDueOn() + "): " + i.title(),
                        "安全事件 " + i.number() + " 的事后复盘已到期（" + i.reviewDueOn() + "）：" + i.title()).event());
                b.reviewNotified(true);
            }
            if (IncidentRules.externalDue(i, now) && !i.externalNotified()) {
                out.add(new Notice(EXTERNAL_REPORT_DUE, i.incidentId(), itLead == null ? List.of() : List.of(itLead), null,
                        "Incident " + i.number() + " must be reported externally by " + i.externalDeadline() + ": " + i.title(),
                        "安全事件 " + i.number() + " 须在 " + i.externalDeadline() + " 前对外报告：" + i.title()).event());
                b.externalNotified(true);
            }
            if (out.isEmpty()) {
                continue;
            }
            try {
                store.replace(b.version(i.version() + 1).build(), i.version());
            } catch (ApiException.Conflict changed) {
                continue; // changed meanwhile: the next sweep sees it
            }
            events.publish(out);
            sent += out.size();
        }
        Log.info("incident sweep", "watched", watched.size(), "notices", sent);
        return sent;
    }

}
