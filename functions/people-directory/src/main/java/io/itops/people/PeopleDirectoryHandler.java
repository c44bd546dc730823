package io.itops.people;

import io.itops.people.Requests.ImportRequest;
import io.itops.shared.auth.Role;
import io.itops.shared.aws.Lazy;
import io.itops.shared.config.Env;
import io.itops.shared.error.ApiException;
import io.itops.shared.events.EventSink;
import io.itops.shared.http.ApiRequest;
import io.itops.shared.http.ApiResponse;
import io.itops.shared.observability.Log;
import io.itops.shared.runtime.Dispatcher;
import io.itops.shared.runtime.FunctionHandler;
import io.itops.shared.runtime.Platform;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;

/**
 * The people directory: GET /people, GET /people/{personId}, GET /me, POST /people/import,
 * POST /people/sync; the daily "people-sync" schedule (the Cognito user pool).
 */
public final class PeopleDirectoryHandler extends FunctionHandler {

    public PeopleDirectoryHandler() {
        this(System.getenv());
    }

    public PeopleDirectoryHandler(Map<String, String> environment) {
        this(Platform.from(new Env(environment)));
    }

    public PeopleDirectoryHandler(Platform platform) {
        this(platform, Services.of(platform, platform.events(),
                Lazy.of(() -> platform.aws().build(CognitoIdentityProviderClient.builder(), "COGNITO_IDENTITY_PROVIDER"))));
    }

    PeopleDirectoryHandler(Platform platform, Services services) {
        super(routes(platform, services));
    }

    /** The function's collaborators, built once around one store. */
    record Services(PeopleService people, UserPoolSync sync) {
        static Services of(Platform platform, EventSink events, java.util.function.Supplier<CognitoIdentityProviderClient> cognito) {
            PeopleConfig config = PeopleConfig.from(platform.env());
            PeopleStore store = new PeopleStore(platform.table(), platform.cursors());
            PeopleService people = new PeopleService(store, events, platform.clock(), config.zone());
            return new Services(people, new UserPoolSync(cognito, config.userPoolId(), store, people, events));
        }
    }

    private static Dispatcher routes(Platform platform, Services s) {
        PeopleService people = s.people();
        return Dispatcher.builder(platform)
                .route("GET /people", Role.STAFF, (r, caller) -> ApiResponse.ok(people.list(new PeopleFilter(
                        r.textQuery("department"), r.query("status", PersonStatus::parse), personQuery(r, "manager")), r.limit(), r.cursor())))
                .route("GET /people/{personId}", Role.EMPLOYEE, (r, caller) -> ApiResponse.ok(people.get(personParameter(r), caller)))
                .route("GET /me", Role.EMPLOYEE, (r, caller) -> ApiResponse.ok(people.me(caller)))
                .idempotentRoute("POST /people/import", Role.STAFF, (r, caller) -> ApiResponse.ok(people.importRows(importRows(r), caller)))
                .route("POST /people/sync", Role.ADMIN, (r, caller) -> ApiResponse.ok(s.sync().run(caller.userId())))
                .schedule("people-sync", run -> {
                    if (s.sync().configured()) {
                        s.sync().run("people-sync");
                    } else {
                        Log.info("no user pool configured; people come from imports only");
                    }
                })
                .queryParameters("GET /people", Dispatcher.PAGE, "department", "status", "manager")
                .build();
    }

    private static List<ImportRow> importRows(ApiRequest r) {
        r.requireBodyWithin();
        if ("text/csv".equals(r.mediaType())) {
            return PersonCsv.parse(r.bodyText());
        }
        ImportRequest request = r.json(ImportRequest.class);
        return request.rows() == null ? null : request.rows().stream().map(row -> row == null ? new ImportRow(null, List.of()) : ImportRow.of(row)).toList();
    }

    private static String personParameter(ApiRequest r) {
        String id = r.pathParameter("personId");
        if (!PeopleRules.PERSON_ID.matcher(id).matches()) {
            throw ApiException.Invalid.field("path.personId", "must be a user id");
        }
        return id;
    }

    private static String personQuery(ApiRequest r, String name) {
        String value = r.queryParameter(name);
        if (value != null && !PeopleRules.PERSON_ID.matcher(value).matches()) {
            throw ApiException.Invalid.field("query." + name, "must be a user id");
        }
        return value;
    }
}
