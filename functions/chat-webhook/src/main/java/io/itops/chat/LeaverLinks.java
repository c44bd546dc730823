package io.itops.chat;

import io.itops.shared.error.ApiException;
import io.itops.shared.events.BusEvent;
import io.itops.shared.observability.Log;
import io.itops.shared.store.Page;

/**
 * The directory's PersonLeft: every chat link of the leaver is removed, so their chat accounts are
 * answered as unlinked from then on. Safe to repeat (a link already gone is skipped).
 */
final class LeaverLinks {
    static final String PERSON_LEFT = "PersonLeft";
    private static final int PAGE = 100;
    private final ChatStore store;

    LeaverLinks(ChatStore store) {
        this.store = store;
    }

    void revoke(BusEvent event) {
        String userId = event.detail().path("person").path("personId").asText("");
        if (userId.isBlank()) {
            Log.warn("PersonLeft without a personId; ignored");
            return;
        }
        int removed = 0;
        // each page is read from the start again: removing links shifts what a cursor would skip
        for (Page<ChatLink> page = store.linksOf(userId, PAGE, null); !page.items().isEmpty(); page = store.linksOf(userId, PAGE, null)) {
            for (ChatLink link : page.items()) {
                try {
                    store.unlink(link);
                    removed++;
                } catch (ApiException.NotFound alreadyGone) {
                    // removed by a concurrent delivery or by the user
                }
            }
            if (page.nextCursor() == null) {
                break;
            }
        }
        Log.info("leaver's chat links removed", "userId", userId, "links", removed);
    }
}
