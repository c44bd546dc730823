package io.itops.local;

import io.itops.testing.TemplateModel;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;

/** The dev server's command line. */
record Options(int port, String host, String endpoint, Path root, Seed seed, boolean schedules, Duration retryDelay,
               String stage, Path logDir, String audience, boolean banner) {

    enum Seed { AUTO, ALWAYS, NEVER }

    static final String USAGE = """
            usage: ./itops run [options]        (or: java -jar local/server/target/itops-local.jar [options])
              --port N            HTTP port (default 3000; 0 picks a free one)
              --host ADDRESS      address to listen on (default 127.0.0.1)
              --endpoint URL      use this AWS endpoint (LocalStack, a running moto, an account) instead of
                                  starting moto; AWS_ENDPOINT_URL does the same
              --seed              send the requests in local/seed/*.json even if the table has data
              --no-seed           never seed (default: seed when the table is empty)
              --no-schedules      do not fire schedules at their times (POST /_local/schedules/{id} still does)
              --retry-delay-ms N  first retry delay of failed async invocations (default 1000; doubles each time)
              --stage NAME        value of the Stage parameter, part of resource names (default local)
              --root DIR          the repository (default: found upwards from here)
            """;

    static Options defaults() {
        Path root;
        try {
            root = TemplateModel.projectRoot();
        } catch (IllegalStateException notInRepository) {
            root = Paths.get("").toAbsolutePath();
        }
        String endpoint = System.getenv("AWS_ENDPOINT_URL");
        return new Options(3000, "127.0.0.1", endpoint == null || endpoint.isBlank() ? null : endpoint, root, Seed.AUTO, true,
                Duration.ofSeconds(1), "local", root.resolve(".local/logs"), "itops-local", true);
    }

    static Options parse(String[] args) {
        Options o = defaults();
        boolean rootGiven = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--port" -> o = o.withPort(Integer.parseInt(value(args, ++i, arg)));
                case "--host" -> o = new Options(o.port, value(args, ++i, arg), o.endpoint, o.root, o.seed, o.schedules, o.retryDelay, o.stage, o.logDir, o.audience, o.banner);
                case "--endpoint" -> o = o.withEndpoint(value(args, ++i, arg));
                case "--seed" -> o = o.withSeed(Seed.ALWAYS);
                case "--no-seed" -> o = o.withSeed(Seed.NEVER);
                case "--no-schedules" -> o = new Options(o.port, o.host, o.endpoint, o.root, o.seed, false, o.retryDelay, o.stage, o.logDir, o.audience, o.banner);
                case "--retry-delay-ms" -> o = o.withRetryDelay(Duration.ofMillis(Long.parseLong(value(args, ++i, arg))));
                case "--stage" -> o = o.withStage(value(args, ++i, arg));
                case "--root" -> {
                    Path root = Paths.get(value(args, ++i, arg)).toAbsolutePath().normalize();
                    o = o.withRoot(root);
                    rootGiven = true;
                }
                case "-h", "--help" -> throw new UsageException(null);
                default -> throw new UsageException("unknown option " + arg);
            }
        }
        if (!rootGiven && !o.root.resolve("template.yaml").toFile().exists()) {
            throw new UsageException("template.yaml not found in " + o.root);
        }
        return o;
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new UsageException(option + " needs a value");
        }
        return args[i];
    }

    /** A mistake on the command line; the message (null for --help) precedes the usage. */
    static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    Options withPort(int value) {
        return new Options(value, host, endpoint, root, seed, schedules, retryDelay, stage, logDir, audience, banner);
    }

    Options withEndpoint(String value) {
        return new Options(port, host, value, root, seed, schedules, retryDelay, stage, logDir, audience, banner);
    }

    Options withSeed(Seed value) {
        return new Options(port, host, endpoint, root, value, schedules, retryDelay, stage, logDir, audience, banner);
    }

    Options withSchedules(boolean value) {
        return new Options(port, host, endpoint, root, seed, value, retryDelay, stage, logDir, audience, banner);
    }

    Options withRetryDelay(Duration value) {
        return new Options(port, host, endpoint, root, seed, schedules, value, stage, logDir, audience, banner);
    }

    Options withStage(String value) {
        return new Options(port, host, endpoint, root, seed, schedules, retryDelay, value, logDir, audience, banner);
    }

    Options withRoot(Path value) {
        return new Options(port, host, endpoint, value, seed, schedules, retryDelay, stage, value.resolve(".local/logs"), audience, banner);
    }

    Options withLogDir(Path value) {
        return new Options(port, host, endpoint, root, seed, schedules, retryDelay, stage, value, audience, banner);
    }

    Options withBanner(boolean value) {
        return new Options(port, host, endpoint, root, seed, schedules, retryDelay, stage, logDir, audience, value);
    }
}
