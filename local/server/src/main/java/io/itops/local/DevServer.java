package io.itops.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.itops.shared.config.Env;
import io.itops.testing.LocalAws;
import io.itops.testing.MotoServer;
import io.itops.testing.TemplateModel;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * The whole system on one machine, read from template.yaml: the local AWS (moto, or an endpoint
 * given), every function loaded from its jar, the HTTP API with its JWT authorizer and a local
 * issuer, the schedules, the bus, and sample data. Adding a function to template.yaml is all it
 * takes to have it served here.
 */
public final class DevServer implements AutoCloseable {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z");
    private final Options options;
    private final PrintStream console = LogRouter.console();
    private final List<AutoCloseable> closeables = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private MotoServer moto;
    private String endpoint;
    private LocalAws aws;
    private SqsClient sqs;
    private TemplateModel template;
    private LocalResources resources;
    private final Map<String, LocalFunction> functions = new LinkedHashMap<>();
    private final Map<String, AsyncInvoker.Target> targets = new LinkedHashMap<>();
    private LocalIssuer issuer;
    private LocalOidc oidc;
    private ConsoleFiles consoleFiles;
    private JwtAuthorizer defaultAuthorizer;
    private Gateway gateway;
    private HttpFront front;
    private ChatStandIns chat;
    private AsyncInvoker invoker;
    private LocalBus bus;
    private Scheduler scheduler;
    private volatile Seeder.Report seed;
    private volatile boolean closed;
    private long startMillis;
    private final Map<String, Long> phases = new LinkedHashMap<>();
    private long phaseStarted;

    private DevServer(Options options) {
        this.options = options;
    }

    public static void main(String[] args) {
        // the AWS SDK logs through SLF4J and ships no binding; its "no providers" notice is noise here
        System.setProperty("slf4j.internal.verbosity", "ERROR");
        Options options;
        try {
            options = Options.parse(args);
        } catch (Options.UsageException e) {
            if (e.getMessage() != null) {
                System.err.println("itops: " + e.getMessage());
            }
            System.err.print(Options.USAGE);
            System.exit(e.getMessage() == null ? 0 : 2);
            return;
        }
        // The hook is in place before anything starts: Ctrl-C during start-up stops moto too.
        DevServer server = new DevServer(options);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (!server.closed) {
                LogRouter.console().println("\n[itops] stopping...");
                server.close();
                LogRouter.console().println("[itops] stopped (moto and every worker thread ended)");
            }
        }, "itops-shutdown"));
        try {
            server.bootOrClose();
        } catch (StartupException e) {
            System.err.println("\n[itops] " + e.getMessage());
            System.exit(1);
            return;
        }
        server.awaitStop();
    }

    /** A reason the server cannot start, with what to do about it. */
    static final class StartupException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StartupException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Starts everything; returns once the server answers and the sample data is in. */
    static DevServer start(Options options) {
        DevServer server = new DevServer(options);
        server.bootOrClose();
        return server;
    }

    private void bootOrClose() {
        try {
            boot();
        } catch (StartupException e) {
            close();
            throw e;
        } catch (RuntimeException | IOException e) {
            close();
            throw new StartupException("could not start: " + e.getMessage(), e);
        }
    }

    private void boot() throws IOException {
        long started = System.nanoTime();
        phaseStarted = started;
        LogRouter.install();
        template = TemplateModel.at(options.root());
        startLocalAws();
        phase(moto != null ? "moto" : "endpoint");
        resources = new LocalResources(template, options.stage(), LocalAws.REGION);
        sqs = sqsClient(endpoint);
        closeables.add(sqs);
        resources.provision(aws, sqs);
        phase("resources");
        invoker = new AsyncInvoker(options.retryDelay(), console, this::sendToDeadLetterQueue);
        closeables.add(invoker);
        // bound before the functions load: local/environment.json may point them at this server (the chat stand-ins)
        try {
            front = new HttpFront(options.host(), options.port(), console);
        } catch (java.net.BindException e) {
            throw new StartupException("port " + options.port() + " on " + options.host()
                    + " is in use: stop what holds it, or start with --port N (./itops run --port 3001)", e);
        }
        closeables.add(0, front);
        String hostName = options.host().equals("127.0.0.1") || options.host().equals("0.0.0.0") ? "localhost" : options.host();
        String baseUrl = "http://" + hostName + ":" + front.port();
        chat = new ChatStandIns(options.root(), options.stage());
        loadFunctions(localEnvironment(baseUrl));
        phase("functions");

        issuer = new LocalIssuer(baseUrl, options.audience(), groupsClaim());
        Map<String, JwtAuthorizer> authorizers = authorizers();
        gateway = new Gateway(new RouteTable(routes()), functions, authorizers, "local");
        oidc = new LocalOidc(issuer, options.root().resolve("local/users.json"));
        consoleFiles = new ConsoleFiles(options.root().resolve("web/dist"));
        front.start(gateway, this::admin, consoleFiles);
        for (JwtAuthorizer authorizer : authorizers.values()) {
            try {
                authorizer.refreshKeys();
            } catch (IOException | java.text.ParseException | InterruptedException e) {
                throw new StartupException("the authorizer could not read the local issuer's JWKS: " + e, e);
            }
        }

        phase("http+issuer");
        bus = new LocalBus(aws.clients().events(), sqs, busNames(), subscriptions(), invoker, console, LocalAws.REGION);
        closeables.add(0, bus);
        bus.start();
        scheduler = new Scheduler(scheduleEntries(), invoker, LocalAws.REGION);
        closeables.add(0, scheduler);
        if (options.schedules()) {
            scheduler.start();
        }
        phase("bus+schedules");
        seed();
        phase("seed");
        startMillis = (System.nanoTime() - started) / 1_000_000;
        if (options.banner()) {
            banner(baseUrl);
        }
    }

    private void phase(String name) {
        long now = System.nanoTime();
        phases.put(name, (now - phaseStarted) / 1_000_000);
        phaseStarted = now;
    }

    // ------------------------------------------------------------------ local AWS

    private void startLocalAws() {
        if (options.endpoint() != null) {
            endpoint = options.endpoint();
        } else {
            try {
                moto = MotoServer.start(0);
            } catch (RuntimeException e) {
                Prerequisites.requireMoto(); // says what is missing and how to install it
                throw new StartupException("moto did not start: " + e.getMessage(), e);
            }
            closeables.add(moto);
            endpoint = moto.endpoint();
        }
        aws = new LocalAws(endpoint);
        try {
            aws.clients().dynamo().listTables(r -> r.limit(1));
        } catch (RuntimeException e) {
            throw new StartupException("the AWS endpoint " + endpoint + " does not answer: " + e.getMessage(), e);
        }
    }

    static SqsClient sqsClient(String endpoint) {
        return SqsClient.builder()
                .region(Region.of(LocalAws.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        orDefault(System.getenv("AWS_ACCESS_KEY_ID"), "testing"), orDefault(System.getenv("AWS_SECRET_ACCESS_KEY"), "testing"))))
                .httpClient(UrlConnectionHttpClient.builder().build())
                .endpointOverride(URI.create(endpoint))
                .build();
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }

    /** The runtime part of every function's environment: region, credentials, the local endpoint. */
    private Map<String, String> runtimeEnvironment() {
        Map<String, String> env = LocalAws.baseEnvironment(endpoint);
        if (moto == null && System.getenv("AWS_ACCESS_KEY_ID") != null) {
            env.put("AWS_ACCESS_KEY_ID", System.getenv("AWS_ACCESS_KEY_ID"));
            env.put("AWS_SECRET_ACCESS_KEY", orDefault(System.getenv("AWS_SECRET_ACCESS_KEY"), ""));
            if (System.getenv("AWS_SESSION_TOKEN") != null) {
                env.put("AWS_SESSION_TOKEN", System.getenv("AWS_SESSION_TOKEN"));
            }
        }
        return env;
    }

    // ------------------------------------------------------------------ functions

    /**
     * local/environment.json: function logical id -> variables that replace template.yaml's on this
     * machine only ({@code ${DevServerUrl}} is this server), e.g. chat-webhook's platform base URLs.
     */
    private Map<String, Map<String, String>> localEnvironment(String baseUrl) {
        Path file = options.root().resolve("local/environment.json");
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        if (!Files.exists(file)) {
            return out;
        }
        JsonNode root;
        try {
            root = LocalJson.read(Files.readString(file));
        } catch (IOException | RuntimeException e) {
            throw new StartupException("local/environment.json: " + e.getMessage(), e);
        }
        root.properties().forEach(function -> {
            if (function.getKey().startsWith("_")) {
                return; // a comment
            }
            Map<String, String> variables = new LinkedHashMap<>();
            function.getValue().properties().forEach(v -> variables.put(v.getKey(), v.getValue().asText().replace("${DevServerUrl}", baseUrl)));
            out.put(function.getKey(), variables);
        });
        return out;
    }

    private void loadFunctions(Map<String, Map<String, String>> localEnvironment) {
        for (TemplateModel.FunctionDef def : template.functions()) {
            Map<String, String> env = resources.functionEnvironment(def, runtimeEnvironment());
            env.putAll(localEnvironment.getOrDefault(def.logicalId(), Map.of()));
            int timeout = Integer.parseInt(resources.functionSetting(def, "Timeout", "3"));
            Path jar = options.root().resolve(def.codeUri());
            String handler = String.valueOf(def.properties().get("Handler"));
            LocalFunction function;
            try {
                function = LocalFunction.load(def.logicalId(), jar, handler, env, timeout, resources.memory(def), options.logDir());
            } catch (IllegalStateException e) {
                throw new StartupException(e.getMessage(), e);
            }
            functions.put(def.logicalId(), function);
            closeables.add(function);
            Map<String, Object> invokeConfig = Cfn.map(def.properties().get("EventInvokeConfig"));
            int retries = invokeConfig.containsKey("MaximumRetryAttempts")
                    ? Integer.parseInt(String.valueOf(invokeConfig.get("MaximumRetryAttempts"))) : 2;
            long maxAge = invokeConfig.containsKey("MaximumEventAgeInSeconds")
                    ? Long.parseLong(String.valueOf(invokeConfig.get("MaximumEventAgeInSeconds"))) : 21_600;
            targets.put(def.logicalId(), new AsyncInvoker.Target(function, 1 + retries, Duration.ofSeconds(maxAge), deadLetterQueue(def)));
        }
    }

    /** The logical id of the function's DeadLetterQueue (SQS), or null. */
    private String deadLetterQueue(TemplateModel.FunctionDef def) {
        Map<String, Object> dlq = Cfn.map(def.properties().get("DeadLetterQueue"));
        if (!"SQS".equals(dlq.get("Type")) || dlq.get("TargetArn") == null) {
            return null;
        }
        try {
            return resources.queueWithArn(resources.resolve(dlq.get("TargetArn")));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private void sendToDeadLetterQueue(AsyncInvoker.Target target, AsyncInvoker.DeadLetter letter) {
        if (target.deadLetterQueue() == null) {
            return;
        }
        // Lambda's DLQ message: the event as body, the error as message attributes.
        sqs.sendMessage(r -> r.queueUrl(resources.ref(target.deadLetterQueue()))
                .messageBody(LocalJson.write(letter.event()))
                .messageAttributes(Map.of(
                        "RequestID", MessageAttributeValue.builder().dataType("String").stringValue(letter.id()).build(),
                        "ErrorCode", MessageAttributeValue.builder().dataType("Number").stringValue("200").build(),
                        "ErrorMessage", MessageAttributeValue.builder().dataType("String")
                                .stringValue(letter.errorType() + ": " + letter.errorMessage()).build())));
    }

    // ------------------------------------------------------------------ HTTP API

    private String groupsClaim() {
        String claim = template.parameterDefault("GroupsClaim");
        return claim == null || claim.isBlank() ? "cognito:groups" : claim;
    }

    /** Every AWS::Serverless::HttpApi's JWT authorizers, verifying the local issuer's tokens. */
    private Map<String, JwtAuthorizer> authorizers() {
        Map<String, JwtAuthorizer> authorizers = new LinkedHashMap<>();
        template.resources().forEach((id, value) -> {
            Map<String, Object> resource = Cfn.map(value);
            if (!"AWS::Serverless::HttpApi".equals(resource.get("Type"))) {
                return;
            }
            Map<String, Object> auth = Cfn.map(Cfn.map(resource.get("Properties")).get("Auth"));
            Cfn.map(auth.get("Authorizers")).forEach((name, config) -> {
                Map<String, Object> authorizer = Cfn.map(config);
                if (Cfn.map(authorizer.get("JwtConfiguration")).isEmpty()) {
                    throw new StartupException("authorizer " + name + " of " + id
                            + " is not a JWT authorizer; the dev server only runs JWT authorizers", null);
                }
                String source = authorizer.get("IdentitySource") == null ? null : resources.resolve(authorizer.get("IdentitySource"));
                authorizers.put(id + "." + name, new JwtAuthorizer(issuer.issuer(), List.of(issuer.audience()), source));
            });
        });
        return authorizers;
    }

    /** Every HttpApi event of every function, with the authorizer that guards it (null: none). */
    private List<RouteTable.Route> routes() {
        List<RouteTable.Route> routes = new ArrayList<>();
        for (TemplateModel.FunctionDef def : template.functions()) {
            Cfn.map(def.properties().get("Events")).forEach((eventId, value) -> {
                Map<String, Object> event = Cfn.map(value);
                if (!"HttpApi".equals(event.get("Type"))) {
                    return;
                }
                Map<String, Object> props = Cfn.map(event.get("Properties"));
                String method = props.get("Method") == null ? "ANY" : String.valueOf(props.get("Method")).toUpperCase(java.util.Locale.ROOT);
                String path = props.get("Path") == null ? "$default" : String.valueOf(props.get("Path"));
                String api = apiOf(props);
                Map<String, Object> apiAuth = api == null ? Map.of()
                        : Cfn.map(Cfn.map(template.properties(api)).get("Auth"));
                Map<String, Object> auth = Cfn.map(props.get("Auth"));
                String name = auth.get("Authorizer") != null ? String.valueOf(auth.get("Authorizer"))
                        : apiAuth.get("DefaultAuthorizer") == null ? null : String.valueOf(apiAuth.get("DefaultAuthorizer"));
                String authorizer = name == null || name.equals("NONE") ? null : api + "." + name;
                List<String> scopes = new ArrayList<>();
                Object declared = auth.containsKey("AuthorizationScopes") ? auth.get("AuthorizationScopes") : apiAuth.get("DefaultAuthorizationScopes");
                if (authorizer != null && declared instanceof List<?> list) {
                    list.forEach(s -> scopes.add(String.valueOf(s)));
                }
                routes.add(new RouteTable.Route(def.logicalId(), eventId, method, path, authorizer, scopes));
            });
        }
        return routes;
    }

    /** The HttpApi an event names (ApiId: !Ref X), else the only one in the template, else null (SAM's implicit API). */
    private String apiOf(Map<String, Object> props) {
        Object apiId = props.get("ApiId");
        if (apiId instanceof Map<?, ?> ref && ref.containsKey("Ref")) {
            return String.valueOf(ref.get("Ref"));
        }
        List<String> apis = template.resources().entrySet().stream()
                .filter(e -> "AWS::Serverless::HttpApi".equals(Cfn.map(e.getValue()).get("Type"))).map(Map.Entry::getKey).toList();
        return apis.size() == 1 ? apis.get(0) : null;
    }

    // ------------------------------------------------------------------ bus and schedules

    private Map<String, String> busNames() {
        Map<String, String> buses = new LinkedHashMap<>();
        template.resources().forEach((id, value) -> {
            if ("AWS::Events::EventBus".equals(Cfn.map(value).get("Type"))) {
                buses.put(id, resources.ref(id));
            }
        });
        return buses;
    }

    private List<LocalBus.Subscription> subscriptions() {
        List<LocalBus.Subscription> subscriptions = new ArrayList<>();
        for (TemplateModel.FunctionDef def : template.functions()) {
            for (TemplateModel.Rule rule : def.rules()) {
                String busName = rule.eventBusName() == null ? "default" : resources.resolve(rule.eventBusName());
                String pattern;
                try {
                    pattern = EventRules.check(rule.pattern());
                } catch (IllegalArgumentException e) {
                    throw new StartupException(def.logicalId() + "." + rule.logicalId() + ": invalid Pattern: " + e.getMessage(), e);
                }
                Object input = rule.properties().get("Input");
                Object inputPath = rule.properties().get("InputPath");
                subscriptions.add(new LocalBus.Subscription(rule.logicalId(), busName, pattern,
                        input == null ? null : resources.resolve(input), inputPath == null ? null : String.valueOf(inputPath),
                        targets.get(def.logicalId())));
            }
        }
        return subscriptions;
    }

    private List<Scheduler.Entry> scheduleEntries() {
        List<Scheduler.Entry> entries = new ArrayList<>();
        for (TemplateModel.FunctionDef def : template.functions()) {
            for (TemplateModel.Schedule schedule : def.schedules()) {
                ScheduleExpression expression;
                ZoneId zone;
                try {
                    expression = ScheduleExpression.parse(resources.resolve(schedule.properties().getOrDefault("ScheduleExpression",
                            schedule.properties().get("Schedule"))));
                    zone = ZoneId.of(schedule.timezone() == null ? "UTC" : schedule.timezone());
                } catch (RuntimeException e) {
                    throw new StartupException(def.logicalId() + "." + schedule.logicalId() + ": " + e.getMessage(), e);
                }
                Object name = schedule.properties().get("Name");
                Object input = schedule.properties().get("Input");
                boolean enabled = !"DISABLED".equals(String.valueOf(schedule.properties().getOrDefault("State", "ENABLED")))
                        && !Boolean.FALSE.equals(schedule.properties().get("Enabled"));
                entries.add(new Scheduler.Entry(Scheduler.id(def.logicalId(), schedule.logicalId()), schedule.logicalId(), name == null ? def.logicalId() + schedule.logicalId() : resources.resolve(name),
                        String.valueOf(schedule.properties().getOrDefault("ScheduleExpression", schedule.properties().get("Schedule"))),
                        expression, zone, input == null ? null : resources.resolve(input), enabled, targets.get(def.logicalId())));
            }
        }
        return entries;
    }

    // ------------------------------------------------------------------ seed

    private String tableName() {
        return template.resources().containsKey("ItopsTable") ? resources.ref("ItopsTable") : null;
    }

    private void seed() {
        List<Path> files = Seeder.files(options.root().resolve("local/seed"));
        String table = tableName();
        boolean empty = table != null && aws.clients().dynamo().scan(r -> r.tableName(table).limit(1)).count() == 0;
        boolean run = switch (options.seed()) {
            case ALWAYS -> true;
            case NEVER -> false;
            case AUTO -> empty;
        };
        if (!run || files.isEmpty()) {
            seed = new Seeder.Report(List.of(), 0, List.of(), 0);
            return;
        }
        seed = new Seeder(gateway, issuer).run(files);
        if (!seed.ok()) {
            console.println("\n[itops] SEED FAILED (the server keeps running): " + String.join("\n  ", seed.failures()));
        }
    }

    // ------------------------------------------------------------------ the banner

    /** The banner's schedule lines, each with the command that fires it now. */
    List<String> scheduleLines(String baseUrl) {
        List<String> lines = new ArrayList<>();
        for (Scheduler.Entry entry : scheduler.entries()) {
            Optional<Instant> next = scheduler.next(entry);
            lines.add("  schedule   " + entry.id() + "  " + entry.expressionText() + " " + entry.zone() + "  next "
                    + (!options.schedules() || !entry.enabled() ? "(off)" : next.map(n -> CLOCK.format(ZonedDateTime.ofInstant(n, entry.zone()))).orElse("never"))
                    + "   fire now: curl -X POST " + baseUrl + "/_local/schedules/" + entry.id());
        }
        return lines;
    }

    private void banner(String baseUrl) {
        PrintStream out = console;
        out.println();
        out.println("  itops is running at " + baseUrl + "   (ready in " + startMillis + " ms: " + String.join(", ",
                phases.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList()) + ")");
        out.println();
        out.println("  local AWS  " + (moto != null ? "moto (single-threaded) at " + endpoint : endpoint));
        out.println("  functions  " + functions.size() + ": " + String.join(", ", functions.values().stream().map(LocalFunction::name).toList()));
        out.println("  console    " + (consoleFiles.built() ? baseUrl + "/ (web/dist; sign in on the local issuer's page)"
                : "not built (web/dist missing): ./itops run builds it when npm is installed"));
        out.println("  routes     " + gateway.routes().routes().size() + " (GET " + baseUrl + "/_local/routes)");
        out.println("  bus        " + String.join(", ", busNames().values()) + ", " + bus.subscriptions().size() + " rule(s)");
        out.println("  chat       Slack, Feishu and DingTalk stand-ins (GET " + baseUrl + "/_local/chat); talk to the bot: ./itops chat \"help\"");
        scheduleLines(baseUrl).forEach(out::println);
        if (seed.requests() > 0) {
            out.println("  seed       " + seed.requests() + " requests from " + String.join(", ", seed.files()) + " in " + seed.millis() + " ms"
                    + (seed.ok() ? "" : "  FAILED"));
        }
        out.println("  logs       " + options.logDir() + "/<function>.log");
        out.println();
        out.println("  Tokens (valid " + LocalIssuer.PRINTED_TOKEN_LIFETIME.toHours() + " h; mint more: ./itops token USER [GROUP...]):");
        for (LocalIssuer.Person person : List.of(LocalIssuer.ADMIN, LocalIssuer.STAFF, LocalIssuer.EMPLOYEE)) {
            String role = person == LocalIssuer.ADMIN ? "ADMIN" : person == LocalIssuer.STAFF ? "STAFF" : "EMPLOYEE";
            out.println("  export " + role + "=" + issuer.mint(person, LocalIssuer.PRINTED_TOKEN_LIFETIME));
        }
        out.println();
        out.println("  Try:  curl -s -H \"Authorization: Bearer $ADMIN\" " + baseUrl + "/assets");
        out.println("        curl -s -H \"Authorization: Bearer $EMPLOYEE\" " + baseUrl + "/me/assets");
        out.println();
        out.println("  Ctrl-C stops everything. Requests:");
    }

    // ------------------------------------------------------------------ /_local endpoints

    private Gateway.Result admin(String method, String path, String rawQuery, List<Map.Entry<String, String>> headers, byte[] body) {
        try {
            if (path.equals(ChatStandIns.PREFIX) || path.startsWith(ChatStandIns.PREFIX + "/")) {
                return chat.handle(method, path, rawQuery, headers, body);
            }
            return adminRoute(method, path, rawQuery, body);
        } catch (IllegalArgumentException e) {
            return HttpFront.error(400, e.getMessage());
        }
    }

    private Gateway.Result adminRoute(String method, String path, String rawQuery, byte[] body) {
        String key = method + " " + path;
        if (key.equals("GET /.well-known/jwks.json")) {
            return LocalOidc.withHeaders(HttpFront.json(200, issuer.jwks()), Map.entry("access-control-allow-origin", "*"));
        }
        if (key.equals("GET /.well-known/openid-configuration")) {
            return LocalOidc.withHeaders(HttpFront.json(200, oidc.discovery()), Map.entry("access-control-allow-origin", "*"));
        }
        if (oidc.handles(path)) {
            return oidc.handle(method, path, rawQuery, body);
        }
        if (key.equals("GET /_local/status")) {
            return HttpFront.json(200, status());
        }
        if (key.equals("GET /_local/routes")) {
            List<Map<String, Object>> routes = new ArrayList<>();
            for (RouteTable.Route r : gateway.routes().routes()) {
                Map<String, Object> route = new LinkedHashMap<>();
                route.put("routeKey", r.routeKey());
                route.put("function", r.functionId());
                route.put("event", r.eventId());
                route.put("authorizer", r.authorizer() == null ? "NONE" : r.authorizer());
                routes.add(route);
            }
            return HttpFront.json(200, routes);
        }
        if (key.equals("POST /_local/tokens")) {
            return mintToken(body);
        }
        if (key.equals("GET /_local/schedules")) {
            List<Map<String, Object>> list = new ArrayList<>();
            for (Scheduler.Entry entry : scheduler.entries()) {
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("id", entry.id());
                item.put("function", entry.target().function().logicalId());
                item.put("event", entry.event());
                item.put("name", entry.name());
                item.put("expression", entry.expressionText());
                item.put("timezone", entry.zone().getId());
                item.put("state", entry.enabled() ? "ENABLED" : "DISABLED");
                item.put("firesAutomatically", options.schedules() && entry.enabled());
                scheduler.next(entry).ifPresent(next -> {
                    item.put("next", ZonedDateTime.ofInstant(next, entry.zone()).toOffsetDateTime().toString());
                    item.put("nextUtc", next.toString());
                });
                item.put("input", entry.input());
                list.add(item);
            }
            return HttpFront.json(200, list);
        }
        if (method.equals("POST") && path.startsWith("/_local/schedules/")) {
            return fireSchedule(path.substring("/_local/schedules/".length()));
        }
        if (key.equals("POST /_local/events")) {
            return publish(body);
        }
        if (key.equals("GET /_local/events")) {
            return HttpFront.json(200, bus.recent());
        }
        if (key.equals("GET /_local/deliveries")) {
            return HttpFront.json(200, invoker.deliveries().stream().map(AsyncInvoker::json).toList());
        }
        if (key.equals("GET /_local/dead-letters")) {
            return HttpFront.json(200, HttpFront.array(invoker.deadLetters().stream().map(AsyncInvoker::json).toList()));
        }
        if (key.equals("DELETE /_local/dead-letters")) {
            invoker.clearDeadLetters();
            return new Gateway.Result(204, List.of(), new byte[0], null, null, null);
        }
        if (method.equals("POST") && path.startsWith("/_local/functions/") && path.endsWith("/invocations")) {
            String id = path.substring("/_local/functions/".length(), path.length() - "/invocations".length());
            return invokeDirectly(id, body);
        }
        return HttpFront.error(404, "No dev-server endpoint " + key + ". See GET /_local/status.");
    }

    private Map<String, Object> status() {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("url", issuer.issuer());
        status.put("startedInMs", startMillis);
        status.put("startupPhasesMs", phases);
        status.put("awsEndpoint", endpoint);
        status.put("moto", moto != null);
        status.put("stage", options.stage());
        List<Map<String, Object>> fns = new ArrayList<>();
        functions.values().forEach(f -> {
            Map<String, Object> fn = new LinkedHashMap<>();
            fn.put("logicalId", f.logicalId());
            fn.put("name", f.name());
            fn.put("jar", f.jar().toString());
            fn.put("initMs", f.initMillis());
            fn.put("log", options.logDir().resolve(f.name() + ".log").toString());
            fns.add(fn);
        });
        status.put("functions", fns);
        status.put("routes", gateway.routes().routes().size());
        status.put("rules", bus.subscriptions().size());
        status.put("schedules", scheduler.entries().size());
        Map<String, Object> seeded = new LinkedHashMap<>();
        seeded.put("files", seed.files());
        seeded.put("requests", seed.requests());
        seeded.put("failures", seed.failures());
        status.put("seed", seeded);
        status.put("issuer", issuer.issuer());
        status.put("audience", issuer.audience());
        status.put("groupsClaim", issuer.groupsClaim());
        status.put("resources", resources.created());
        return status;
    }

    private Gateway.Result mintToken(byte[] body) {
        JsonNode request = body.length == 0 ? LocalJson.object() : LocalJson.read(body);
        LocalIssuer.Person person;
        String role = request.path("role").asText("");
        if (!role.isEmpty() && !request.has("username")) {
            person = switch (role) {
                case "admin" -> LocalIssuer.ADMIN;
                case "staff" -> LocalIssuer.STAFF;
                case "employee" -> LocalIssuer.EMPLOYEE;
                default -> throw new IllegalArgumentException("role must be admin, staff or employee");
            };
        } else {
            String username = request.path("username").asText(request.path("user").asText(""));
            if (username.isBlank()) {
                throw new IllegalArgumentException("give \"username\" (and optional \"groups\", \"department\", \"email\", \"name\", \"ttlSeconds\") or \"role\"");
            }
            List<String> groups = new ArrayList<>();
            request.path("groups").forEach(g -> groups.add(g.asText()));
            person = new LocalIssuer.Person(username, groups, request.path("department").asText(null),
                    request.path("email").asText(null), request.path("name").asText(null));
        }
        long ttl = request.path("ttlSeconds").asLong(3600);
        if (ttl < 1 || ttl > 7 * 24 * 3600) {
            throw new IllegalArgumentException("ttlSeconds must be 1 to 604800");
        }
        var claims = issuer.claims(person, Duration.ofSeconds(ttl), Map.of());
        ObjectNode out = LocalJson.object();
        out.put("token", issuer.sign(claims));
        out.put("expiresAt", claims.getExpirationTime().toInstant().toString());
        out.set("claims", LocalJson.tree(claims.toJSONObject()));
        return HttpFront.json(200, out);
    }

    private Gateway.Result fireSchedule(String id) {
        List<Scheduler.Entry> matching = scheduler.matching(id);
        if (matching.size() > 1) {
            ObjectNode out = LocalJson.object();
            out.put("message", "Schedule " + id + " is ambiguous: " + matching.size() + " schedules end with it; name one");
            out.set("matches", HttpFront.array(matching.stream().map(Scheduler.Entry::id).toList()));
            return HttpFront.json(409, out);
        }
        Optional<Scheduler.Entry> entry = matching.stream().findFirst();
        if (entry.isEmpty()) {
            return HttpFront.error(404, "No schedule " + id + "; GET /_local/schedules lists them");
        }
        Scheduler.Firing firing = scheduler.fireNow(entry.get());
        ObjectNode out = LocalJson.object();
        out.put("schedule", entry.get().id());
        out.put("function", entry.get().target().function().logicalId());
        out.put("scheduledTime", firing.scheduledTime().toString());
        out.put("executionId", firing.executionId());
        try {
            AsyncInvoker.FirstAttempt first = firing.first().get(entry.get().target().function().timeoutSeconds() + 5L, TimeUnit.SECONDS);
            out.put("status", first.succeeded() ? "succeeded" : "failed (retrying as Lambda does; see GET /_local/dead-letters)");
            out.put("ms", first.millis());
            if (first.output() != null) {
                out.set("result", first.output());
            }
            if (first.error() != null) {
                out.put("error", first.error());
            }
            return HttpFront.json(first.succeeded() ? 200 : 502, out);
        } catch (TimeoutException e) {
            out.put("status", "still running");
            return HttpFront.json(202, out);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private Gateway.Result publish(byte[] body) {
        JsonNode request = LocalJson.read(body);
        List<JsonNode> entries = new ArrayList<>();
        if (request.has("entries")) {
            request.get("entries").forEach(entries::add);
        } else {
            entries.add(request);
        }
        ArrayNode ids = LocalJson.array();
        for (JsonNode entry : entries) {
            String detailType = entry.path("detail-type").asText(entry.path("detailType").asText(""));
            String source = entry.path("source").asText("");
            if (detailType.isEmpty() || source.isEmpty()) {
                throw new IllegalArgumentException("an event needs \"source\", \"detail-type\" and \"detail\"");
            }
            String busId = entry.path("bus").asText("");
            Map<String, String> buses = busNames();
            String busName = busId.isEmpty() ? buses.values().iterator().next() : buses.getOrDefault(busId, busId);
            List<String> resources = new ArrayList<>();
            entry.path("resources").forEach(r -> resources.add(r.asText()));
            ids.add(bus.publish(busName, source, detailType, entry.has("detail") ? entry.get("detail") : LocalJson.object(), resources));
        }
        ObjectNode out = LocalJson.object();
        out.set("eventIds", ids);
        out.put("note", "delivered asynchronously to every matching rule; see GET /_local/events and /_local/deliveries");
        return HttpFront.json(200, out);
    }

    /** Lambda's Invoke (RequestResponse) for any event: schedule and bus samples, sam local invoke -e style. */
    private Gateway.Result invokeDirectly(String id, byte[] body) {
        LocalFunction function = functions.get(id);
        if (function == null) {
            function = functions.values().stream().filter(f -> f.name().equals(id)).findFirst().orElse(null);
        }
        if (function == null) {
            return HttpFront.error(404, "No function " + id);
        }
        try {
            byte[] output = function.invoke(body, java.util.UUID.randomUUID().toString());
            return new Gateway.Result(200, List.of(Map.entry("content-type", "application/json")), output, null, function.name(), null);
        } catch (LocalFunction.InvocationError error) {
            return new Gateway.Result(200, List.of(Map.entry("content-type", "application/json"),
                    Map.entry("x-amz-function-error", "Unhandled")), LocalJson.bytes(error.payload()), null, function.name(), error.errorType());
        }
    }

    // ------------------------------------------------------------------ for tests and the benchmark

    int port() {
        return front.port();
    }

    String baseUrl() {
        return issuer.issuer();
    }

    LocalIssuer issuer() {
        return issuer;
    }

    Gateway gateway() {
        return gateway;
    }

    LocalFunction function(String logicalId) {
        return functions.get(logicalId);
    }

    LocalBus bus() {
        return bus;
    }

    Scheduler scheduler() {
        return scheduler;
    }

    String stage() {
        return options.stage();
    }

    AsyncInvoker invoker() {
        return invoker;
    }

    Seeder.Report seedReport() {
        return seed;
    }

    String awsEndpoint() {
        return endpoint;
    }

    String tableNameForTests() {
        return tableName();
    }

    long startMillis() {
        return startMillis;
    }

    void awaitStop() {
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the HTTP server, scheduler, bus, workers, function class loaders and moto. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (bus != null && moto == null) {
            bus.removeTaps();
        }
        for (AutoCloseable closeable : closeables) {
            try {
                closeable.close();
            } catch (Exception e) {
                console.println("[itops] while stopping " + closeable.getClass().getSimpleName() + ": " + e.getMessage());
            }
        }
        stopped.countDown();
    }

    static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    static Env env(Map<String, String> vars) {
        return new Env(vars);
    }
}
