package io.itops.testing;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * Wraps the real HTTP client and answers a share of DynamoDB calls with the throttling error
 * DynamoDB returns, without the call reaching the table (moto never throttles). The SDK sees a
 * genuine throttling response, so its retries and the functions' 503 mapping are exercised as in AWS.
 */
public final class ThrottlingHttpClient implements SdkHttpClient {
    private static final String BODY = "{\"__type\":\"com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException\","
            + "\"message\":\"injected throttling\"}";
    private final SdkHttpClient delegate;
    private final AtomicInteger throttled = new AtomicInteger();
    private volatile double share;

    public ThrottlingHttpClient(SdkHttpClient delegate) {
        this.delegate = delegate;
    }

    public void throttle(double share) {
        this.share = share;
    }

    public int throttledCalls() {
        return throttled.get();
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        boolean dynamo = request.httpRequest().firstMatchingHeader("X-Amz-Target").map(t -> t.startsWith("DynamoDB_")).orElse(false);
        if (dynamo && share > 0 && ThreadLocalRandom.current().nextDouble() < share) {
            throttled.incrementAndGet();
            return new ExecutableHttpRequest() {
                @Override
                public HttpExecuteResponse call() {
                    byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
                    return HttpExecuteResponse.builder()
                            .response(SdkHttpResponse.builder().statusCode(400)
                                    .putHeader("Content-Type", "application/x-amz-json-1.0")
                                    .putHeader("Content-Length", Integer.toString(body.length))
                                    .build())
                            .responseBody(AbortableInputStream.create(new ByteArrayInputStream(body)))
                            .build();
                }

                @Override
                public void abort() {
                    // nothing in flight
                }
            };
        }
        return delegate.prepareRequest(request);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
