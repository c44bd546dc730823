package io.itops.shared.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.itops.shared.error.ApiException;
import io.itops.shared.error.FieldError;
import io.itops.shared.validation.BindingErrors;
import io.itops.shared.validation.Validator;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Binding finds every invalid field of a body, and the rules add theirs in the same errors[]. */
class JsonBindTest {
    enum Colour {
        RED, DEEP_BLUE;

        @com.fasterxml.jackson.annotation.JsonValue
        @Override
        public String toString() {
            return Wire.name(this);
        }

        @com.fasterxml.jackson.annotation.JsonCreator
        static Colour parse(String value) {
            return Wire.parse(Colour.class, value);
        }
    }

    record Part(String name, BigDecimal cost) {}

    record Input(String title, Integer count, Colour colour, LocalDate on, Instant at, Part part, List<String> tags) {}

    @AfterEach
    void closeScope() {
        BindingErrors.close();
    }

    private static byte[] utf8(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> fields(ApiException.Invalid invalid) {
        return invalid.errors().stream().map(FieldError::field).toList();
    }

    @Test
    void aValidBodyBindsExactly() {
        Input input = Json.bind(utf8("{\"title\":\"t\",\"count\":2,\"colour\":\"deep-blue\",\"on\":\"2027-01-15\","
                + "\"at\":\"2027-01-15T09:30:00Z\",\"part\":{\"name\":\"fan\",\"cost\":\"x\"}}".replace("\"x\"", "10.50")), Input.class);
        assertEquals(new Input("t", 2, Colour.DEEP_BLUE, LocalDate.of(2027, 1, 15), Instant.parse("2027-01-15T09:30:00Z"),
                new Part("fan", new BigDecimal("10.50")), null), input);
    }

    @Test
    void everyInvalidFieldIsNamedAtOnce_outsideARequestScopeTheyAreThrown() {
        ApiException.Invalid invalid = assertThrows(ApiException.Invalid.class, () -> Json.bind(utf8(
                "{\"title\":5,\"count\":\"x\",\"colour\":\"green\",\"on\":\"0000-01-01\",\"at\":null,\"part\":{\"cost\":true},"
                        + "\"tags\":[\"a\",3,{}],\"zzUnknown\":1}"), Input.class));
        assertEquals(List.of("at", "title", "count", "colour", "on", "part.cost", "tags[1]", "zzUnknown"), fields(invalid));
    }

    @Test
    void insideARequestScope_bindingErrorsWaitForTheRules_andEachFieldIsNamedOnce() {
        BindingErrors.open();
        Input input = Json.bind(utf8("{\"count\":\"x\",\"colour\":\"green\",\"zzUnknown\":1}"), Input.class);
        assertEquals(new Input(null, null, null, null, null, null, null), input, "the bad fields are dropped");

        ApiException.Invalid invalid = assertThrows(ApiException.Invalid.class, () -> Validator.check()
                .required("title", input.title())
                .required("count", input.count())
                .required("colour", input.colour())
                .validate());

        assertEquals(List.of("count", "colour", "zzUnknown", "title"), fields(invalid));
        assertEquals("must be an integer", invalid.errors().get(0).message());
        assertEquals(List.of(), BindingErrors.drain(), "reported once");
    }

    @ParameterizedTest
    @ValueSource(strings = {"+999999999-12-31", "-0001-01-01", "0000-01-01", "+002027-01-15", "-2027-01-15", "27-01-15", "20270-01-15"})
    void datesWithoutARealFourDigitYearAreRefused(String date) {
        ApiException.Invalid invalid = assertThrows(ApiException.Invalid.class, () -> Json.bind(utf8("{\"on\":\"" + date + "\"}"), Input.class));
        assertEquals(List.of("on"), fields(invalid));
    }

    @ParameterizedTest
    @ValueSource(strings = {"+999999999-12-31T00:00:00Z", "-0001-01-01T00:00:00Z", "0000-01-01T00:00:00Z", "+002027-01-15T00:00:00Z"})
    void dateTimesWithoutARealFourDigitYearAreRefused(String at) {
        ApiException.Invalid invalid = assertThrows(ApiException.Invalid.class, () -> Json.bind(utf8("{\"at\":\"" + at + "\"}"), Input.class));
        assertEquals(List.of("at"), fields(invalid));
        assertEquals("must have a year from 0001 to 9999, written with four digits and no sign", invalid.errors().getFirst().message());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0001-01-01", "9999-12-31", "2027-01-15"})
    void theFirstAndLastRealYearsAreTaken(String date) {
        assertEquals(LocalDate.parse(date), Json.bind(utf8("{\"on\":\"" + date + "\"}"), Input.class).on());
        assertEquals(LocalDate.parse(date), IsoDates.date(date));
    }

    @ParameterizedTest
    @ValueSource(strings = {"+999999999-12-31", "-0001-01-01", "0000-01-01", "+002027-01-15", "2027-02-30", ""})
    void queryDatesFollowTheSameRules(String date) {
        assertThrows(IllegalArgumentException.class, () -> IsoDates.date(date));
        assertThrows(IllegalArgumentException.class, () -> IsoDates.instant(date + "T00:00:00Z"));
    }

    @Test
    void queryInstantsAreRead() {
        assertEquals(Instant.parse("0001-01-01T00:00:00Z"), IsoDates.instant("0001-01-01T00:00:00Z"));
        assertThrows(IllegalArgumentException.class, () -> IsoDates.instant("2027-01-15"));
    }

    @Test
    void nullIsNotAbsent_atAnyDepth() {
        ApiException.Invalid invalid = assertThrows(ApiException.Invalid.class,
                () -> Json.bind(utf8("{\"title\":null,\"part\":{\"name\":null},\"tags\":[null]}"), Input.class));
        assertEquals(List.of("title", "part.name", "tags[0]"), fields(invalid));
    }

    @ParameterizedTest
    @ValueSource(strings = {"UTF-16BE", "UTF-16LE", "UTF-32BE", "UTF-32LE", "UTF-16"})
    void onlyUtf8IsRead_utf16AndUtf32AreRefusedWithOrWithoutBom(String charset) {
        byte[] plain = "{\"title\":\"t\"}".getBytes(Charset.forName(charset));
        byte[] bom = "\uFEFF".getBytes(Charset.forName(charset));
        byte[] withBom = new byte[bom.length + plain.length];
        System.arraycopy(bom, 0, withBom, 0, bom.length);
        System.arraycopy(plain, 0, withBom, bom.length, plain.length);
        for (byte[] body : List.of(plain, withBom)) {
            ApiException.Invalid invalid = assertThrows(ApiException.Invalid.class, () -> Json.bind(body, Input.class));
            assertEquals("NOT_UTF8", invalid.code());
            assertEquals(List.of("body"), fields(invalid));
            assertThrows(ApiException.Invalid.class, () -> Json.tree(body));
        }
    }

    @Test
    void aBodyThatIsNotAnObjectIsRefusedAsTheBody() {
        for (String body : List.of("[]", "null", "5", "\"x\"")) {
            assertEquals(List.of("body"), fields(assertThrows(ApiException.Invalid.class, () -> Json.bind(utf8(body), Input.class))));
        }
    }
}
