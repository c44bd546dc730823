package io.itops.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.itops.testing.LocalAws;
import io.itops.testing.MotoServer;
import io.itops.testing.TemplateModel;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Cold start of every function in template.yaml (run by local/bench/cold-start; never asserts on
 * timings), two tables from one run on one moto.
 *
 * <p>On demand: fresh JVMs with Lambda's flag ({@code -XX:TieredStopAtLevel=1}), the function's
 * deployable jar and the tiny {@code local/bench/launcher/ColdStartLauncher}, the function's local
 * environment as the process environment: the launcher constructs the handler, invokes it once with
 * the function's main sample event and prints init and first-invocation times; this benchmark clocks
 * the process from its start to that line (the first response) and to its exit. The reference is a
 * true hello world ({@code ColdStartHello}: one line) with the same flags, in the same rounds. No
 * timed process counts its classes: one more run per row with {@code -Xlog:class+load} does.
 *
 * <p>SnapStart: per function, JVMs running {@code SnapStartLauncher} with
 * {@code AWS_LAMBDA_INITIALIZATION_TYPE=snap-start}: init, the priming hooks Lambda runs around the
 * snapshot, the first real request after the restore, the warm median of the same request, and the
 * resident memory after priming.
 *
 * <p>With {@code -Dbench.beforeJars=DIR} (another checkout of the repository, built with
 * {@code mvn -DskipTests package}) each function's jar from DIR, with DIR's template environment and
 * sample events, is measured beside the current one in the same rounds.
 */
class ColdStartBenchmark {
    private static final int RUNS = Integer.getInteger("bench.runs", 15);
    private static final int WARMUP = Integer.getInteger("bench.warmup", 2);
    private static final int SNAP_RUNS = Integer.getInteger("bench.snapRuns", 5);
    private static final int SNAP_REQUESTS = Integer.getInteger("bench.snapRequests", 500);
    private static final String FLAGS = System.getProperty("bench.jvmFlags", "-XX:TieredStopAtLevel=1");
    static final String BEFORE_JARS = System.getProperty("bench.beforeJars", "");
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
            "service-desk", "get-my-tickets.json",
            "people-directory", "list-people.json",
            "chat-webhook", "list-my-chat-links.json");

    /** A function's jar to measure; {@code set} is "after" (this checkout) or "before" ({@code bench.beforeJars}). */
    record Target(String name, String set, String handler, Path jar, Path event, Map<String, String> env) {
        String label() {
            return name + " " + set;
        }
    }

    record Run(double initMs, double firstMs, double responseMs, double wallMs) {}

    record Classes(int atResponse, int atExit) {}

    record Snap(double initMs, double beforeCheckpointMs, double afterRestoreMs, double firstMs, double warmMs, double rssMb) {}

    @Test
    void coldStart() throws Exception {
        TemplateModel template = TemplateModel.load();
        Path root = template.root();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path launcher = compileLauncher(root);

        LocalAws aws = new LocalAws(MotoServer.shared().endpoint());
        List<Target> targets = allTargets(template, aws);
        // warm the emulator and the page cache: the table, the bus, the secrets, every jar, a few times
        for (int i = 0; i < WARMUP; i++) {
            onDemand(java, launcher, null);
            for (Target t : targets) {
                onDemand(java, launcher, t);
            }
        }
        Map<String, List<Run>> runs = new LinkedHashMap<>();
        runs.put(HELLO, new ArrayList<>());
        targets.forEach(t -> runs.put(t.label(), new ArrayList<>()));
        for (int i = 0; i < RUNS; i++) {
            runs.get(HELLO).add(onDemand(java, launcher, null));
            for (Target t : targets) {
                runs.get(t.label()).add(onDemand(java, launcher, t));
            }
        }
        Map<String, Classes> classes = new LinkedHashMap<>();
        classes.put(HELLO, classes(java, launcher, null));
        for (Target t : targets) {
            classes.put(t.label(), classes(java, launcher, t));
        }
        Map<String, List<Snap>> snaps = new LinkedHashMap<>();
        targets.forEach(t -> snaps.put(t.label(), new ArrayList<>()));
        for (int i = 0; i < SNAP_RUNS; i++) {
            for (Target t : targets) {
                snaps.get(t.label()).add(snapStart(java, launcher, t));
            }
        }

        Map<String, List<String>> firstRequestClasses = new LinkedHashMap<>();
        for (Target t : targets) {
            firstRequestClasses.put(t.label(), firstRequestClasses(java, launcher, t));
        }

        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("machine", Map.of("cores", Runtime.getRuntime().availableProcessors(), "loadAverageAtEnd", load,
                "java", System.getProperty("java.version"), "flags", FLAGS, "runs", RUNS, "snapRuns", SNAP_RUNS,
                "snapRequests", SNAP_REQUESTS));
        if (!BEFORE_JARS.isEmpty()) {
            json.put("before", Map.of("jars", BEFORE_JARS, "commit", commitOf(Path.of(BEFORE_JARS))));
        }
        StringBuilder out = new StringBuilder();
        out.append(String.format("%n  cold start on demand: %d runs each (median [p10-p90]), flags %s, Java %s, %d cores, load %.1f%n",
                RUNS, FLAGS, System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), load));
        out.append(sets(root));
        json.put("onDemand", onDemandTable(out, targets, runs, classes));
        out.append(String.format("%n  SnapStart path in one JVM: %d JVMs per function (median [p10-p90]), %d warm requests each, flags %s%n%n",
                SNAP_RUNS, SNAP_REQUESTS, FLAGS));
        json.put("snapStart", snapStartTable(out, targets, snaps, firstRequestClasses));
        Path classLists = root.resolve("bench-results/snapstart-first-request");
        Files.createDirectories(classLists);
        for (Map.Entry<String, List<String>> e : firstRequestClasses.entrySet()) {
            Files.write(classLists.resolve(e.getKey().replace(' ', '-') + ".txt"), e.getValue());
        }
        out.append(String.format("%n  events: %s%n", String.join(", ",
                targets.stream().filter(t -> t.set().equals("after")).map(t -> root.relativize(t.event()).toString()).toList())));
        System.out.println(out);
        Path file = root.resolve("bench-results/cold-start.json");
        Files.createDirectories(file.getParent());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), json);
        System.out.println("  written to " + root.relativize(file));
    }

    private static List<Map<String, Object>> onDemandTable(StringBuilder out, List<Target> targets, Map<String, List<Run>> runs,
                                                           Map<String, Classes> classes) throws IOException {
        Stats helloWall = Stats.of(runs.get(HELLO), Run::wallMs);
        Stats helloResponse = Stats.of(runs.get(HELLO), Run::responseMs);
        out.append(String.format("%n  %-27s %-22s %-22s %-22s %-22s %8s %8s %8s %8s %7s%n", "function", "start->exit ms",
                "start->response ms", "init ms", "first ms", "classes", "exit/hw", "resp/hw", "init/hw", "jar MB"));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Map.Entry<String, List<Run>> e : runs.entrySet()) {
            Target target = targets.stream().filter(t -> t.label().equals(e.getKey())).findFirst().orElse(null);
            Stats wall = Stats.of(e.getValue(), Run::wallMs);
            Stats response = Stats.of(e.getValue(), Run::responseMs);
            Stats init = Stats.of(e.getValue(), Run::initMs);
            Stats first = Stats.of(e.getValue(), Run::firstMs);
            Classes loaded = classes.get(e.getKey());
            long jarBytes = target == null ? 0 : Files.size(target.jar());
            out.append(String.format("  %-27s %-22s %-22s %-22s %-22s %8d %8.2f %8.2f %8.2f %7s%n", e.getKey(), wall, response,
                    target == null ? "-" : init, target == null ? "-" : first, loaded.atResponse(), wall.median() / helloWall.median(),
                    response.median() / helloResponse.median(), (init.median() + first.median()) / helloWall.median(),
                    target == null ? "-" : String.format("%.2f", jarBytes / 1_048_576.0)));
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("function", target == null ? HELLO : target.name());
            row.put("set", target == null ? "reference" : target.set());
            row.put("processWallMs", wall.json());
            row.put("startToResponseMs", response.json());
            row.put("initMs", init.json());
            row.put("firstMs", first.json());
            row.put("classesAtResponse", loaded.atResponse());
            row.put("classesAtExit", loaded.atExit());
            row.put("processWallOverHello", round(wall.median() / helloWall.median()));
            row.put("startToResponseOverHello", round(response.median() / helloResponse.median()));
            row.put("jarBytes", jarBytes);
            rows.add(row);
        }
        out.append(String.format("%n  start->exit = process wall time, from starting the JVM to its exit; start->response = from starting%n"
                + "    the JVM to reading the first response's line (JVM start + init + first invocation: what a request waits for%n"
                + "    on a new Lambda environment without SnapStart); init = handler construction; first = its first invocation.%n"
                + "  exit/hw, resp/hw = the row's median over the hello world's; init/hw = median(init) + median(first) over the%n"
                + "    hello world's process wall.%n"
                + "  classes = classes loaded up to the response line, counted in a separate run with -Xlog:class+load (the hello%n"
                + "    world's row: a bare JVM printing one line).%n"));
        return rows;
    }

    private static List<Map<String, Object>> snapStartTable(StringBuilder out, List<Target> targets, Map<String, List<Snap>> snaps,
                                                            Map<String, List<String>> firstRequestClasses) {
        out.append(String.format("  %-27s %-22s %-22s %-16s %-20s %-22s %10s %7s %9s%n", "function", "init ms", "beforeCheckpoint ms",
                "afterRestore ms", "first request ms", "warm p50 ms", "first/warm", "RSS MB", "classes"));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Target target : targets) {
            List<Snap> s = snaps.get(target.label());
            Stats init = Stats.of(s, Snap::initMs);
            Stats before = Stats.of(s, Snap::beforeCheckpointMs);
            Stats after = Stats.of(s, Snap::afterRestoreMs);
            Stats first = Stats.of(s, Snap::firstMs);
            Stats warm = Stats.of(s, Snap::warmMs);
            Stats rss = Stats.of(s, Snap::rssMb);
            Stats ratio = Stats.of(s, x -> x.firstMs() / x.warmMs());
            int loaded = firstRequestClasses.get(target.label()).size();
            out.append(String.format("  %-27s %-22s %-22s %-16s %-20s %-22s %10.2f %7.0f %9d%n", target.label(), init, before, after,
                    first, warm.toString(3), ratio.median(), rss.median(), loaded));
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("function", target.name());
            row.put("set", target.set());
            row.put("initMs", init.json());
            row.put("beforeCheckpointMs", before.json());
            row.put("afterRestoreMs", after.json());
            row.put("firstRequestMs", first.json());
            row.put("warmMedianMs", warm.json());
            row.put("firstOverWarm", ratio.json());
            row.put("residentMbAfterPriming", rss.json());
            row.put("classesLoadedByFirstRequest", loaded);
            rows.add(row);
        }
        out.append(String.format("%n  init = handler construction on a SnapStart init (AWS_LAMBDA_INITIALIZATION_TYPE=snap-start: it registers%n"
                + "    its priming); beforeCheckpoint, afterRestore = the priming hooks, called as Lambda calls them around the%n"
                + "    snapshot; first request = the main sample event right after afterRestore; warm p50 = the median of the same%n"
                + "    request %d more times; first/warm = the median over the JVMs of first / warm p50 of the same JVM;%n"
                + "    RSS = VmRSS after beforeCheckpoint (what the snapshot holds); classes = classes the first request still%n"
                + "    loaded (separate run with -Xlog:class+load; the lists are in bench-results/snapstart-first-request/).%n"
                + "    One JVM plays both sides of the snapshot: the JIT state and page cache of a real restore may differ%n"
                + "    (connections do not: moto answers HTTP/1.0, so every request opens its own).%n", SNAP_REQUESTS));
        return rows;
    }

    private static String sets(Path root) {
        if (BEFORE_JARS.isEmpty()) {
            return "  after = the jars of this checkout (" + commitOf(root) + " + working tree)\n";
        }
        return "  after = the jars of this checkout (" + commitOf(root) + " + working tree); before = the jars of " + BEFORE_JARS
                + " (" + commitOf(Path.of(BEFORE_JARS)) + ")\n";
    }

    private static String commitOf(Path dir) {
        try {
            Process git = new ProcessBuilder("git", "-C", dir.toString(), "rev-parse", "--short", "HEAD").redirectErrorStream(true).start();
            String commit = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return git.waitFor() == 0 ? commit : "unknown commit";
        } catch (IOException | InterruptedException e) {
            return "unknown commit";
        }
    }

    /** This checkout's functions, then (with {@code bench.beforeJars}) the other checkout's, on provisioned moto resources. */
    static List<Target> allTargets(TemplateModel template, LocalAws aws) throws IOException {
        List<Target> after = targets(template, aws, new LocalResources(template, "local", LocalAws.REGION), "after");
        if (BEFORE_JARS.isEmpty()) {
            return after;
        }
        TemplateModel older = TemplateModel.at(Path.of(BEFORE_JARS));
        List<Target> before = targets(older, aws, new LocalResources(older, "local", LocalAws.REGION), "before");
        List<Target> all = new ArrayList<>();
        for (Target t : after) {
            all.add(t);
            before.stream().filter(b -> b.name().equals(t.name())).forEach(all::add);
        }
        return all;
    }

    /** Every function of {@code template} with its jar, main event and local environment, on provisioned moto resources. */
    static List<Target> targets(TemplateModel template, LocalAws aws, LocalResources resources, String set) throws IOException {
        try (SqsClient sqs = DevServer.sqsClient(aws.endpoint())) {
            resources.provision(aws, sqs);
        }
        Path root = template.root();
        List<Target> targets = new ArrayList<>();
        for (TemplateModel.FunctionDef def : template.functions()) {
            Path jar = root.resolve(def.codeUri());
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException(jar + " is missing: run mvn -DskipTests package in " + root + " first");
            }
            String name = root.relativize(jar).getName(1).toString();
            Map<String, String> env = resources.functionEnvironment(def, LocalAws.baseEnvironment(aws.endpoint()));
            targets.add(new Target(name, set, def.handlerClass(), jar, mainEvent(root.resolve("events").resolve(name), name), env));
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
     * Compiles the launchers against lambda-core, the shared runtime, the SDK's HTTP SPI and Jackson,
     * which every function jar carries at run time (the JVM loads them from the function's jar, never
     * from here).
     */
    static Path compileLauncher(Path root) throws IOException {
        List<Class<?>> api = List.of(com.amazonaws.services.lambda.runtime.RequestStreamHandler.class, io.itops.shared.runtime.Platform.class,
                ObjectMapper.class, com.fasterxml.jackson.core.JsonFactory.class, software.amazon.awssdk.http.SdkHttpClient.class,
                software.amazon.awssdk.utils.SdkAutoCloseable.class, software.amazon.awssdk.core.interceptor.ExecutionInterceptor.class,
                software.amazon.awssdk.annotations.SdkPublicApi.class, org.crac.Resource.class);
        String classpath = String.join(File.pathSeparator, api.stream().map(ColdStartBenchmark::codeSource).distinct().toList());
        List<Path> sources;
        try (Stream<Path> files = Files.list(root.resolve("local/bench/launcher"))) {
            sources = files.filter(f -> f.toString().endsWith(".java")).toList();
        }
        return compile(sources, classpath, root.resolve("local/server/target/cold-start-launcher"));
    }

    static Path compile(List<Path> sources, String classpath, Path out) throws IOException {
        Files.createDirectories(out);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<String> arguments = new ArrayList<>(List.of("-d", out.toString(), "-cp", classpath, "--release", "21"));
        sources.forEach(s -> arguments.add(s.toString()));
        if (javac.run(null, null, null, arguments.toArray(String[]::new)) != 0) {
            throw new IllegalStateException("javac failed on " + sources);
        }
        return out;
    }

    private static String codeSource(Class<?> type) {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().getPath()).toString();
    }

    /** One on-demand cold start in a fresh JVM; {@code target == null} is the hello world. */
    static Run onDemand(String java, Path launcher, Target target) throws Exception {
        Output run = launch(coldStartCommand(java, launcher, target, false), target == null ? Map.of() : target.env(), "COLDSTART ");
        Map<String, String> f = fields(run.result());
        if (!f.get("status").matches("2\\d\\d")) {
            throw new IllegalStateException(who(target) + " answered status " + f.get("status") + ", not 2xx:\n" + run.text());
        }
        return new Run(Long.parseLong(f.get("init")) / 1e6, Long.parseLong(f.get("first")) / 1e6, run.responseMs(), run.wallMs());
    }

    /** The classes the same process loads up to its response and in all, from a separate run with {@code -Xlog:class+load}. */
    static Classes classes(String java, Path launcher, Target target) throws Exception {
        Output run = launch(coldStartCommand(java, launcher, target, true), target == null ? Map.of() : target.env(), "COLDSTART ");
        int atResponse = 0;
        int atExit = 0;
        boolean responded = false;
        for (String line : run.lines()) {
            responded |= line.startsWith("COLDSTART ");
            if (line.contains("[class,load]")) {
                atExit++;
                atResponse += responded ? 0 : 1;
            }
        }
        return new Classes(atResponse, atExit);
    }

    private static List<String> coldStartCommand(String java, Path launcher, Target target, boolean logClasses) {
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(List.of(FLAGS.split("\\s+")));
        if (logClasses) {
            command.add("-Xlog:class+load:stdout");
        }
        command.add("-cp");
        if (target == null) {
            command.addAll(List.of(launcher.toString(), "ColdStartHello"));
        } else {
            command.addAll(List.of(target.jar() + File.pathSeparator + launcher, "ColdStartLauncher", target.handler(),
                    target.event().toString()));
        }
        return command;
    }

    /** The SnapStart path of one function in one fresh JVM. */
    static Snap snapStart(String java, Path launcher, Target target) throws Exception {
        Map<String, String> f = fields(snapStartRun(java, launcher, target, false).result());
        return new Snap(ms(f.get("init")), ms(f.get("beforeCheckpoint")), ms(f.get("afterRestore")), ms(f.get("first")), ms(f.get("warm")),
                Long.parseLong(f.get("rssKb")) / 1024.0);
    }

    /**
     * The classes the first request after the restore still loaded (what priming did not reach), from
     * a separate SnapStart run with {@code -Xlog:class+load}: the lines between the launcher's markers.
     */
    static List<String> firstRequestClasses(String java, Path launcher, Target target) throws Exception {
        List<String> loaded = new ArrayList<>();
        boolean inFirst = false;
        for (String line : snapStartRun(java, launcher, target, true).lines()) {
            if (line.startsWith("SNAPSTART-FIRST ")) {
                inFirst = line.endsWith("begin");
            } else if (inFirst && line.contains("[class,load]")) {
                loaded.add(line.substring(line.indexOf("[class,load]") + 13));
            }
        }
        return loaded;
    }

    private static Output snapStartRun(String java, Path launcher, Target target, boolean logClasses) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(List.of(FLAGS.split("\\s+")));
        if (logClasses) {
            command.add("-Xlog:class+load:stdout");
        }
        command.addAll(List.of("-cp", target.jar() + File.pathSeparator + launcher, "SnapStartLauncher", target.handler(),
                target.event().toString(), Integer.toString(logClasses ? 1 : SNAP_REQUESTS)));
        Map<String, String> env = new LinkedHashMap<>(target.env());
        env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start");
        Output run = launch(command, env, "SNAPSTART ");
        if (run.result().startsWith("SNAPSTART failed")) {
            throw new IllegalStateException(target.label() + " failed on the SnapStart path:\n" + run.text());
        }
        return run;
    }

    /** A finished child process: its output, the first line starting with the result prefix, and when it came and ended. */
    record Output(List<String> lines, String result, double responseMs, double wallMs) {
        String text() {
            return String.join("\n", lines);
        }
    }

    static Output launch(List<String> command, Map<String, String> env, String resultPrefix) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(env);
        long start = System.nanoTime();
        Process process = builder.start();
        List<String> lines = new ArrayList<>();
        String result = null;
        long responded = 0;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (result == null && line.startsWith(resultPrefix)) {
                    responded = System.nanoTime();
                    result = line;
                }
                lines.add(line);
            }
        }
        int rc = process.waitFor();
        double wall = (System.nanoTime() - start) / 1e6;
        if (rc != 0 || result == null) {
            throw new IllegalStateException(String.join(" ", command) + " failed (exit " + rc + "):\n" + String.join("\n", lines));
        }
        return new Output(lines, result, (responded - start) / 1e6, wall);
    }

    private static String who(Target target) {
        return target == null ? HELLO : target.label();
    }

    private static double ms(String nanos) {
        return Long.parseLong(nanos) / 1e6;
    }

    record Stats(double median, double p10, double p90, double min, double max) {
        static <T> Stats of(List<T> runs, ToDoubleFunction<T> f) {
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

        String toString(int decimals) {
            String f = "%." + decimals + "f";
            return String.format(f + " [" + f + "-" + f + "]", median, p10, p90);
        }

        @Override
        public String toString() {
            return toString(1);
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

    static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
