import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.itops.shared.aws.AwsClients;
import io.itops.shared.config.Env;
import io.itops.shared.runtime.Platform;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;

/**
 * The warm path of one function (run by WarmPathBenchmark in a fresh JVM with the function's jar and
 * Lambda's flags): builds the handler as its no-arg constructor would, but with the SDK's HTTP client
 * wrapped so that every AWS HTTP round trip is clocked (sending the request, waiting for the answer
 * and reading its body off the wire), invokes it WARMUP + RUNS times with the sample event, and
 * prints per request the handler's total time, the time inside AWS round trips (the wire and the
 * emulator) and their difference: the function's own overhead (event parsing, routing, auth, the
 * SDK's marshalling, signing and unmarshalling, serialisation, logging). Every answer must be 2xx.
 *
 * With {@code reference} for HANDLER it measures the same way a bare Jackson handler (parse the
 * event, write a 200 answer): the least any Java handler does.
 *
 * <pre>java -XX:TieredStopAtLevel=1 -cp function.jar:launcher WarmPathLauncher HANDLER|reference EVENT WARMUP RUNS</pre>
 */
public final class WarmPathLauncher {
    public static void main(String[] args) throws Exception {
        byte[] event = Files.readAllBytes(Path.of(args[1]));
        int warmup = Integer.parseInt(args[2]);
        int runs = Integer.parseInt(args[3]);
        // the functions log a JSON line per request to stdout, as on Lambda; keep that cost, drop the text
        PrintStream results = System.out;
        CountingStream logBytes = new CountingStream();
        System.setOut(new PrintStream(logBytes, false, StandardCharsets.UTF_8));
        RequestStreamHandler handler = REFERENCE.equals(args[0]) ? WarmPathLauncher::bareHandler : null;
        AtomicLong awsNanos = new AtomicLong();
        AtomicLong awsCalls = new AtomicLong();
        Env env = new Env(System.getenv());
        Usage usage = new Usage();
        AwsClients aws = new AwsClients(env, http -> new ClockedHttpClient(http, awsNanos, awsCalls, usage), List.of());
        if (handler == null) {
            handler = (RequestStreamHandler) Class.forName(args[0]).getConstructor(Platform.class)
                    .newInstance(new Platform(env, aws, Clock.systemUTC()));
        }
        long[] total = new long[runs];
        long[] inAws = new long[runs];
        long calls = 0;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < warmup + runs; i++) {
            if (i == warmup) {
                usage.reset();
                logBytes.count = 0;
            }
            awsNanos.set(0);
            awsCalls.set(0);
            out.reset();
            long start = System.nanoTime();
            handler.handleRequest(new ByteArrayInputStream(event), out, new ColdStartLauncher.BenchContext());
            long took = System.nanoTime() - start;
            String response = out.toString(StandardCharsets.UTF_8);
            if (!response.matches("(?s).*\"statusCode\"\\s*:\\s*2\\d\\d.*")) {
                results.println("WARMPATH failed: " + response);
                System.exit(1);
            }
            if (i >= warmup) {
                total[i - warmup] = took;
                inAws[i - warmup] = awsNanos.get();
                calls += awsCalls.get();
            }
        }
        long[] own = new long[runs];
        for (int i = 0; i < runs; i++) {
            own[i] = total[i] - inAws[i];
        }
        results.println("WARMPATH " + figures("own", own) + " " + figures("total", total) + " " + figures("aws", inAws)
                + " callsPerRequest=" + (double) calls / runs + " logBytesPerRequest=" + (double) logBytes.count / runs
                + " " + usage.perRequest(runs));
    }

    /** Counts the bytes the function logs to stdout (one JSON line per request, its EMF metrics), as CloudWatch Logs ingests them. */
    private static final class CountingStream extends java.io.OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }

    /**
     * What the requests asked of AWS, for the cost bench: DynamoDB read units (eventually consistent 4 KB units of the
     * answer's bytes per call, rounded up: an upper bound, the JSON wire form is larger than the item), write units
     * (1 KB units of each written item's wire form, once for the table and once per GSI key it carries), events put,
     * Secrets Manager calls.
     */
    static final class Usage {
        double readUnits, writeUnits;
        long dynamoCalls, events, secretCalls;

        synchronized void reset() {
            readUnits = writeUnits = 0;
            dynamoCalls = events = secretCalls = 0;
        }

        synchronized void request(String target, byte[] body) {
            if (target == null) return;
            String text = new String(body, StandardCharsets.UTF_8);
            if (target.startsWith("DynamoDB_")) {
                dynamoCalls++;
                String op = target.substring(target.indexOf('.') + 1);
                if (op.equals("PutItem") || op.equals("UpdateItem") || op.equals("DeleteItem")) {
                    writeUnits += Math.ceil(body.length / 1024.0) * (1 + gsiKeys(text));
                } else if (op.equals("TransactWriteItems") || op.equals("BatchWriteItem")) {
                    // transactions cost twice; each item of the batch is one write of about its share of the body
                    int items = Math.max(1, count(text, op.equals("BatchWriteItem") ? "\"PutRequest\"" : "\"TableName\""));
                    double each = Math.ceil(body.length / (double) items / 1024.0);
                    writeUnits += (op.equals("TransactWriteItems") ? 2 : 1) * items * each + each * gsiKeys(text);
                }
            } else if (target.startsWith("AWSEvents.PutEvents")) {
                events += Math.max(1, count(text, "\"DetailType\""));
            } else if (target.startsWith("secretsmanager.")) {
                secretCalls++;
            }
        }

        synchronized void answer(String target, long bytes) {
            if (target == null || !target.startsWith("DynamoDB_")) return;
            String op = target.substring(target.indexOf('.') + 1);
            if (op.equals("GetItem") || op.equals("Query") || op.equals("BatchGetItem") || op.equals("Scan")) {
                readUnits += 0.5 * Math.ceil(bytes / 4096.0);
            } else if (op.equals("TransactGetItems")) {
                readUnits += 2 * Math.ceil(bytes / 4096.0);
            }
        }

        synchronized String perRequest(int runs) {
            return "readUnits=" + readUnits / runs + " writeUnits=" + writeUnits / runs + " dynamoCalls=" + (double) dynamoCalls / runs
                    + " events=" + (double) events / runs + " secretCalls=" + (double) secretCalls / runs;
        }

        private static int gsiKeys(String body) {
            return count(body, "\"GSI[0-9]PK\"");
        }

        private static int count(String text, String regex) {
            return (int) java.util.regex.Pattern.compile(regex).matcher(text).results().count();
        }
    }

    /** The SDK's HTTP client, clocked: the time in each round trip, from sending the request to the last byte of the answer read. */
    private record ClockedHttpClient(SdkHttpClient delegate, AtomicLong nanos, AtomicLong calls, Usage usage) implements SdkHttpClient {
        @Override
        public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
            String target = request.httpRequest().firstMatchingHeader("X-Amz-Target").orElse(null);
            if (ACCOUNT && target != null) {
                usage.request(target, request.contentStreamProvider().map(p -> {
                    try (InputStream body = p.newStream()) {
                        return body.readAllBytes();
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }).orElse(new byte[0]));
            }
            ExecutableHttpRequest call = delegate.prepareRequest(request);
            return new ExecutableHttpRequest() {
                @Override
                public HttpExecuteResponse call() throws IOException {
                    calls.incrementAndGet();
                    long start = System.nanoTime();
                    try {
                        HttpExecuteResponse response = call.call();
                        return response.responseBody().map(body -> HttpExecuteResponse.builder().response(response.httpResponse())
                                .responseBody(AbortableInputStream.create(new ClockedStream(body, target), body)).build()).orElse(response);
                    } finally {
                        nanos.addAndGet(System.nanoTime() - start);
                    }
                }

                @Override
                public void abort() {
                    call.abort();
                }
            };
        }

        @Override
        public String clientName() {
            return delegate.clientName();
        }

        @Override
        public void close() {
            delegate.close();
        }

        /** The answer's body as the SDK reads it: only the time inside the reads counts (the parsing between them is the SDK's). */
        private final class ClockedStream extends FilterInputStream {
            private final String target;
            private long bytes;
            private boolean closed;

            ClockedStream(InputStream body, String target) {
                super(body);
                this.target = target;
            }

            @Override
            public int read() throws IOException {
                long start = System.nanoTime();
                try {
                    int b = super.read();
                    if (b >= 0) bytes++;
                    return b;
                } finally {
                    nanos.addAndGet(System.nanoTime() - start);
                }
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                long start = System.nanoTime();
                try {
                    int n = super.read(buffer, offset, length);
                    if (n > 0) bytes += n;
                    return n;
                } finally {
                    nanos.addAndGet(System.nanoTime() - start);
                }
            }

            @Override
            public void close() throws IOException {
                if (ACCOUNT && !closed) usage.answer(target, bytes);
                closed = true;
                super.close();
            }
        }
    }

    /** The reference: the least any Java handler does with the event, parse it and write a 200 answer, with Jackson. */
    static final String REFERENCE = "reference";
    /** -Dbench.account=true (the cost bench): also account what each request asks of AWS (off for timing: it reads the bodies). */
    static final boolean ACCOUNT = Boolean.getBoolean("bench.account");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static void bareHandler(java.io.InputStream in, java.io.OutputStream out, Context context) throws java.io.IOException {
        JsonNode request = MAPPER.readTree(in);
        MAPPER.writeValue(out, Map.of("statusCode", 200, "headers", Map.of("content-type", "application/json"),
                "body", MAPPER.writeValueAsString(Map.of("path", request.path("rawPath").asText(), "items", List.of()))));
    }

    private static String figures(String name, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return name + "=" + pct(sorted, 50) + "," + pct(sorted, 90) + "," + pct(sorted, 99);
    }

    private static long pct(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, Math.max(0, (int) Math.ceil(p / 100.0 * sorted.length) - 1))];
    }
}
