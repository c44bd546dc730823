package io.itops.desk;

import io.itops.desk.Requests.NewTicket;
import io.itops.desk.Views.TicketView;
import io.itops.shared.auth.Caller;
import io.itops.shared.chat.ChatCommand;
import io.itops.shared.observability.Log;
import java.util.List;

/**
 * The chat commands this function owns, for any linked employee: {@code help me <text>} /
 * {@code 求助 <描述>} raises a ticket and answers its number; {@code report phishing <text>} /
 * {@code 报告钓鱼 <描述>} raises a security ticket staff can escalate; {@code my tickets} /
 * {@code 我的工单} lists the caller's latest tickets. Answers come in the command's language.
 */
final class DeskChat {
    static final String HELP_ME = "help-me";
    static final String REPORT_PHISHING = "report-phishing";
    static final String MY_TICKETS = "my-tickets";
    private static final int SHOWN = 5;

    private final DeskService service;

    DeskChat(DeskService service) {
        this.service = service;
    }

    void handle(ChatCommand command) {
        if (!List.of(HELP_ME, REPORT_PHISHING, MY_TICKETS).contains(command.command())) {
            // another function's command, delivered here by a misconfigured rule: not ours to answer
            Log.warn("chat command not handled here", "command", command.command());
            return;
        }
        service.publish(List.of(command.reply(answer(command))));
    }

    private String answer(ChatCommand c) {
        Caller caller = c.caller();
        if (caller == null) {
            return c.say("Link your chat account first: send \"link\".", "请先绑定账号：发送“绑定”。");
        }
        if (MY_TICKETS.equals(c.command())) {
            return mine(c, caller);
        }
        String text = c.args() == null || c.args().isEmpty() ? null : c.args().getFirst();
        if (text == null || text.isBlank()) {
            return HELP_ME.equals(c.command())
                    ? c.say("Usage: help me <what is wrong>, e.g. help me VPN does not connect", "用法：求助 <问题描述>，例如：求助 VPN 连不上")
                    : c.say("Usage: report phishing <what you received>", "用法：报告钓鱼 <收到的内容>");
        }
        boolean phishing = REPORT_PHISHING.equals(c.command());
        String title = (phishing ? c.say("Suspected phishing: ", "疑似钓鱼：") : "") + text;
        NewTicket ticket = new NewTicket(title.length() > DeskService.MAX_TITLE ? title.substring(0, DeskService.MAX_TITLE) : title,
                text, phishing ? Category.SECURITY : Category.OTHER, phishing ? Level.HIGH : Level.MEDIUM,
                phishing ? Level.HIGH : Level.MEDIUM, null);
        TicketView created = service.open(ticket, caller, Source.CHAT);
        String number = created.ticket().number();
        return phishing
                ? c.say("Thank you. Security ticket " + number + " is open; do not click links or open attachments in that message. IT will contact you.",
                        "感谢报告。安全工单 " + number + " 已创建；请勿点击该消息中的链接或附件，IT 会与你联系。")
                : c.say("Ticket " + number + " is open. IT will answer here; see it with \"my tickets\".",
                        "工单 " + number + " 已创建，IT 会在这里回复你；发送“我的工单”查看。");
    }

    private String mine(ChatCommand c, Caller caller) {
        List<TicketView> tickets = service.mine(caller, SHOWN, null).items();
        if (tickets.isEmpty()) {
            return c.say("You have no tickets. Raise one with: help me <what is wrong>", "你没有工单。发送“求助 <问题描述>”创建。");
        }
        StringBuilder out = new StringBuilder(c.say("Your latest tickets:", "你最近的工单："));
        for (TicketView v : tickets) {
            Ticket t = v.ticket();
            out.append('\n').append(t.number()).append(" [").append(t.status()).append("] ").append(t.title());
        }
        return out.toString();
    }
}
