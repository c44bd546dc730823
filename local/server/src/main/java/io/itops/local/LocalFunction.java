package io.itops.local;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * One function of template.yaml, loaded like Lambda loads it: from its deployable jar (CodeUri), in
 * a class loader of its own that sees only that jar, the JDK and the Lambda runtime interfaces;
 * built through its public {@code (Map<String, String> environment)} constructor with the
 * environment template.yaml gives it; invoked through {@link RequestStreamHandler} with event bytes.
 * Two functions never share a class, a static or a client, as in AWS.
 */
final class LocalFunction implements AutoCloseable {
    private static final String RUNTIME_API = "com.amazonaws.services.lambda.runtime.";
    private final String logicalId;
    private final String name;
    private final Path jar;
    private final int timeoutSeconds;
    private final int memoryMb;
    private final FunctionClassLoader loader;
    private final RequestStreamHandler handler;
    private final OutputStream log;
    private final long initMillis;

    /** What a failed invocation reports, in Lambda's error shape. */
    static final class InvocationError extends Exception {
        private static final long serialVersionUID = 1L;
        private final String errorType;

        InvocationError(String errorType, String message, Throwable cause) {
            super(message, cause);
            this.errorType = errorType;
        }

        String errorType() {
            return errorType;
        }

        Map<String, Object> payload() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("errorMessage", getMessage());
            out.put("errorType", errorType);
            return out;
        }
    }

    private LocalFunction(String logicalId, String name, Path jar, int timeoutSeconds, int memoryMb, FunctionClassLoader loader,
                          RequestStreamHandler handler, OutputStream log, long initMillis) {
        this.logicalId = logicalId;
        this.name = name;
        this.jar = jar;
        this.timeoutSeconds = timeoutSeconds;
        this.memoryMb = memoryMb;
        this.loader = loader;
        this.handler = handler;
        this.log = log;
        this.initMillis = initMillis;
    }

    /** Loads and initialises a function (its "cold start"); throws with a message saying what to fix. */
    static LocalFunction load(String logicalId, Path jar, String handlerSpec, Map<String, String> environment,
                              int timeoutSeconds, int memoryMb, Path logDir) {
        String name = jarName(jar);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(logicalId + ": " + jar + " not found. Build the functions first: mvn -DskipTests package"
                    + " (./itops run does it).");
        }
        int separator = handlerSpec.indexOf("::");
        String className = separator < 0 ? handlerSpec : handlerSpec.substring(0, separator);
        URL url;
        try {
            url = jar.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
        FunctionClassLoader loader = new FunctionClassLoader(name, url, LocalFunction.class.getClassLoader());
        OutputStream log = LogRouter.file(logDir.resolve(name + ".log"));
        long started = System.nanoTime();
        RequestStreamHandler handler = withLoader(loader, log, () -> construct(logicalId, loader, className, environment));
        return new LocalFunction(logicalId, name, jar, timeoutSeconds, memoryMb, loader, handler, log,
                (System.nanoTime() - started) / 1_000_000);
    }

    private static RequestStreamHandler construct(String logicalId, ClassLoader loader, String className, Map<String, String> environment) {
        try {
            Class<?> type = Class.forName(className, true, loader);
            if (!RequestStreamHandler.class.isAssignableFrom(type)) {
                throw new IllegalStateException(logicalId + ": " + className + " must implement RequestStreamHandler"
                        + " (itops handlers extend io.itops.shared.runtime.FunctionHandler)");
            }
            Constructor<?> constructor = type.getConstructor(Map.class);
            return (RequestStreamHandler) constructor.newInstance(Map.copyOf(environment));
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(logicalId + ": Handler class " + className + " is not in the jar", e);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(logicalId + ": " + className
                    + " needs a public constructor taking the environment (Map<String, String>); see FunctionHandler", e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(logicalId + ": " + className + " failed to initialise: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(logicalId + ": cannot construct " + className + ": " + e, e);
        }
    }

    private static <T> T withLoader(ClassLoader loader, OutputStream log, java.util.function.Supplier<T> work) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return LogRouter.with(log, work);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    static String jarName(Path jar) {
        String file = jar.getFileName().toString();
        return file.endsWith(".jar") ? file.substring(0, file.length() - 4) : file;
    }

    String logicalId() {
        return logicalId;
    }

    /** The function's folder name (asset-registration), which names its log file. */
    String name() {
        return name;
    }

    Path jar() {
        return jar;
    }

    int timeoutSeconds() {
        return timeoutSeconds;
    }

    long initMillis() {
        return initMillis;
    }

    /** The class of that name if this function has loaded it so far: what it really used, from its jar or the JDK. */
    Optional<Class<?>> loadedClass(String className) {
        return Optional.ofNullable(loader.loaded(className));
    }

    /** Invokes the handler with {@code event}; returns the bytes it wrote, or throws its error. */
    byte[] invoke(byte[] event, String requestId) throws InvocationError {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        InvocationError error = withLoader(loader, log, () -> {
            try {
                handler.handleRequest(new ByteArrayInputStream(event), out, new LocalContext(requestId));
                return null;
            } catch (IOException | RuntimeException | Error failure) {
                return report(failure, requestId);
            }
        });
        if (error != null) {
            throw error;
        }
        return out.toByteArray();
    }

    // Lambda logs an uncaught error to the function's log group and answers the caller with errorType/errorMessage.
    private InvocationError report(Throwable failure, String requestId) {
        StringWriter trace = new StringWriter();
        failure.printStackTrace(new PrintWriter(trace));
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("timestamp", Instant.now().toString());
        line.put("level", "ERROR");
        line.put("function", name);
        line.put("requestId", requestId);
        line.put("message", "invocation failed");
        line.put("errorType", failure.getClass().getName());
        line.put("errorMessage", String.valueOf(failure.getMessage()));
        line.put("stackTrace", trace.toString());
        try {
            log.write((LocalJson.write(line) + "\n").getBytes(StandardCharsets.UTF_8));
            log.flush();
        } catch (IOException ignored) {
            // the log is best effort
        }
        return new InvocationError(failure.getClass().getName(), String.valueOf(failure.getMessage()), failure);
    }

    @Override
    public void close() {
        try {
            loader.close();
            log.close();
        } catch (IOException ignored) {
            // closing on shutdown
        }
    }

    /**
     * Child-first for everything but the Lambda runtime interfaces: the parent is the platform
     * class loader (the JDK only), so a function sees its own copies of the shared library, the AWS
     * SDK and Jackson, never the server's.
     */
    private static final class FunctionClassLoader extends URLClassLoader {
        private final ClassLoader runtimeApi;

        static {
            registerAsParallelCapable();
        }

        FunctionClassLoader(String name, URL jar, ClassLoader runtimeApi) {
            super(name, new URL[] {jar}, ClassLoader.getPlatformClassLoader());
            this.runtimeApi = runtimeApi;
        }

        @Override
        protected Class<?> loadClass(String className, boolean resolve) throws ClassNotFoundException {
            if (className.startsWith(RUNTIME_API)) {
                return runtimeApi.loadClass(className);
            }
            return super.loadClass(className, resolve);
        }

        Class<?> loaded(String className) {
            return findLoadedClass(className);
        }
    }

    private final class LocalContext implements Context {
        private final String requestId;
        private final long deadline;

        LocalContext(String requestId) {
            this.requestId = requestId;
            this.deadline = System.currentTimeMillis() + timeoutSeconds * 1000L;
        }

        @Override public String getAwsRequestId() { return requestId; }
        @Override public String getLogGroupName() { return "/aws/lambda/" + logicalId; }
        @Override public String getLogStreamName() { return "local/" + UUID.nameUUIDFromBytes(logicalId.getBytes(StandardCharsets.UTF_8)); }
        @Override public String getFunctionName() { return logicalId; }
        @Override public String getFunctionVersion() { return "$LATEST"; }
        @Override public String getInvokedFunctionArn() {
            return "arn:aws:lambda:" + "us-east-1:" + LocalResources.ACCOUNT + ":function:" + logicalId;
        }
        @Override public CognitoIdentity getIdentity() { return null; }
        @Override public ClientContext getClientContext() { return null; }
        @Override public int getRemainingTimeInMillis() { return (int) Math.max(0, deadline - System.currentTimeMillis()); }
        @Override public int getMemoryLimitInMB() { return memoryMb; }

        @Override
        public LambdaLogger getLogger() {
            return new LambdaLogger() {
                @Override public void log(String message) { System.out.println(message); }
                @Override public void log(byte[] message) { System.out.println(new String(message, StandardCharsets.UTF_8)); }
            };
        }
    }
}
