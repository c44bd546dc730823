import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * One cold start, as Lambda does it (run by ColdStartBenchmark in a fresh JVM per measurement, with
 * the function's jar first on the class path and the function's environment as the process's):
 * construct the handler through its public {@code (Map<String,String>)} constructor, invoke it once
 * with the sample event, and print one line of figures. Uses only the JDK and lambda-core's
 * interfaces, which every function jar carries, and nothing of its own that a Lambda start would not
 * load (no JMX: ColdStartBenchmark counts classes in a separate run with {@code -Xlog:class+load}).
 * {@link ColdStartHello} is the bare-JVM reference.
 *
 * <pre>java -XX:TieredStopAtLevel=1 -cp function.jar:launcher ColdStartLauncher HANDLER_CLASS EVENT_FILE
 * java -XX:TieredStopAtLevel=1 -cp launcher ColdStartHello</pre>
 */
public final class ColdStartLauncher {
    public static void main(String[] args) throws Exception {
        byte[] event = Files.readAllBytes(Path.of(args[1]));
        // Lambda's runtime has its context loaded before the function's init
        Context context = new BenchContext();
        context.getLogger();
        long t0 = System.nanoTime();
        Class<?> type = Class.forName(args[0]);
        RequestStreamHandler handler = (RequestStreamHandler) type.getConstructor(Map.class).newInstance(System.getenv());
        long t1 = System.nanoTime();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event), out, context);
        long t2 = System.nanoTime();
        String response = out.toString(StandardCharsets.UTF_8);
        System.out.println("COLDSTART init=" + (t1 - t0) + " first=" + (t2 - t1) + " status=" + status(response));
        if (System.getenv("COLDSTART_ECHO") != null) {
            System.out.println(response);
        }
    }

    /** The answer's {@code statusCode} (digits after the field name), "none" without one; no regex: it would load classes of its own. */
    static String status(String response) {
        int at = response.indexOf("\"statusCode\"");
        if (at < 0) {
            return "none";
        }
        int from = at + 12;
        while (from < response.length() && !Character.isDigit(response.charAt(from))) {
            from++;
        }
        int to = from;
        while (to < response.length() && Character.isDigit(response.charAt(to))) {
            to++;
        }
        return from == to ? "none" : response.substring(from, to);
    }

    static final class BenchContext implements Context {
        private final long deadline = System.currentTimeMillis() + 30_000;

        public String getAwsRequestId() { return "cold-start-bench-0001"; }
        public String getLogGroupName() { return "/aws/lambda/bench"; }
        public String getLogStreamName() { return "bench"; }
        public String getFunctionName() { return System.getenv().getOrDefault("AWS_LAMBDA_FUNCTION_NAME", "bench"); }
        public String getFunctionVersion() { return "$LATEST"; }
        public String getInvokedFunctionArn() { return "arn:aws:lambda:us-east-1:123456789012:function:" + getFunctionName(); }
        public CognitoIdentity getIdentity() { return null; }
        public ClientContext getClientContext() { return null; }
        public int getRemainingTimeInMillis() { return (int) (deadline - System.currentTimeMillis()); }
        public int getMemoryLimitInMB() { return 1024; }
        public LambdaLogger getLogger() {
            return new LambdaLogger() {
                public void log(String message) { System.err.print(message); }
                public void log(byte[] message) { System.err.write(message, 0, message.length); }
            };
        }
    }
}
