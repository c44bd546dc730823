package io.itops.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class EventPatternTest {
    private static final JsonNode EVENT = LocalJson.read("""
            {"version":"0","id":"e1","detail-type":"AssetRegistered","source":"itops.asset","account":"123456789012",
             "time":"2026-11-28T09:00:00Z","region":"us-east-1","resources":["arn:aws:x:1","arn:aws:y:2"],
             "detail":{"eventId":"d1","asset":{"assetTag":"LT-0001","category":"laptop","status":"in-service",
                       "holdsBusinessData":true,"cost":12999.5,"custodian":null,"tags":["finance","vip"],
                       "ip":"10.0.3.17","items":[{"kind":"disk","size":512},{"kind":"ram","size":32}]},
                       "by":"Sam.Staff","count":3}}""");

    private static boolean matches(String pattern) {
        return EventPattern.parse(LocalJson.read(pattern)).matches(EVENT);
    }

    @Test
    void exactValues_matchStringsNumbersBooleansAndNull() {
        assertTrue(matches("{\"source\":[\"itops.asset\"],\"detail-type\":[\"AssetRegistered\",\"AssetUpdated\"]}"));
        assertFalse(matches("{\"source\":[\"itops.training\"]}"));
        assertTrue(matches("{\"detail\":{\"count\":[3]}}"));
        assertTrue(matches("{\"detail\":{\"count\":[3.0]}}"), "numbers compare numerically");
        assertFalse(matches("{\"detail\":{\"count\":[\"3\"]}}"), "a string never equals a number");
        assertTrue(matches("{\"detail\":{\"asset\":{\"holdsBusinessData\":[true]}}}"));
        assertFalse(matches("{\"detail\":{\"asset\":{\"holdsBusinessData\":[false]}}}"));
        assertTrue(matches("{\"detail\":{\"asset\":{\"custodian\":[null]}}}"), "null matches a JSON null");
        assertFalse(matches("{\"detail\":{\"asset\":{\"model\":[null]}}}"), "null does not match a missing field");
    }

    @Test
    void everyFieldMustMatch_andMissingFieldsFail() {
        assertFalse(matches("{\"source\":[\"itops.asset\"],\"detail-type\":[\"AssetRetired\"]}"));
        assertFalse(matches("{\"detail\":{\"missing\":[\"x\"]}}"));
        assertFalse(matches("{\"detail\":{\"asset\":{\"category\":[\"laptop\"]},\"by\":[\"nobody\"]}}"));
    }

    @Test
    void arraysInTheEvent_matchWhenAnyElementMatches() {
        assertTrue(matches("{\"resources\":[\"arn:aws:y:2\"]}"));
        assertTrue(matches("{\"detail\":{\"asset\":{\"tags\":[\"vip\"]}}}"));
        assertFalse(matches("{\"detail\":{\"asset\":{\"tags\":[\"hr\"]}}}"));
        assertTrue(matches("{\"detail\":{\"asset\":{\"items\":{\"kind\":[\"ram\"],\"size\":[32]}}}}"));
        assertFalse(matches("{\"detail\":{\"asset\":{\"items\":{\"kind\":[\"gpu\"]}}}}"));
    }

    @Test
    void prefixAndSuffix_withAndWithoutCase() {
        assertTrue(matches("{\"source\":[{\"prefix\":\"itops.\"}]}"));
        assertFalse(matches("{\"source\":[{\"prefix\":\"aws.\"}]}"));
        assertTrue(matches("{\"detail-type\":[{\"suffix\":\"Registered\"}]}"));
        assertFalse(matches("{\"detail-type\":[{\"suffix\":\"registered\"}]}"));
        assertTrue(matches("{\"detail-type\":[{\"suffix\":{\"equals-ignore-case\":\"REGISTERED\"}}]}"));
        assertTrue(matches("{\"source\":[{\"prefix\":{\"equals-ignore-case\":\"ITOPS.\"}}]}"));
        assertFalse(matches("{\"detail\":{\"count\":[{\"prefix\":\"3\"}]}}"), "prefix applies to strings only");
    }

    @Test
    void equalsIgnoreCaseAndWildcard() {
        assertTrue(matches("{\"detail\":{\"by\":[{\"equals-ignore-case\":\"sam.staff\"}]}}"));
        assertFalse(matches("{\"detail\":{\"by\":[\"sam.staff\"]}}"));
        assertTrue(matches("{\"detail\":{\"asset\":{\"assetTag\":[{\"wildcard\":\"LT-*1\"}]}}}"));
        assertFalse(matches("{\"detail\":{\"asset\":{\"assetTag\":[{\"wildcard\":\"SRV-*\"}]}}}"));
        assertTrue(matches("{\"detail\":{\"asset\":{\"assetTag\":[{\"wildcard\":\"*\"}]}}}"));
    }

    @Test
    void anythingBut_valuesListsPrefixesAndMissingFields() {
        assertTrue(matches("{\"detail\":{\"asset\":{\"status\":[{\"anything-but\":\"retired\"}]}}}"));
        assertFalse(matches("{\"detail\":{\"asset\":{\"status\":[{\"anything-but\":[\"retired\",\"in-service\"]}]}}}"));
        assertTrue(matches("{\"detail\":{\"count\":[{\"anything-but\":[1,2]}]}}"));
        assertFalse(matches("{\"detail\":{\"count\":[{\"anything-but\":3}]}}"));
        assertFalse(matches("{\"source\":[{\"anything-but\":{\"prefix\":\"itops.\"}}]}"));
        assertTrue(matches("{\"source\":[{\"anything-but\":{\"prefix\":\"aws.\"}}]}"));
        assertFalse(matches("{\"detail-type\":[{\"anything-but\":{\"suffix\":\"Registered\"}}]}"));
        assertFalse(matches("{\"detail\":{\"by\":[{\"anything-but\":{\"equals-ignore-case\":[\"SAM.STAFF\",\"x\"]}}]}}"));
        assertFalse(matches("{\"detail\":{\"asset\":{\"assetTag\":[{\"anything-but\":{\"wildcard\":\"LT-*\"}}]}}}"));
        assertFalse(matches("{\"detail\":{\"nothing\":[{\"anything-but\":\"x\"}]}}"), "anything-but needs the field");
    }

    @Test
    void numericRanges() {
        assertTrue(matches("{\"detail\":{\"asset\":{\"cost\":[{\"numeric\":[\">\",10000,\"<=\",13000]}]}}}"));
        assertFalse(matches("{\"detail\":{\"asset\":{\"cost\":[{\"numeric\":[\">\",13000]}]}}}"));
        assertTrue(matches("{\"detail\":{\"count\":[{\"numeric\":[\"=\",3]}]}}"));
        assertTrue(matches("{\"detail\":{\"count\":[{\"numeric\":[\">=\",3,\"<\",4]}]}}"));
        assertFalse(matches("{\"detail\":{\"by\":[{\"numeric\":[\">\",0]}]}}"), "numeric applies to numbers only");
    }

    @Test
    void exists_trueAndFalse_onLeavesOnly() {
        assertTrue(matches("{\"detail\":{\"asset\":{\"assetTag\":[{\"exists\":true}]}}}"));
        assertFalse(matches("{\"detail\":{\"asset\":{\"serial\":[{\"exists\":true}]}}}"));
        assertTrue(matches("{\"detail\":{\"asset\":{\"serial\":[{\"exists\":false}]}}}"));
        assertFalse(matches("{\"detail\":{\"asset\":{\"assetTag\":[{\"exists\":false}]}}}"));
        assertFalse(matches("{\"detail\":{\"asset\":[{\"exists\":true}]}}"), "exists does not match an object");
        assertTrue(matches("{\"detail\":{\"nested\":{\"deeper\":[{\"exists\":false}]}}}"), "absent parents make absent leaves");
    }

    @Test
    void cidrAndOr() {
        assertTrue(matches("{\"detail\":{\"asset\":{\"ip\":[{\"cidr\":\"10.0.0.0/16\"}]}}}"));
        assertFalse(matches("{\"detail\":{\"asset\":{\"ip\":[{\"cidr\":\"10.1.0.0/16\"}]}}}"));
        assertTrue(matches("{\"$or\":[{\"source\":[\"nope\"]},{\"detail\":{\"count\":[3]}}]}"));
        assertFalse(matches("{\"$or\":[{\"source\":[\"nope\"]},{\"detail\":{\"count\":[4]}}]}"));
        assertTrue(matches("{\"source\":[\"itops.asset\"],\"detail\":{\"$or\":[{\"by\":[\"x\"]},{\"asset\":{\"category\":[\"laptop\"]}}]}}"));
    }

    @Test
    void anyMatcherInTheListIsEnough() {
        assertTrue(matches("{\"detail\":{\"asset\":{\"category\":[\"server\",{\"prefix\":\"lap\"}]}}}"));
        assertFalse(matches("{\"detail\":{\"asset\":{\"category\":[\"server\",{\"prefix\":\"desk\"}]}}}"));
    }

    @Test
    void invalidPatterns_areRefusedWithThePathNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EventPattern.parse(LocalJson.read("{\"detail\":{\"x\":[{\"bogus\":1}]}}")));
        assertEquals("detail.x: unknown matcher bogus", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> EventPattern.parse(LocalJson.read("{\"source\":\"itops.asset\"}")));
        assertThrows(IllegalArgumentException.class, () -> EventPattern.parse(LocalJson.read("{\"source\":[]}")));
        assertThrows(IllegalArgumentException.class, () -> EventPattern.parse(LocalJson.read("{\"n\":[{\"numeric\":[\">\"]}]}")));
        assertThrows(IllegalArgumentException.class, () -> EventPattern.parse(LocalJson.read("{\"n\":[{\"exists\":\"yes\"}]}")));
        assertThrows(IllegalArgumentException.class, () -> EventPattern.parse(LocalJson.read("{\"n\":[{\"cidr\":\"10.0.0.0\"}]}")));
        assertThrows(IllegalArgumentException.class, () -> EventPattern.parse(LocalJson.read("{}")));
    }
}
