package io.itops.desk;

import io.itops.shared.events.DomainEvent;
import io.itops.shared.events.Notice;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The events this function tells the others about ({@code TicketResolved}, the bus contract with
 * asset-registration) and the notices people get, in English and Chinese. A notice for IT staff
 * with nobody named goes to the IT staff channel ({@code to: []}, no department).
 */
final class DeskEvents {
    static final String TICKET_RESOLVED = "TicketResolved";
    static final String TICKET_REPLY = "TicketReply";
    static final String TICKET_ASSIGNED = "TicketAssigned";
    static final String TICKET_OPENED = "TicketOpened";
    static final String SLA_WARNING = "TicketSlaWarning";
    static final String SLA_BREACHED = "TicketSlaBreached";

    private DeskEvents() {}

    static DomainEvent resolved(Ticket t) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("ticketId", t.ticketId());
        detail.put("number", t.number());
        detail.put("assetId", t.assetId());
        detail.put("faultId", t.faultId());
        detail.put("resolution", t.resolution());
        detail.put("resolvedBy", t.resolvedBy());
        detail.put("resolveFault", t.resolveFault());
        return new DomainEvent(TICKET_RESOLVED, detail);
    }

    static DomainEvent resolvedNotice(Ticket t) {
        return new Notice(TICKET_RESOLVED, t.ticketId(), List.of(t.requester()), null,
                "Your ticket " + t.number() + " (" + t.title() + ") is resolved: " + t.resolution()
                        + " Not fixed? Reopen it within the next days from /me/tickets.",
                "你的工单 " + t.number() + "（" + t.title() + "）已解决：" + t.resolution() + " 如未解决，可在几天内重新打开。").event();
    }

    static DomainEvent replyNotice(Ticket t, Comment c) {
        return new Notice(TICKET_REPLY, t.ticketId(), List.of(t.requester()), null,
                "IT replied on your ticket " + t.number() + " (" + t.title() + "): " + c.text(),
                "IT 回复了你的工单 " + t.number() + "（" + t.title() + "）：" + c.text()).event();
    }

    /** A new ticket nobody is assigned to: the IT staff channel. */
    static DomainEvent openedNotice(Ticket t) {
        return new Notice(TICKET_OPENED, t.ticketId(), List.of(), null,
                "New ticket " + t.number() + " (" + t.priority() + ", " + t.category() + ") from " + t.requester() + ": " + t.title(),
                "新工单 " + t.number() + "（" + t.priority() + "，" + t.category() + "）来自 " + t.requester() + "：" + t.title()).event();
    }

    static DomainEvent assignedNotice(Ticket t) {
        return new Notice(TICKET_ASSIGNED, t.ticketId(), List.of(t.assignee()), null,
                "Ticket " + t.number() + " (" + t.priority() + ", " + t.category() + ") is assigned to you: " + t.title(),
                "工单 " + t.number() + "（" + t.priority() + "，" + t.category() + "）已分配给你：" + t.title()).event();
    }

    static DomainEvent alert(Ticket t, TicketRules.Alert alert, Sla sla, String itLead) {
        boolean response = alert == TicketRules.Alert.RESPONSE_WARNING || alert == TicketRules.Alert.RESPONSE_BREACH;
        String target = response ? "first response" : "resolution";
        String targetZh = response ? "首次响应" : "解决";
        return switch (alert) {
            case RESPONSE_WARNING, RESOLUTION_WARNING -> new Notice(SLA_WARNING, t.ticketId(),
                    t.assignee() == null ? List.of() : List.of(t.assignee()), null,
                    "SLA warning: ticket " + t.number() + " (" + t.priority() + ") is close to its " + target + " target ("
                            + sla.elapsedMinutes() + " of " + (response ? sla.responseTargetMinutes() : sla.resolutionTargetMinutes())
                            + " business minutes): " + t.title(),
                    "SLA 预警：工单 " + t.number() + "（" + t.priority() + "）即将超出" + targetZh + "时限（已用 " + sla.elapsedMinutes()
                            + " / " + (response ? sla.responseTargetMinutes() : sla.resolutionTargetMinutes()) + " 工作分钟）：" + t.title()).event();
            case RESPONSE_BREACH, RESOLUTION_BREACH -> new Notice(SLA_BREACHED, t.ticketId(),
                    itLead == null ? List.of() : List.of(itLead), null,
                    "SLA breached: ticket " + t.number() + " (" + t.priority() + ", assignee " + (t.assignee() == null ? "none" : t.assignee())
                            + ") missed its " + target + " target: " + t.title(),
                    "SLA 超时：工单 " + t.number() + "（" + t.priority() + "，处理人 " + (t.assignee() == null ? "无" : t.assignee())
                            + "）已超出" + targetZh + "时限：" + t.title()).event();
        };
    }
}
