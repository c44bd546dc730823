package io.itops.asset;

import com.fasterxml.jackson.databind.JsonNode;
import io.itops.asset.Records.HistoryEntry;
import io.itops.shared.error.ApiException;
import io.itops.shared.events.BusEvent;
import io.itops.shared.events.DomainEvent;
import io.itops.shared.events.EventSink;
import io.itops.shared.events.Notice;
import io.itops.shared.observability.Log;
import io.itops.shared.store.Page;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * What the directory's events change in the register. PersonLeft: every asset the leaver holds is
 * expected back on their leave date, and IT staff get one notice listing them. PersonMoved: the
 * department of assets they hold follows them where the register kept it by custodian (the asset's
 * department was the mover's previous one). Each asset is written from the version read (re-read on
 * a conflict) and an asset already in the wanted state is left alone, so a redelivery changes nothing.
 */
final class PeopleReactions {
    static final String PERSON_LEFT = "PersonLeft";
    static final String PERSON_MOVED = "PersonMoved";
    static final String NOTICE_RETURN = "AssetReturnOnLeave";
    static final String ACTOR = "people-directory";
    private static final int PAGE = 100;
    private static final int REDECIDE = 3;

    private final AssetStore store;
    private final EventSink events;
    private final Clock clock;

    PeopleReactions(AssetStore store, EventSink events, Clock clock) {
        this.store = store;
        this.events = events;
        this.clock = clock;
    }

    void handle(BusEvent event) {
        JsonNode person = event.detail().path("person");
        String userId = text(person, "personId");
        if (userId == null || !AssetRules.USER.matcher(userId).matches()) {
            Log.warn("person event without a usable personId; ignored", "detailType", event.detailType());
            return;
        }
        switch (event.detailType()) {
            case PERSON_LEFT -> leaver(userId, text(person, "name"), leaveDate(person));
            case PERSON_MOVED -> mover(userId, text(event.detail().path("previous"), "department"), text(person, "department"));
            default -> Log.warn("person event not handled", "detailType", event.detailType());
        }
    }

    private void leaver(String userId, String name, LocalDate leaveDate) {
        List<Asset> marked = new ArrayList<>();
        for (Asset held : heldBy(userId)) {
            Asset after = change(held, userId, a -> a.checkout() != null && leaveDate.equals(a.checkout().expectedReturn()) ? null
                    : a.changed(clock.instant(), ACTOR).checkout(new Checkout(userId,
                            a.checkout() == null ? clock.instant() : a.checkout().since(), leaveDate,
                            a.checkout() == null ? ACTOR : a.checkout().by())).build(),
                    "RETURN_EXPECTED", "Expected back on " + leaveDate + ": " + userId + " leaves", List.of("checkout"));
            if (after != null) {
                marked.add(after);
            }
        }
        if (!marked.isEmpty()) {
            String who = name == null ? userId : name + " (" + userId + ")";
            String tags = String.join(", ", marked.stream().map(a -> a.assetTag() + (a.model() == null ? "" : " " + a.model())).toList());
            events.publish(new Notice(NOTICE_RETURN, userId, List.of(), null,
                    who + " leaves on " + leaveDate + ". Collect " + marked.size() + (marked.size() == 1 ? " asset: " : " assets: ") + tags + ".",
                    who + " 将于 " + leaveDate + " 离职，请回收 " + marked.size() + " 件设备：" + tags + "。").event());
        }
    }

    private void mover(String userId, String previousDepartment, String department) {
        if (previousDepartment == null || department == null || previousDepartment.equals(department)) {
            return;
        }
        for (Asset held : heldBy(userId)) {
            change(held, userId, a -> !previousDepartment.equals(a.department()) ? null
                    : a.changed(clock.instant(), ACTOR).department(department).build(),
                    "UPDATED", "Department " + previousDepartment + " -> " + department + ": its custodian moved", List.of("department"));
        }
    }

    /**
     * Writes {@code decide(asset)} (null: nothing to do) from the version read, re-reading the asset
     * when someone else changed it meanwhile and it is still held by {@code userId}; returns what was written.
     */
    private Asset change(Asset asset, String userId, UnaryOperator<Asset> decide, String type, String summary, List<String> fields) {
        Asset before = asset;
        for (int attempt = 1; ; attempt++) {
            Asset after = decide.apply(before);
            if (after == null) {
                return null;
            }
            try {
                store.update(before, after, new HistoryEntry(clock.instant(), type, ACTOR, summary, Map.of("custodian", userId)));
                List<DomainEvent> out = List.of(AssetEvents.updated(after, fields, ACTOR));
                events.publish(out);
                return after;
            } catch (ApiException.Conflict conflict) {
                Asset fresh = store.find(asset.assetId()).orElse(null);
                if (attempt == REDECIDE || fresh == null || !Objects.equals(fresh.custodian(), userId)) {
                    Log.warn("asset not updated for a person event", "assetId", asset.assetId(), "reason", conflict.code());
                    return null;
                }
                before = fresh;
            }
        }
    }

    private List<Asset> heldBy(String userId) {
        List<Asset> held = new ArrayList<>();
        String cursor = null;
        do {
            Page<Asset> page = store.list(new AssetFilter(null, null, null, userId, null), PAGE, cursor);
            held.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor != null);
        return held;
    }

    private LocalDate leaveDate(JsonNode person) {
        String value = text(person, "leaveDate");
        try {
            return value == null ? LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC) : LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            return LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isTextual() && !v.asText().isBlank() ? v.asText() : null;
    }
}
