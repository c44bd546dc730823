package io.itops.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.itops.testing.BadInput;
import io.itops.testing.Claims;
import io.itops.testing.HttpEvent;
import io.itops.testing.Invoker;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Thousands of bad requests: bad link confirmations are refused naming the field; webhook bodies
 * with any bit flipped are 401; properly signed garbage never causes a 5xx. None writes an item or
 * publishes an event.
 */
class ChatBadInputProperties {
    private static ChatFixture fx;
    private static int itemsBefore;

    @BeforeContainer
    static void setUp() {
        fx = new ChatFixture();
        fx.link(fx.requests.slackDm("U0001", "link"), Claims.employee("emma"));
        fx.bus.clear();
        itemsBefore = fx.itemCount();
    }

    @AfterContainer
    static void tearDown() {
        fx.close();
    }

    @Property(tries = 300)
    void linkConfirmationRefusesBadBodies_namingTheField_andWritesNothing(@ForAll("linkBodies") BadInput.Case bad) {
        Invoker.Response response = fx.invoker.call(bad.applyTo(HttpEvent.of("POST /me/chat-links").as(Claims.employee("emma"))));
        BadInput.assertRefused(bad, response);
        assertUnchanged();
    }

    @Provide
    Arbitrary<BadInput.Case> linkBodies() {
        return BadInput.bodies(Map.of("code", "7KQ2-MX9D"), Set.of("code"), 262_144);
    }

    @Property(tries = 200)
    void anyBitFlippedInASignedBody_is401(@ForAll("bodySignedRequests") Signed request, @ForAll @IntRange(min = 0, max = 1_000_000) int position) {
        byte[] body = request.body().clone();
        int bit = position % (body.length * 8);
        body[bit / 8] ^= (byte) (1 << (bit % 8));
        Invoker.Response response = fx.invoker.call(request.event().body(body).base64());
        assertEquals(401, response.status(), request.name() + " bit " + bit + ": " + response);
        assertUnchanged();
    }

    @Property(tries = 100)
    void anyCharacterChangedInTheSignature_is401(@ForAll("signedRequests") Signed request, @ForAll @IntRange(min = 0, max = 10_000) int position) {
        HttpEvent event = request.event().body(request.body());
        String header = request.signatureHeader();
        String signature = event.json().path("headers").path(header).asText();
        int at = position % signature.length();
        char replaced = signature.charAt(at) == 'a' ? 'b' : 'a';
        event.header(header, signature.substring(0, at) + replaced + signature.substring(at + 1));
        Invoker.Response response = fx.invoker.call(event);
        assertEquals(401, response.status(), request.name() + ": " + response);
        assertUnchanged();
    }

    @Property(tries = 200)
    void signedGarbage_isNeverA5xx_andIsRefusedOrIgnored(@ForAll("garbage") byte[] garbage, @ForAll("routes") String route) {
        HttpEvent event = switch (route) {
            case "slack-events" -> ChatRequests.slack("POST /chat/slack/events", garbage, "application/json",
                    fx.clock.instant().getEpochSecond(), ChatFixture.SLACK_SIGNING_SECRET);
            case "slack-commands" -> ChatRequests.slack("POST /chat/slack/commands", garbage, "application/x-www-form-urlencoded",
                    fx.clock.instant().getEpochSecond(), ChatFixture.SLACK_SIGNING_SECRET);
            case "feishu" -> ChatRequests.feishuSigned(garbage, fx.clock.instant().getEpochSecond(), "n", ChatFixture.FEISHU_ENCRYPT_KEY);
            default -> ChatRequests.dingtalk(garbage, fx.clock.millis(), PlatformStandIns.DINGTALK_APP_SECRET);
        };
        Invoker.Response response = fx.invoker.call(event.base64());
        assertTrue(Set.of(200, 400, 401, 413, 415).contains(response.status()), route + ": " + response);
        if (response.status() != 200) {
            assertEquals("application/problem+json", response.header("content-type"));
        }
        assertUnchanged();
    }

    @Provide
    Arbitrary<byte[]> garbage() {
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(400);
        Arbitrary<byte[]> jsonish = Arbitraries.of(
                "{}", "[]", "null", "{\"type\":\"event_callback\"}", "{\"type\":\"event_callback\",\"event_id\":\"Ev1\",\"team_id\":\"T\",\"event\":[]}",
                "{\"encrypt\":\"\"}", "{\"encrypt\":12}", "{\"robotCode\":\"dingtestrobot\"}", "text=&user_id=&trigger_id=",
                "team_id=T&user_id=U&trigger_id=x&response_url=http%3A%2F%2Fevil", "%zz=1", "a=1&a=2", "{\"a\":" + "[".repeat(50) + "]".repeat(50) + "}",
                "{\"type\":\"url_verification\",\"challenge\":" + "1".repeat(30) + "}")
                .map(s -> s.getBytes(StandardCharsets.UTF_8));
        return Arbitraries.oneOf(random, jsonish);
    }

    @Provide
    Arbitrary<String> routes() {
        return Arbitraries.of("slack-events", "slack-commands", "feishu", "dingtalk");
    }

    /** A valid, signed request and the header its signature travels in. */
    record Signed(String name, HttpEvent event, byte[] body, String signatureHeader) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** DingTalk's signature does not cover the body (DingTalkWebhookTest covers what guards it instead). */
    @Provide
    Arbitrary<Signed> bodySignedRequests() {
        return signed("slack-command", "slack-event", "feishu");
    }

    @Provide
    Arbitrary<Signed> signedRequests() {
        return signed("slack-command", "slack-event", "feishu", "dingtalk");
    }

    private static Arbitrary<Signed> signed(String... names) {
        return Arbitraries.of(names).map(name -> {
            HttpEvent event = switch (name) {
                case "slack-command" -> fx.requests.slackCommand("U0001", "my assets");
                case "slack-event" -> fx.requests.slackDm("U0001", "设备 LT-0001");
                case "feishu" -> fx.requests.feishuDm("ou_li", "课程");
                default -> fx.requests.dingtalkDm("staff-9", "findings");
            };
            String header = name.startsWith("slack") ? "x-slack-signature" : name.equals("feishu") ? "x-lark-signature" : "sign";
            return new Signed(name, event, event.json().path("body").asText().getBytes(StandardCharsets.UTF_8), header);
        });
    }

    private static void assertUnchanged() {
        assertEquals(itemsBefore, fx.itemCount(), "nothing written");
        assertEquals(List.of(), fx.bus.all(), "nothing published");
    }

    @Property(tries = 300)
    void unknownQueryParametersAreRefusedOnEveryRoute(@ForAll("unknownQueries") BadInput.QueryCase query) {
        BadInput.assertRefused(query.expected(), fx.invoker.call(query.event(Claims.admin())));
        assertUnchanged();
    }

    @Provide
    Arbitrary<BadInput.QueryCase> unknownQueries() {
        return BadInput.unknownQueryParameters(BadInput.routeKeys(ChatFixture.FUNCTION));
    }
}
