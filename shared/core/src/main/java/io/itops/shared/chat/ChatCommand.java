package io.itops.shared.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.itops.shared.auth.Caller;
import io.itops.shared.auth.Role;
import io.itops.shared.events.BusEvent;
import io.itops.shared.events.DomainEvent;
import io.itops.shared.json.Json;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The bus contract between chat-webhook and the functions that own chat commands. chat-webhook
 * verifies the platform request, resolves the linked directory user, parses the text and publishes
 * {@code ChatCommand} (source {@code itops.chat}); the owner's bus rule matches on
 * {@code detail.command}; the owner answers with {@link #reply} ({@code ChatReply}), which
 * chat-webhook delivers to {@code conversation}, an opaque reply target owners pass back untouched.
 *
 * <p>Commands and owners: help, link (chat-webhook); my-assets, asset, report-fault (asset-registration);
 * courses, enrol, cancel, my-training (training-enrolment); backup-status (backup-audit); scan,
 * findings (security-scan); help-me, report-phishing, my-tickets (service-desk). {@code language} is {@code en} or {@code zh}: answer in it.
 *
 * @param user the linked directory user; null when the chat user has not linked an account
 */
public record ChatCommand(String commandId, String command, List<String> args, String text, String language,
                          ChatUser user, JsonNode conversation) {
    public static final String DETAIL_TYPE = "ChatCommand";
    public static final String REPLY_DETAIL_TYPE = "ChatReply";

    /** Who sent the command: their chat identity and, once linked, their directory identity and role. */
    public record ChatUser(String platform, String chatUserId, String displayName, String userId, String role,
                           String department) {}

    /** What the owner answers. */
    public record ChatReply(String commandId, String language, String text, JsonNode conversation) {}

    public static ChatCommand from(BusEvent event) {
        ObjectNode detail = ((ObjectNode) event.detail()).deepCopy();
        detail.remove(List.of("eventId", "occurredAt"));
        return Json.convert(detail, ChatCommand.class);
    }

    public boolean chinese() {
        return "zh".equals(language);
    }

    /** The text in the command's language. */
    public String say(String english, String chinese) {
        return chinese() ? chinese : english;
    }

    /** The linked user as an API caller (same role rules as the API), or null when not linked. */
    public Caller caller() {
        if (user == null || user.userId() == null) {
            return null;
        }
        Role role = user.role() == null ? Role.EMPLOYEE : Role.valueOf(user.role().toUpperCase(Locale.ROOT));
        return new Caller(user.userId(), null, user.displayName(), user.department(), role, Set.of());
    }

    public DomainEvent reply(String text) {
        return new DomainEvent(REPLY_DETAIL_TYPE, new ChatReply(commandId, language, text, conversation));
    }
}
