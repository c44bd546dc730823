package io.itops.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dev server as a user runs it: its own JVM, its own moto. Every sample event in events/ is
 * sent over HTTP (HTTP API samples as real requests on their routes, with a token minted for the
 * sample's claims; schedule and bus samples through the direct-invocation endpoint), then the
 * server is stopped with SIGTERM (what Ctrl-C sends through ./itops run) and no process it started
 * may survive.
 */
class DevServerProcessTest {
    private static final Pattern READY = Pattern.compile("itops is running at (http://[^ ]+)");
    private static final Pattern EXPECTED_FAILURE = Pattern.compile("(?i).*(bad|invalid|unknown|malformed|fail|reject|wrong|missing|tamper).*");

    @TempDir
    Path logs;

    private Process launch(Path root, Path console) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), DevServer.class.getName(),
                "--root", root.toString(), "--port", "0", "--no-seed", "--no-schedules", "--stage", "proc")
                .redirectErrorStream(true);
        builder.environment().remove("AWS_ENDPOINT_URL");
        builder.redirectOutput(console.toFile());
        return builder.start();
    }

    @Test
    void killedHard_theServerStillTakesMotoWithIt() throws Exception {
        Path console = logs.resolve("killed.txt");
        Process process = launch(TestServers.repositoryRoot(), console);
        List<ProcessHandle> started;
        try {
            awaitReady(process, console);
            started = process.toHandle().descendants().toList();
            assertFalse(started.isEmpty(), "moto runs as a child process");
        } finally {
            process.destroyForcibly();
        }
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        for (ProcessHandle child : started) {
            child.onExit().get(15, TimeUnit.SECONDS);
            assertFalse(child.isAlive(), "moto (" + child.pid() + ") notices its JVM is gone (SIGKILL runs no shutdown hook)");
        }
    }

    @Test
    void startingCallingEverySampleAndStopping_leavesNoProcessBehind() throws Exception {
        Path root = TestServers.repositoryRoot();
        Path console = logs.resolve("console.txt");
        Process process = launch(root, console);
        List<ProcessHandle> started;
        try {
            String url = awaitReady(process, console);
            started = process.toHandle().descendants().toList();
            assertFalse(started.isEmpty(), "moto runs as a child process");
            Http http = new Http(url);
            int sent = sendEverySample(http, root.resolve("events"));
            assertTrue(sent > 0, "events/ has samples");
        } finally {
            process.destroy();
        }
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the server stops on SIGTERM: " + tail(console));
        for (ProcessHandle child : started) {
            child.onExit().get(10, TimeUnit.SECONDS);
            assertFalse(child.isAlive(), "child " + child.pid() + " " + child.info().command().orElse("") + " is gone");
        }
        assertTrue(tail(console).contains("[itops] stopped"), "the shutdown ran: " + tail(console));
    }

    private static String awaitReady(Process process, Path console) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (System.nanoTime() < deadline) {
            Matcher m = READY.matcher(Files.readString(console));
            if (m.find()) {
                return m.group(1);
            }
            if (!process.isAlive()) {
                throw new AssertionError("the server ended before it was ready: " + tail(console));
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the server was not ready within 180 s: " + tail(console));
    }

    private static String tail(Path console) throws IOException {
        List<String> lines = Files.readAllLines(console, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
    }

    private int sendEverySample(Http http, Path events) throws IOException {
        List<Path> samples;
        try (Stream<Path> files = Files.walk(events)) {
            samples = files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
        for (Path sample : samples) {
            String function = events.relativize(sample).getName(0).toString();
            JsonNode event = LocalJson.read(Files.readAllBytes(sample));
            String name = events.relativize(sample).toString();
            if (event.has("routeKey") && event.has("requestContext")) {
                Http.Response response = sendHttp(http, event);
                assertFalse(response.isGatewayNotFound(), name + ": its route is not served");
                assertTrue(response.status() < 500, name + " -> " + response);
            } else {
                Http.Response response = http.post("/_local/functions/" + function + "/invocations", null, event);
                assertEquals(200, response.status(), name + " -> " + response);
                if (!EXPECTED_FAILURE.matcher(name).matches()) {
                    assertEquals(null, response.header("x-amz-function-error"), name + " -> " + response);
                }
            }
        }
        return samples.size();
    }

    /** A stored payload-2.0 event as the HTTP request that would have produced it. */
    private static Http.Response sendHttp(Http http, JsonNode event) {
        String routeKey = event.path("routeKey").asText();
        String method = event.path("requestContext").path("http").path("method").asText(routeKey.split(" ")[0]);
        String path = event.path("rawPath").asText();
        if (path.isEmpty()) {
            path = routeKey.substring(routeKey.indexOf(' ') + 1);
            for (var p : (Iterable<Map.Entry<String, JsonNode>>) event.path("pathParameters").properties()::iterator) {
                path = path.replace("{" + p.getKey() + "}", URLEncoder.encode(p.getValue().asText(), StandardCharsets.UTF_8));
            }
        }
        String query = event.path("rawQueryString").asText("");
        if (query.isEmpty() && event.has("queryStringParameters")) {
            List<String> pairs = new ArrayList<>();
            event.path("queryStringParameters").properties().forEach(q -> pairs.add(
                    URLEncoder.encode(q.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(q.getValue().asText(), StandardCharsets.UTF_8)));
            query = String.join("&", pairs);
        }
        List<String> headers = new ArrayList<>();
        event.path("headers").properties().forEach(h -> {
            String header = h.getKey().toLowerCase();
            if (!List.of("host", "content-length", "authorization", "connection", "expect", "upgrade").contains(header)) {
                headers.add(h.getKey());
                headers.add(h.getValue().asText());
            }
        });
        if (event.has("cookies")) {
            List<String> cookies = new ArrayList<>();
            event.path("cookies").forEach(c -> cookies.add(c.asText()));
            headers.add("Cookie");
            headers.add(String.join("; ", cookies));
        }
        JsonNode claims = event.path("requestContext").path("authorizer").path("jwt").path("claims");
        String token = claims.isObject() && !claims.isEmpty() ? http.token(person(claims)) : null;
        byte[] body = null;
        if (event.hasNonNull("body")) {
            String text = event.get("body").asText();
            body = event.path("isBase64Encoded").asBoolean() ? Base64.getDecoder().decode(text) : text.getBytes(StandardCharsets.UTF_8);
        }
        return http.send(method, path + (query.isEmpty() ? "" : "?" + query), token, body, headers.toArray(String[]::new));
    }

    /** The token request for a sample's claims: its user, groups and department. */
    private static Map<String, Object> person(JsonNode claims) {
        Map<String, Object> person = new LinkedHashMap<>();
        String username = claims.path("username").asText(claims.path("cognito:username").asText(claims.path("sub").asText("sample.user")));
        person.put("username", username);
        List<String> groups = new ArrayList<>();
        JsonNode groupClaim = claims.path("cognito:groups");
        if (groupClaim.isArray()) {
            groupClaim.forEach(g -> groups.add(g.asText()));
        } else {
            for (String g : groupClaim.asText("").replace("[", "").replace("]", "").split("[\\s,]+")) {
                if (!g.isBlank()) {
                    groups.add(g.replace("\"", ""));
                }
            }
        }
        person.put("groups", groups);
        if (claims.has("custom:department")) {
            person.put("department", claims.path("custom:department").asText());
        }
        if (claims.has("email")) {
            person.put("email", claims.path("email").asText());
        }
        return person;
    }
}
