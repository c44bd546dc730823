import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * One cold start, as Lambda does it (run by ColdStartBenchmark in a fresh JVM per measurement, with
 * the function's jar first on the class path and the function's environment as the process's):
 * construct the handler through its public {@code (Map<String,String>)} constructor, invoke it once
 * with the sample event, and print one line of figures. Uses only the JDK and lambda-core's
 * interfaces, which every function jar carries. {@link ColdStartHello} is the bare-JVM reference.
 *
 * <pre>java -XX:TieredStopAtLevel=1 -cp function.jar:launcher ColdStartLauncher HANDLER_CLASS EVENT_FILE
 * java -XX:TieredStopAtLevel=1 -cp launcher ColdStartHello</pre>
 */
public final class ColdStartLauncher {
    public static void main(String[] args) throws Exception {
        byte[] event = Files.readAllBytes(Path.of(args[1]));
        long t0 = System.nanoTime();
        Class<?> type = Class.forName(args[0]);
        RequestStreamHandler handler = (RequestStreamHandler) type.getConstructor(Map.class).newInstance(System.getenv());
        long t1 = System.nanoTime();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event), out, new BenchContext());
        long t2 = System.nanoTime();
        int classes = ManagementFactory.getClassLoadingMXBean().getLoadedClassCount();
        String response = out.toString(StandardCharsets.UTF_8);
        int at = response.indexOf("\"statusCode\"");
        String status = at < 0 ? "none" : response.substring(at + 12).replaceAll("^[\\s:]*(\\d+).*$", "$1").trim();
        System.out.println("COLDSTART init=" + (t1 - t0) + " first=" + (t2 - t1) + " classes=" + classes + " status=" + status);
        if (System.getenv("COLDSTART_ECHO") != null) {
            System.out.println(response);
        }
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
