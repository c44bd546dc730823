import io.itops.shared.config.Env;
import io.itops.shared.runtime.FunctionHandler;
import io.itops.shared.runtime.Platform;
import io.itops.shared.runtime.Priming;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The SnapStart path of one function, in one JVM (run by ColdStartBenchmark with the function's jar
 * and {@code AWS_LAMBDA_INITIALIZATION_TYPE=snap-start} in the environment): construct the handler as
 * a SnapStart init does (it registers its priming), run the hooks Lambda runs around the snapshot
 * ({@code beforeCheckpoint}, then {@code afterRestore}), then the first real request of the sample
 * event, which is what a user of a restored environment waits for, and RUNS more for the warm
 * median. Prints one line: init, hooks, first and warm nanoseconds, and the resident memory after
 * priming (what the snapshot holds). Every answer must be 2xx. The first request is bracketed by two
 * marker lines, so that a run with {@code -Xlog:class+load} shows what it still loaded.
 *
 * <pre>java -XX:TieredStopAtLevel=1 -cp function.jar:launcher SnapStartLauncher HANDLER_CLASS EVENT_FILE RUNS</pre>
 */
public final class SnapStartLauncher {
    public static void main(String[] args) throws Exception {
        byte[] event = Files.readAllBytes(Path.of(args[1]));
        int runs = Integer.parseInt(args[2]);
        // Lambda's runtime has its context loaded before the function's init; so has this launcher its answer check
        new ColdStartLauncher.BenchContext().getLogger();
        ColdStartLauncher.status("");
        long t0 = System.nanoTime();
        Platform platform = Platform.from(new Env(System.getenv()));
        FunctionHandler handler = (FunctionHandler) Class.forName(args[0]).getConstructor(Platform.class).newInstance(platform);
        long t1 = System.nanoTime();
        // the handler registered its own Priming with CRaC, which no JVM here triggers: run the same hooks by hand
        Priming priming = new Priming(platform, handler.dispatcher());
        priming.beforeCheckpoint(null);
        long t2 = System.nanoTime();
        long rssKb = residentKb();
        priming.afterRestore(null);
        long t3 = System.nanoTime();
        // markers for a run with -Xlog:class+load: the classes the first request still had to load
        System.out.println("SNAPSTART-FIRST begin");
        long first = invoke(handler, event);
        System.out.println("SNAPSTART-FIRST end");
        long[] warm = new long[runs];
        for (int i = 0; i < runs; i++) {
            warm[i] = invoke(handler, event);
        }
        Arrays.sort(warm);
        System.out.println("SNAPSTART init=" + (t1 - t0) + " beforeCheckpoint=" + (t2 - t1) + " afterRestore=" + (t3 - t2)
                + " first=" + first + " warm=" + warm[(runs - 1) / 2] + " rssKb=" + rssKb);
    }

    private static long invoke(FunctionHandler handler, byte[] event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ColdStartLauncher.BenchContext context = new ColdStartLauncher.BenchContext();
        long start = System.nanoTime();
        handler.handleRequest(new ByteArrayInputStream(event), out, context);
        long took = System.nanoTime() - start;
        String status = ColdStartLauncher.status(out.toString(StandardCharsets.UTF_8));
        if (!status.startsWith("2")) {
            System.out.println("SNAPSTART failed: status " + status + ": " + out.toString(StandardCharsets.UTF_8));
            System.exit(1);
        }
        return took;
    }

    /** VmRSS of this process, from /proc/self/status (Linux), in kB; -1 elsewhere. */
    private static long residentKb() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.exists(status)) {
            return -1;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return -1;
    }
}
