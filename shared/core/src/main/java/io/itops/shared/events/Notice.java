package io.itops.shared.events;

import java.util.List;

/**
 * A message for people, carried inside the detail of any event worth telling someone about
 * (reminders, audit summaries, findings) as {@code detail.notice}. chat-webhook delivers it to each
 * recipient who linked a chat account, else to the department's channel; the function that raised
 * the event writes the text in both languages.
 *
 * @param to directory user ids (may be empty)
 * @param department the department whose channel gets it when no recipient is reachable (may be null)
 */
public record Notice(List<String> to, String department, String en, String zh) {}
