package io.itops.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouteTableTest {
    private static RouteTable.Route route(String method, String path) {
        return new RouteTable.Route("Fn", method + path, method, path, null, List.of());
    }

    private final RouteTable table = new RouteTable(List.of(
            route("GET", "/assets"), route("POST", "/assets"), route("GET", "/assets/due"),
            route("GET", "/assets/{assetId}"), route("GET", "/assets/{assetId}/faults/{faultId}"),
            route("ANY", "/files/{proxy+}"), route("GET", "/files/readme"), route("GET", "/"), route("ANY", "/anything")));

    private String matched(String method, String path) {
        return table.match(method, path).map(m -> m.route().routeKey() + " " + m.pathParameters()).orElse("404");
    }

    @Test
    void literalSegmentsBeatParameters() {
        assertEquals("GET /assets/due {}", matched("GET", "/assets/due"));
        assertEquals("GET /assets/{assetId} {assetId=01ABC}", matched("GET", "/assets/01ABC"));
    }

    @Test
    void parametersAreDecodedAndMustBeNonEmpty() {
        assertEquals("GET /assets/{assetId}/faults/{faultId} {assetId=a b, faultId=f+1}", matched("GET", "/assets/a%20b/faults/f+1"));
        assertEquals("404", matched("GET", "/assets//faults/x"));
        assertEquals("404", matched("GET", "/assets/"));
    }

    @Test
    void greedyVariableTakesTheRest_butLosesToLiterals() {
        assertEquals("ANY /files/{proxy+} {proxy=a/b/c.txt}", matched("DELETE", "/files/a/b/c.txt"));
        assertEquals("GET /files/readme {}", matched("GET", "/files/readme"));
        assertEquals("ANY /files/{proxy+} {proxy=readme}", matched("PUT", "/files/readme"), "exact method required for the literal route");
        assertEquals("404", matched("GET", "/files"));
    }

    @Test
    void methodMustMatch_orBeAny_elseNotFound() {
        assertEquals("404", matched("DELETE", "/assets"));
        assertTrue(table.knowsPath("/assets"));
        assertEquals("ANY /anything {}", matched("PATCH", "/anything"));
        assertEquals("GET / {}", matched("GET", "/"));
        assertEquals("404", matched("GET", "/nothing/here"));
        assertEquals("404", matched("GET", "/Assets"), "paths are case-sensitive");
    }

    @Test
    void defaultRouteCatchesTheRest() {
        RouteTable withDefault = new RouteTable(List.of(route("GET", "/a"), new RouteTable.Route("Fn", "D", "ANY", "$default", null, List.of())));
        assertEquals("$default", withDefault.match("POST", "/zzz").orElseThrow().route().routeKey());
        assertEquals(Map.of(), withDefault.match("GET", "/a").orElseThrow().pathParameters());
        assertEquals("GET /a", withDefault.match("GET", "/a").orElseThrow().route().routeKey());
    }

    @Test
    void duplicateRoutes_areRefused() {
        assertThrows(IllegalStateException.class, () -> new RouteTable(List.of(route("GET", "/a"), route("GET", "/a"))));
    }
}
