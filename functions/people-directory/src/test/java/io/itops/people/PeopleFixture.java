package io.itops.people;

import io.itops.shared.aws.AwsClients;
import io.itops.shared.config.Env;
import io.itops.shared.runtime.Platform;
import io.itops.testing.HttpEvent;
import io.itops.testing.Invoker;
import io.itops.testing.MutableClock;
import io.itops.testing.OpenApiContract;
import io.itops.testing.RecordingEvents;
import io.itops.testing.TestSystem;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.SchemaAttributeType;

/** The directory wired to its own table and a user pool on moto, a movable clock and a recording event sink. */
final class PeopleFixture {
    static final String FUNCTION = "PeopleDirectoryFunction";
    static final String NOW = "2026-11-28T01:00:00Z";
    final TestSystem system = TestSystem.create();
    final MutableClock clock = MutableClock.at(NOW);
    final RecordingEvents events = new RecordingEvents();
    final CognitoIdentityProviderClient cognito;
    final String userPoolId;
    final Platform platform;
    final PeopleDirectoryHandler.Services services;
    final Invoker invoker;
    final OpenApiContract contract = OpenApiContract.load();

    PeopleFixture() {
        this(true);
    }

    /** {@code withUserPool} false: a deployment without Cognito (USER_POOL_ID empty, as template.yaml gives it then). */
    PeopleFixture(boolean withUserPool) {
        Env bare = system.env(FUNCTION);
        this.cognito = new AwsClients(bare).build(CognitoIdentityProviderClient.builder(), "COGNITO_IDENTITY_PROVIDER");
        this.userPoolId = cognito.createUserPool(r -> r.poolName("itops-test").schema(
                custom("department"), custom("manager"), custom("location"), custom("start_date"))).userPool().id();
        Map<String, String> environment = new HashMap<>(system.environment(FUNCTION));
        environment.put("USER_POOL_ID", withUserPool ? userPoolId : "");
        Env env = new Env(environment);
        this.platform = new Platform(env, new AwsClients(env), clock);
        this.services = PeopleDirectoryHandler.Services.of(platform, events, () -> cognito);
        this.invoker = new Invoker(new PeopleDirectoryHandler(platform, services));
    }

    private static SchemaAttributeType custom(String name) {
        return SchemaAttributeType.builder().name(name).attributeDataType("String").mutable(true).build();
    }

    /** Calls the route and checks the response against openapi.yaml. */
    Invoker.Response call(HttpEvent event) {
        Invoker.Response response = invoker.call(event);
        contract.assertValid(event.json().path("routeKey").asText(), response);
        return response;
    }

    void addUser(String username, String name, String department, String manager) {
        cognito.adminCreateUser(r -> r.userPoolId(userPoolId).username(username).userAttributes(
                attribute("name", name), attribute("email", username + "@example.com"),
                attribute("custom:department", department), attribute("custom:manager", manager),
                attribute("custom:location", "HQ"), attribute("custom:start_date", "2026-01-05")));
    }

    void setDepartment(String username, String department) {
        cognito.adminUpdateUserAttributes(r -> r.userPoolId(userPoolId).username(username)
                .userAttributes(attribute("custom:department", department)));
    }

    private static AttributeType attribute(String name, String value) {
        return AttributeType.builder().name(name).value(value).build();
    }

    static Map<String, Object> row(String id, String name, String department, String manager) {
        Map<String, Object> row = new java.util.LinkedHashMap<>();
        row.put("personId", id);
        row.put("name", name);
        row.put("email", id + "@example.com");
        row.put("department", department);
        if (manager != null) {
            row.put("manager", manager);
        }
        row.put("location", "HQ 2F");
        row.put("startDate", "2026-11-02");
        return row;
    }

    static Map<String, Object> rows(Map<String, Object>... rows) {
        return Map.of("rows", List.of(rows));
    }
}
