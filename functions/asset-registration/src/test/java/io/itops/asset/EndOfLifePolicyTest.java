package io.itops.asset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The planned end of life: per model, else per category, from purchase, else from registration. */
class EndOfLifePolicyTest {
    private static final LocalDate BOUGHT = LocalDate.parse("2025-03-31");
    private static final LocalDate REGISTERED = LocalDate.parse("2026-11-28");
    private final EndOfLifePolicy policy = EndOfLifePolicy.parse("laptop=48; ThinkPad X1 Carbon Gen 12 = 36 ;server=60;");

    @Test
    void aModelsServiceLifeWinsOverItsCategorys_andNamesMatchWhateverTheirCase() {
        assertEquals(LocalDate.parse("2028-03-31"), policy.plannedFor(Category.LAPTOP, "thinkpad x1 carbon gen 12", BOUGHT, REGISTERED));
        assertEquals(LocalDate.parse("2029-03-31"), policy.plannedFor(Category.LAPTOP, "Latitude 7450", BOUGHT, REGISTERED));
        assertEquals(LocalDate.parse("2029-03-31"), policy.plannedFor(Category.LAPTOP, null, BOUGHT, REGISTERED));
    }

    @Test
    void itCountsFromThePurchase_elseFromRegistration_andMonthEndsStayInTheirMonth() {
        assertEquals(LocalDate.parse("2031-11-28"), policy.plannedFor(Category.SERVER, "R760", null, REGISTERED));
        assertEquals(LocalDate.parse("2025-02-28"), EndOfLifePolicy.parse("phone=12")
                .plannedFor(Category.PHONE, "iPhone", LocalDate.parse("2024-02-29"), REGISTERED), "a leap day ends on the 28th");
    }

    @Test
    void withoutAnEntryThereIsNoPlannedDate() {
        assertNull(policy.plannedFor(Category.SOFTWARE_LICENCE, "Office", BOUGHT, REGISTERED));
        assertNull(policy.plannedFor(null, null, BOUGHT, REGISTERED));
        assertNull(EndOfLifePolicy.parse(null).plannedFor(Category.LAPTOP, "X", BOUGHT, REGISTERED));
        assertEquals(Map.of(), EndOfLifePolicy.parse(" ; ").months());
    }

    @Test
    void theDefaultsCoverTheHardwareCategories() {
        EndOfLifePolicy defaults = EndOfLifePolicy.parse(EndOfLifePolicy.DEFAULTS);
        assertEquals(48, defaults.months().get("laptop"));
        assertEquals(84, defaults.months().get("network-device"));
        assertNull(defaults.months().get("software-licence"));
    }

    @Test
    void aBadSettingIsRefusedWithTheEntryNamed() {
        assertEquals("END_OF_LIFE_MONTHS: expected key=months, not laptop",
                assertThrows(IllegalArgumentException.class, () -> EndOfLifePolicy.parse("laptop")).getMessage());
        assertEquals("END_OF_LIFE_MONTHS: expected key=months, not =12",
                assertThrows(IllegalArgumentException.class, () -> EndOfLifePolicy.parse("=12")).getMessage());
        assertEquals("END_OF_LIFE_MONTHS: months of laptop must be a whole number",
                assertThrows(IllegalArgumentException.class, () -> EndOfLifePolicy.parse("laptop=four")).getMessage());
        assertEquals("END_OF_LIFE_MONTHS: months of laptop must be 1-600",
                assertThrows(IllegalArgumentException.class, () -> EndOfLifePolicy.parse("laptop=0")).getMessage());
        assertEquals("END_OF_LIFE_MONTHS: months of laptop must be 1-600",
                assertThrows(IllegalArgumentException.class, () -> EndOfLifePolicy.parse("laptop=601")).getMessage());
        assertEquals(600, EndOfLifePolicy.parse("laptop=600").months().get("laptop"));
        assertEquals(1, EndOfLifePolicy.parse("laptop=1").months().get("laptop"));
    }
}
