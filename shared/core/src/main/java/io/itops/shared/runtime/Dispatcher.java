package io.itops.shared.runtime;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import io.itops.shared.auth.Caller;
import io.itops.shared.auth.Role;
import io.itops.shared.error.ApiException;
import io.itops.shared.error.FieldError;
import io.itops.shared.error.Problems;
import io.itops.shared.events.BusEvent;
import io.itops.shared.events.ScheduledRun;
import io.itops.shared.http.ApiRequest;
import io.itops.shared.http.ApiResponse;
import io.itops.shared.http.HttpEvents;
import io.itops.shared.json.Json;
import io.itops.shared.observability.Log;
import io.itops.shared.validation.BindingErrors;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A function's entry: recognises what invoked it (HTTP API request, schedule, bus event), checks the
 * caller's role for the route, applies Idempotency-Key handling where declared, and turns every
 * failure of an HTTP request into problem+json. Handlers only declare their table of routes.
 */
public final class Dispatcher {
    /** A route that needs an authenticated caller. */
    @FunctionalInterface
    public interface Route {
        ApiResponse handle(ApiRequest request, Caller caller);
    }

    /** A route outside the JWT authorizer (webhooks, machine callbacks) that authenticates itself. */
    @FunctionalInterface
    public interface PublicRoute {
        ApiResponse handle(ApiRequest request);
    }

    @FunctionalInterface
    public interface ScheduleJob {
        void run(ScheduledRun run);
    }

    @FunctionalInterface
    public interface EventConsumer {
        void accept(BusEvent event);
    }

    private record Binding(Role minimum, boolean idempotent, Route route, PublicRoute publicRoute) {}

    /** The query parameters of every paged list: {@code limit} and {@code cursor}. */
    public static final Set<String> PAGE = Set.of("limit", "cursor");

    private final Platform platform;
    private final Map<String, Binding> routes;
    private final Map<String, Set<String>> queryParameters;
    private final Map<String, ScheduleJob> schedules;
    private final Map<String, EventConsumer> consumers;

    private Dispatcher(Builder builder) {
        this.platform = builder.platform;
        this.routes = Map.copyOf(builder.routes);
        this.queryParameters = Map.copyOf(builder.queryParameters);
        this.schedules = Map.copyOf(builder.schedules);
        this.consumers = Map.copyOf(builder.consumers);
    }

    /** The schedule every function has: {@link Platform#resendKeptEvents()}. */
    public static final String RESEND_KEPT_EVENTS = "outbox-resend";

    public static Builder builder(Platform platform) {
        return new Builder(platform);
    }

    Platform platform() {
        return platform;
    }

    public Set<String> routeKeys() {
        return routes.keySet();
    }

    /** Routes outside the JWT authorizer (webhooks, machine callbacks). */
    public Set<String> publicRouteKeys() {
        Set<String> keys = new java.util.TreeSet<>();
        routes.forEach((key, binding) -> {
            if (binding.publicRoute() != null) {
                keys.add(key);
            }
        });
        return keys;
    }

    /** Routes behind the JWT authorizer. */
    Set<String> authenticatedRouteKeys() {
        Set<String> keys = new java.util.TreeSet<>(routes.keySet());
        keys.removeAll(publicRouteKeys());
        return keys;
    }

    /** The query parameters a route accepts (empty: none); any other is refused with a 400. */
    public Set<String> queryParameters(String routeKey) {
        return queryParameters.getOrDefault(routeKey, Set.of());
    }

    public Set<String> scheduleNames() {
        return schedules.keySet();
    }

    public Set<String> eventTypes() {
        return consumers.keySet();
    }

    /** The Lambda entry point's work: read the event, dispatch, write the result. */
    public void handle(InputStream input, OutputStream output, Context context) {
        Invocation.begin(context);
        try {
            JsonNode event = Json.readEvent(input);
            Object result = dispatch(event, context == null ? null : context.getAwsRequestId());
            Json.mapper().writeValue(output, result);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            Log.requestId(null);
            Invocation.end();
        }
    }

    private Object dispatch(JsonNode event, String invocationId) {
        if (event != null && HttpEvents.isHttpEvent(event)) {
            ApiRequest request = HttpEvents.request(event, platform.config().maxBodyBytes());
            Log.requestId(request.requestId());
            return HttpEvents.response(handle(request), request.requestId());
        }
        Log.requestId(invocationId);
        if (event != null && BusEvent.isBusEvent(event)) {
            BusEvent busEvent = BusEvent.from(event);
            EventConsumer consumer = consumers.get(busEvent.detailType());
            if (consumer == null) {
                Log.warn("no consumer for event", "detailType", busEvent.detailType());
                return Map.of("status", "ignored");
            }
            consumer.accept(busEvent);
            return Map.of("status", "ok");
        }
        if (event != null && ScheduledRun.isScheduledRun(event)) {
            ScheduledRun run = ScheduledRun.from(event, platform.clock().instant());
            ScheduleJob job = schedules.get(run.schedule());
            if (job == null) {
                throw new IllegalArgumentException("Unknown schedule " + run.schedule());
            }
            job.run(run);
            return Map.of("status", "ok", "schedule", run.schedule());
        }
        throw new IllegalArgumentException("Unrecognised invocation event");
    }

    /** Handles one HTTP request; never throws. */
    public ApiResponse handle(ApiRequest request) {
        long started = System.nanoTime();
        ApiResponse response;
        BindingErrors.open();
        try {
            response = route(request);
            List<FieldError> unreported = BindingErrors.drain();
            if (!unreported.isEmpty()) {
                // a route whose rules never ran Validator.validate(); its body was still invalid
                Log.warn("binding errors reached no validator", "route", request.routeKey());
                response = Problems.toResponse(new ApiException.Invalid(unreported), request.path(), request.requestId());
            }
        } catch (RuntimeException failure) {
            List<FieldError> unreported = BindingErrors.drain();
            RuntimeException answer = unreported.isEmpty() ? failure : new ApiException.Invalid(unreported);
            response = Problems.toResponse(answer, request.path(), request.requestId());
        } finally {
            BindingErrors.close();
        }
        Log.info("request", "route", request.routeKey(), "status", response.status(),
                "ms", (System.nanoTime() - started) / 1_000_000);
        return response;
    }

    private ApiResponse route(ApiRequest request) {
        Binding binding = routes.get(request.routeKey());
        if (binding == null) {
            throw new ApiException.NotFound("ROUTE_NOT_FOUND", "No route " + request.routeKey(), Map.of());
        }
        if (binding.publicRoute() != null) {
            refuseUnknownQueryParameters(request);
            return binding.publicRoute().handle(request);
        }
        if (request.claims().isEmpty()) {
            throw new ApiException.Unauthenticated("A valid bearer token is required");
        }
        Caller caller = platform.identities().caller(request.claims());
        if (!caller.role().atLeast(binding.minimum())) {
            throw new ApiException.Forbidden("This action needs the " + binding.minimum().name().toLowerCase() + " role");
        }
        refuseUnknownQueryParameters(request);
        if (binding.idempotent()) {
            return platform.idempotency().run(request, caller, () -> binding.route().handle(request, caller));
        }
        return binding.route().handle(request, caller);
    }

    private void refuseUnknownQueryParameters(ApiRequest request) {
        Set<String> accepted = queryParameters(request.routeKey());
        List<FieldError> errors = new ArrayList<>();
        new java.util.TreeSet<>(request.query().keySet()).forEach(name -> {
            if (!accepted.contains(name)) {
                errors.add(new FieldError("query." + name, accepted.isEmpty()
                        ? "is not a query parameter of this route; it takes none"
                        : "is not a query parameter of this route; it takes " + String.join(", ", new java.util.TreeSet<>(accepted))));
            }
        });
        if (!errors.isEmpty()) {
            throw new ApiException.Invalid(errors);
        }
    }

    public static final class Builder {
        private final Platform platform;
        private final Map<String, Binding> routes = new LinkedHashMap<>();
        private final Map<String, Set<String>> queryParameters = new LinkedHashMap<>();
        private final Map<String, ScheduleJob> schedules = new LinkedHashMap<>();
        private final Map<String, EventConsumer> consumers = new LinkedHashMap<>();

        private Builder(Platform platform) {
            this.platform = platform;
            // every function that publishes resends what an EventBridge failure left in its outbox
            schedule(RESEND_KEPT_EVENTS, run -> platform.resendKeptEvents());
        }

        public Builder route(String routeKey, Role minimum, Route route) {
            return bind(routeKey, new Binding(minimum, false, route, null));
        }

        /** A create route that honours Idempotency-Key. */
        public Builder idempotentRoute(String routeKey, Role minimum, Route route) {
            return bind(routeKey, new Binding(minimum, true, route, null));
        }

        public Builder publicRoute(String routeKey, PublicRoute route) {
            return bind(routeKey, new Binding(null, false, null, route));
        }

        /**
         * The query parameters {@code routeKey} accepts (as openapi.yaml lists them; a contract test
         * compares the two). A route that declares none accepts none.
         */
        public Builder queryParameters(String routeKey, Set<String> first, String... more) {
            Set<String> names = new java.util.TreeSet<>(first);
            names.addAll(List.of(more));
            if (queryParameters.putIfAbsent(routeKey, Set.copyOf(names)) != null) {
                throw new IllegalStateException("Query parameters declared twice: " + routeKey);
            }
            return this;
        }

        public Builder queryParameters(String routeKey, String... names) {
            return queryParameters(routeKey, Set.of(), names);
        }

        /** A scheduled job; redeliveries of the same slot are skipped. */
        public Builder schedule(String name, ScheduleJob job) {
            schedules.put(name, run -> platform.processedEvents().once(scope("schedule"), run.slotId(), () -> job.run(run)));
            return this;
        }

        /** An event consumer; redeliveries of the same event are skipped. */
        public Builder on(String detailType, EventConsumer consumer) {
            consumers.put(detailType, event -> platform.processedEvents().once(scope(detailType), event.dedupeId(), () -> consumer.accept(event)));
            return this;
        }

        // Several functions consume the same event (AssetRegistered: scans and backups): each keeps its own mark.
        private String scope(String kind) {
            return platform.config().serviceName() + "#" + kind;
        }

        private Builder bind(String routeKey, Binding binding) {
            if (routes.putIfAbsent(routeKey, binding) != null) {
                throw new IllegalStateException("Route declared twice: " + routeKey);
            }
            return this;
        }

        public Dispatcher build() {
            queryParameters.keySet().forEach(key -> {
                if (!routes.containsKey(key)) {
                    throw new IllegalStateException("Query parameters declared for no route: " + key);
                }
            });
            return new Dispatcher(this);
        }
    }
}
