package io.itops.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Bus routing by Event Ruler: the pattern forms template.yaml uses and the ones EventBridge's documentation lists. */
class EventRulesTest {
    private static final JsonNode EVENT = LocalJson.read("""
            {"version":"0","id":"e1","detail-type":"AssetRegistered","source":"itops.asset","account":"123456789012",
             "time":"2026-11-28T09:00:00Z","region":"us-east-1","resources":["arn:aws:x:1","arn:aws:y:2"],
             "detail":{"eventId":"d1","asset":{"assetTag":"LT-0001","category":"laptop","status":"in-service",
                       "holdsBusinessData":true,"cost":12999.5,"custodian":null,"tags":["finance","vip"],
                       "ip":"10.0.3.17","items":[{"kind":"disk","size":512},{"kind":"ram","size":32}]},
                       "by":"Sam.Staff","count":3}}""");

    private static boolean matches(String pattern) {
        return EventRules.matches(pattern, EVENT);
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
    void invalidPatterns_areRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EventRules.check(LocalJson.read("{\"detail\":{\"x\":[{\"bogus\":1}]}}")));
        assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), "the refusal says why");
        for (String invalid : List.of("{\"source\":\"itops.asset\"}", "{\"n\":[{\"numeric\":[\">\"]}]}",
                "{\"n\":[{\"exists\":\"yes\"}]}", "{\"n\":[{\"cidr\":\"10.0.0.0\"}]}", "{}", "[]")) {
            assertThrows(IllegalArgumentException.class, () -> EventRules.check(LocalJson.read(invalid)), invalid);
        }
    }

    /** The patterns of template.yaml's EventBridgeRule events, on the events the functions publish. */
    @Test
    void templatePatterns_routeChatCommandsAndAssetAndDeliveryEvents() {
        JsonNode myAssets = LocalJson.read("""
                {"version":"0","id":"e2","detail-type":"ChatCommand","source":"itops.chat","account":"123456789012",
                 "time":"2026-11-28T09:00:00Z","region":"us-east-1","resources":[],
                 "detail":{"eventId":"c1","command":"my-assets","platform":"slack"}}""");
        String assetCommands = "{\"source\":[\"itops.chat\"],\"detail-type\":[\"ChatCommand\"],\"detail\":{\"command\":[\"my-assets\",\"asset\",\"report-fault\"]}}";
        String trainingCommands = "{\"source\":[\"itops.chat\"],\"detail-type\":[\"ChatCommand\"],\"detail\":{\"command\":[\"courses\",\"enrol\",\"cancel\",\"my-training\"]}}";
        String deliveries = "{\"source\":[{\"prefix\":\"itops.\"}],\"detail-type\":[\"ChatReply\",\"Notification\"]}";
        String assetChanges = "{\"source\":[\"itops.asset\"],\"detail-type\":[\"AssetRegistered\",\"AssetUpdated\",\"AssetStatusChanged\",\"AssetCustodyChanged\"]}";
        assertTrue(EventRules.matches(assetCommands, myAssets));
        assertFalse(EventRules.matches(trainingCommands, myAssets));
        assertFalse(EventRules.matches(deliveries, myAssets));
        assertTrue(EventRules.matches(assetChanges, EVENT));
        JsonNode reply = LocalJson.read("{\"source\":\"itops.training\",\"detail-type\":\"ChatReply\",\"detail\":{\"text\":\"hi\"}}");
        assertTrue(EventRules.matches(deliveries, reply));
        assertFalse(EventRules.matches(deliveries, LocalJson.read("{\"source\":\"aws.events\",\"detail-type\":\"ChatReply\"}")));
    }

    /** One machine per bus: an event is matched against the rules of its own bus only, in their order. */
    @Test
    void rulesOfABus_answerTheirPositions() {
        EventRules rules = new EventRules(List.of(
                Map.entry("itops", EventRules.check(LocalJson.read("{\"source\":[\"itops.asset\"]}"))),
                Map.entry("other", EventRules.check(LocalJson.read("{\"source\":[\"itops.asset\"]}"))),
                Map.entry("itops", EventRules.check(LocalJson.read("{\"detail\":{\"count\":[{\"numeric\":[\">\",1]}]}}"))),
                Map.entry("itops", EventRules.check(LocalJson.read("{\"source\":[\"itops.training\"]}")))));
        assertEquals(Set.of(0, 2), rules.matching("itops", EVENT));
        assertEquals(Set.of(1), rules.matching("other", EVENT));
        assertEquals(Set.of(), rules.matching("nobody", EVENT));
    }
}
