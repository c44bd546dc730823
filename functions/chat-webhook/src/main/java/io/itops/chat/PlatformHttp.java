package io.itops.chat;

import com.fasterxml.jackson.databind.JsonNode;
import io.itops.shared.aws.Lazy;
import io.itops.shared.json.Json;
import io.itops.shared.observability.Log;
import io.itops.shared.observability.Metrics;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

/**
 * HTTPS calls to the chat platforms' APIs, with bounded timeouts and retries: a timeout, a 5xx or a
 * 429 is retried with exponential backoff (a 429's Retry-After honoured up to 5 s); any other 4xx is
 * a permanent refusal. Work run {@link #within} a budget starts no attempt it could not finish in
 * time, so a platform outage ends the invocation cleanly (and Lambda retries it) before its timeout.
 * The client is built once per container, on the first platform call (never on a cold start that
 * makes none: it costs hundreds of classes and its own TLS setup).
 */
final class PlatformHttp {
    static final int ATTEMPTS = 3;
    private static final Duration BACKOFF = Duration.ofMillis(300);
    private static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(5);
    private static final ThreadLocal<Long> DEADLINE = new ThreadLocal<>();

    /** Waits between attempts; tests record the waits instead of sleeping. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(Duration duration);
    }

    static final Sleeper REAL_SLEEP = duration -> {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryException(false, "interrupted");
        }
    };

    /** A 2xx answer. */
    record Response(int status, byte[] body) {
        /** The body as JSON; an empty object when it is not JSON (Slack answers webhooks with "ok"). */
        JsonNode json() {
            try {
                return Json.mapper().readTree(body);
            } catch (IOException | RuntimeException e) {
                return Json.mapper().createObjectNode();
            }
        }
    }

    private final Supplier<HttpClient> client;
    private final Sleeper sleeper;
    private final Duration requestTimeout;

    PlatformHttp(Sleeper sleeper) {
        this(sleeper, Duration.ofSeconds(4));
    }

    PlatformHttp(Sleeper sleeper, Duration requestTimeout) {
        this.client = Lazy.of(() -> HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).version(HttpClient.Version.HTTP_1_1).build());
        this.sleeper = sleeper;
        this.requestTimeout = requestTimeout;
    }

    /** Runs {@code work} (on this thread) with at most {@code budget} for its platform calls. */
    static void within(Duration budget, Runnable work) {
        DEADLINE.set(System.nanoTime() + budget.toNanos());
        try {
            work.run();
        } finally {
            DEADLINE.remove();
        }
    }

    private static boolean timeLeftFor(Duration duration) {
        Long deadline = DEADLINE.get();
        return deadline == null || deadline - System.nanoTime() > duration.toNanos();
    }

    Response postJson(URI uri, Map<String, String> headers, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(requestTimeout)
                .header("content-type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Json.bytes(body)));
        headers.forEach(request::header);
        return send(request.build());
    }

    private Response send(HttpRequest request) {
        // the host only: webhook URLs carry their credentials in the path and query
        String target = request.uri().getHost();
        String failure = "no attempt";
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Duration wait = BACKOFF.multipliedBy(1L << (attempt - 1));
            if (!timeLeftFor(requestTimeout)) {
                failure = "out of time";
                break;
            }
            try {
                HttpResponse<byte[]> response = client.get().send(request, HttpResponse.BodyHandlers.ofByteArray());
                int status = response.statusCode();
                if (status >= 200 && status < 300) {
                    return new Response(status, response.body());
                }
                failure = "HTTP " + status;
                if (status == 429) {
                    wait = retryAfter(response).orElse(wait);
                } else if (status < 500) {
                    Metrics.count("ChatDeliveryRefused");
                    throw new DeliveryException(true, target + " refused the message: HTTP " + status);
                }
            } catch (IOException e) {
                failure = e.getClass().getSimpleName();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DeliveryException(false, "interrupted");
            }
            Log.warn("chat delivery attempt failed", "target", target, "attempt", attempt, "failure", failure);
            if (attempt < ATTEMPTS) {
                if (!timeLeftFor(wait.plus(requestTimeout))) {
                    failure += ", then out of time";
                    break;
                }
                sleeper.sleep(wait);
            }
        }
        Metrics.count("ChatDeliveryFailed");
        throw new DeliveryException(false, target + " did not take the message: " + failure);
    }

    private static java.util.Optional<Duration> retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("retry-after").map(value -> {
            long seconds = WebhookInput.number(value);
            return seconds < 0 ? BACKOFF : Duration.ofSeconds(Math.min(seconds, MAX_RETRY_AFTER.toSeconds()));
        });
    }
}
