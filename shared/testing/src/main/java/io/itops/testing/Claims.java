package io.itops.testing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JWT claims as the HTTP API authorizer passes them, for the three roles and any user. */
public final class Claims {
    private Claims() {}

    public static Map<String, Object> of(String username, String department, List<String> groups) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", "sub-" + username);
        claims.put("username", username);
        claims.put("email", username + "@example.com");
        claims.put("custom:department", department);
        // API Gateway flattens array claims into this bracketed form.
        claims.put("cognito:groups", "[" + String.join(" ", groups) + "]");
        return claims;
    }

    public static Map<String, Object> admin() {
        return of("ada.admin", "IT", List.of("admin"));
    }

    public static Map<String, Object> staff() {
        return of("sam.staff", "IT", List.of("staff"));
    }

    public static Map<String, Object> employee(String username) {
        return of(username, "Finance", List.of());
    }

    public static Map<String, Object> employee() {
        return employee("emma.employee");
    }
}
