package io.itops.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.itops.testing.LocalAws;
import io.itops.testing.MotoServer;
import io.itops.testing.TemplateModel;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Cold start of every function in template.yaml (run by local/bench/cold-start; never asserts on
 * timings). For each function: a fresh JVM with Lambda's flag ({@code -XX:TieredStopAtLevel=1}),
 * the function's deployable jar and the tiny {@code local/bench/launcher/ColdStartLauncher}, the
 * function's local environment as the process environment; the launcher constructs the handler,
 * invokes it once with the function's main sample event against moto and prints init ms, first
 * invocation ms and classes loaded. A bare JVM hello world ({@code ColdStartHello}) with the same flags, measured the same
 * way in the same run, is the reference. Runs are interleaved across functions to spread noise.
 */
class ColdStartBenchmark {
    private static final int RUNS = Integer.getInteger("bench.runs", 15);
    private static final int WARMUP = Integer.getInteger("bench.warmup", 2);
    private static final String FLAGS = System.getProperty("bench.jvmFlags", "-XX:TieredStopAtLevel=1");
    private static final String HELLO = "JVM hello world";

    /**
     * The main sample event per function: a representative authenticated request (a GET list route
     * with claims). A function not named here uses {@code events/<function>/MAIN} (a file holding the
     * sample's name) if present, else its first {@code list-*.json}, else its first {@code get-*.json}.
     */
    static final Map<String, String> MAIN_EVENT = Map.of(
            "asset-registration", "list-assets.json",
            "training-enrolment", "list-courses.json",
            "security-scan", "get-findings.json",
            "chat-webhook", "list-my-chat-links.json");

    record Target(String name, String handler, Path jar, Path event, Map<String, String> env) {}

    record Run(double initMs, double firstMs, double responseMs, double wallMs, int classes) {}

    @Test
    void coldStart() throws Exception {
        TemplateModel template = TemplateModel.load();
        Path root = template.root();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path launcher = compileLauncher(root);

        String endpoint = MotoServer.shared().endpoint();
        LocalAws aws = new LocalAws(endpoint);
        LocalResources resources = new LocalResources(template, "local", LocalAws.REGION);
        List<Target> targets = targets(template, aws, resources);
        // warm the emulator and the page cache: the table, the bus, the secrets, every jar, a few times
        for (int i = 0; i < WARMUP; i++) {
            once(java, launcher, null);
            for (Target t : targets) {
                once(java, launcher, t);
            }
        }
        Map<String, List<Run>> runs = new LinkedHashMap<>();
        runs.put(HELLO, new ArrayList<>());
        targets.forEach(t -> runs.put(t.name(), new ArrayList<>()));
        for (int i = 0; i < RUNS; i++) {
            runs.get(HELLO).add(once(java, launcher, null));
            for (Target t : targets) {
                runs.get(t.name()).add(once(java, launcher, t));
            }
        }

        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        Stats helloWall = Stats.of(runs.get(HELLO), Run::wallMs);
        Stats helloResponse = Stats.of(runs.get(HELLO), Run::responseMs);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("machine", Map.of("cores", Runtime.getRuntime().availableProcessors(), "loadAverageAtEnd", load,
                "java", System.getProperty("java.version"), "flags", FLAGS, "runs", RUNS));
        StringBuilder table = new StringBuilder();
        table.append(String.format("%n  cold start: %d runs each (median [p10-p90]), flags %s, Java %s, %d cores, load %.1f%n%n",
                RUNS, FLAGS, System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), load));
        table.append(String.format("  %-20s %-20s %-20s %-22s %-22s %-22s %7s %7s %7s %7s %9s%n", "function", "init ms", "first ms",
                "init+first ms", "start->response ms", "process wall ms", "sum/hw", "resp/hw", "wall/hw", "classes", "jar MB"));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Map.Entry<String, List<Run>> e : runs.entrySet()) {
            List<Run> r = e.getValue();
            Target target = targets.stream().filter(t -> t.name().equals(e.getKey())).findFirst().orElse(null);
            Stats init = Stats.of(r, Run::initMs);
            Stats first = Stats.of(r, Run::firstMs);
            Stats sum = Stats.of(r, x -> x.initMs() + x.firstMs());
            Stats response = Stats.of(r, Run::responseMs);
            Stats wall = Stats.of(r, Run::wallMs);
            Stats classes = Stats.of(r, x -> x.classes());
            double jarMb = target == null ? 0 : Files.size(target.jar()) / 1_048_576.0;
            String event = target == null ? "-" : root.relativize(target.event()).toString();
            table.append(String.format("  %-20s %-20s %-20s %-22s %-22s %-22s %7.2f %7.2f %7.2f %7d %9s%n", e.getKey(), init, first, sum,
                    response, wall, sum.median() / helloWall.median(), response.median() / helloResponse.median(),
                    wall.median() / helloWall.median(), (int) classes.median(), target == null ? "-" : String.format("%.2f", jarMb)));
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("function", e.getKey());
            row.put("event", event);
            row.put("initMs", init.json());
            row.put("firstMs", first.json());
            row.put("initPlusFirstMs", sum.json());
            row.put("startToResponseMs", response.json());
            row.put("processWallMs", wall.json());
            row.put("initPlusFirstOverHelloWall", round(sum.median() / helloWall.median()));
            row.put("startToResponseOverHello", round(response.median() / helloResponse.median()));
            row.put("processWallOverHelloWall", round(wall.median() / helloWall.median()));
            row.put("classesAtFirstResponse", (int) classes.median());
            row.put("jarBytes", target == null ? 0 : Files.size(target.jar()));
            rows.add(row);
        }
        table.append(String.format("%n  sum/hw = median(init+first) / median(hello world process wall).%n"
                + "  resp/hw = median(process start -> first response read by this benchmark) / the same for the hello world's output:%n"
                + "            JVM start + init + first invocation, as a new Lambda environment without SnapStart pays it.%n"
                + "  wall/hw = median(process wall, incl. JVM exit) / median(hello world process wall).%n"
                + "  classes = ClassLoadingMXBean count at the first response (the hello world row shows the JVM's own, incl. the MXBean).%n"
                + "  events: %s%n", String.join(", ", targets.stream().map(t -> root.relativize(t.event()).toString()).toList())));
        json.put("rows", rows);
        System.out.println(table);
        Path out = root.resolve("bench-results/cold-start.json");
        Files.createDirectories(out.getParent());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), json);
        System.out.println("  written to " + root.relativize(out));
    }

    /** Every function of template.yaml with its jar, main event and local environment, on provisioned moto resources. */
    static List<Target> targets(TemplateModel template, LocalAws aws, LocalResources resources) throws IOException {
        try (SqsClient sqs = DevServer.sqsClient(aws.endpoint())) {
            resources.provision(aws, sqs);
        }
        Path root = template.root();
        List<Target> targets = new ArrayList<>();
        for (TemplateModel.FunctionDef def : template.functions()) {
            Path jar = root.resolve(def.codeUri());
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException(jar + " is missing: run mvn -DskipTests package first");
            }
            String name = root.relativize(jar).getName(1).toString();
            Map<String, String> env = resources.functionEnvironment(def, LocalAws.baseEnvironment(aws.endpoint()));
            targets.add(new Target(name, def.handlerClass(), jar, mainEvent(root.resolve("events").resolve(name), name), env));
        }
        aws.clients().dynamo().describeTable(r -> r.tableName(resources.ref("ItopsTable")));
        return targets;
    }

    static Path mainEvent(Path dir, String function) throws IOException {
        if (MAIN_EVENT.containsKey(function)) {
            return dir.resolve(MAIN_EVENT.get(function));
        }
        Path marker = dir.resolve("MAIN");
        if (Files.exists(marker)) {
            return dir.resolve(Files.readString(marker).trim());
        }
        for (String prefix : List.of("list-", "get-")) {
            try (Stream<Path> files = Files.list(dir)) {
                var found = files.filter(p -> p.getFileName().toString().startsWith(prefix) && p.toString().endsWith(".json")
                        && !p.getFileName().toString().contains("bad")).sorted().findFirst();
                if (found.isPresent()) {
                    return found.get();
                }
            }
        }
        throw new IllegalStateException("No main sample event for " + function + " in " + dir);
    }

    /**
     * Compiles the launchers against lambda-core, the shared runtime and Jackson, which every function
     * jar carries at run time (the JVM loads them from the function's jar, never from here).
     */
    static Path compileLauncher(Path root) throws IOException {
        Path out = root.resolve("local/server/target/cold-start-launcher");
        Files.createDirectories(out);
        String classpath = codeSource(com.amazonaws.services.lambda.runtime.RequestStreamHandler.class) + pathSeparator()
                + codeSource(io.itops.shared.runtime.Platform.class) + pathSeparator() + codeSource(ObjectMapper.class) + pathSeparator()
                + codeSource(com.fasterxml.jackson.core.JsonFactory.class);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<String> sources = new ArrayList<>();
        try (Stream<Path> files = Files.list(root.resolve("local/bench/launcher"))) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(f -> sources.add(f.toString()));
        }
        List<String> arguments = new ArrayList<>(List.of("-d", out.toString(), "-cp", classpath, "--release", "21"));
        arguments.addAll(sources);
        if (javac.run(null, null, null, arguments.toArray(String[]::new)) != 0) {
            throw new IllegalStateException("javac failed on local/bench/launcher");
        }
        return out;
    }

    private static String codeSource(Class<?> type) {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().getPath()).toString();
    }

    /** One fresh JVM; {@code target == null} is the hello world. */
    static Run once(String java, Path launcher, Target target) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(List.of(FLAGS.split("\\s+")));
        command.add("-cp");
        command.add(target == null ? launcher.toString() : target.jar() + pathSeparator() + launcher);
        if (target == null) {
            command.add("ColdStartHello");
        } else {
            command.add("ColdStartLauncher");
            command.add(target.handler());
            command.add(target.event().toString());
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().clear();
        if (target != null) {
            builder.environment().putAll(target.env());
        }
        long start = System.nanoTime();
        Process process = builder.start();
        StringBuilder text = new StringBuilder();
        String line = null;
        long responded = 0;
        try (var reader = new java.io.BufferedReader(new java.io.InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String l = reader.readLine(); l != null; l = reader.readLine()) {
                if (line == null && l.startsWith("COLDSTART ")) {
                    responded = System.nanoTime();
                    line = l;
                }
                text.append(l).append('\n');
            }
        }
        int rc = process.waitFor();
        double wall = (System.nanoTime() - start) / 1e6;
        String who = target == null ? HELLO : target.name();
        if (rc != 0 || line == null) {
            throw new IllegalStateException(who + " failed (exit " + rc + "):\n" + text);
        }
        Map<String, String> f = fields(line);
        if (!f.get("status").matches("2\\d\\d")) {
            throw new IllegalStateException(who + " answered status " + f.get("status") + ", not 2xx:\n" + text);
        }
        return new Run(Long.parseLong(f.get("init")) / 1e6, Long.parseLong(f.get("first")) / 1e6, (responded - start) / 1e6, wall,
                Integer.parseInt(f.get("classes")));
    }

    record Stats(double median, double p10, double p90, double min, double max) {
        static Stats of(List<Run> runs, java.util.function.ToDoubleFunction<Run> f) {
            double[] v = runs.stream().mapToDouble(f).sorted().toArray();
            return new Stats(pct(v, 50), pct(v, 10), pct(v, 90), v[0], v[v.length - 1]);
        }

        static double pct(double[] sorted, int p) {
            int rank = (int) Math.ceil(p / 100.0 * sorted.length);
            return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
        }

        Map<String, Object> json() {
            return Map.of("median", round(median), "p10", round(p10), "p90", round(p90), "min", round(min), "max", round(max));
        }

        @Override
        public String toString() {
            return String.format("%.1f [%.1f-%.1f]", median, p10, p90);
        }
    }

    /** The {@code key=value} pairs of a launcher's result line ({@code PREFIX k=v k=v ...}). */
    static Map<String, String> fields(String line) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String part : line.substring(line.indexOf(' ') + 1).split(" ")) {
            String[] kv = part.split("=", 2);
            fields.put(kv[0], kv[1]);
        }
        return fields;
    }

    static String pathSeparator() {
        return java.io.File.pathSeparator;
    }

    static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
