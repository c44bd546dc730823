package io.itops.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.itops.testing.TemplateModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The dev server's wiring, on a fixture template of probe functions (and the real asset function):
 * the payload-2.0 events it builds, how answers are mapped back, class-loader isolation, the bus
 * (rules that match and rules that must not), retries and dead letters, schedules on demand.
 */
class DevServerWiringTest {
    @TempDir
    static Path dir;
    static Path probes;
    static DevServer server;
    static Http http;
    static String admin;

    @BeforeAll
    static void start() throws IOException {
        Path root = dir.resolve("repo");
        Files.createDirectories(root);
        probes = dir.resolve("probes");
        Files.writeString(root.resolve("template.yaml"), fixtureTemplate(TestServers.probeJar(dir), probes));
        server = DevServer.start(TestServers.options(root, dir.resolve("logs")));
        http = new Http(server.baseUrl());
        admin = http.token(Map.of("username", "ada.admin", "groups", List.of("admin", "staff"), "department", "IT"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Probes A-C and a failing one, on two buses, plus the real asset function's registration route. */
    static String fixtureTemplate(Path probeJar, Path probeOut) {
        TemplateModel real = TemplateModel.at(TestServers.repositoryRoot());
        DumperOptions flow = new DumperOptions();
        flow.setDefaultFlowStyle(DumperOptions.FlowStyle.FLOW);
        flow.setWidth(100_000);
        Yaml yaml = new Yaml(flow);
        String table = yaml.dump(real.resource("ItopsTable")).trim();
        Map<String, Object> asset = real.properties("AssetRegistrationFunction");
        String assetEnv = yaml.dump(asset.get("Environment")).trim();
        String assetJar = TestServers.repositoryRoot().resolve(String.valueOf(asset.get("CodeUri"))).toString();
        return """
                AWSTemplateFormatVersion: "2010-09-09"
                Transform: AWS::Serverless-2016-10-31
                Parameters:
                  Stage: {Type: String, Default: prod}
                  GroupsClaim: {Type: String, Default: "cognito:groups"}
                  ScheduleTimezone: {Type: String, Default: Asia/Shanghai}
                Globals:
                  Function:
                    Runtime: java25
                    Timeout: 20
                    Environment:
                      Variables:
                        PROBE_OUT: "%s"
                        TABLE_NAME: !Ref ItopsTable
                        EVENT_BUS_NAME: !Ref ItopsBus
                        CURSOR_KEY_SECRET: !Ref CursorKeySecret
                        GROUPS_CLAIM: !Ref GroupsClaim
                Resources:
                  ItopsTable: %s
                  CursorKeySecret:
                    Type: AWS::SecretsManager::Secret
                    Properties:
                      Name: !Sub itops/${Stage}/cursor-key
                      GenerateSecretString: {PasswordLength: 64, ExcludePunctuation: true}
                  ItopsBus: {Type: AWS::Events::EventBus, Properties: {Name: !Sub "itops-${Stage}"}}
                  OtherBus: {Type: AWS::Events::EventBus, Properties: {Name: !Sub "other-${Stage}"}}
                  ProbeFailDLQ: {Type: AWS::SQS::Queue}
                  HttpApi:
                    Type: AWS::Serverless::HttpApi
                    Properties:
                      Auth:
                        DefaultAuthorizer: JwtAuthorizer
                        Authorizers:
                          JwtAuthorizer:
                            IdentitySource: $request.header.Authorization
                            JwtConfiguration: {issuer: "https://issuer.example.com", audience: [x]}
                  ProbeAFunction:
                    Type: AWS::Serverless::Function
                    Properties:
                      CodeUri: "%s"
                      Handler: io.itops.local.probe.ProbeHandler::handleRequest
                      Environment: {Variables: {PROBE_NAME: probe-a}}
                      Events:
                        Echo: {Type: HttpApi, Properties: {ApiId: !Ref HttpApi, Method: GET, Path: "/probe/{id}"}}
                        EchoPost: {Type: HttpApi, Properties: {ApiId: !Ref HttpApi, Method: POST, Path: "/probe/{id}"}}
                        Special: {Type: HttpApi, Properties: {ApiId: !Ref HttpApi, Method: GET, Path: "/probe/special"}}
                        Files: {Type: HttpApi, Properties: {ApiId: !Ref HttpApi, Method: ANY, Path: "/files/{proxy+}"}}
                        Hook: {Type: HttpApi, Properties: {ApiId: !Ref HttpApi, Method: POST, Path: "/hooks/probe", Auth: {Authorizer: NONE}}}
                        OnRegistered:
                          Type: EventBridgeRule
                          Properties:
                            EventBusName: !Ref ItopsBus
                            Pattern: {source: [itops.asset], detail-type: [AssetRegistered]}
                        Tick:
                          Type: ScheduleV2
                          Properties:
                            ScheduleExpression: cron(0 8 * * ? *)
                            ScheduleExpressionTimezone: !Ref ScheduleTimezone
                            Input: '{"schedule":"tick","scheduledTime":"<aws.scheduler.scheduled-time>","executionId":"<aws.scheduler.execution-id>","arn":"<aws.scheduler.schedule-arn>","attempt":"<aws.scheduler.attempt-number>"}'
                  ProbeBFunction:
                    Type: AWS::Serverless::Function
                    Properties:
                      CodeUri: "%s"
                      Handler: io.itops.local.probe.ProbeHandler::handleRequest
                      Environment: {Variables: {PROBE_NAME: probe-b}}
                      Events:
                        Laptops:
                          Type: EventBridgeRule
                          Properties:
                            EventBusName: !Ref ItopsBus
                            Pattern: {detail-type: [ProbeEvent], detail: {category: [{prefix: lap}], cost: [{numeric: [">", 100]}]}}
                        Elsewhere:
                          Type: EventBridgeRule
                          Properties:
                            EventBusName: !Ref OtherBus
                            Pattern: {detail-type: [ProbeEvent]}
                  ProbeCFunction:
                    Type: AWS::Serverless::Function
                    Properties:
                      CodeUri: "%s"
                      Handler: io.itops.local.probe.ProbeHandler::handleRequest
                      Environment: {Variables: {PROBE_NAME: probe-c}}
                      Events:
                        NotRetired:
                          Type: EventBridgeRule
                          Properties:
                            EventBusName: !Ref ItopsBus
                            Pattern: {detail-type: [ProbeEvent], detail: {status: [{anything-but: [retired]}], serial: [{exists: false}]}}
                  ProbeFailFunction:
                    Type: AWS::Serverless::Function
                    Properties:
                      CodeUri: "%s"
                      Handler: io.itops.local.probe.ProbeHandler::handleRequest
                      Environment: {Variables: {PROBE_NAME: probe-fail, PROBE_FAIL: "true"}}
                      DeadLetterQueue: {Type: SQS, TargetArn: !GetAtt ProbeFailDLQ.Arn}
                      EventInvokeConfig: {MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 3600}
                      Events:
                        Failing:
                          Type: EventBridgeRule
                          Properties:
                            EventBusName: !Ref ItopsBus
                            Pattern: {detail-type: [ProbeFail]}
                  AssetRegistrationFunction:
                    Type: AWS::Serverless::Function
                    Properties:
                      CodeUri: "%s"
                      Handler: %s
                      Environment: %s
                      Events:
                        RegisterAsset: {Type: HttpApi, Properties: {ApiId: !Ref HttpApi, Method: POST, Path: "/assets"}}
                """.formatted(probeOut, table, probeJar, probeJar, probeJar, probeJar, assetJar, asset.get("Handler"), assetEnv);
    }

    /** The events a probe received so far. */
    static List<JsonNode> received(String probe) {
        Path file = probes.resolve(probe + ".jsonl");
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            List<JsonNode> events = new ArrayList<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    events.add(LocalJson.read(line));
                }
            }
            return events;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static List<JsonNode> awaitReceived(String probe, Predicate<JsonNode> which, int count) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(20);
        List<JsonNode> matching = List.of();
        while (Instant.now().isBefore(deadline)) {
            matching = received(probe).stream().filter(which).toList();
            if (matching.size() >= count) {
                return matching;
            }
            Thread.sleep(100);
        }
        return matching;
    }

    private static JsonNode echo(Http.Response response) {
        assertEquals(200, response.status(), response.toString());
        return LocalJson.read(response.bytes());
    }

    @Test
    void httpEvent_isPayloadFormat2_asApiGatewayBuildsIt() {
        Http.Response response = http.send("GET", "/probe/abc%20d?x=1&x=2&y=hello%20world&flag", admin, null,
                "X-Multi", "a", "X-Multi", "b", "Cookie", "c1=v1; c2=v2", "User-Agent", "itops-test");
        JsonNode event = echo(response);
        assertEquals("2.0", event.path("version").asText());
        assertEquals("GET /probe/{id}", event.path("routeKey").asText());
        assertEquals("/probe/abc%20d", event.path("rawPath").asText());
        assertEquals("x=1&x=2&y=hello%20world&flag", event.path("rawQueryString").asText());
        assertEquals(LocalJson.read("{\"x\":\"1,2\",\"y\":\"hello world\",\"flag\":\"\"}"), event.path("queryStringParameters"));
        assertEquals(LocalJson.read("{\"id\":\"abc d\"}"), event.path("pathParameters"));
        assertEquals("a,b", event.path("headers").path("x-multi").asText(), "repeated headers are comma-joined");
        assertEquals("itops-test", event.path("headers").path("user-agent").asText());
        assertFalse(event.path("headers").has("cookie"), "cookies move to their own field");
        assertEquals(LocalJson.read("[\"c1=v1\",\"c2=v2\"]"), event.path("cookies"));
        event.path("headers").fieldNames().forEachRemaining(name -> assertEquals(name.toLowerCase(), name));
        JsonNode context = event.path("requestContext");
        assertEquals("GET /probe/{id}", context.path("routeKey").asText());
        assertEquals("$default", context.path("stage").asText());
        assertEquals("GET", context.path("http").path("method").asText());
        assertEquals("/probe/abc%20d", context.path("http").path("path").asText());
        assertEquals("itops-test", context.path("http").path("userAgent").asText());
        assertEquals(response.header("apigw-requestid"), context.path("requestId").asText());
        assertTrue(context.path("time").asText().matches("\\d{2}/[A-Z][a-z]{2}/\\d{4}:\\d{2}:\\d{2}:\\d{2} \\+0000"));
        assertTrue(context.path("timeEpoch").isNumber());
        JsonNode claims = context.path("authorizer").path("jwt").path("claims");
        assertEquals("[admin staff]", claims.path("cognito:groups").asText(), "arrays are flattened as API Gateway does");
        assertEquals("ada.admin", claims.path("cognito:username").asText());
        assertTrue(claims.path("exp").isTextual() && claims.path("exp").asText().matches("\\d{10}"), "numbers become strings");
        assertEquals("true", claims.path("email_verified").asText());
        assertEquals(server.baseUrl(), claims.path("iss").asText());
        assertFalse(event.path("isBase64Encoded").asBoolean());
        assertFalse(event.has("body"));
    }

    @Test
    void functionsAreIsolated_inTheirOwnClassLoader() {
        Http.Response response = http.get("/probe/1", admin);
        assertEquals("probe", response.header("x-loader"));
        assertEquals("false", response.header("x-sees-server"), "a function sees only its jar, the JDK and the Lambda interfaces");
    }

    @Test
    void literalRoutesBeatParameters_andGreedyPathsTakeTheRest() {
        assertEquals("GET /probe/special", echo(http.get("/probe/special", admin)).path("routeKey").asText());
        JsonNode greedy = echo(http.send("DELETE", "/files/a/b/c.txt", admin, null));
        assertEquals("ANY /files/{proxy+}", greedy.path("routeKey").asText());
        assertEquals("a/b/c.txt", greedy.path("pathParameters").path("proxy").asText());
        assertEquals("DELETE", greedy.path("requestContext").path("http").path("method").asText());
        assertTrue(http.send("PUT", "/probe/1", admin, null).isGatewayNotFound(), "no PUT route: 404 like HTTP API");
    }

    @Test
    void bodies_textAsIs_binaryBase64() {
        JsonNode json = echo(http.send("POST", "/probe/1", admin, "{\"a\":\"é\"}".getBytes(StandardCharsets.UTF_8), "Content-Type", "application/json"));
        assertFalse(json.path("isBase64Encoded").asBoolean());
        assertEquals("{\"a\":\"é\"}", json.path("body").asText());
        JsonNode binary = echo(http.send("POST", "/probe/1", admin, new byte[] {0, 1, 2, (byte) 255}, "Content-Type", "application/octet-stream"));
        assertTrue(binary.path("isBase64Encoded").asBoolean());
        assertEquals("AAEC/w==", binary.path("body").asText());
        JsonNode form = echo(http.send("POST", "/probe/1", admin, "a=1&b=2".getBytes(StandardCharsets.UTF_8), "Content-Type", "application/x-www-form-urlencoded"));
        assertTrue(form.path("isBase64Encoded").asBoolean(), "form bodies reach functions base64-encoded, as on HTTP APIs");
        assertEquals("a=1&b=2", new String(Base64.getDecoder().decode(form.path("body").asText()), StandardCharsets.UTF_8));
    }

    @Test
    void answers_areMappedBackAsApiGatewayDoes() {
        Http.Response cookies = http.get("/probe/1?mode=cookies", admin);
        assertEquals(201, cookies.status());
        assertEquals("ok", cookies.text());
        assertEquals(List.of("a=1; Path=/", "b=2"), cookies.headers("set-cookie"));
        assertEquals(List.of("a", "b"), cookies.headers("x-many"));
        assertEquals("1", cookies.header("x-one"));

        Http.Response raw = http.get("/probe/1?mode=raw", admin);
        assertEquals(200, raw.status(), "JSON without statusCode is a 200 with that JSON as the body");
        assertEquals("application/json", raw.header("content-type"));
        assertEquals("{\"probe\":\"probe-a\",\"raw\":true}", raw.text());

        Http.Response binary = http.get("/probe/1?mode=binary", admin);
        assertEquals(200, binary.status());
        assertEquals("[0, 1, 2, -1]", java.util.Arrays.toString(binary.bytes()));

        Http.Response thrown = http.get("/probe/1?mode=throw", admin);
        assertEquals(500, thrown.status());
        assertEquals("{\"message\":\"Internal Server Error\"}", thrown.text());
        assertEquals(500, http.get("/probe/1?mode=text", admin).status(), "output that is not JSON is a 500");
    }

    @Test
    void routesWithoutTheAuthorizer_getNoJwtCheck_othersDo() {
        JsonNode event = echo(http.send("POST", "/hooks/probe", null, "{}".getBytes(StandardCharsets.UTF_8), "Content-Type", "application/json"));
        assertEquals("POST /hooks/probe", event.path("routeKey").asText());
        assertFalse(event.path("requestContext").has("authorizer"));
        assertEquals(401, http.get("/probe/1", null).status());
    }

    @Test
    void busEvents_reachExactlyTheFunctionsWhoseRulesMatch() throws Exception {
        String marker = "m-" + System.nanoTime();
        http.post("/_local/events", null, Map.of("source", "itops.test", "detail-type", "ProbeEvent",
                "detail", Map.of("marker", marker, "category", "laptop", "cost", 500, "status", "retired")));
        http.post("/_local/events", null, Map.of("source", "itops.test", "detail-type", "ProbeEvent",
                "detail", Map.of("marker", marker, "category", "server", "cost", 50, "status", "in-service")));
        http.post("/_local/events", null, Map.of("source", "itops.test", "detail-type", "ProbeEvent",
                "detail", Map.of("marker", marker, "category", "laptop", "cost", 50, "status", "in-service", "serial", "S1")));
        http.post("/_local/events", null, Map.of("bus", "OtherBus", "source", "itops.test", "detail-type", "ProbeEvent",
                "detail", Map.of("marker", marker, "category", "phone")));
        Predicate<JsonNode> mine = e -> e.path("detail").path("marker").asText().equals(marker);

        List<JsonNode> b = awaitReceived("probe-b", mine, 2);
        List<JsonNode> c = awaitReceived("probe-c", mine, 1);
        Thread.sleep(3 * LocalBus.POLL_MILLIS + 500);
        b = received("probe-b").stream().filter(mine).toList();
        c = received("probe-c").stream().filter(mine).toList();
        assertEquals(List.of("laptop", "phone"), b.stream().map(e -> e.path("detail").path("category").asText()).sorted().toList(),
                "probe-b: the expensive laptop on the itops bus and the event on the other bus");
        assertEquals(List.of("server"), c.stream().map(e -> e.path("detail").path("category").asText()).toList(),
                "probe-c: not retired and without a serial");
        assertTrue(received("probe-a").stream().noneMatch(mine), "probe-a listens for AssetRegistered only");

        JsonNode envelope = b.stream().filter(e -> e.path("detail").path("category").asText().equals("laptop")).findFirst().orElseThrow();
        for (String field : List.of("version", "id", "detail-type", "source", "account", "time", "region", "resources", "detail")) {
            assertTrue(envelope.has(field), "EventBridge envelope has " + field + ": " + envelope);
        }
        assertEquals("itops.test", envelope.path("source").asText());
        assertEquals("123456789012", envelope.path("account").asText());
    }

    @Test
    void eventsPublishedByAFunction_reachTheRulesThatMatch() throws Exception {
        String tag = "WIRE-" + (System.nanoTime() % 100000);
        Http.Response created = http.post("/assets", admin, Map.of("assetTag", tag, "category", "laptop", "model", "Probe Book"));
        assertEquals(201, created.status(), created.toString());
        List<JsonNode> got = awaitReceived("probe-a",
                e -> tag.equals(e.path("detail").path("assetTag").asText(e.path("detail").path("asset").path("assetTag").asText())), 1);
        assertEquals(1, got.size(), "AssetRegistered from asset-registration reached probe-a's rule");
        assertEquals("AssetRegistered", got.get(0).path("detail-type").asText());
        assertEquals("itops.asset", got.get(0).path("source").asText());
    }

    @Test
    void failingTarget_isRetried_thenDeadLettered() throws Exception {
        String marker = "f-" + System.nanoTime();
        http.post("/_local/events", null, Map.of("source", "itops.test", "detail-type", "ProbeFail", "detail", Map.of("marker", marker)));
        Predicate<JsonNode> mine = e -> e.path("detail").path("marker").asText().equals(marker);
        assertEquals(3, awaitReceived("probe-fail", mine, 3).size(), "1 attempt + MaximumRetryAttempts 2");
        JsonNode letter = null;
        for (int i = 0; i < 100 && letter == null; i++) {
            for (JsonNode l : http.get("/_local/dead-letters", null).json()) {
                if (l.path("event").path("detail").path("marker").asText().equals(marker)) {
                    letter = l;
                }
            }
            Thread.sleep(100);
        }
        assertTrue(letter != null, "the event is in the dead-letter list");
        assertEquals("ProbeFailFunction", letter.path("function").asText());
        assertEquals(3, letter.path("attempts").asInt());
        assertTrue(letter.path("errorMessage").asText().contains("fails on purpose"));
        assertEquals("ProbeFailDLQ", letter.path("deadLetterQueue").asText());
        Thread.sleep(1500);
        assertEquals(3, received("probe-fail").stream().filter(mine).count(), "no attempt after the last one");

        try (SqsClient sqs = DevServer.sqsClient(server.awsEndpoint())) {
            String url = sqs.getQueueUrl(r -> r.queueName("ProbeFailDLQ-" + server.stage())).queueUrl();
            List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(0)
                    .messageAttributeNames("All")).messages();
            assertTrue(messages.stream().anyMatch(m -> m.body().contains(marker)), "and in the function's DeadLetterQueue, as Lambda does");
        }
    }

    @Test
    void scheduleFiredOnDemand_deliversItsInputWithSchedulerPlaceholdersFilled() throws Exception {
        Http.Response fired = http.post("/_local/schedules/Tick", null, null);
        assertEquals(200, fired.status(), fired.toString());
        JsonNode answer = fired.json();
        String executionId = answer.path("executionId").asText();
        List<JsonNode> got = awaitReceived("probe-a", e -> e.path("executionId").asText().equals(executionId), 1);
        assertEquals(1, got.size());
        JsonNode input = got.get(0);
        assertEquals("tick", input.path("schedule").asText());
        assertEquals(answer.path("scheduledTime").asText(), input.path("scheduledTime").asText());
        Instant.parse(input.path("scheduledTime").asText());
        assertEquals("arn:aws:scheduler:us-east-1:123456789012:schedule/default/ProbeAFunctionTick", input.path("arn").asText());
        assertEquals("1", input.path("attempt").asText());

        JsonNode listed = http.get("/_local/schedules", null).json().get(0);
        assertEquals("Asia/Shanghai", listed.path("timezone").asText(), "the time zone parameter is resolved");
        assertTrue(listed.path("next").asText().endsWith("T08:00+08:00"));
        assertEquals("ProbeAFunction.Tick", listed.path("id").asText());
        assertEquals("ProbeAFunction.Tick", server.scheduler().find("Tick").orElseThrow().id(), "any unique suffix names it");
        assertEquals("ProbeAFunction.Tick", server.scheduler().find("ProbeAFunctionTick").orElseThrow().id(), "so does its Scheduler name");
    }

    @Test
    void anyEvent_canBeSentStraightToAFunction() {
        Http.Response ok = http.post("/_local/functions/ProbeCFunction/invocations", null, Map.of("hello", 1));
        assertEquals("{\"ok\":true,\"probe\":\"probe-c\"}", ok.text());
        Http.Response failed = http.post("/_local/functions/ProbeFailFunction/invocations", null, Map.of("hello", 1));
        assertEquals("Unhandled", failed.header("x-amz-function-error"));
        assertEquals("java.lang.IllegalStateException", failed.json().path("errorType").asText());
    }

    @Test
    void tokensForAnyUser_carryTheirGroupsAndDepartment() {
        Http.Response minted = http.post("/_local/tokens", null, Map.of("username", "li.wei", "groups", List.of("staff"),
                "department", "Sales", "ttlSeconds", 60));
        JsonNode claims = minted.json().path("claims");
        assertEquals("li.wei", claims.path("cognito:username").asText());
        assertEquals("Sales", claims.path("custom:department").asText());
        assertEquals("[staff]", echo(http.get("/probe/1", minted.json().path("token").asText()))
                .path("requestContext").path("authorizer").path("jwt").path("claims").path("cognito:groups").asText());
        assertTrue(Duration.between(Instant.now(), Instant.parse(minted.json().path("expiresAt").asText())).getSeconds() <= 60);
    }
}
