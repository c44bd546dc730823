package io.itops.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A moto server (the local AWS) started from the project's own single-threaded launcher. One per
 * JVM is shared by all tests; it stops when the JVM exits. {@code ITOPS_PYTHON} picks the Python
 * (default {@code python3}); {@code AWS_ENDPOINT_URL} set in the environment (or the system property
 * {@code itops.awsEndpoint}, which the {@code localstack} Maven profile sets) skips the launch and
 * targets that endpoint instead (LocalStack, a moto already running).
 */
public final class MotoServer implements AutoCloseable {
    private static MotoServer shared;
    private final Process process;
    private final String endpoint;

    private MotoServer(Process process, String endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    public static synchronized MotoServer shared() {
        if (shared == null) {
            String external = System.getProperty("itops.awsEndpoint", System.getenv("AWS_ENDPOINT_URL"));
            shared = external != null && !external.isBlank() ? new MotoServer(null, external) : start(0);
            MotoServer server = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        }
        return shared;
    }

    public static MotoServer start(int port) {
        try {
            Path script = Files.createTempFile("itops-moto", ".py");
            try (InputStream in = MotoServer.class.getResourceAsStream("moto_single_threaded.py")) {
                Files.write(script, in.readAllBytes());
            }
            script.toFile().deleteOnExit();
            String python = System.getenv().getOrDefault("ITOPS_PYTHON", "python3");
            Process process = new ProcessBuilder(List.of(python, script.toString(), Integer.toString(port)))
                    .redirectErrorStream(true)
                    .start();
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String line;
            StringBuilder seen = new StringBuilder();
            while ((line = out.readLine()) != null) {
                if (line.startsWith("MOTO_PORT=")) {
                    Thread drain = new Thread(() -> drain(out), "moto-output");
                    drain.setDaemon(true);
                    drain.start();
                    return new MotoServer(process, "http://127.0.0.1:" + line.substring("MOTO_PORT=".length()).trim());
                }
                seen.append(line).append('\n');
            }
            throw new IllegalStateException("moto server did not start (is moto installed for " + python
                    + "? run .ci/setup or: pip install -r local/requirements.txt):\n" + seen);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start moto server", e);
        }
    }

    private static void drain(BufferedReader out) {
        try {
            while (out.readLine() != null) {
                // moto logs every request; discard
            }
        } catch (IOException ignored) {
            // process ended
        }
    }

    public String endpoint() {
        return endpoint;
    }

    public boolean isRunning() {
        return process == null || process.isAlive();
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }
}
