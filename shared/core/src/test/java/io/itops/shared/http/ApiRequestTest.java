package io.itops.shared.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.itops.shared.error.ApiException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiRequestTest {
    record Body(String title) {}

    private static ApiRequest request(String contentType) {
        return new ApiRequest("POST /things", "POST", "/things", Map.of(), Map.of(), Map.of("content-type", contentType),
                "{\"title\":\"t\"}".getBytes(StandardCharsets.UTF_8), "r1", Map.of(), 1000);
    }

    @Test
    void aCharsetOtherThanUtf8IsRefused_utf8AndNoneAreRead() {
        assertEquals(new Body("t"), request("application/json").json(Body.class));
        assertEquals(new Body("t"), request("application/json; charset=UTF-8").json(Body.class));
        assertEquals(new Body("t"), request("application/json;charset=\"utf-8\"").json(Body.class));
        assertThrows(ApiException.UnsupportedMediaType.class, () -> request("application/json; charset=utf-16").json(Body.class));
        assertThrows(ApiException.UnsupportedMediaType.class, () -> request("application/json; charset=iso-8859-1").json(Body.class));
    }

    @Test
    void everyAnswerCarriesTheSecurityHeaders_aRouteKeepsItsOwnValue() {
        var event = HttpEvents.response(new ApiResponse(200, Map.of("Cache-Control", "max-age=60"), "{}"), "r1");
        assertEquals("nosniff", event.path("headers").path("x-content-type-options").asText());
        assertEquals("max-age=31536000; includeSubDomains", event.path("headers").path("strict-transport-security").asText());
        assertEquals("max-age=60", event.path("headers").path("cache-control").asText());
        var plain = HttpEvents.response(ApiResponse.noContent(), "r2");
        assertEquals("no-store", plain.path("headers").path("cache-control").asText());
    }
}
