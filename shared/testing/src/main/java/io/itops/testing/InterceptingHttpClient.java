package io.itops.testing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * Wraps the functions' real SDK HTTP client and lets a test answer chosen requests itself: an AWS
 * error response (throttling, an outage), a refused connection (an {@link IOException}), or an
 * answer for a service no endpoint serves. The SDK's client runtime handles what comes back exactly
 * as it would from AWS: unmarshalling, retries, exceptions. Everything else passes through.
 */
public final class InterceptingHttpClient implements SdkHttpClient {
    /** What a test sees of a request: the operation ({@code X-Amz-Target}, e.g. {@code DynamoDB_20120810.GetItem}) and body. */
    public record Request(SdkHttpRequest http, String target, byte[] body) {
        public boolean targets(String prefix) {
            return target != null && target.startsWith(prefix);
        }

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** A status and JSON body, as the service would send it. */
    public record Answer(int status, String contentType, String body) {
        public static Answer json(int status, String body) {
            return new Answer(status, "application/x-amz-json-1.0", body);
        }

        /** An AWS JSON-protocol error: {@code {"__type": code, "message": message}}. */
        public static Answer error(int status, String code, String message) {
            return json(status, "{\"__type\":\"" + code + "\",\"message\":\"" + message + "\"}");
        }
    }

    /** Answers a request, or returns null to let it through; throwing IOException fails the transport. */
    @FunctionalInterface
    public interface Answerer {
        Answer answer(Request request) throws IOException;
    }

    private final SdkHttpClient delegate;
    private final Answerer answerer;

    public InterceptingHttpClient(SdkHttpClient delegate, Answerer answerer) {
        this.delegate = delegate;
        this.answerer = answerer;
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        byte[] body = request.contentStreamProvider().map(InterceptingHttpClient::read).orElse(new byte[0]);
        String target = request.httpRequest().firstMatchingHeader("X-Amz-Target").orElse(null);
        HttpExecuteRequest replayable = HttpExecuteRequest.builder().request(request.httpRequest())
                .contentStreamProvider(request.contentStreamProvider().isPresent() ? ContentStreamProvider.fromByteArray(body) : null)
                .build();
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() throws IOException {
                Answer answer = answerer.answer(new Request(request.httpRequest(), target, body));
                if (answer == null) {
                    return delegate.prepareRequest(replayable).call();
                }
                byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
                return HttpExecuteResponse.builder()
                        .response(SdkHttpResponse.builder().statusCode(answer.status())
                                .putHeader("Content-Type", answer.contentType())
                                .putHeader("Content-Length", Integer.toString(bytes.length))
                                .putHeader("x-amzn-RequestId", "intercepted").build())
                        .responseBody(AbortableInputStream.create(new ByteArrayInputStream(bytes)))
                        .build();
            }

            @Override
            public void abort() {
                // answered in memory, or the delegate's request aborts itself on its timeout
            }
        };
    }

    private static byte[] read(ContentStreamProvider provider) {
        try (InputStream in = provider.newStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String clientName() {
        return "intercepting-" + delegate.clientName();
    }

    @Override
    public void close() {
        delegate.close();
    }

}
