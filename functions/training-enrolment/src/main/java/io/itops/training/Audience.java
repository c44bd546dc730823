package io.itops.training;

import io.itops.training.Statuses.AudienceScope;
import java.util.List;

/** Who a course is for: everyone ({@code scope: all}) or the departments listed. */
public record Audience(AudienceScope scope, List<String> departments) {
    public static final Audience ALL = new Audience(AudienceScope.ALL, List.of());

    public Audience {
        // nulls survive to validation, which names the entry (List.copyOf would refuse them without a field)
        departments = departments == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(departments));
    }

    /** Whether a person of {@code department} (null when their sign-in names none) belongs to it. */
    public boolean includes(String department) {
        return scope == AudienceScope.ALL || department != null && departments.contains(department);
    }
}
