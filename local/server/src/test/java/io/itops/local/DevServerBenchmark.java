package io.itops.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.itops.testing.MotoServer;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Figures for the dev server (run by local/bench/dev-server; never asserts on timings): how long
 * from the run command to the first successful request, and what the server adds to a request,
 * measured beside the same request handed straight to the function in-process, in one run.
 */
class DevServerBenchmark {
    private static final int WARMUP = Integer.getInteger("bench.warmup", 300);
    private static final int REQUESTS = Integer.getInteger("bench.requests", 2000);
    private static final int STARTS = Integer.getInteger("bench.starts", 3);
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path logs;

    record Row(String what, int clients, int requests, double perSecond, double p50, double p99) {}

    @Test
    void devServer() throws Exception {
        Path root = TestServers.repositoryRoot();
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("machine", Map.of("cores", Runtime.getRuntime().availableProcessors(), "loadAverageAtStart", load,
                "java", System.getProperty("java.version")));

        // 1. From the run command to the first successful request
        List<Long> runCommand = new ArrayList<>();
        if (Boolean.parseBoolean(System.getProperty("bench.itopsRun", "true"))) {
            runCommand.add(timeToFirstRequest(List.of(root.resolve("itops").toString(), "run"), root).firstRequestMs());
        }
        List<Long> jarFirst = new ArrayList<>();
        List<Long> jarBanner = new ArrayList<>();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        for (int i = 0; i < STARTS; i++) {
            Startup startup = timeToFirstRequest(List.of(java, "-jar", root.resolve("local/server/target/itops-local.jar").toString()), root);
            jarFirst.add(startup.firstRequestMs());
            jarBanner.add(startup.bannerMs());
        }
        Map<String, Object> startup = new LinkedHashMap<>();
        startup.put("itopsRunToFirstRequestMs", runCommand);
        startup.put("javaJarToFirstRequestMs", jarFirst);
        startup.put("javaJarToReadyBannerMs", jarBanner);
        results.put("startup", startup);

        // 2. GET /assets/{assetId}: through the server over HTTP, and straight to the handler
        List<Row> rows = new ArrayList<>();
        try (DevServer server = DevServer.start(TestServers.options(root, logs).withEndpoint(MotoServer.shared().endpoint()))) {
            Http http = new Http(server.baseUrl());
            String token = http.token(Map.of("role", "admin"));
            String assetId = http.get("/assets?limit=1", token).json().path("items").get(0).path("assetId").asText();
            URI uri = URI.create(server.baseUrl() + "/assets/" + assetId);
            Callable<Boolean> overHttp = () -> {
                HttpResponse<byte[]> r = CLIENT.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                return r.statusCode() == 200;
            };
            byte[] event = directEvent(server, "/assets/" + assetId, token);
            LocalFunction function = server.function("AssetRegistrationFunction");
            Callable<Boolean> inProcess = () -> {
                JsonNode out = LocalJson.read(function.invoke(event, "bench"));
                return out.path("statusCode").asInt() == 200;
            };
            DynamoDbClient dynamo = new io.itops.testing.LocalAws(server.awsEndpoint()).clients().dynamo();
            String table = server.tableNameForTests();
            Callable<Boolean> motoAlone = () -> dynamo.getItem(r -> r.tableName(table)
                    .key(Map.of("PK", AttributeValue.fromS("ASSET#" + assetId), "SK", AttributeValue.fromS("ASSET")))).sdkHttpResponse().isSuccessful();
            for (int clients : new int[] {1, 4}) {
                rows.add(measure("through the dev server (HTTP)", clients, overHttp));
                rows.add(measure("handler in-process (same event)", clients, inProcess));
            }
            rows.add(measure("moto GetItem alone (SDK)", 1, motoAlone));
        }
        results.put("getAsset", rows);
        double overhead = rows.get(0).p50() - rows.get(1).p50();
        results.put("serverOverheadP50Ms", round(overhead));

        StringBuilder table = new StringBuilder();
        table.append(String.format("%n  dev server benchmark: %d cores, load average %.1f at start, Java %s%n%n",
                Runtime.getRuntime().availableProcessors(), load, System.getProperty("java.version")));
        table.append(String.format("  %-46s %s%n", "./itops run -> first 200 (incl. mvn package)", runCommand.isEmpty() ? "not measured" : runCommand + " ms"));
        table.append(String.format("  %-46s %s ms, median %d ms%n", "java -jar itops-local.jar -> first 200", jarFirst, median(jarFirst)));
        table.append(String.format("  %-46s %s ms, median %d ms%n%n", "java -jar itops-local.jar -> ready banner", jarBanner, median(jarBanner)));
        table.append(String.format("  %-36s %7s %8s %9s %8s %8s%n", "GET /assets/{assetId}", "clients", "requests", "req/s", "p50 ms", "p99 ms"));
        for (Row row : rows) {
            table.append(String.format("  %-36s %7d %8d %9.1f %8.2f %8.2f%n", row.what(), row.clients(), row.requests(), row.perSecond(), row.p50(), row.p99()));
        }
        table.append(String.format("%n  the dev server's own cost per request (p50, 1 client): %.2f ms%n", overhead));
        System.out.println(table);
        Path out = root.resolve("bench-results/dev-server.json");
        Files.createDirectories(out.getParent());
        Files.writeString(out, LocalJson.pretty(results) + "\n");
        System.out.println("  written to " + out);
    }

    /** The payload-2.0 event the gateway would build for this request, with the authorizer's claims. */
    private static byte[] directEvent(DevServer server, String path, String token) {
        Gateway gateway = server.gateway();
        RouteTable.Match match = gateway.routes().match("GET", path).orElseThrow();
        List<Map.Entry<String, String>> headers = List.of(Map.entry("Authorization", "Bearer " + token), Map.entry("Host", "localhost"));
        Map<String, String> joined = Gateway.joinedHeaders(headers);
        JwtAuthorizer.Allowed allowed = (JwtAuthorizer.Allowed) new JwtAuthorizer(server.issuer().issuer(), List.of(server.issuer().audience()),
                "$request.header.Authorization").authorize(joined, List.of());
        ObjectNode event = gateway.event(new Gateway.Call("GET", path, null, headers, new byte[0], "127.0.0.1", "HTTP/1.1"),
                match.route(), match.pathParameters(), joined, allowed, Gateway.requestId());
        return LocalJson.bytes(event);
    }

    private static Row measure(String what, int clients, Callable<Boolean> call) throws Exception {
        for (int i = 0; i < WARMUP; i++) {
            if (!call.call()) {
                throw new IllegalStateException(what + ": warm-up request failed");
            }
        }
        int perClient = REQUESTS / clients;
        long[] nanos = new long[perClient * clients];
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long started = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int offset = c * perClient;
            futures.add(pool.submit(() -> {
                for (int i = 0; i < perClient; i++) {
                    long t = System.nanoTime();
                    if (!call.call()) {
                        throw new IllegalStateException(what + ": a request failed");
                    }
                    nanos[offset + i] = System.nanoTime() - t;
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        pool.shutdown();
        Arrays.sort(nanos);
        return new Row(what, clients, nanos.length, round(nanos.length / seconds),
                round(nanos[nanos.length / 2] / 1e6), round(nanos[(int) Math.ceil(nanos.length * 0.99) - 1] / 1e6));
    }

    record Startup(long firstRequestMs, long bannerMs) {}

    /** Starts the command on a free port; times the first 200 of GET /assets (with a minted token) and the ready banner. */
    private Startup timeToFirstRequest(List<String> command, Path root) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        List<String> full = new ArrayList<>(command);
        full.addAll(List.of("--port", Integer.toString(port), "--no-schedules", "--stage", "bench" + port));
        Path console = Files.createTempFile(logs, "console", ".txt");
        ProcessBuilder builder = new ProcessBuilder(full).directory(root.toFile()).redirectErrorStream(true).redirectOutput(console.toFile());
        builder.environment().remove("AWS_ENDPOINT_URL");
        long started = System.nanoTime();
        Process process = builder.start();
        String base = "http://localhost:" + port;
        long first = -1;
        long banner = -1;
        try {
            String token = null;
            long deadline = started + TimeUnit.MINUTES.toNanos(10);
            while (System.nanoTime() < deadline && (first < 0 || banner < 0)) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the server ended: " + Files.readString(console));
                }
                if (banner < 0 && Files.readString(console).contains("itops is running at")) {
                    banner = (System.nanoTime() - started) / 1_000_000;
                }
                if (first < 0) {
                    try {
                        if (token == null) {
                            HttpResponse<String> minted = CLIENT.send(HttpRequest.newBuilder(URI.create(base + "/_local/tokens"))
                                    .POST(HttpRequest.BodyPublishers.ofString("{\"role\":\"admin\"}")).build(), HttpResponse.BodyHandlers.ofString());
                            if (minted.statusCode() == 200) {
                                token = LocalJson.read(minted.body()).path("token").asText();
                            }
                        }
                        if (token != null) {
                            HttpResponse<String> assets = CLIENT.send(HttpRequest.newBuilder(URI.create(base + "/assets"))
                                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
                            if (assets.statusCode() == 200) {
                                first = (System.nanoTime() - started) / 1_000_000;
                            }
                        }
                    } catch (IOException notYet) {
                        // not listening yet
                    }
                }
                Thread.sleep(25);
            }
        } finally {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
        return new Startup(first, banner);
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.isEmpty() ? -1 : sorted.get(sorted.size() / 2);
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
