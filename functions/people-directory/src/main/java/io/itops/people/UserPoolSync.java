package io.itops.people;

import io.itops.people.ImportReport.Outcome;
import io.itops.people.ImportReport.RowResult;
import io.itops.shared.error.ApiException;
import io.itops.shared.events.DomainEvent;
import io.itops.shared.events.EventSink;
import io.itops.shared.observability.Log;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ListUsersResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserType;

/**
 * Brings the directory in line with the Cognito user pool: every user, page by page (ListUsers),
 * becomes or updates a person from the standard and custom attributes; a disabled user, and anyone
 * the sync saw before who is no longer in the pool, has left. Runs daily and on demand.
 */
final class UserPoolSync {
    static final int PAGE = 60;
    private final Supplier<CognitoIdentityProviderClient> cognito;
    private final String userPoolId;
    private final PeopleStore store;
    private final PeopleService service;
    private final EventSink events;

    /** What a sync did. */
    record SyncReport(int listed, int pages, int created, int updated, int unchanged, int rejected, int markedLeft) {}

    UserPoolSync(Supplier<CognitoIdentityProviderClient> cognito, String userPoolId, PeopleStore store, PeopleService service, EventSink events) {
        this.cognito = cognito;
        this.userPoolId = userPoolId;
        this.store = store;
        this.service = service;
        this.events = events;
    }

    boolean configured() {
        return userPoolId != null;
    }

    SyncReport run(String by) {
        if (!configured()) {
            throw new ApiException.Unprocessable("USER_POOL_NOT_CONFIGURED",
                    "This deployment has no user pool to sync from (USER_POOL_ID is empty); import people instead");
        }
        Set<String> seen = new HashSet<>();
        List<RowResult> results = new ArrayList<>();
        int pages = 0;
        for (ListUsersResponse page : cognito.get().listUsersPaginator(r -> r.userPoolId(userPoolId).limit(PAGE))) {
            pages++;
            List<PersonInput> inputs = page.users().stream().map(UserPoolSync::input).toList();
            Map<String, Person> known = store.findAll(inputs.stream().map(PersonInput::personId).toList());
            List<DomainEvent> published = new ArrayList<>();
            for (PersonInput input : inputs) {
                seen.add(input.personId());
                results.add(service.upsert(results.size() + 1, "users[" + input.personId() + "].", input, known.get(input.personId()),
                        by, true, published));
            }
            events.publish(published);
        }
        List<DomainEvent> published = new ArrayList<>();
        int markedLeft = 0;
        for (Person gone : store.inUserPool()) {
            if (!seen.contains(gone.personId())) {
                PersonInput left = new PersonInput(gone.personId(), null, null, null, null, null, PersonStatus.LEFT, null, null);
                if (service.upsert(0, "users[" + gone.personId() + "].", left, gone, by, true, published).result() == Outcome.UPDATED) {
                    markedLeft++;
                }
            }
        }
        events.publish(published);
        SyncReport report = new SyncReport(seen.size(), pages, count(results, Outcome.CREATED), count(results, Outcome.UPDATED),
                count(results, Outcome.UNCHANGED), count(results, Outcome.REJECTED), markedLeft);
        Log.info("user pool synced", "listed", report.listed(), "pages", pages, "created", report.created(),
                "updated", report.updated(), "rejected", report.rejected(), "markedLeft", markedLeft);
        return report;
    }

    /** A user as a person: Username is the id the JWT carries; a disabled user has left. */
    static PersonInput input(UserType user) {
        Map<String, String> a = new HashMap<>();
        for (AttributeType attribute : user.attributes()) {
            a.put(attribute.name(), attribute.value());
        }
        return new PersonInput(user.username(), a.get("name"), a.get("email"), a.get("custom:department"), a.get("custom:manager"),
                a.get("custom:location"), Boolean.FALSE.equals(user.enabled()) ? PersonStatus.LEFT : null, date(a.get("custom:start_date")), null);
    }

    private static LocalDate date(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            Log.warn("user pool start_date is not a date; ignored", "value", value.length() > 20 ? value.substring(0, 20) : value);
            return null;
        }
    }

    private static int count(List<RowResult> rows, Outcome outcome) {
        return (int) rows.stream().filter(r -> r.result() == outcome).count();
    }
}
