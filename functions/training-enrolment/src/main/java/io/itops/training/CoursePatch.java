package io.itops.training;

import com.fasterxml.jackson.databind.JsonNode;
import io.itops.shared.error.ApiException;
import io.itops.shared.error.FieldError;
import io.itops.shared.http.ApiRequest;
import io.itops.shared.json.Json;
import io.itops.training.Requests.CourseInput;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A JSON merge patch of a course: fields present change (null clears description or validity),
 * absent fields stay. The code is permanent: it names the course in reports and chat.
 */
record CoursePatch(Set<String> fields, CourseInput values) {
    static final Set<String> EDITABLE = Set.of("title", "description", "mandatory", "validityMonths", "audience");
    private static final Set<String> NOT_NULL = Set.of("title", "mandatory", "audience");

    static CoursePatch parse(ApiRequest request) {
        request.requireBodyWithin();
        if (!"application/merge-patch+json".equals(request.mediaType())) {
            request.requireMediaType("application/json");
        }
        JsonNode node = Json.tree(request.body());
        if (!node.isObject()) {
            throw ApiException.Invalid.field("body", "must be a JSON object");
        }
        List<FieldError> errors = new ArrayList<>();
        Set<String> fields = new LinkedHashSet<>();
        node.fieldNames().forEachRemaining(name -> {
            if (name.equals("code")) {
                errors.add(new FieldError(name, "is permanent; create a new course to use another code"));
            } else if (!EDITABLE.contains(name)) {
                errors.add(new FieldError(name, "unknown field"));
            } else if (NOT_NULL.contains(name) && node.get(name).isNull()) {
                errors.add(new FieldError(name, "cannot be cleared"));
            } else {
                fields.add(name);
            }
        });
        // null clears description or validity (checked above); inside a value it means nothing
        Set<String> topLevel = new LinkedHashSet<>();
        node.fieldNames().forEachRemaining(topLevel::add);
        errors.addAll(Json.meaninglessNulls(node, topLevel));
        // the values of the fields that may change, checked together with the names above
        com.fasterxml.jackson.databind.node.ObjectNode changing = Json.mapper().createObjectNode();
        fields.forEach(name -> changing.set(name, node.get(name)));
        Json.Bound<CourseInput> values = Json.convertAll(changing, CourseInput.class);
        errors.addAll(values.errors());
        if (!errors.isEmpty()) {
            throw new ApiException.Invalid(errors);
        }
        if (fields.isEmpty()) {
            throw ApiException.Invalid.field("body", "names no field to change");
        }
        return new CoursePatch(fields, values.value());
    }

    Course applyTo(Course c, Instant at, String by) {
        CourseInput v = values;
        return c.toBuilder()
                .title(has("title") ? v.title() : c.title())
                .description(has("description") ? v.description() : c.description())
                .mandatory(has("mandatory") ? v.mandatory() : c.mandatory())
                .validityMonths(has("validityMonths") ? v.validityMonths() : c.validityMonths())
                .audience(has("audience") ? v.audience() : c.audience())
                .version(c.version() + 1).updatedAt(at).updatedBy(by).build();
    }

    private boolean has(String field) {
        return fields.contains(field);
    }
}
