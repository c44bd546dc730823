package io.itops.shared.aws;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * One AWS service spoken over its JSON protocol (DynamoDB, EventBridge, Secrets Manager): signs each
 * attempt with SigV4 and retries transport failures, 5xx and throttling with full-jitter exponential
 * backoff inside a bounded call time. This replaces the SDK's client runtime, whose endpoint rules,
 * interceptor chain and retry machinery cost half of every cold start (about 480 ms and 1,600 loaded
 * classes on the benchmark machine).
 */
public final class AwsJsonService {
    private static final Set<String> THROTTLING = Set.of("ProvisionedThroughputExceededException", "ThrottlingException",
            "Throttling", "RequestLimitExceeded", "TooManyRequestsException", "RequestThrottled", "RequestThrottledException",
            "ThrottledException", "TransactionInProgressException");

    private final String signingName;
    private final String targetPrefix;
    private final String contentType;
    private final String region;
    private final URI endpoint;
    private final AwsCredentials.Source credentials;
    private final AwsHttp http;
    private final AwsCalls calls;
    private final Retry retry;

    /** Attempts per call, the backoff's base and cap, and the time after which no new attempt starts. */
    public record Retry(int maxAttempts, Duration baseDelay, Duration maxDelay, Duration callTimeout) {}

    /** A service's error answer: HTTP status, error code (the part after '#' in {@code __type}) and message. */
    public record Error(int status, String code, String message, String requestId) {
        public boolean throttling() {
            return status == 429 || THROTTLING.contains(code);
        }

        public boolean retryable() {
            return status >= 500 || throttling();
        }

        static Error of(AwsHttp.Response response) {
            String code = response.headers().get("x-amzn-errortype");
            String message = null;
            try {
                Map<String, String> body = AwsJson.scalars(response.body());
                code = body.getOrDefault("__type", body.getOrDefault("code", code));
                message = body.getOrDefault("message", body.get("Message"));
            } catch (IOException e) {
                message = "unreadable error body (HTTP " + response.status() + ")";
            }
            if (code != null) {
                code = code.substring(code.indexOf('#') + 1);
                code = code.contains(":") ? code.substring(0, code.indexOf(':')) : code;
            }
            return new Error(response.status(), code == null ? "HTTP" + response.status() : code, message,
                    response.headers().get("x-amzn-requestid"));
        }

        /** The SDK's generic service exception for this error (keeps {@code isThrottlingException()} working). */
        public AwsServiceException toException(String serviceName) {
            return fill(AwsServiceException.builder(), serviceName).build();
        }

        /** Sets the status, request id, message and error details every SDK service exception carries. */
        public <B extends AwsServiceException.Builder> B fill(B builder, String serviceName) {
            builder.awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).serviceName(serviceName)
                            .sdkHttpResponse(SdkHttpResponse.builder().statusCode(status).build()).build())
                    .statusCode(status).requestId(requestId).message(message == null ? code : message);
            return builder;
        }
    }

    public AwsJsonService(String signingName, String targetPrefix, String jsonVersion, String region, URI endpointOverride,
            AwsCredentials.Source credentials, AwsHttp http, AwsCalls calls, Retry retry) {
        this.signingName = signingName;
        this.targetPrefix = targetPrefix;
        this.contentType = "application/x-amz-json-" + jsonVersion;
        this.region = region;
        this.endpoint = endpointOverride != null ? endpointOverride
                : URI.create("https://" + signingName + "." + region + (region.startsWith("cn-") ? ".amazonaws.com.cn/" : ".amazonaws.com/"));
        this.credentials = credentials;
        this.http = http;
        this.calls = calls;
        this.retry = retry;
    }

    /**
     * Calls {@code operation} and returns the final answer: a 2xx, or an error that is not retryable
     * or outlived the retries. Transport failures that outlive them become {@link SdkClientException}.
     */
    public AwsHttp.Response call(String operation, byte[] body) {
        calls.called(signingName, operation);
        long deadline = System.nanoTime() + retry.callTimeout().toNanos();
        for (int attempt = 1; ; attempt++) {
            try {
                AwsHttp.Response response = http.send(signed(operation, body));
                if (response.ok() || !Error.of(response).retryable() || !backOff(attempt, deadline)) {
                    return response;
                }
            } catch (IOException e) {
                if (!backOff(attempt, deadline)) {
                    throw SdkClientException.create(signingName + " " + operation + " failed after " + attempt + " attempts: " + e, e);
                }
            }
        }
    }

    private AwsHttp.Request signed(String operation, byte[] body) {
        Map<String, String> headers = Map.of("Content-Type", contentType, "X-Amz-Target", targetPrefix + "." + operation);
        return new AwsHttp.Request(endpoint, SigV4.sign(endpoint, headers, body, signingName, region, credentials.get(), Instant.now()), body);
    }

    /** Sleeps before the next attempt; false when attempts or call time are used up. */
    private boolean backOff(int attempt, long deadline) {
        if (attempt >= retry.maxAttempts()) {
            return false;
        }
        long ceiling = Math.min(retry.maxDelay().toNanos(), retry.baseDelay().toNanos() << Math.min(attempt - 1, 20));
        long delay = ThreadLocalRandom.current().nextLong(ceiling + 1);
        if (System.nanoTime() + delay >= deadline) {
            return false;
        }
        try {
            Thread.sleep(Duration.ofNanos(delay));
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
