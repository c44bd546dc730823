package io.itops.asset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.itops.shared.error.ApiException;
import io.itops.shared.error.FieldError;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The CSV form of the asset import: the BOM, columns, and value errors per row (splitting: CsvTableTest). */
class CsvRowsTest {

    @Test
    void aRowBecomesAnAssetInput_withPurchaseFlattenedAndAttributeColumns() {
        String csv = "\uFEFFassetTag,serialNumber,category,status,model,vendor,location,department,custodian,purchaseDate,"
                + "purchaseCost,purchaseCurrency,supplier,orderNumber,warrantyEnd,holdsBusinessData,maintenanceIntervalDays,"
                + "nextMaintenanceDue,attr.cpu,attr.ram\r\n"
                + " LT-1 ,SN1,laptop,received,\"X1, Gen 12\",Lenovo,HQ,Finance,li.lei,2026-01-15,12999.50,CNY,JD,PO-7,2029-01-14,"
                + "yes,180,2027-01-01,i7,\r\n";

        List<ImportRow> rows = CsvRows.parse(csv);

        assertEquals(1, rows.size());
        assertEquals(List.of(), rows.getFirst().errors());
        AssetInput in = rows.getFirst().input();
        assertEquals("LT-1", in.assetTag(), "the BOM is not part of the first column, values are trimmed");
        assertEquals(Category.LAPTOP, in.category());
        assertEquals(Status.RECEIVED, in.status());
        assertEquals("X1, Gen 12", in.model());
        assertEquals(new Purchase(LocalDate.parse("2026-01-15"), new BigDecimal("12999.50"), "CNY", "JD", "PO-7"), in.purchase());
        assertEquals(LocalDate.parse("2029-01-14"), in.warrantyEnd());
        assertEquals(Boolean.TRUE, in.holdsBusinessData());
        assertEquals(180, in.maintenanceIntervalDays());
        assertEquals(LocalDate.parse("2027-01-01"), in.nextMaintenanceDue());
        assertEquals(Map.of("cpu", "i7"), in.attributes(), "an empty attribute cell is no attribute");
    }

    @Test
    void emptyCellsAreAbsentValues_andBlankLinesAreSkipped() {
        List<ImportRow> rows = CsvRows.parse("assetTag,category,model,vendor,purchaseCost\nLT-1,laptop,X1,,\n\n\nLT-2,phone,P9,,\n");

        assertEquals(2, rows.size());
        assertNull(rows.getFirst().input().vendor());
        assertNull(rows.getFirst().input().purchase(), "no purchase column filled, no purchase");
        assertNull(rows.getFirst().input().attributes());
        assertEquals("LT-2", rows.get(1).input().assetTag());
    }

    @Test
    void unknownAndRepeatedColumnsRefuseTheWholeImport() {
        ApiException.Invalid unknown = assertThrows(ApiException.Invalid.class,
                () -> CsvRows.parse("assetTag,colour,category,attr.\nLT-1,red,laptop,x\n"));
        ApiException.Invalid twice = assertThrows(ApiException.Invalid.class,
                () -> CsvRows.parse("assetTag,model,model\nLT-1,a,b\n"));
        ApiException.Invalid empty = assertThrows(ApiException.Invalid.class, () -> CsvRows.parse(""));

        assertEquals(List.of("header[1]", "header[3]"), unknown.errors().stream().map(FieldError::field).toList());
        assertTrue(unknown.errors().getFirst().message().contains("colour"));
        assertEquals("header", twice.errors().getFirst().field());
        assertEquals("body", empty.errors().getFirst().field());
    }

    @Test
    void aRowWithTheWrongNumberOfValuesIsRejectedAlone() {
        List<ImportRow> rows = CsvRows.parse("assetTag,category,model\nLT-1,laptop\nLT-2,laptop,X1,extra\nLT-3,laptop,X1\n");

        assertEquals(3, rows.size());
        assertNull(rows.get(0).input());
        assertEquals(List.of(new FieldError("row", "has 2 values for 3 columns")), rows.get(0).errors());
        assertEquals("row", rows.get(1).errors().getFirst().field());
        assertEquals("LT-3", rows.get(2).input().assetTag());
    }

    @Test
    void valuesOfTheWrongTypeRejectTheirRow_namingEachColumn() {
        List<ImportRow> rows = CsvRows.parse("assetTag,category,status,purchaseDate,purchaseCost,warrantyEnd,holdsBusinessData,"
                + "maintenanceIntervalDays\nLT-1,toaster,broken,15/01/2026,lots,never,maybe,often\n");

        assertNull(rows.getFirst().input());
        assertEquals(List.of("purchaseDate", "purchaseCost", "category", "status",
                        "warrantyEnd", "holdsBusinessData", "maintenanceIntervalDays"),
                rows.getFirst().errors().stream().map(FieldError::field).toList());
    }

    @Test
    void booleansAcceptTrueFalseYesNoInAnyCase() {
        List<ImportRow> rows = CsvRows.parse("assetTag,holdsBusinessData\nA,TRUE\nB,no\nC,Yes\nD,false\n");

        assertEquals(List.of(true, false, true, false), rows.stream().map(r -> r.input().holdsBusinessData()).toList());
    }

    @Test
    void emptyHoldsBusinessDataAndMaintenanceIntervalCellsAreAbsent_andEveryTypedColumnIsRead() {
        List<ImportRow> rows = CsvRows.parse("assetTag,holdsBusinessData,maintenanceIntervalDays,warrantyEnd,nextMaintenanceDue,status\n"
                + "LT-1, , ,,,\nLT-2,false,0,2027-02-28,2027-03-01,in-service\n");

        assertEquals(List.of(), rows.get(0).errors());
        AssetInput empty = rows.get(0).input();
        assertNull(empty.holdsBusinessData());
        assertNull(empty.maintenanceIntervalDays());
        assertNull(empty.warrantyEnd());
        assertNull(empty.nextMaintenanceDue());
        assertNull(empty.status());
        assertNull(empty.category());
        AssetInput full = rows.get(1).input();
        assertEquals(Boolean.FALSE, full.holdsBusinessData());
        assertEquals(0, full.maintenanceIntervalDays());
        assertEquals(LocalDate.parse("2027-02-28"), full.warrantyEnd());
        assertEquals(LocalDate.parse("2027-03-01"), full.nextMaintenanceDue());
    }

    @Test
    void anyOnePurchaseColumnMakesAPurchase() {
        for (String column : List.of("purchaseDate", "purchaseCost", "purchaseCurrency", "supplier", "orderNumber")) {
            String value = switch (column) {
                case "purchaseDate" -> "2026-01-15";
                case "purchaseCost" -> "10.5";
                default -> "X";
            };
            ImportRow row = CsvRows.parse("assetTag," + column + "\nLT-1," + value + "\n").getFirst();
            assertEquals(List.of(), row.errors(), column);
            Purchase p = row.input().purchase();
            assertEquals(List.of(column.equals("purchaseDate"), column.equals("purchaseCost"), column.equals("purchaseCurrency"),
                            column.equals("supplier"), column.equals("orderNumber")),
                    List.of(p.date() != null, p.cost() != null, p.currency() != null, p.supplier() != null, p.orderNumber() != null), column);
        }
    }

    @Test
    void theErrorMessagesSayWhatEachColumnNeeds() {
        List<FieldError> errors = CsvRows.parse("assetTag,purchaseDate,purchaseCost,holdsBusinessData,maintenanceIntervalDays\n"
                + "LT-1,2026-13-01,1e,si,1.5\n").getFirst().errors();
        assertEquals(List.of(new FieldError("purchaseDate", "must be a date like 2026-01-31"),
                new FieldError("purchaseCost", "must be a number"),
                new FieldError("holdsBusinessData", "must be true or false"),
                new FieldError("maintenanceIntervalDays", "must be an integer")), errors);
    }

    @Test
    void headerNamesAreTrimmed_attributeColumnsNeedAName_andLongUnknownNamesAreAbbreviated() {
        assertEquals("LT-1", CsvRows.parse(" assetTag ,attr.x\nLT-1,1\n").getFirst().input().assetTag());
        String longName = "c".repeat(41);
        ApiException.Invalid e = assertThrows(ApiException.Invalid.class, () -> CsvRows.parse("assetTag," + longName + "\nLT-1,x\n"));
        assertEquals(List.of(new FieldError("header[1]", "unknown column " + "c".repeat(40) + "...")), e.errors());
        String forty = "d".repeat(40);
        ApiException.Invalid exact = assertThrows(ApiException.Invalid.class, () -> CsvRows.parse(forty + "\nx\n"));
        assertEquals(List.of(new FieldError("header[0]", "unknown column " + forty)), exact.errors());
        assertEquals(Map.of("y", "2"), CsvRows.parse("assetTag,attr.y\nLT-1,2\n").getFirst().input().attributes());
        assertEquals(List.of(), CsvRows.parse("assetTag\n").stream().toList(), "a header alone imports nothing");
    }

    @Test
    void aBlankLineIsSkippedButARowOfEmptyCellsIsARow() {
        List<ImportRow> rows = CsvRows.parse("assetTag,model\n \n,\nLT-1,X\n");
        assertEquals(2, rows.size());
        assertEquals(List.of(), rows.get(0).errors());
        assertNull(rows.get(0).input().assetTag());
        assertEquals("LT-1", rows.get(1).input().assetTag());
    }

    @Test
    void rowErrorsAreNumberedFromTheFirstRowAfterTheHeader() {
        List<ImportRow> rows = CsvRows.parse("assetTag,maintenanceIntervalDays\nLT-1,1\nLT-2,x\n");
        assertEquals(List.of(new FieldError("maintenanceIntervalDays", "must be an integer")), rows.get(1).errors());
        assertNull(rows.get(1).input());
    }
}
