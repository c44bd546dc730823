package io.itops.shared.error;

import io.itops.shared.http.ApiResponse;
import io.itops.shared.json.Json;
import io.itops.shared.observability.Log;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkServiceException;

/**
 * The one mapping from failures to RFC 9457 problem+json responses. Unexpected failures are logged
 * with their stack trace and answered with a bare 500 that reveals nothing internal.
 */
public final class Problems {
    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_BASE = "https://itops.dev/problems/";

    private Problems() {}

    public static ApiResponse toResponse(Throwable failure, String path, String requestId) {
        ApiException problem = asApiException(failure);
        if (problem == null) {
            Log.error("unhandled failure", failure);
            return render(500, "INTERNAL_ERROR", "The request could not be completed", path, requestId, Map.of(), null);
        }
        int status = status(problem);
        Map<String, Object> members = new LinkedHashMap<>(problem.extensions());
        if (problem instanceof ApiException.Invalid invalid && !invalid.errors().isEmpty()) {
            members.put("errors", invalid.errors());
        }
        Duration retryAfter = switch (problem) {
            case ApiException.Conflict c -> c.retryAfter();
            case ApiException.Unavailable u -> u.retryAfter();
            default -> null;
        };
        return render(status, problem.code(), problem.detail(), path, requestId, members, retryAfter);
    }

    public static int status(ApiException problem) {
        return switch (problem) {
            case ApiException.Invalid ignored -> 400;
            case ApiException.Unauthenticated ignored -> 401;
            case ApiException.Forbidden ignored -> 403;
            case ApiException.NotFound ignored -> 404;
            case ApiException.Conflict ignored -> 409;
            case ApiException.TooLarge ignored -> 413;
            case ApiException.UnsupportedMediaType ignored -> 415;
            case ApiException.Unprocessable ignored -> 422;
            case ApiException.Unavailable ignored -> 503;
        };
    }

    /** Throttling and transport failures from AWS become a retryable 503; other failures stay unknown. */
    public static ApiException asApiException(Throwable failure) {
        if (failure instanceof ApiException api) {
            return api;
        }
        if (failure instanceof SdkServiceException service && (service.isThrottlingException() || service.statusCode() >= 500)) {
            return new ApiException.Unavailable("A dependency is busy; nothing was changed. Retry shortly.", Duration.ofSeconds(1));
        }
        if (failure instanceof SdkClientException) {
            return new ApiException.Unavailable("A dependency did not answer in time; retry shortly.", Duration.ofSeconds(2));
        }
        return null;
    }

    private static ApiResponse render(int status, String code, String detail, String path, String requestId,
                                      Map<String, Object> members, Duration retryAfter) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", TYPE_BASE + code.toLowerCase().replace('_', '-'));
        body.put("title", title(status));
        body.put("status", status);
        body.put("code", code);
        body.put("detail", detail);
        body.put("instance", path);
        body.put("requestId", requestId);
        body.putAll(members);
        ApiResponse response = new ApiResponse(status, Map.of("content-type", MEDIA_TYPE), Json.write(body));
        return retryAfter == null ? response : response.withHeader("retry-after", Long.toString(Math.max(1, retryAfter.toSeconds())));
    }

    private static String title(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 409 -> "Conflict";
            case 413 -> "Content Too Large";
            case 415 -> "Unsupported Media Type";
            case 422 -> "Unprocessable Content";
            case 503 -> "Service Unavailable";
            default -> "Internal Server Error";
        };
    }
}
