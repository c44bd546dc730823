package io.itops.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.itops.testing.TemplateModel;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dev server on the real template.yaml and the real function jars, over HTTP. */
class DevServerApiTest {
    private static final String SOME_ID = "01ARZ3NDEKTSV4RRFFQ69G5FAV";
    @TempDir
    static Path logs;
    static DevServer server;
    static Http http;
    static String admin;
    static String staff;
    static String employee;

    @BeforeAll
    static void start() {
        server = DevServer.start(TestServers.options(TestServers.repositoryRoot(), logs));
        http = new Http(server.baseUrl());
        admin = http.token(Map.of("role", "admin"));
        staff = http.token(Map.of("role", "staff"));
        employee = http.token(Map.of("role", "employee"));
    }

    /**
     * Each function jar runs in its own class loader over the JDK only, as on Lambda: whatever the seeds
     * and these tests drove through it (reads, transactions, events, schedules) found its classes there.
     */
    @AfterAll
    static void stop() throws Exception {
        server.close();
        try (var files = Files.list(logs)) {
            for (Path log : files.toList()) {
                String text = Files.readString(log);
                for (String missing : List.of("NoClassDefFoundError", "ClassNotFoundException", "NoSuchMethodError")) {
                    assertFalse(text.contains(missing), log.getFileName() + " shows a class missing from its jar: " + missing);
                }
            }
        }
    }

    private static TemplateModel template() {
        return TemplateModel.at(TestServers.repositoryRoot());
    }

    @Test
    void routeTable_equalsTemplateRoutes_withTheAuthorizerWhereTheTemplatePutsIt() {
        Map<String, Boolean> expected = new TreeMap<>();
        template().functions().forEach(f -> f.routes().forEach(r -> expected.put(r.routeKey() + " -> " + f.logicalId(), r.authorized())));
        Map<String, Boolean> served = new TreeMap<>();
        for (JsonNode route : http.get("/_local/routes", null).json()) {
            served.put(route.path("routeKey").asText() + " -> " + route.path("function").asText(),
                    !route.path("authorizer").asText().equals("NONE"));
        }
        assertFalse(expected.isEmpty());
        assertEquals(expected, served);
    }

    @Test
    void everyTemplateRoute_reachesItsFunction() {
        for (TemplateModel.FunctionDef function : template().functions()) {
            for (TemplateModel.HttpRoute route : function.routes()) {
                String path = route.path().replaceAll("\\{[^}]+}", SOME_ID);
                byte[] body = route.method().equals("GET") ? null : "{}".getBytes(StandardCharsets.UTF_8);
                Http.Response response = http.send(route.method(), path, admin, body, "Content-Type", "application/json");
                assertFalse(response.isGatewayNotFound(), route.routeKey() + " is not served");
                assertTrue(response.status() < 500, route.routeKey() + " -> " + response);
                assertTrue(response.header("x-request-id") != null, route.routeKey() + " answered by the function: " + response);
            }
        }
    }

    /** Classes each function must have loaded from its own jar once it served a read: the SDK's client runtime and the Enhanced Client. */
    static final List<String> SDK_CLASSES_USED = List.of(
            "software.amazon.awssdk.core.internal.http.AmazonSyncHttpClient",
            "software.amazon.awssdk.protocols.json.AwsJsonProtocolFactory",
            "software.amazon.awssdk.regions.Region",
            "software.amazon.awssdk.http.auth.aws.internal.signer.DefaultAwsV4HttpSigner",
            "software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient",
            "software.amazon.awssdk.enhanced.dynamodb.internal.client.DefaultDynamoDbEnhancedClient",
            "software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema");
    /** The HTTP clients no function jar may carry: one client (url-connection) is all a function needs. */
    static final List<String> OTHER_HTTP_CLIENTS = List.of("software/amazon/awssdk/http/apache/", "software/amazon/awssdk/http/apache5/",
            "software/amazon/awssdk/http/nio/netty/", "org/apache/http/", "org/apache/hc/", "io/netty/");

    @Test
    void everyFunctionJar_carriesAndUsesTheSdkClientRuntimeAndTheEnhancedClient_andNoOtherHttpClient() throws Exception {
        for (TemplateModel.FunctionDef def : template().functions()) {
            for (TemplateModel.HttpRoute route : def.routes()) {
                if (route.method().equals("GET")) {
                    http.get(route.path().replaceAll("\\{[^}]+}", SOME_ID), admin);
                }
            }
            LocalFunction function = server.function(def.logicalId());
            URL jar = function.jar().toUri().toURL();
            for (String name : SDK_CLASSES_USED) {
                Class<?> used = function.loadedClass(name).orElse(null);
                assertTrue(used != null, function.name() + " has not loaded " + name);
                assertEquals(jar, used.getProtectionDomain().getCodeSource().getLocation(), function.name() + ": " + name + " from its own jar");
            }
            try (ZipFile zip = new ZipFile(function.jar().toFile())) {
                List<String> others = zip.stream().map(ZipEntry::getName)
                        .filter(entry -> OTHER_HTTP_CLIENTS.stream().anyMatch(entry::startsWith)).limit(3).toList();
                assertEquals(List.of(), others, function.name() + " carries another HTTP client");
            }
        }
    }

    @Test
    void unknownPathAndWrongMethod_areNotFound_asHttpApiAnswers() {
        Http.Response unknown = http.get("/no/such/route", admin);
        assertEquals(404, unknown.status());
        assertEquals("{\"message\":\"Not Found\"}", unknown.text());
        Http.Response wrongMethod = http.send("DELETE", "/assets", admin, null);
        assertEquals(404, wrongMethod.status(), "HTTP APIs answer 404, not 405, for a method without a route");
        assertEquals("{\"message\":\"Not Found\"}", wrongMethod.text());
        assertTrue(wrongMethod.header("apigw-requestid") != null);
    }

    @Test
    void tokenMatrix_invalidTokensAre401_forbiddenRoleIs403FromTheFunction_validIs200() throws Exception {
        LocalIssuer issuer = server.issuer();
        JWTClaimsSet good = issuer.claims(LocalIssuer.STAFF, Duration.ofMinutes(5), Map.of());
        RSAKey otherKey = new RSAKeyGenerator(2048).keyID(issuer.keyId()).generate();
        RSAKey unknownKey = new RSAKeyGenerator(2048).keyID("not-the-issuers").generate();
        Map<String, String> invalid = new LinkedHashMap<>();
        invalid.put("expired", issuer.sign(new JWTClaimsSet.Builder(good).expirationTime(Date.from(Instant.now().minusSeconds(120))).build()));
        invalid.put("wrong issuer", issuer.sign(new JWTClaimsSet.Builder(good).issuer("https://cognito-idp.us-east-1.amazonaws.com/other").build()));
        invalid.put("wrong audience", issuer.sign(new JWTClaimsSet.Builder(good).audience("another-client").build()));
        invalid.put("no audience", issuer.sign(new JWTClaimsSet.Builder(good).audience((String) null).build()));
        invalid.put("not yet valid", issuer.sign(new JWTClaimsSet.Builder(good).notBeforeTime(Date.from(Instant.now().plusSeconds(600))).build()));
        invalid.put("no expiry", issuer.sign(new JWTClaimsSet.Builder(good).expirationTime(null).build()));
        invalid.put("bad signature", signed(good, otherKey));
        invalid.put("unknown key", signed(good, unknownKey));
        SignedJWT hmac = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(issuer.keyId()).build(), good);
        hmac.sign(new MACSigner("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8)));
        invalid.put("HS256", hmac.serialize());
        String validToken = issuer.sign(good);
        invalid.put("tampered payload", validToken.substring(0, validToken.indexOf('.') + 5) + "A" + validToken.substring(validToken.indexOf('.') + 6));
        invalid.put("garbage", "not-a-jwt");

        Http.Response none = http.get("/assets", null);
        assertEquals(401, none.status());
        assertEquals("{\"message\":\"Unauthorized\"}", none.text());
        invalid.forEach((why, token) -> {
            Http.Response response = http.get("/assets", token);
            assertEquals(401, response.status(), why + ": " + response);
            assertEquals("{\"message\":\"Unauthorized\"}", response.text(), why);
            assertTrue(String.valueOf(response.header("www-authenticate")).contains("invalid_token"), why + " says why in www-authenticate");
        });
        assertTrue(http.get("/assets", invalid.get("expired")).header("www-authenticate").contains("the token has expired"));

        Http.Response forbidden = http.post("/assets", employee, Map.of("assetTag", "X-1", "category", "laptop", "model", "m"));
        assertEquals(403, forbidden.status(), forbidden.toString());
        assertEquals("application/problem+json", forbidden.header("content-type"), "the function, not the gateway, refuses the role");

        assertEquals(200, http.get("/assets", validToken).status());
        assertEquals(200, http.send("GET", "/assets", null, null, "Authorization", validToken).status(), "the Bearer prefix is optional");
    }

    private static String signed(JWTClaimsSet claims, RSAKey key) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    @Test
    void seedData_coversEveryCategoryAndLifecycleState_andEachRoleSeesItsShare() {
        assertTrue(server.seedReport().ok(), "seed: " + server.seedReport().failures());
        assertTrue(server.seedReport().requests() > 20);
        JsonNode page = http.get("/assets?limit=100", admin).json();
        Set<String> categories = new TreeSet<>();
        Set<String> states = new TreeSet<>();
        page.path("items").forEach(a -> {
            categories.add(a.path("category").asText());
            states.add(a.path("status").asText());
        });
        assertEquals(new TreeSet<>(List.of("laptop", "desktop", "server", "network-device", "firewall", "printer", "storage",
                "phone", "software-licence", "other")), categories);
        assertEquals(new TreeSet<>(List.of("ordered", "received", "installed", "accepted", "in-service", "under-maintenance",
                "in-stock", "retired", "disposed")), states);

        JsonNode mine = http.get("/me/assets", employee).json();
        JsonNode laptop = null;
        for (JsonNode item : mine.path("items")) {
            if (item.path("assetTag").asText().equals("LT-0001")) {
                laptop = item;
            }
        }
        assertTrue(laptop != null, "Emma holds LT-0001: " + mine);
        assertEquals(1, http.get("/assets/" + laptop.path("assetId").asText() + "/maintenance", employee).json().path("items").size());
        assertEquals(200, http.get("/assets/due?kind=maintenance&withinDays=30", staff).status());
        assertEquals(403, http.get("/assets", employee).status());
    }

    @Test
    void scheduleFiredOnDemand_reachesItsFunction() throws Exception {
        JsonNode daily = null;
        for (JsonNode schedule : http.get("/_local/schedules", null).json()) {
            if (schedule.path("id").asText().equals("AssetRegistrationFunction.DailyReminders")) {
                daily = schedule;
            }
        }
        assertTrue(daily != null && daily.path("next").asText().endsWith("T08:00+08:00"), String.valueOf(daily));
        assertEquals("AssetRegistrationFunction", daily.path("function").asText());
        assertEquals("DailyReminders", daily.path("event").asText());
        Http.Response fired = http.post("/_local/schedules/DailyReminders", null, null);
        assertEquals(200, fired.status(), fired.toString());
        assertEquals("AssetRegistrationFunction.DailyReminders", fired.json().path("schedule").asText(), "a unique suffix names it");
        assertEquals("succeeded", fired.json().path("status").asText());
        assertEquals("asset-reminders", fired.json().path("result").path("schedule").asText(), "the function ran the schedule it names");
        assertEquals(404, http.post("/_local/schedules/NoSuchSchedule", null, null).status());
    }

    @Test
    void everySchedule_hasAUniqueIdAndTheBannerCommandNamesIt() {
        List<String> ids = new java.util.ArrayList<>();
        http.get("/_local/schedules", null).json().forEach(s -> ids.add(s.path("id").asText()));
        assertEquals(ids.size(), new TreeSet<>(ids).size(), "ids are unique: " + ids);
        long sharedNames = template().functions().stream().flatMap(f -> f.schedules().stream()).map(TemplateModel.Schedule::logicalId)
                .filter(id -> id.equals("ResendKeptEvents")).count();
        assertTrue(sharedNames > 1, "several functions have a ResendKeptEvents schedule");

        List<String> lines = server.scheduleLines(server.baseUrl());
        assertEquals(ids.size(), lines.size());
        for (int i = 0; i < lines.size(); i++) {
            String command = lines.get(i).substring(lines.get(i).indexOf("curl -X POST "));
            String id = command.substring(command.lastIndexOf('/') + 1);
            assertTrue(command.startsWith("curl -X POST " + server.baseUrl() + "/_local/schedules/"), command);
            assertEquals(ids.get(i), server.scheduler().find(id).map(Scheduler.Entry::id).orElse(null), "the banner's command fires it: " + command);
        }

        Http.Response ambiguous = http.post("/_local/schedules/ResendKeptEvents", null, null);
        assertEquals(409, ambiguous.status(), ambiguous.toString());
        assertEquals(sharedNames, ambiguous.json().path("matches").size(), "the answer lists every schedule it could mean");
        assertTrue(ambiguous.json().path("message").asText().contains("ambiguous"));
    }

    @Test
    void functionLogs_goToTheirOwnFile() throws Exception {
        http.get("/assets?limit=1", admin);
        Path log = logs.resolve("asset-registration.log");
        assertTrue(Files.exists(log));
        String text = Files.readString(log);
        assertTrue(text.contains("\"route\":\"GET /assets\""), "the function's JSON log lines are in its file");
    }

    @Test
    void statusAndWellKnownDocuments() {
        JsonNode status = http.get("/_local/status", null).json();
        assertEquals(server.baseUrl(), status.path("issuer").asText());
        List<String> names = new java.util.ArrayList<>();
        status.path("functions").forEach(f -> names.add(f.path("name").asText()));
        assertEquals(template().functions().size(), names.size());
        assertTrue(names.contains("asset-registration"), names.toString());
        JsonNode discovery = http.get("/.well-known/openid-configuration", null).json();
        assertEquals(server.baseUrl() + "/.well-known/jwks.json", discovery.path("jwks_uri").asText());
        JsonNode jwks = http.get("/.well-known/jwks.json", null).json();
        assertEquals(server.issuer().keyId(), jwks.path("keys").get(0).path("kid").asText());
        assertFalse(jwks.path("keys").get(0).has("d"), "only the public key is published");
        assertNotEquals(200, http.post("/_local/tokens", null, Map.of("role", "nobody")).status());
    }

    /** The console's sign-in: authorization code with PKCE (S256) on the local issuer, as on Cognito's managed login. */
    @Test
    void oidcCodeFlow_withPkce_signsInAPersonOfTheDirectory_andRefusesAWrongVerifierAReusedCodeAndForeignRedirects() {
        JsonNode discovery = http.get("/.well-known/openid-configuration", null).json();
        assertEquals(server.baseUrl() + LocalOidc.AUTHORIZE, discovery.path("authorization_endpoint").asText());
        assertEquals(server.baseUrl() + LocalOidc.TOKEN, discovery.path("token_endpoint").asText());
        assertEquals(server.baseUrl() + LocalOidc.END_SESSION, discovery.path("end_session_endpoint").asText());
        assertEquals("[\"S256\"]", discovery.path("code_challenge_methods_supported").toString());
        String redirect = server.baseUrl() + "/callback";
        String verifier = "v".repeat(20) + "-verifier-of-43-or-more-chars";
        String authorize = LocalOidc.AUTHORIZE + "?client_id=itops-local&response_type=code&scope=openid&state=s1&redirect_uri="
                + enc(redirect) + "&code_challenge=" + LocalOidc.s256(verifier) + "&code_challenge_method=S256";

        assertEquals(400, http.get(authorize.replace("&code_challenge_method=S256", "&code_challenge_method=plain"), null).status());
        assertEquals(400, http.get(authorize.replace(enc(redirect), enc("https://evil.example/callback")), null).status());
        Http.Response page = http.get(authorize, null);
        assertEquals(200, page.status());
        assertTrue(page.header("content-type").startsWith("text/html"), page.header("content-type"));
        assertTrue(page.text().contains("value=\"emma.employee\""), "the page lists local/users.json");

        String code = signIn(authorize, "pick=emma.employee");
        Http.Response wrong = tokenRequest(code, redirect, "w".repeat(43));
        assertEquals(400, wrong.status());
        assertEquals("invalid_grant", wrong.json().path("error").asText());
        assertEquals(400, tokenRequest(code, redirect, verifier).status(), "a code is used once, even by a wrong verifier");

        code = signIn(authorize, "pick=&username=pat.new&groups=staff&department=Legal");
        Http.Response tokens = tokenRequest(code, redirect, verifier);
        assertEquals(200, tokens.status(), tokens.toString());
        assertEquals("no-store", tokens.header("cache-control"));
        String access = tokens.json().path("access_token").asText();
        assertEquals(200, http.get("/assets", access).status(), "a staff member's access token reads the register");
        assertEquals(400, tokenRequest(code, redirect, verifier).status(), "a used code is refused");

        Http.Response employeeTokens = tokenRequest(signIn(authorize, "pick=emma.employee"), redirect, verifier);
        String employeeAccess = employeeTokens.json().path("access_token").asText();
        assertEquals(200, http.get("/me/assets", employeeAccess).status());
        assertEquals(403, http.get("/assets", employeeAccess).status(), "an employee's console token cannot read the register");

        Http.Response out = http.get(LocalOidc.END_SESSION + "?post_logout_redirect_uri=" + enc(server.baseUrl() + "/"), null);
        assertEquals(302, out.status());
        assertEquals(server.baseUrl() + "/", out.header("location"));
        assertEquals(200, http.get(LocalOidc.END_SESSION + "?post_logout_redirect_uri=" + enc("https://evil.example/"), null).status());
    }

    /** API paths stay the API's (JSON) for a browser too; the console's pages are served only where no route is. */
    @Test
    void consolePages_neverShadowApiPaths() {
        Http.Response api = http.send("GET", "/assets", null, null, "Accept", "text/html");
        assertEquals(401, api.status());
        assertTrue(api.header("content-type").startsWith("application/json"));
        Http.Response page = http.send("GET", "/training", null, null, "Accept", "text/html,application/xhtml+xml");
        if (Files.isRegularFile(TestServers.repositoryRoot().resolve("web/dist/index.html"))) {
            assertEquals(200, page.status());
            assertTrue(page.text().contains("<div id=\"app\">"), page.text());
            assertTrue(page.header("content-security-policy").contains("frame-ancestors 'none'"));
        } else {
            assertTrue(page.isGatewayNotFound(), page.toString());
        }
        assertTrue(http.send("GET", "/training", null, null, "Accept", "application/json").isGatewayNotFound());
    }

    private static String signIn(String authorize, String choice) {
        String query = authorize.substring(authorize.indexOf('?') + 1);
        Http.Response answer = http.send("POST", LocalOidc.AUTHORIZE, null, (query + "&" + choice).getBytes(StandardCharsets.UTF_8),
                "Content-Type", "application/x-www-form-urlencoded");
        assertEquals(302, answer.status(), answer.toString());
        String location = answer.header("location");
        assertTrue(location.contains("state=s1"), location);
        return java.net.URLDecoder.decode(location.replaceAll(".*[?&]code=([^&]+).*", "$1"), StandardCharsets.UTF_8);
    }

    private static Http.Response tokenRequest(String code, String redirect, String verifier) {
        String form = "grant_type=authorization_code&client_id=itops-local&code=" + enc(code) + "&redirect_uri=" + enc(redirect)
                + "&code_verifier=" + enc(verifier);
        return http.send("POST", LocalOidc.TOKEN, null, form.getBytes(StandardCharsets.UTF_8), "Content-Type", "application/x-www-form-urlencoded");
    }

    private static String enc(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** Raw request lines, as curl or a proxy sends them, with what the JDK's HTTP server answered with an HTML page. */
    @Test
    void everyAnswer_isJson_evenForRawRequestTargetsAndBrokenRequests() throws Exception {
        String auth = "Authorization: Bearer " + admin + "\r\n";
        Map<String, Integer> requests = new LinkedHashMap<>();
        requests.put("GET /assets/{\"$ne\":null} HTTP/1.1\r\nHost: x\r\n" + auth + "\r\n", 400);
        requests.put("GET /assets?cursor={\"pk\":\"ASSET#1\"} HTTP/1.1\r\nHost: x\r\n" + auth + "\r\n", 400);
        requests.put("GET /assets/{\"$ne\":null} HTTP/1.1\r\nHost: x\r\n\r\n", 401);
        requests.put("GET /no/{such}/\"route\" HTTP/1.1\r\nHost: x\r\n\r\n", 404);
        requests.put("GET /_local/{\"x\"} HTTP/1.1\r\nHost: x\r\n\r\n", 404);
        requests.put("POST /_local/schedules/{\"x\"} HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n", 404);
        requests.put("GET /assets/a b HTTP/1.1\r\nHost: x\r\n\r\n", 400);
        requests.put("GARBAGE\r\n\r\n", 400);
        requests.put("GET assets HTTP/1.1\r\nHost: x\r\n\r\n", 400);
        requests.put("GET / HTTP/2.0\r\nHost: x\r\n\r\n", 505);
        requests.put("GET /assets HTTP/1.1\r\nno colon here\r\n\r\n", 400);
        requests.put("POST /assets HTTP/1.1\r\nHost: x\r\nContent-Length: ten\r\n\r\n", 400);
        requests.put("POST /assets HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999\r\n\r\n", 413);
        requests.put("GET /" + "a".repeat(70_000) + " HTTP/1.1\r\nHost: x\r\n\r\n", 431);
        for (Map.Entry<String, Integer> request : requests.entrySet()) {
            String shown = request.getKey().substring(0, Math.min(60, request.getKey().indexOf('\r') < 0 ? 60 : request.getKey().indexOf('\r')));
            String answer = raw(request.getKey());
            int split = answer.indexOf("\r\n\r\n");
            assertTrue(split > 0, shown + ": an HTTP answer: " + answer);
            String head = answer.substring(0, split).toLowerCase(java.util.Locale.ROOT);
            String body = answer.substring(split + 4);
            assertEquals(request.getValue(), Integer.parseInt(head.substring(9, 12)), shown + ": " + answer);
            assertTrue(head.contains("content-type: application/json") || head.contains("content-type: application/problem+json"), shown + ": " + head);
            JsonNode json = LocalJson.read(body.getBytes(StandardCharsets.UTF_8));
            assertTrue(json.isObject(), shown + ": " + body);
            assertFalse(body.toLowerCase(java.util.Locale.ROOT).contains("<html"), shown + ": " + body);
            assertFalse(body.matches("(?s).*\\b(java|javax|sun|com\\.fasterxml)\\.[a-z]+\\..*") || body.contains("Exception"), shown + " names no Java class: " + body);
            if (head.contains("application/json") && request.getValue() != 404 || request.getKey().startsWith("GARBAGE")) {
                assertTrue(json.has("message"), shown + ": API Gateway's own shape: " + body);
            }
        }
        assertEquals("{\"message\":\"Not Found\"}", raw("GET /no/{such}/\"route\" HTTP/1.1\r\nHost: x\r\n\r\n").split("\r\n\r\n", 2)[1]);
    }

    @Test
    void keepAliveConnection_servesRequestsOneAfterAnother() throws Exception {
        String answer = raw("GET /_local/routes HTTP/1.1\r\nHost: x\r\n\r\n"
                + "POST /_local/tokens HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n10\r\n{\"role\": \"admin\"\r\n1\r\n}\r\n0\r\n\r\n"
                + "GET /_local/status HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertEquals(3, answer.split("HTTP/1.1 200 OK\r\n", -1).length - 1, answer.substring(0, Math.min(400, answer.length())));
        assertTrue(answer.contains("\"token\""), "the chunked body reached the endpoint");
    }

    /** Writes {@code request} to a fresh socket and reads until the server closes it or goes quiet. */
    private static String raw(String request) throws Exception {
        URL base = new URL(server.baseUrl());
        try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(15_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            if (!request.contains("Connection: close") && !request.startsWith("GARBAGE")) {
                socket.shutdownOutput();
            }
            java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = socket.getInputStream().read(buffer)) >= 0; ) {
                    got.write(buffer, 0, n);
                }
            } catch (java.net.SocketException e) {
                // the server closed after refusing the request; what it sent is in got
            }
            return got.toString(StandardCharsets.UTF_8);
        }
    }
}
