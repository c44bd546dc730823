package io.itops.shared.auth;

import io.itops.shared.config.CommonConfig;
import io.itops.shared.error.ApiException;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Reads the caller from JWT claims as API Gateway passes them. HTTP API flattens array claims to a
 * string like {@code "[admin staff]"}; a real JSON array (dev server, tests) is accepted too.
 */
public final class Identities {
    private final String groupsClaim;
    private final String adminGroup;
    private final String staffGroup;

    public Identities(CommonConfig config) {
        this(config.groupsClaim(), config.adminGroup(), config.staffGroup());
    }

    public Identities(String groupsClaim, String adminGroup, String staffGroup) {
        this.groupsClaim = groupsClaim;
        this.adminGroup = adminGroup;
        this.staffGroup = staffGroup;
    }

    public Caller caller(Map<String, Object> claims) {
        String userId = first(claims, "username", "cognito:username", "preferred_username", "sub");
        if (userId == null) {
            throw new ApiException.Unauthenticated("A valid bearer token is required");
        }
        Set<String> groups = groups(claims.get(groupsClaim));
        Role role = groups.contains(adminGroup) ? Role.ADMIN : groups.contains(staffGroup) ? Role.STAFF : Role.EMPLOYEE;
        return new Caller(userId, first(claims, "email"), first(claims, "name"),
                first(claims, "custom:department", "department"), role, groups);
    }

    static Set<String> groups(Object claim) {
        Set<String> groups = new LinkedHashSet<>();
        if (claim instanceof Collection<?> list) {
            list.forEach(g -> groups.add(String.valueOf(g)));
        } else if (claim instanceof String text) {
            String trimmed = text.trim();
            if (trimmed.startsWith("[") && trimmed.endsWith("]")) {
                trimmed = trimmed.substring(1, trimmed.length() - 1);
            }
            for (String part : trimmed.split("[\\s,]+")) {
                String group = part.replace("\"", "").trim();
                if (!group.isEmpty()) {
                    groups.add(group);
                }
            }
        }
        return groups;
    }

    private static String first(Map<String, Object> claims, String... names) {
        for (String name : names) {
            Object value = claims.get(name);
            if (value != null && !String.valueOf(value).isBlank()) {
                return String.valueOf(value);
            }
        }
        return null;
    }
}
