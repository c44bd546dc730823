package io.itops.asset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.itops.shared.events.AssetSnapshot;
import io.itops.shared.events.DomainEvent;
import io.itops.testing.Claims;
import io.itops.testing.HttpEvent;
import io.itops.testing.Invoker;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Select;

/** POST /assets/import: JSON or CSV, up to 1,000 rows, upsert by tag, a result per row, idempotent when repeated. */
class AssetImportTest {
    private final AssetFixture fx = new AssetFixture();

    @Test
    void jsonImportCreatesUpdatesAndRejectsRowByRow_andAnnouncesEachChange() {
        String existing = fx.registered("JI-1");
        String other = fx.registered("JI-0");
        fx.events.clear();
        Map<String, Object> update = new LinkedHashMap<>();
        update.put("assetTag", "ji-1");
        update.put("location", "HQ-9F");
        update.put("vendor", "Lenovo");
        Map<String, Object> created = AssetFixture.laptop("JI-2");
        created.put("serialNumber", "sn-2");
        Map<String, Object> bad = new LinkedHashMap<>();
        bad.put("assetTag", "JI-3");
        bad.put("category", "laptop");
        Map<String, Object> statusChange = new LinkedHashMap<>();
        statusChange.put("assetTag", "JI-0");
        statusChange.put("status", "retired");

        Invoker.Response r = importJson(List.of(update, created, bad, AssetFixture.laptop("JI-2"), statusChange));

        assertEquals(200, r.status(), r.toString());
        JsonNode body = r.body();
        assertEquals(5, body.path("total").asInt());
        assertEquals(1, body.path("created").asInt());
        assertEquals(1, body.path("updated").asInt());
        assertEquals(0, body.path("unchanged").asInt());
        assertEquals(3, body.path("rejected").asInt());
        JsonNode rows = body.path("rows");
        assertEquals("updated", rows.get(0).path("result").asText());
        assertEquals(existing, rows.get(0).path("assetId").asText());
        assertEquals("created", rows.get(1).path("result").asText());
        assertEquals("model", rows.get(2).path("errors").get(0).path("field").asText(), rows.get(2).toString());
        assertEquals("assetTag", rows.get(3).path("errors").get(0).path("field").asText(), "a tag twice in one import");
        assertEquals("status", rows.get(4).path("errors").get(0).path("field").asText(), "status changes through transitions");
        for (int i = 0; i < 5; i++) {
            assertEquals(i + 1, rows.get(i).path("row").asInt());
        }

        JsonNode stored = fx.get(existing).body();
        assertEquals("HQ-9F", stored.path("location").asText());
        assertEquals(2, stored.path("version").asLong());
        assertEquals("received", fx.get(other).body().path("status").asText(), "the rejected row changed nothing");
        assertEquals(1, fx.get(other).body().path("version").asLong());
        String newId = rows.get(1).path("assetId").asText();
        assertEquals("SN-2", fx.get(newId).body().path("serialNumber").asText());
        assertTrue(fx.item("ASSETSERIAL#SN-2", "ASSETSERIAL") != null, "the serial number is reserved");
        assertNull(fx.item("ASSETTAG#JI-3", "ASSETTAG"), "a rejected row writes nothing");

        assertEquals(1, fx.events.ofType("AssetRegistered").size());
        List<DomainEvent> updated = fx.events.ofType("AssetUpdated");
        assertEquals(1, updated.size());
        @SuppressWarnings("unchecked")
        Map<String, Object> detail = (Map<String, Object>) updated.getFirst().detail();
        assertEquals(List.of("location"), detail.get("changed"), "vendor was already Lenovo");
        AssetSnapshot snapshot = (AssetSnapshot) detail.get("asset");
        assertEquals("HQ-9F", snapshot.location());
        assertEquals(2, snapshot.version());
    }

    @Test
    void aThousandRowsImportInOneCall_withAResultPerRow_andRepeatingItChangesNothing() {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < AssetService.MAX_IMPORT_ROWS; i++) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("assetTag", String.format("BULK-%04d", i));
            row.put("category", i % 2 == 0 ? "laptop" : "phone");
            row.put("model", "Model " + i);
            row.put("department", "Sales");
            rows.add(row);
        }

        Invoker.Response first = importJson(rows);

        assertEquals(200, first.status(), first.toString());
        assertEquals(1000, first.body().path("total").asInt());
        assertEquals(1000, first.body().path("created").asInt());
        assertEquals(1000, first.body().path("rows").size());
        for (int i = 0; i < 1000; i++) {
            JsonNode row = first.body().path("rows").get(i);
            assertEquals(i + 1, row.path("row").asInt(), "results in row order");
            assertEquals(String.format("BULK-%04d", i), row.path("assetTag").asText());
            assertEquals("created", row.path("result").asText());
        }
        // moto scans large tables slowly: count through the register's own index, spot-check the tags
        assertEquals(1000, assetsRegistered());
        for (int i = 0; i < 1000; i += 97) {
            String tag = String.format("BULK-%04d", i);
            assertEquals(first.body().path("rows").get(i).path("assetId").asText(), fx.item("ASSETTAG#" + tag, "ASSETTAG").get("assetId").s());
        }
        assertEquals(1000, fx.events.ofType("AssetRegistered").size());

        Invoker.Response again = importJson(rows);

        assertEquals(200, again.status(), again.toString());
        assertEquals(1000, again.body().path("unchanged").asInt(), "an import repeated changes nothing");
        assertEquals(1000, assetsRegistered());
        assertEquals(1000, fx.events.ofType("AssetRegistered").size());
        assertEquals(0, fx.events.ofType("AssetUpdated").size());
    }

    @Test
    void moreThanAThousandRowsAreRefusedWhole() {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i <= AssetService.MAX_IMPORT_ROWS; i++) {
            rows.add(Map.of("assetTag", "OVER-" + i, "category", "phone", "model", "X"));
        }
        StringBuilder csv = new StringBuilder("assetTag,category,model\n");
        for (int i = 0; i <= AssetService.MAX_IMPORT_ROWS; i++) {
            csv.append("OVER-").append(i).append(",phone,X\n");
        }

        Invoker.Response json = importJson(rows);
        Invoker.Response text = fx.call(HttpEvent.of("POST /assets/import").as(Claims.staff())
                .header("content-type", "text/csv").body(csv.toString()));

        for (Invoker.Response r : List.of(json, text)) {
            assertEquals(400, r.status(), r.toString());
            assertEquals("rows", r.body().path("errors").get(0).path("field").asText());
        }
        assertEquals(0, assetsRegistered(), "nothing imported");
    }

    @Test
    void emptyImportsAreRefused() {
        Invoker.Response json = importJson(List.of());
        Invoker.Response csv = fx.call(HttpEvent.of("POST /assets/import").as(Claims.staff())
                .header("content-type", "text/csv").body("assetTag,category,model\n"));

        assertEquals(400, json.status());
        assertEquals("rows", json.body().path("errors").get(0).path("field").asText());
        assertEquals(400, csv.status());
        assertEquals("rows", csv.body().path("errors").get(0).path("field").asText());
    }

    @Test
    void aCsvRowWithTheWrongShapeIsRejected_andTheOthersImport() {
        String csv = "\uFEFFassetTag,category,model,purchaseCost,purchaseCurrency\r\n"
                + "\"CSV-1\",laptop,\"Latitude 7450, 14\"\"\",1200.50,USD\r\n"
                + "CSV-2,laptop\r\n"
                + "CSV-3,laptop,Latitude,lots,USD\r\n";

        Invoker.Response r = fx.call(HttpEvent.of("POST /assets/import").as(Claims.staff())
                .header("content-type", "text/csv; charset=utf-8").body(csv));

        assertEquals(200, r.status(), r.toString());
        JsonNode rows = r.body().path("rows");
        assertEquals("created", rows.get(0).path("result").asText());
        assertEquals("row", rows.get(1).path("errors").get(0).path("field").asText());
        assertEquals("purchaseCost", rows.get(2).path("errors").get(0).path("field").asText());
        JsonNode asset = fx.get(rows.get(0).path("assetId").asText()).body();
        assertEquals("Latitude 7450, 14\"", asset.path("model").asText());
        assertEquals(0, asset.path("purchase").path("cost").decimalValue().compareTo(new java.math.BigDecimal("1200.50")));
    }

    private int assetsRegistered() {
        return fx.system.dynamo().queryPaginator(q -> q.tableName(fx.system.tableName()).indexName("GSI6")
                        .keyConditionExpression("GSI6PK = :all").select(Select.COUNT)
                        .expressionAttributeValues(Map.of(":all", AttributeValue.fromS("ASSETS"))))
                .stream().mapToInt(page -> page.count()).sum();
    }

    private Invoker.Response importJson(List<Map<String, Object>> rows) {
        return fx.call(HttpEvent.of("POST /assets/import").as(Claims.staff()).body(Map.of("rows", rows)));
    }
}
