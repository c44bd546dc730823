package io.itops.testing;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.http.SdkHttpClient;

/**
 * Answers a share of DynamoDB calls with the throttling error DynamoDB returns, without the call
 * reaching the table (moto never throttles). The SDK sees a genuine throttling answer, so its retry
 * strategy and the functions' 503 mapping are exercised as in AWS. Built as an HTTP-client wrapper
 * for {@code AwsClients}: {@code new AwsClients(env, throttling.wrapper(), interceptors)}.
 */
public final class ThrottlingHttpClient {
    private final AtomicInteger throttled = new AtomicInteger();
    private volatile double share;

    public void throttle(double share) {
        this.share = share;
    }

    public int throttledCalls() {
        return throttled.get();
    }

    /** Wraps the real HTTP client so that it throttles as set by {@link #throttle}. */
    public UnaryOperator<SdkHttpClient> wrapper() {
        return http -> new InterceptingHttpClient(http, request -> {
            if (request.targets("DynamoDB_") && share > 0 && ThreadLocalRandom.current().nextDouble() < share) {
                throttled.incrementAndGet();
                return InterceptingHttpClient.Answer.error(400,
                        "com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException", "injected throttling");
            }
            return null;
        });
    }
}
