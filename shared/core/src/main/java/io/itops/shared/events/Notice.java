package io.itops.shared.events;

import java.util.List;

/**
 * A message for people, published on the bus as a {@code Notification} event whenever someone should
 * be told something (reminders, audit summaries, new findings, cancelled sessions). chat-webhook
 * delivers it to each recipient who linked a chat account, else to the department's channel; the
 * function that raises it writes the text in both languages and names what it is about.
 *
 * @param kind what happened, e.g. {@code AssetMaintenanceDue} (for filtering and dedupe)
 * @param subjectId the record it is about (asset id, session id, finding id)
 * @param to directory user ids (may be empty)
 * @param department the department whose channel gets it when no recipient is reachable (may be null)
 */
public record Notice(String kind, String subjectId, List<String> to, String department, String en, String zh) {
    public static final String DETAIL_TYPE = "Notification";

    public DomainEvent event() {
        return new DomainEvent(DETAIL_TYPE, this);
    }
}
