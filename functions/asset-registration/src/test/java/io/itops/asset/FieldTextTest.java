package io.itops.asset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How the archive shows a field's value before and after an update. */
class FieldTextTest {
    @Test
    void emptyIsNull_notTheWordNull() {
        assertNull(FieldText.of(null));
        assertNull(FieldText.of(Map.of()));
        assertNull(FieldText.of(Purchase.NONE));
    }

    @Test
    void scalarsAreTheirText_andObjectsTheirJson() {
        assertEquals("Lenovo", FieldText.of("Lenovo"));
        assertEquals("2029-01-14", FieldText.of(LocalDate.parse("2029-01-14")));
        assertEquals("180", FieldText.of(180));
        assertEquals("false", FieldText.of(false));
        assertEquals("laptop", FieldText.of(Category.LAPTOP));
        assertEquals("12999.00", FieldText.of(new BigDecimal("12999.00")));
        assertEquals("{\"owner\":\"Ops\"}", FieldText.of(Map.of("owner", "Ops")));
        assertEquals("{\"date\":\"2026-01-15\",\"cost\":10.50,\"currency\":\"CNY\"}",
                FieldText.of(new Purchase(LocalDate.parse("2026-01-15"), new BigDecimal("10.50"), "CNY", null, null)));
    }
}
