package io.itops.shared.http;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The headers every API answer carries, added in one place ({@link HttpEvents#response}) so no route
 * can forget them: no MIME sniffing of a JSON body, no caching of answers that hold personal data,
 * HTTPS only. A route that sets one of them itself keeps its own value.
 */
public final class SecurityHeaders {
    public static final Map<String, String> ALL = Map.of(
            "x-content-type-options", "nosniff",
            "cache-control", "no-store",
            "strict-transport-security", "max-age=31536000; includeSubDomains");

    private SecurityHeaders() {}

    public static Map<String, String> addTo(Map<String, String> headers) {
        Map<String, String> out = new LinkedHashMap<>(ALL);
        headers.forEach((name, value) -> out.put(name.toLowerCase(java.util.Locale.ROOT), value));
        return out;
    }
}
