package io.itops.local;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Supplier;

/**
 * Sends what a function prints to its own log file (.local/logs/&lt;function&gt;.log), the way each
 * Lambda function has its own log group, and keeps the terminal for the server's one line per
 * request. Functions log with {@code System.out}; the JDK's System class is shared by every class
 * loader, so the route is chosen per thread: the thread running an invocation writes to that
 * function's file; every other thread writes to the terminal.
 */
final class LogRouter {
    private static final InheritableThreadLocal<OutputStream> TARGET = new InheritableThreadLocal<>();
    private static final PrintStream CONSOLE = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
    private static volatile boolean installed;

    private LogRouter() {}

    /** Replaces System.out and System.err with the per-thread router; idempotent. */
    static synchronized void install() {
        if (installed) {
            return;
        }
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        System.setOut(new PrintStream(new Routing(originalOut), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new Routing(originalErr), true, StandardCharsets.UTF_8));
        installed = true;
    }

    /** The terminal, whatever the current thread is bound to. */
    static PrintStream console() {
        return CONSOLE;
    }

    /** Runs {@code work} with this thread's output going to {@code sink}. */
    static <T> T with(OutputStream sink, Supplier<T> work) {
        OutputStream previous = TARGET.get();
        TARGET.set(sink);
        try {
            return work.get();
        } finally {
            if (previous == null) {
                TARGET.remove();
            } else {
                TARGET.set(previous);
            }
        }
    }

    /** An append-only log file, safe to share between threads. */
    static OutputStream file(Path path) {
        try {
            Files.createDirectories(path.getParent());
            OutputStream out = Files.newOutputStream(path, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            return new OutputStream() {
                @Override
                public synchronized void write(int b) throws IOException {
                    out.write(b);
                }

                @Override
                public synchronized void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                }

                @Override
                public synchronized void flush() throws IOException {
                    out.flush();
                }

                @Override
                public synchronized void close() throws IOException {
                    out.close();
                }
            };
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open log file " + path, e);
        }
    }

    private static final class Routing extends OutputStream {
        private final OutputStream fallback;

        Routing(OutputStream fallback) {
            this.fallback = fallback;
        }

        private OutputStream target() {
            OutputStream target = TARGET.get();
            return target == null ? fallback : target;
        }

        @Override
        public void write(int b) throws IOException {
            target().write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            target().write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            target().flush();
        }
    }
}
