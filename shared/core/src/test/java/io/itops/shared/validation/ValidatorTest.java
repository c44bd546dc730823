package io.itops.shared.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.itops.shared.error.ApiException;
import io.itops.shared.error.FieldError;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every check at its boundary: exactly the limit passes, one over fails, with the field named. */
class ValidatorTest {

    private static List<FieldError> errors(Validator v) {
        return v.errors();
    }

    private static FieldError only(Validator v) {
        assertEquals(1, v.errors().size(), () -> "errors: " + v.errors());
        return v.errors().getFirst();
    }

    @Test
    void requiredRefusesNullEmptyAndBlankAndAcceptsAnythingElse() {
        assertEquals(new FieldError("name", "is required"), only(Validator.check().required("name", null)));
        assertEquals(new FieldError("name", "is required"), only(Validator.check().required("name", "")));
        assertEquals(new FieldError("name", "is required"), only(Validator.check().required("name", " \t")));
        assertTrue(errors(Validator.check().required("name", "x")).isEmpty());
        assertTrue(errors(Validator.check().required("count", 0)).isEmpty());
        assertTrue(errors(Validator.check().required("list", List.of())).isEmpty());
    }

    @Test
    void textOfExactlyTheMaximumLengthPassesAndOneMoreFails() {
        assertTrue(errors(Validator.check().text("name", "a".repeat(40), 40)).isEmpty());
        assertEquals(new FieldError("name", "must be at most 40 characters"),
                only(Validator.check().text("name", "a".repeat(41), 40)));
        assertTrue(errors(Validator.check().text("name", "a", 1)).isEmpty());
        assertEquals(new FieldError("name", "must be at most 1 characters"), only(Validator.check().text("name", "ab", 1)));
    }

    @Test
    void textAcceptsNullAndRefusesBlank() {
        assertTrue(errors(Validator.check().text("note", null, 10)).isEmpty());
        assertEquals(new FieldError("note", "must not be blank"), only(Validator.check().text("note", "   ", 10)));
        assertEquals(new FieldError("note", "must not be blank"), only(Validator.check().text("note", "", 10)));
    }

    @ParameterizedTest
    @ValueSource(ints = {0x00, 0x01, 0x08, 0x0B, 0x0C, 0x0E, 0x1B, 0x1F})
    void controlCharactersBelowSpaceAreRefused(int c) {
        assertEquals(new FieldError("note", "must not contain control characters"),
                only(Validator.check().text("note", "a" + (char) c + "b", 10)));
    }

    @ParameterizedTest
    @ValueSource(ints = {' ', '\t', '\n', '\r', '!', '~', 0x7F, 0xA0, 0x4E2D})
    void spaceTabNewlineCarriageReturnAndPrintableCharactersPass(int c) {
        assertTrue(errors(Validator.check().text("note", "a" + (char) c + "b", 10)).isEmpty(),
                () -> "refused U+" + Integer.toHexString(c));
    }

    @Test
    void theLengthIsCheckedBeforeControlCharactersAndOneErrorPerField() {
        assertEquals(new FieldError("note", "must be at most 3 characters"),
                only(Validator.check().text("note", "ab\u0001cd", 3)));
    }

    @Test
    void requiredTextReportsOneErrorForMissingOrBlankAndChecksTheTextOtherwise() {
        assertEquals(new FieldError("title", "is required"), only(Validator.check().requiredText("title", null, 5)));
        assertEquals(new FieldError("title", "is required"), only(Validator.check().requiredText("title", "  ", 5)));
        assertTrue(errors(Validator.check().requiredText("title", "abcde", 5)).isEmpty());
        assertEquals(new FieldError("title", "must be at most 5 characters"),
                only(Validator.check().requiredText("title", "abcdef", 5)));
        assertEquals(new FieldError("title", "must not contain control characters"),
                only(Validator.check().requiredText("title", "a\u0000", 5)));
    }

    @Test
    void patternMustMatchTheWholeValue() {
        Pattern tag = Pattern.compile("[A-Z]{2}-[0-9]{3}");
        assertTrue(errors(Validator.check().pattern("tag", "AB-123", tag, "a tag like AB-123")).isEmpty());
        assertTrue(errors(Validator.check().pattern("tag", null, tag, "a tag like AB-123")).isEmpty());
        assertEquals(new FieldError("tag", "must be a tag like AB-123"),
                only(Validator.check().pattern("tag", "xAB-123", tag, "a tag like AB-123")));
        assertEquals(new FieldError("tag", "must be a tag like AB-123"),
                only(Validator.check().pattern("tag", "AB-1234", tag, "a tag like AB-123")));
    }

    @Test
    void rangeIncludesItsMinimumAndMaximumAndRefusesOneBeyondEither() {
        assertTrue(errors(Validator.check().range("days", 1, 1, 365)).isEmpty());
        assertTrue(errors(Validator.check().range("days", 365, 1, 365)).isEmpty());
        assertTrue(errors(Validator.check().range("days", 100L, 1, 365)).isEmpty());
        assertTrue(errors(Validator.check().range("days", null, 1, 365)).isEmpty());
        assertEquals(new FieldError("days", "must be between 1 and 365"), only(Validator.check().range("days", 0, 1, 365)));
        assertEquals(new FieldError("days", "must be between 1 and 365"), only(Validator.check().range("days", 366, 1, 365)));
        assertEquals(new FieldError("n", "must be between -5 and -5"), only(Validator.check().range("n", -4, -5, -5)));
        assertTrue(errors(Validator.check().range("n", -5, -5, -5)).isEmpty());
    }

    @Test
    void nonNegativeAcceptsZeroAndTheMaximumDigitsAndDecimals() {
        assertTrue(errors(Validator.check().nonNegative("cost", BigDecimal.ZERO, 2)).isEmpty());
        assertTrue(errors(Validator.check().nonNegative("cost", null, 2)).isEmpty());
        assertTrue(errors(Validator.check().nonNegative("cost", new BigDecimal("999999999999.99"), 2)).isEmpty());
        assertTrue(errors(Validator.check().nonNegative("cost", new BigDecimal("0.01"), 2)).isEmpty());
        assertEquals(new FieldError("cost", "must not be negative"),
                only(Validator.check().nonNegative("cost", new BigDecimal("-0.01"), 2)));
        assertEquals(new FieldError("cost", "must have at most 12 digits and 2 decimals"),
                only(Validator.check().nonNegative("cost", new BigDecimal("0.001"), 2)));
        assertEquals(new FieldError("cost", "must have at most 12 digits and 2 decimals"),
                only(Validator.check().nonNegative("cost", new BigDecimal("1000000000000"), 2)));
        assertTrue(errors(Validator.check().nonNegative("cost", new BigDecimal("999999999999"), 0)).isEmpty());
        assertEquals(new FieldError("cost", "must have at most 12 digits and 0 decimals"),
                only(Validator.check().nonNegative("cost", new BigDecimal("1.5"), 0)));
    }

    @Test
    void notBeforeAcceptsTheEarliestDayItself() {
        LocalDate purchased = LocalDate.parse("2026-03-01");
        assertTrue(errors(Validator.check().notBefore("warrantyEnds", purchased, purchased, "the purchase date")).isEmpty());
        assertTrue(errors(Validator.check().notBefore("warrantyEnds", purchased.plusDays(1), purchased, "x")).isEmpty());
        assertTrue(errors(Validator.check().notBefore("warrantyEnds", null, purchased, "x")).isEmpty());
        assertTrue(errors(Validator.check().notBefore("warrantyEnds", purchased, null, "x")).isEmpty());
        assertEquals(new FieldError("warrantyEnds", "must not be before the purchase date"),
                only(Validator.check().notBefore("warrantyEnds", purchased.minusDays(1), purchased, "the purchase date")));
    }

    @Test
    void sizeOfCollectionsAndMapsAcceptsExactlyTheLimit() {
        assertTrue(errors(Validator.check().size("tags", List.of(1, 2, 3), 3)).isEmpty());
        assertTrue(errors(Validator.check().size("tags", (List<?>) null, 3)).isEmpty());
        assertEquals(new FieldError("tags", "must have at most 3 entries"),
                only(Validator.check().size("tags", List.of(1, 2, 3, 4), 3)));
        assertTrue(errors(Validator.check().size("labels", Map.of("a", 1, "b", 2), 2)).isEmpty());
        assertTrue(errors(Validator.check().size("labels", (Map<?, ?>) null, 2)).isEmpty());
        assertEquals(new FieldError("labels", "must have at most 2 entries"),
                only(Validator.check().size("labels", Map.of("a", 1, "b", 2, "c", 3), 2)));
    }

    @Test
    void ruleAddsItsErrorOnlyWhenItDoesNotHold() {
        assertTrue(errors(Validator.check().rule(true, "end", "must be after start")).isEmpty());
        assertEquals(new FieldError("end", "must be after start"), only(Validator.check().rule(false, "end", "must be after start")));
    }

    @Test
    void everyErrorIsReportedAtOnceInOrderAndValidateThrowsThemTogether() {
        Validator v = Validator.check().required("a", null).text("b", "x".repeat(3), 2).range("c", 9, 0, 5).rule(true, "d", "no");
        assertTrue(v.hasErrors());
        List<FieldError> expected = List.of(new FieldError("a", "is required"),
                new FieldError("b", "must be at most 2 characters"), new FieldError("c", "must be between 0 and 5"));
        assertEquals(expected, v.errors());
        ApiException.Invalid e = assertThrows(ApiException.Invalid.class, v::validate);
        assertEquals(expected, e.errors());
        assertEquals("3 fields are invalid", e.getMessage());
    }

    @Test
    void aValidatorWithoutErrorsValidatesAndItsErrorListIsACopy() {
        Validator v = Validator.check().required("a", "x");
        assertFalse(v.hasErrors());
        v.validate();
        assertThrows(UnsupportedOperationException.class, () -> v.errors().add(new FieldError("z", "z")));
        assertTrue(v.errors().isEmpty());
    }

    @Test
    void oneErrorPerField_theFirstFound() {
        ApiException.Invalid invalid = assertThrows(ApiException.Invalid.class, () -> Validator.check()
                .required("name", " ").text("name", " ", 10).required("other", null).rule(false, "other", "again").validate());
        assertEquals(List.of(new FieldError("name", "is required"), new FieldError("other", "is required")), invalid.errors());
    }

    @Test
    void aBindingErrorOfAFieldOrItsPartsHidesTheRuleErrorsOfTheSameField() {
        List<FieldError> all = Validator.oneErrorPerField(
                List.of(new FieldError("purchase.cost", "must be a number"), new FieldError("tags[2]", "must be a string")),
                List.of(new FieldError("purchase", "is required"), new FieldError("tags", "must have at most 3 entries"),
                        new FieldError("purchaseDate", "is required"), new FieldError("purchase.currency", "is required")));
        assertEquals(List.of("purchase.cost", "tags[2]", "purchaseDate", "purchase.currency"), all.stream().map(FieldError::field).toList());
    }
}
