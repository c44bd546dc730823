package io.itops.local;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The HTTP API's routes and API Gateway's way of choosing one: the method must match (or the route
 * is ANY); among routes whose path matches, literal segments beat {@code {param}} segments, which
 * beat a greedy {@code {proxy+}}, compared segment by segment from the left; an exact method beats
 * ANY; {@code $default} catches what nothing else does. No route -> the caller answers 404.
 */
final class RouteTable {

    /** One route of template.yaml: an HttpApi event of a function. */
    record Route(String functionId, String eventId, String method, String path, String authorizer, List<String> scopes) {
        String routeKey() {
            return path.equals("$default") ? "$default" : method + " " + path;
        }

        boolean authorized() {
            return authorizer != null;
        }
    }

    record Match(Route route, Map<String, String> pathParameters) {}

    private enum Kind { LITERAL, PARAM, GREEDY }

    private record Segment(Kind kind, String text) {}

    private record Compiled(Route route, List<Segment> segments) {}

    private final List<Compiled> routes = new ArrayList<>();

    RouteTable(List<Route> routes) {
        Map<String, Route> seen = new LinkedHashMap<>();
        for (Route route : routes) {
            Route previous = seen.put(route.routeKey(), route);
            if (previous != null) {
                throw new IllegalStateException("Route " + route.routeKey() + " is declared by both "
                        + previous.functionId() + "." + previous.eventId() + " and " + route.functionId() + "." + route.eventId());
            }
            this.routes.add(new Compiled(route, compile(route.path())));
        }
    }

    private static List<Segment> compile(String path) {
        List<Segment> segments = new ArrayList<>();
        if (path.equals("$default") || path.equals("/")) {
            return segments;
        }
        String[] parts = path.substring(path.startsWith("/") ? 1 : 0).split("/", -1);
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (part.startsWith("{") && part.endsWith("+}")) {
                if (i != parts.length - 1) {
                    throw new IllegalStateException("Greedy path variable must be last: " + path);
                }
                segments.add(new Segment(Kind.GREEDY, part.substring(1, part.length() - 2)));
            } else if (part.startsWith("{") && part.endsWith("}")) {
                segments.add(new Segment(Kind.PARAM, part.substring(1, part.length() - 1)));
            } else {
                segments.add(new Segment(Kind.LITERAL, part));
            }
        }
        return segments;
    }

    List<Route> routes() {
        return routes.stream().map(Compiled::route).toList();
    }

    /** Whether any route has this path for some method (used only to explain a 404 in the log). */
    boolean knowsPath(String rawPath) {
        return routes.stream().anyMatch(c -> !c.route().path().equals("$default") && parameters(c, split(rawPath)) != null);
    }

    Optional<Match> match(String method, String rawPath) {
        List<String> request = split(rawPath);
        Compiled best = null;
        Map<String, String> bestParameters = null;
        Compiled fallback = null;
        for (Compiled candidate : routes) {
            Route route = candidate.route();
            if (!route.method().equals(method) && !route.method().equals("ANY")) {
                continue;
            }
            if (route.path().equals("$default")) {
                fallback = candidate;
                continue;
            }
            Map<String, String> parameters = parameters(candidate, request);
            if (parameters != null && (best == null || SPECIFICITY.compare(candidate, best) < 0)) {
                best = candidate;
                bestParameters = parameters;
            }
        }
        if (best != null) {
            return Optional.of(new Match(best.route(), bestParameters));
        }
        return fallback == null ? Optional.empty() : Optional.of(new Match(fallback.route(), Map.of()));
    }

    private static final Comparator<Compiled> SPECIFICITY = (a, b) -> {
        int shared = Math.min(a.segments().size(), b.segments().size());
        for (int i = 0; i < shared; i++) {
            int byKind = a.segments().get(i).kind().compareTo(b.segments().get(i).kind());
            if (byKind != 0) {
                return byKind;
            }
        }
        int byLength = Integer.compare(b.segments().size(), a.segments().size());
        if (byLength != 0) {
            return byLength;
        }
        return Boolean.compare(a.route().method().equals("ANY"), b.route().method().equals("ANY"));
    };

    private static List<String> split(String rawPath) {
        String path = rawPath.startsWith("/") ? rawPath.substring(1) : rawPath;
        if (path.isEmpty()) {
            return List.of();
        }
        return List.of(path.split("/", -1));
    }

    /** The path parameters when {@code request} matches, else null. */
    private static Map<String, String> parameters(Compiled candidate, List<String> request) {
        List<Segment> segments = candidate.segments();
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < segments.size(); i++) {
            Segment segment = segments.get(i);
            if (segment.kind() == Kind.GREEDY) {
                if (i >= request.size()) {
                    return null;
                }
                List<String> rest = request.subList(i, request.size());
                if (rest.stream().allMatch(String::isEmpty)) {
                    return null;
                }
                parameters.put(segment.text(), decode(String.join("/", rest)));
                return parameters;
            }
            if (i >= request.size()) {
                return null;
            }
            String value = request.get(i);
            if (segment.kind() == Kind.LITERAL) {
                if (!segment.text().equals(decode(value))) {
                    return null;
                }
            } else {
                if (value.isEmpty()) {
                    return null;
                }
                parameters.put(segment.text(), decode(value));
            }
        }
        return segments.size() == request.size() ? parameters : null;
    }

    // Path segments are percent-decoded; '+' stays a plus sign in a path (it means space only in queries).
    static String decode(String value) {
        if (value.indexOf('%') < 0) {
            return value;
        }
        try {
            return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return value;
        }
    }
}
