package io.itops.shared.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.itops.shared.error.ApiException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class JsonDatesTest {
    record Times(Instant at, LocalDate on) {}

    record Everything(Instant at, LocalDate on, LocalDateTime local, OffsetDateTime offset, Duration lasting, ZoneId zone) {}

    @Test
    void isoTextIsRead() {
        Times times = Json.read("{\"at\":\"2026-11-28T09:00:00Z\",\"on\":\"2026-11-28\"}".getBytes(StandardCharsets.UTF_8), Times.class);
        assertEquals(Instant.parse("2026-11-28T09:00:00Z"), times.at());
        assertEquals(LocalDate.parse("2026-11-28"), times.on());
    }

    @Test
    void everyTimeTypeIsWrittenAsIsoTextAndReadBack() {
        Everything value = new Everything(Instant.parse("2026-11-28T09:00:00Z"), LocalDate.parse("2026-02-28"),
                LocalDateTime.parse("2026-11-28T17:00"), OffsetDateTime.parse("2026-11-28T17:00:00.5+08:00"), Duration.ofMinutes(90),
                ZoneId.of("Asia/Shanghai"));

        String json = Json.write(value);

        assertEquals("{\"at\":\"2026-11-28T09:00:00Z\",\"on\":\"2026-02-28\",\"local\":\"2026-11-28T17:00:00\","
                + "\"offset\":\"2026-11-28T17:00:00.5+08:00\",\"lasting\":\"PT1H30M\",\"zone\":\"Asia/Shanghai\"}", json);
        assertEquals(value, Json.read(json.getBytes(StandardCharsets.UTF_8), Everything.class));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"2026-13-01\"", "\"2026-02-30\"", "\"28/11/2026\"", "\"\"", "\"2026-11-28T09:00:00Z\""})
    void anImpossibleOrNonIsoDateIsRefused_namingTheField(String value) {
        ApiException.Invalid invalid = assertThrows(ApiException.Invalid.class,
                () -> Json.read(("{\"on\":" + value + "}").getBytes(StandardCharsets.UTF_8), Times.class));
        assertEquals("on", invalid.errors().getFirst().field());
    }

    @ParameterizedTest
    @ValueSource(strings = {"42", "\"42\"", "\"1795856400.5\"", "[2026,11,28]", "true"})
    void anythingButIsoTextIsRefused_namingTheField(String value) {
        ApiException.Invalid invalid = assertThrows(ApiException.Invalid.class,
                () -> Json.read(("{\"at\":" + value + "}").getBytes(StandardCharsets.UTF_8), Times.class));
        assertEquals("at", invalid.errors().getFirst().field());
    }
}
