package io.itops.local;

import io.itops.local.probe.ProbeHandler;
import io.itops.testing.MotoServer;
import io.itops.testing.TemplateModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/** Dev servers for tests: on the shared moto, each with its own stage (so its own table, bus and secret). */
final class TestServers {
    private TestServers() {}

    static Options options(Path root, Path logDir) {
        return Options.defaults().withRoot(root).withLogDir(logDir).withPort(0)
                .withEndpoint(MotoServer.shared().endpoint())
                .withStage("t" + UUID.randomUUID().toString().substring(0, 8))
                .withSchedules(false).withBanner(false).withRetryDelay(Duration.ofMillis(50));
    }

    static Path repositoryRoot() {
        return TemplateModel.projectRoot();
    }

    /** The probe function as a deployable jar: only its own classes, like a function's shaded jar. */
    static Path probeJar(Path dir) {
        try {
            Path classes = Path.of(ProbeHandler.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path jar = dir.resolve("probe.jar");
            try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
                 Stream<Path> files = Files.walk(classes.resolve("io/itops/local/probe"))) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    out.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                    Files.copy(file, out);
                    out.closeEntry();
                }
            }
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
