package io.itops.asset;

import com.fasterxml.jackson.databind.JsonNode;
import io.itops.shared.error.ApiException;
import io.itops.shared.error.FieldError;
import io.itops.shared.http.ApiRequest;
import io.itops.shared.json.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A JSON merge patch of an asset: fields present are changed (null clears an optional one), absent
 * fields stay. Tag, status and custodian have their own routes, so they are refused here.
 */
record AssetPatch(Set<String> fields, AssetInput values) {
    static final Set<String> EDITABLE = Set.of("serialNumber", "category", "model", "vendor", "location", "department",
            "purchase", "warrantyEnd", "holdsBusinessData", "maintenanceIntervalDays", "nextMaintenanceDue", "endOfLife", "attributes");
    private static final Map<String, String> ELSEWHERE = Map.of(
            "assetTag", "is permanent; register a new asset to relabel",
            "status", "changes through POST /assets/{assetId}/transitions",
            "custodian", "changes through POST /assets/{assetId}/checkout and /checkin");

    static AssetPatch parse(ApiRequest request) {
        request.requireBodyWithin();
        String type = request.mediaType();
        if (!"application/merge-patch+json".equals(type)) {
            request.requireMediaType("application/json");
        }
        JsonNode node = Json.tree(request.body());
        if (!node.isObject()) {
            throw ApiException.Invalid.field("body", "must be a JSON object");
        }
        List<FieldError> errors = new ArrayList<>();
        Set<String> fields = new LinkedHashSet<>();
        node.fieldNames().forEachRemaining(name -> {
            if (ELSEWHERE.containsKey(name)) {
                errors.add(new FieldError(name, ELSEWHERE.get(name)));
            } else if (!EDITABLE.contains(name)) {
                errors.add(new FieldError(name, "unknown field"));
            } else {
                fields.add(name);
            }
        });
        if (node.has("holdsBusinessData") && node.get("holdsBusinessData").isNull()) {
            errors.add(new FieldError("holdsBusinessData", "must be true or false"));
        }
        if (node.has("category") && node.get("category").isNull()) {
            errors.add(new FieldError("category", "is required"));
        }
        // null clears an optional field; inside a value, and for the model, it means nothing
        Set<String> topLevel = new LinkedHashSet<>();
        node.fieldNames().forEachRemaining(topLevel::add);
        topLevel.remove("model");
        errors.addAll(Json.meaninglessNulls(node, topLevel));
        // the values of the fields that may change, checked together with the names above
        com.fasterxml.jackson.databind.node.ObjectNode changing = Json.mapper().createObjectNode();
        fields.forEach(name -> changing.set(name, node.get(name)));
        Json.Bound<AssetInput> values = Json.convertAll(changing, AssetInput.class);
        errors.addAll(values.errors());
        if (!errors.isEmpty()) {
            throw new ApiException.Invalid(errors);
        }
        if (fields.isEmpty()) {
            throw ApiException.Invalid.field("body", "names no field to change");
        }
        return new AssetPatch(fields, values.value());
    }

    Asset applyTo(Asset a, Instant at, String by) {
        AssetInput v = values;
        return a.changed(at, by)
                .serialNumber(has("serialNumber") ? AssetRules.normaliseTag(v.serialNumber()) : a.serialNumber())
                .category(has("category") ? v.category() : a.category())
                .model(has("model") ? v.model() : a.model())
                .vendor(has("vendor") ? v.vendor() : a.vendor())
                .location(has("location") ? v.location() : a.location())
                .department(has("department") ? v.department() : a.department())
                .purchase(has("purchase") ? v.purchase() : a.purchase())
                .warrantyEnd(has("warrantyEnd") ? v.warrantyEnd() : a.warrantyEnd())
                .holdsBusinessData(has("holdsBusinessData") ? v.holdsBusinessData() : a.holdsBusinessData())
                .maintenanceIntervalDays(has("maintenanceIntervalDays") ? v.maintenanceIntervalDays() : a.maintenanceIntervalDays())
                .nextMaintenanceDue(has("nextMaintenanceDue") ? v.nextMaintenanceDue() : a.nextMaintenanceDue())
                .endOfLife(has("endOfLife") ? v.endOfLife() : a.endOfLife())
                .attributes(has("attributes") ? v.attributes() : a.attributes())
                .build();
    }

    private boolean has(String field) {
        return fields.contains(field);
    }
}
