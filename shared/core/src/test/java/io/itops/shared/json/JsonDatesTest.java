package io.itops.shared.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.itops.shared.error.ApiException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class JsonDatesTest {
    record Times(Instant at, LocalDate on) {}

    @Test
    void isoTextIsRead() {
        Times times = Json.read("{\"at\":\"2026-11-28T09:00:00Z\",\"on\":\"2026-11-28\"}".getBytes(StandardCharsets.UTF_8), Times.class);
        assertEquals(Instant.parse("2026-11-28T09:00:00Z"), times.at());
        assertEquals(LocalDate.parse("2026-11-28"), times.on());
    }

    @ParameterizedTest
    @ValueSource(strings = {"42", "\"42\"", "\"1795856400.5\"", "[2026,11,28]", "true"})
    void anythingButIsoTextIsRefused_namingTheField(String value) {
        ApiException.Invalid invalid = assertThrows(ApiException.Invalid.class,
                () -> Json.read(("{\"at\":" + value + "}").getBytes(StandardCharsets.UTF_8), Times.class));
        assertEquals("at", invalid.errors().getFirst().field());
    }
}
