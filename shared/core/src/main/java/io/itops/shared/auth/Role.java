package io.itops.shared.auth;

/** What a caller may do, from least to most: employees, IT staff, IT admins. */
public enum Role {
    EMPLOYEE, STAFF, ADMIN;

    public boolean atLeast(Role required) {
        return compareTo(required) >= 0;
    }
}
