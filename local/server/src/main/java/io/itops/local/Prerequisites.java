package io.itops.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Checks what the dev server needs before starting it, and says how to install what is missing. */
final class Prerequisites {
    private Prerequisites() {}

    /** Python with moto (the local AWS), as MotoServer will run it. */
    static void requireMoto() {
        String python = System.getenv().getOrDefault("ITOPS_PYTHON", "python3");
        Process process;
        try {
            process = new ProcessBuilder(List.of(python, "-c", "import moto.server, werkzeug")).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new DevServer.StartupException("Python (" + python + ") was not found. Install Python 3.9+ (e.g. 'apt-get install python3"
                    + " python3-venv') and run ./itops run, which installs moto into .venv; or start with --endpoint URL"
                    + " to use LocalStack or another AWS endpoint.", e);
        }
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new DevServer.StartupException(python + " did not answer within 60 s", null);
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (process.exitValue() != 0) {
                throw new DevServer.StartupException("moto, the local AWS, is not installed for " + python + " (" + lastLine(output) + ").\n"
                        + "  Install it:  " + python + " -m pip install -r local/requirements.txt\n"
                        + "  or run ./itops run, which installs it into .venv, or use --endpoint URL (LocalStack, AWS).", null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DevServer.StartupException("interrupted while checking for moto", e);
        } catch (IOException e) {
            throw new DevServer.StartupException("could not check for moto: " + e.getMessage(), e);
        }
    }

    private static String lastLine(String output) {
        String[] lines = output.split("\n");
        return lines[lines.length - 1];
    }
}
