package io.itops.scan;

import com.fasterxml.jackson.databind.JsonNode;
import io.itops.shared.events.AssetSnapshot;

/**
 * Reads {@code detail.asset} of an asset event. Tolerant of fields added later by the register (the
 * strict request mapper would refuse them); an event without the fields a projection needs yields null.
 */
final class AssetSnapshots {
    private AssetSnapshots() {}

    static AssetSnapshot from(JsonNode detail) {
        JsonNode a = detail.path("asset");
        if (!a.isObject() || !a.path("version").canConvertToLong() || a.path("version").asLong() < 1) {
            return null;
        }
        String assetId = text(a, "assetId");
        String tag = text(a, "assetTag");
        String category = text(a, "category");
        String status = text(a, "status");
        if (assetId == null || tag == null || category == null || status == null) {
            return null;
        }
        return new AssetSnapshot(assetId, tag, category, status, text(a, "model"), text(a, "department"),
                text(a, "custodian"), text(a, "location"), a.path("holdsBusinessData").asBoolean(false),
                a.path("version").asLong());
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || !value.isTextual() || value.asText().isBlank() ? null : value.asText();
    }
}
