package io.itops.shared.auth;

import java.util.Set;

/** The authenticated person behind a request, as the JWT authorizer described them. */
public record Caller(String userId, String email, String name, String department, Role role, Set<String> groups) {

    public boolean isStaff() {
        return role.atLeast(Role.STAFF);
    }

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }
}
