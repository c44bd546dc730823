package io.itops.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.itops.testing.LocalAws;
import io.itops.testing.MotoServer;
import io.itops.testing.TemplateModel;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The warm path of every function in template.yaml (run by local/bench/warm-path; never asserts on
 * timings): per function a fresh JVM with Lambda's flags and the function's jar runs
 * {@code local/bench/launcher/WarmPathLauncher}, which invokes the handler with its main sample event
 * (the cold-start benchmark's) {@code bench.warmup} + {@code bench.runs} times against moto and
 * reports the handler's own time per request: total minus the time inside AWS HTTP round trips. The
 * reference row, measured the same way in the same run, is a bare Jackson handler. With
 * {@code -Dbench.beforeJars=DIR} (another checkout, built) each function's jar from DIR is measured
 * beside the current one, by DIR's own WarmPathLauncher (it clocks that checkout's AWS transport).
 */
class WarmPathBenchmark {
    private static final int RUNS = Integer.getInteger("bench.runs", 2_000);
    private static final int WARMUP = Integer.getInteger("bench.warmup", 2_000);
    private static final String FLAGS = System.getProperty("bench.jvmFlags", "-XX:+TieredCompilation -XX:TieredStopAtLevel=1");
    /** WarmPathLauncher's name for its reference handler. */
    private static final String REFERENCE = "reference";

    record Figures(String function, double ownMedian, double ownP90, double ownP99, double totalMedian, double awsMedian,
            double callsPerRequest) {}

    @Test
    void warmPath() throws Exception {
        TemplateModel template = TemplateModel.load();
        Path root = template.root();
        Path launcher = ColdStartBenchmark.compileLauncher(root);
        LocalAws aws = new LocalAws(MotoServer.shared().endpoint());
        List<ColdStartBenchmark.Target> targets = ColdStartBenchmark.allTargets(template, aws);
        Path beforeLauncher = targets.stream().filter(t -> t.set().equals("before")).findFirst()
                .map(t -> compileBeforeLauncher(root, Path.of(ColdStartBenchmark.BEFORE_JARS), t.jar())).orElse(null);

        List<Figures> rows = new ArrayList<>();
        rows.add(run(launcher, "reference: bare Jackson handler", REFERENCE, targets.get(0)));
        for (ColdStartBenchmark.Target target : targets) {
            rows.add(run(target.set().equals("before") ? beforeLauncher : launcher, target.label(), target.handler(), target));
        }

        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        StringBuilder table = new StringBuilder(String.format(
                "%n  warm path: %d requests after %d warm-up per function, flags %s, Java %s, %d cores, load %.1f%n%n",
                RUNS, WARMUP, FLAGS, System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), load));
        table.append(String.format("  %-34s %12s %10s %10s %14s %14s %10s%n", "function", "own ms p50", "own p90", "own p99",
                "total ms p50", "in AWS ms p50", "AWS calls"));
        for (Figures f : rows) {
            table.append(String.format("  %-34s %12.3f %10.3f %10.3f %14.3f %14.3f %10.1f%n", f.function(), f.ownMedian(), f.ownP90(),
                    f.ownP99(), f.totalMedian(), f.awsMedian(), f.callsPerRequest()));
        }
        table.append(String.format("%n  own = handler time per request minus the time inside AWS HTTP round trips (sending, the emulator's answer%n"
                + "  and reading it off the wire); it includes event parsing, routing, JWT claims, the SDK's marshalling, SigV4%n"
                + "  signing, retries bookkeeping and unmarshalling (after) or the hand-written transport's (before), the JSON%n"
                + "  output and the log line.%s%n", ColdStartBenchmark.BEFORE_JARS.isEmpty() ? ""
                : String.format("%n  before = the jars of %s, timed by its own WarmPathLauncher.", ColdStartBenchmark.BEFORE_JARS)));
        System.out.println(table);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("machine", Map.of("cores", Runtime.getRuntime().availableProcessors(), "loadAverageAtEnd", load,
                "java", System.getProperty("java.version"), "flags", FLAGS, "runs", RUNS, "warmup", WARMUP));
        json.put("rows", rows);
        Path out = root.resolve("bench-results/warm-path.json");
        Files.createDirectories(out.getParent());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), json);
        System.out.println("  written to " + root.relativize(out));
    }

    /** The other checkout's launchers, compiled against one of its function jars (which carries its shared runtime). */
    private static Path compileBeforeLauncher(Path root, Path before, Path jar) {
        Path sources = before.resolve("local/bench/launcher");
        try {
            return ColdStartBenchmark.compile(List.of(sources.resolve("WarmPathLauncher.java"), sources.resolve("ColdStartLauncher.java")),
                    jar.toString(), root.resolve("local/server/target/warm-path-launcher-before"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Figures run(Path launcher, String name, String handler, ColdStartBenchmark.Target target) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(FLAGS.split("\\s+")));
        command.addAll(List.of("-cp", target.jar() + java.io.File.pathSeparator + launcher, "WarmPathLauncher", handler,
                target.event().toString(), Integer.toString(WARMUP), Integer.toString(RUNS)));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(target.env());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int rc = process.waitFor();
        String line = output.lines().filter(l -> l.startsWith("WARMPATH ")).findFirst().orElse(null);
        if (rc != 0 || line == null || line.startsWith("WARMPATH failed")) {
            throw new IllegalStateException(name + " failed (exit " + rc + "):\n" + output);
        }
        Map<String, String> f = ColdStartBenchmark.fields(line);
        double[] own = millis(f.get("own"));
        return new Figures(name, own[0], own[1], own[2], millis(f.get("total"))[0], millis(f.get("aws"))[0],
                Double.parseDouble(f.get("callsPerRequest")));
    }

    private static double[] millis(String nanos) {
        String[] parts = nanos.split(",");
        double[] out = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = Math.round(Long.parseLong(parts[i]) / 1_000.0) / 1_000.0;
        }
        return out;
    }
}
