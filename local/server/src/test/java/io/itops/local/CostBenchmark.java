package io.itops.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.itops.testing.LocalAws;
import io.itops.testing.MotoServer;
import io.itops.testing.TemplateModel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The measured inputs of the monthly bill ({@code ./itops bench cost}): the dev server seeds a stage on moto with
 * local/seed (real items, written by the functions themselves), then per function a fresh JVM with Lambda's flags
 * and the function's jar runs WarmPathLauncher with {@code -Dbench.account=true} twice: its main (read) sample
 * event warm, for the duration, the log bytes and the read units per request; and one write sample event once, for
 * the write units, events and log bytes of a write, then warm for its duration. Writes bench-results/cost-measured.json, which
 * local/bench/cost-bill.py prices.
 */
class CostBenchmark {
    private static final int RUNS = Integer.getInteger("bench.runs", 300);
    private static final int WARMUP = Integer.getInteger("bench.warmup", 500);
    private static final String FLAGS = System.getProperty("bench.jvmFlags", "-XX:+TieredCompilation -XX:TieredStopAtLevel=1");
    private static final int WRITE_RUNS = Integer.getInteger("bench.writeRuns", 50);
    private static final String STAGE = "cost";
    /** A write each function serves that needs no seeded id; the read is the cold-start bench's main event. */
    static final Map<String, String> WRITE_EVENT = Map.of(
            "asset-registration", "register-asset.json",
            "backup-audit", "start-backup-audit.json",
            "training-enrolment", "create-course.json",
            "security-scan", "post-scans-selector.json");

    @Test
    void measure() throws Exception {
        TemplateModel template = TemplateModel.load();
        Path root = template.root();
        Path logs = Files.createTempDirectory("itops-cost-logs");
        try (DevServer server = DevServer.start(Options.defaults().withRoot(root).withLogDir(logs).withPort(0)
                .withEndpoint(MotoServer.shared().endpoint()).withStage(STAGE).withSeed(Options.Seed.ALWAYS)
                .withSchedules(false).withBanner(false))) {
            server.baseUrl();
        }
        Path launcher = ColdStartBenchmark.compileLauncher(root);
        LocalAws aws = new LocalAws(MotoServer.shared().endpoint());
        List<ColdStartBenchmark.Target> targets = ColdStartBenchmark.targets(template, aws,
                new LocalResources(template, STAGE, LocalAws.REGION), "after");
        List<Map<String, Object>> rows = new ArrayList<>();
        for (ColdStartBenchmark.Target target : targets) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("function", target.name());
            row.put("readEvent", target.event().getFileName().toString());
            row.put("read", run(launcher, target, target.event(), WARMUP, RUNS));
            Path write = root.resolve("events").resolve(target.name()).resolve(WRITE_EVENT.getOrDefault(target.name(), "none.json"));
            row.put("writeEvent", write.getFileName().toString());
            // the first request does the whole write (its units, events, log); repeats may replay its idempotency
            // key, so they give only the warm duration, taken when they answer 2xx
            Map<String, String> written = Files.exists(write) ? run(launcher, target, write, 0, 1) : null;
            Map<String, String> warm = written == null ? null : run(launcher, target, write, WRITE_RUNS, WRITE_RUNS);
            if (warm != null) {
                written = new LinkedHashMap<>(written);
                written.put("coldTotal", written.get("total"));
                for (String timing : List.of("own", "total", "aws")) {
                    written.put(timing, warm.get(timing));
                }
            }
            row.put("write", written);
            rows.add(row);
            System.out.println("  measured " + target.name() + ": " + row);
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("machine", Map.of("cores", Runtime.getRuntime().availableProcessors(), "java", System.getProperty("java.version"),
                "flags", FLAGS, "runs", RUNS, "warmup", WARMUP));
        json.put("rows", rows);
        Path out = root.resolve("bench-results/cost-measured.json");
        Files.createDirectories(out.getParent());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), json);
        System.out.println("  written to " + root.relativize(out));
    }

    /** The launcher's figures for one event (null when the event did not answer 2xx: the bill then models that write). */
    private static Map<String, String> run(Path launcher, ColdStartBenchmark.Target target, Path event, int warmup, int runs) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(FLAGS.split("\\s+")));
        command.addAll(List.of("-Dbench.account=true", "-cp", target.jar() + java.io.File.pathSeparator + launcher, "WarmPathLauncher",
                target.handler(), event.toString(), Integer.toString(warmup), Integer.toString(runs)));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(target.env());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int rc = process.waitFor();
        String line = output.lines().filter(l -> l.startsWith("WARMPATH ")).findFirst().orElse(null);
        if (rc != 0 || line == null || line.startsWith("WARMPATH failed")) {
            System.out.println("  " + target.name() + " " + event.getFileName() + " not measured (exit " + rc + "): "
                    + (line == null ? output.lines().reduce((a, b) -> b).orElse("") : line).lines().findFirst().orElse(""));
            return null;
        }
        return ColdStartBenchmark.fields(line);
    }
}
