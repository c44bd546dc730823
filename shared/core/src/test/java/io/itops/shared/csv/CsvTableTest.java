package io.itops.shared.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.itops.shared.error.ApiException;
import io.itops.shared.error.FieldError;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** RFC 4180 splitting and the header rules every CSV import shares. */
class CsvTableTest {

    @Test
    void quotedFieldsKeepCommasQuotesAndLineBreaks() {
        List<List<String>> records = CsvTable.records("a,b,c\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\n");

        assertEquals(List.of(List.of("a", "b", "c"), List.of("x, y", "say \"hi\"", "two\nlines")), records);
    }

    @Test
    void crlfLfAndAMissingLastLineEndAllEndRecords() {
        assertEquals(List.of(List.of("a", "b"), List.of("1", "2"), List.of("3", "4")), CsvTable.records("a,b\r\n1,2\n3,4"));
        assertEquals(List.of(List.of("a"), List.of("")), CsvTable.records("a\r\n\r\n"));
    }

    @Test
    void emptyFieldsAreKept() {
        assertEquals(List.of(List.of("", "", "")), CsvTable.records(",,"));
    }

    @Test
    void anUnterminatedQuoteRefusesTheWholeBody() {
        ApiException.Invalid e = assertThrows(ApiException.Invalid.class, () -> CsvTable.records("a,b\n\"open,2\n"));
        assertEquals("body", e.errors().getFirst().field());
    }

    @Test
    void theHeaderNamesKnownDistinctColumns_andTheRequiredOnes_everyFaultAtOnce() {
        ApiException.Invalid e = assertThrows(ApiException.Invalid.class,
                () -> CsvTable.parse("id,colour,name,name\n1,red,a,b\n", Set.of("id", "name", "key")::contains, "key"));
        assertEquals(List.of(new FieldError("header[1]", "unknown column colour"), new FieldError("header", "a column appears twice"),
                new FieldError("header", "needs a key column")), e.errors());
    }

    @Test
    void aBomIsDropped_blankLinesAreSkipped_andAnEmptyBodyHasNoHeader() {
        CsvTable table = CsvTable.parse("\uFEFFid,name\n1,a\n\n\n2,b\n", Set.of("id", "name")::contains);
        assertEquals(List.of("id", "name"), table.header());
        assertEquals(List.of(List.of("1", "a"), List.of("2", "b")), table.records());
        ApiException.Invalid empty = assertThrows(ApiException.Invalid.class, () -> CsvTable.parse("", name -> true));
        assertEquals("body", empty.errors().getFirst().field());
    }

    @Test
    void aBodyEndingInAClosingQuoteOrALoneCarriageReturnEndsItsLastRecord() {
        assertEquals(List.of(List.of("a", "b")), CsvTable.records("a,\"b\""));
        assertEquals(List.of(List.of("x\"")), CsvTable.records("\"x\"\"\""));
        assertEquals(List.of(List.of("a")), CsvTable.records("a\r"));
        assertEquals(List.of(List.of("a"), List.of("b")), CsvTable.records("a\rb"));
        assertEquals(List.of(List.of("a"), List.of("b")), CsvTable.records("a\r\nb\r"));
        assertEquals(List.of(List.of("a"), List.of(""), List.of("b")), CsvTable.records("a\r\rb"), "two lone CRs are two line ends");
        assertEquals(List.of(), CsvTable.records(""));
        assertEquals(List.of(List.of("")), CsvTable.records("\n"));
    }

    @Test
    void aQuoteInsideAnUnquotedFieldIsKeptAsText() {
        assertEquals(List.of(List.of("5\" disk", "b")), CsvTable.records("5\" disk,b"));
        assertEquals(List.of(List.of("ab", "c")), CsvTable.records("\"a\"b,c"), "text after a closing quote is kept");
    }
}
