package io.itops.testing;

import io.itops.shared.aws.AwsHttp;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Wraps the functions' real AWS transport and answers a share of DynamoDB calls with the throttling
 * error DynamoDB returns, without the call reaching the table (moto never throttles). The client sees
 * a genuine throttling answer, so its retries and the functions' 503 mapping are exercised as in AWS.
 */
public final class ThrottlingHttpClient implements AwsHttp {
    private static final byte[] BODY = ("{\"__type\":\"com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException\","
            + "\"message\":\"injected throttling\"}").getBytes(StandardCharsets.UTF_8);
    private final AwsHttp delegate;
    private final AtomicInteger throttled = new AtomicInteger();
    private volatile double share;

    public ThrottlingHttpClient(AwsHttp delegate) {
        this.delegate = delegate;
    }

    public void throttle(double share) {
        this.share = share;
    }

    public int throttledCalls() {
        return throttled.get();
    }

    @Override
    public Response send(Request request) throws IOException {
        String target = request.header("X-Amz-Target");
        boolean dynamo = target != null && target.startsWith("DynamoDB_");
        if (dynamo && share > 0 && ThreadLocalRandom.current().nextDouble() < share) {
            throttled.incrementAndGet();
            return new Response(400, Map.of("content-type", "application/x-amz-json-1.0"), BODY.clone());
        }
        return delegate.send(request);
    }
}
