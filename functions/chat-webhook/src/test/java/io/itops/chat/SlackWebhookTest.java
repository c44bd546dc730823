package io.itops.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.itops.shared.error.ApiException;
import io.itops.shared.http.ApiRequest;
import io.itops.shared.http.HttpEvents;
import io.itops.shared.json.Json;
import io.itops.testing.HttpEvent;
import io.itops.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Slack's signature over the raw body, its replay window, and reading slash commands and events. */
class SlackWebhookTest {
    private final MutableClock clock = MutableClock.at("2026-11-28T09:00:00Z");
    private final List<String> comparisons = new ArrayList<>();
    private final SignatureCheck recording = (expected, presented) -> {
        boolean matches = SignatureCheck.CONSTANT_TIME.matches(expected, presented);
        comparisons.add(matches ? "match" : "mismatch");
        return matches;
    };
    private final SlackWebhook slack = new SlackWebhook(StaticSecrets.standard().platformSecrets(clock), StaticSecrets.CONFIG, clock, recording);
    private final ChatRequests requests = ChatRequests.forUnitTests(clock);

    static ApiRequest request(HttpEvent event) {
        return HttpEvents.request(event.json(), 262_144);
    }

    @Test
    void signatureMatchesSlacksPublishedExample() {
        // https://api.slack.com/authentication/verifying-requests-from-slack (the documented example)
        String body = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V"
                + "&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text="
                + "&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN"
                + "&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
        assertEquals("a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503",
                SlackWebhook.sign("8f742231b10e8888abcd99yyyzzz85a5", "1531420618", body.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aValidSlashCommandIsReadWithItsSenderAndResponseUrl() {
        Inbound inbound = slack.command(request(requests.slackCommand("U0001", "report fault LT-0001 screen & keyboard", "trig.1")));

        Inbound.Message message = assertInstanceOf(Inbound.Message.class, inbound);
        assertEquals("trig.1", message.eventId());
        assertEquals(new Inbound.Sender(ChatPlatform.SLACK, "T0001", "U0001", "u0001"), message.sender());
        assertEquals("report fault LT-0001 screen & keyboard", message.text());
        assertTrue(message.direct(), "a slash command's answer goes only to its sender");
        assertEquals(ReplyTarget.SLACK_RESPONSE_URL, message.replyTo().kind());
        assertEquals("https://hooks.slack.test/commands/T0001/trig.1", message.replyTo().url());
        assertEquals(List.of("match"), comparisons, "decided by the constant-time comparison");
    }

    @Test
    void eventsApi_answersUrlVerification_readsDmsAndMentions_andIgnoresBotsAndChannelChatter() {
        Inbound challenge = slack.event(request(requests.slackEvent(
                "{\"token\":\"x\",\"challenge\":\"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P\",\"type\":\"url_verification\"}")));
        assertEquals(Map.of("challenge", "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"),
                assertInstanceOf(Inbound.Challenge.class, challenge).body());

        Inbound.Message dm = assertInstanceOf(Inbound.Message.class,
                slack.event(request(requests.slackEvent(requests.slackDmBody("Ev01", "U0001", "asset &lt;LT-1&gt;")))));
        assertEquals("Ev01", dm.eventId());
        assertEquals("asset <LT-1>", dm.text(), "Slack's escapes are undone");
        assertTrue(dm.direct());
        assertEquals(ReplyTarget.channel(ReplyTarget.SLACK_CHANNEL, "D0001", null), dm.replyTo());

        Inbound.Message mention = assertInstanceOf(Inbound.Message.class,
                slack.event(request(requests.slackEvent(requests.slackMentionBody("Ev02", "U0001", "my assets")))));
        assertEquals("my assets", mention.text().trim(), "the bot's mention is removed");
        assertEquals(false, mention.direct());
        assertEquals("1795856400.000200", mention.replyTo().threadTs(), "answered in the mention's thread");

        String bot = requests.slackDmBody("Ev03", "U0001", "hi").replace("\"type\":\"message\"", "\"type\":\"message\",\"bot_id\":\"B1\"");
        assertInstanceOf(Inbound.Ignored.class, slack.event(request(requests.slackEvent(bot))));
        String channel = requests.slackDmBody("Ev04", "U0001", "hi").replace("\"channel_type\":\"im\"", "\"channel_type\":\"channel\"");
        assertInstanceOf(Inbound.Ignored.class, slack.event(request(requests.slackEvent(channel))));
    }

    @Test
    void aOneBitChangeInTheBodyOrTheSignature_isRefused() {
        HttpEvent valid = requests.slackDm("U0001", "my assets");
        byte[] body = valid.json().path("body").asText().getBytes(StandardCharsets.UTF_8);
        for (int bit : new int[] {0, 9, body.length * 4, body.length * 8 - 1}) {
            byte[] flipped = body.clone();
            flipped[bit / 8] ^= (byte) (1 << (bit % 8));
            HttpEvent tampered = valid.body(flipped);
            assertRefused(() -> slack.event(request(tampered)));
            valid.body(body);
        }
        String signature = valid.json().path("headers").path("x-slack-signature").asText();
        char last = signature.charAt(signature.length() - 1);
        valid.header("X-Slack-Signature", signature.substring(0, signature.length() - 1) + (char) (last ^ 1));
        assertRefused(() -> slack.event(request(valid)));
        assertTrue(comparisons.stream().allMatch("mismatch"::equals) && comparisons.size() == 5,
                "every refusal came from the constant-time comparison: " + comparisons);
    }

    @Test
    void staleOrFutureTimestamps_missingHeaders_andAWrongSecret_areRefused() {
        String body = requests.slackDmBody("Ev05", "U0001", "help");
        long now = clock.instant().getEpochSecond();
        assertRefused(() -> slack.event(request(ChatRequests.slack("POST /chat/slack/events", body.getBytes(StandardCharsets.UTF_8),
                "application/json", now - 301, ChatFixture.SLACK_SIGNING_SECRET))));
        assertRefused(() -> slack.event(request(ChatRequests.slack("POST /chat/slack/events", body.getBytes(StandardCharsets.UTF_8),
                "application/json", now + 301, ChatFixture.SLACK_SIGNING_SECRET))));
        assertInstanceOf(Inbound.Message.class, slack.event(request(ChatRequests.slack("POST /chat/slack/events",
                body.getBytes(StandardCharsets.UTF_8), "application/json", now - 300, ChatFixture.SLACK_SIGNING_SECRET))), "300 s is inside");
        assertRefused(() -> slack.event(request(ChatRequests.slack("POST /chat/slack/events", body.getBytes(StandardCharsets.UTF_8),
                "application/json", now, "another-signing-secret"))));
        assertRefused(() -> slack.event(request(requests.slackEvent(body).header("X-Slack-Signature", null))));
        assertRefused(() -> slack.event(request(requests.slackEvent(body).header("X-Slack-Request-Timestamp", null))));
        assertRefused(() -> slack.event(request(requests.slackEvent(body).header("X-Slack-Request-Timestamp", "soon"))));
    }

    @Test
    void reSerialisedJsonOfAValidRequest_isRefused_becauseTheRawBytesAreSigned() {
        // Slack escapes non-ASCII text as \\uXXXX; a JSON library writing the same document back does not
        String raw = requests.slackDmBody("Ev06", "U0001", "help").replace("\"text\":\"help\"", "\"text\":\"\\u5e2e\\u52a9\"");
        HttpEvent valid = requests.slackEvent(raw);
        assertInstanceOf(Inbound.Message.class, slack.event(request(valid)), "the request as Slack sent it is accepted");

        byte[] reserialised = Json.bytes(Json.tree(raw.getBytes(StandardCharsets.UTF_8)));
        assertEquals(Json.tree(raw.getBytes(StandardCharsets.UTF_8)), Json.tree(reserialised), "the same JSON document");
        assertNotEquals(raw, new String(reserialised, StandardCharsets.UTF_8), "in other bytes");
        assertRefused(() -> slack.event(request(valid.body(reserialised))));
    }

    @Test
    void aSlashCommandReEncodedWithTheSameFields_isRefused() {
        HttpEvent valid = requests.slackCommand("U0001", "my assets", "trig.7");
        String raw = valid.json().path("body").asText();
        String reencoded = raw.replace("+", "%20"); // the same form, another valid encoding of its spaces
        assertNotEquals(raw, reencoded);
        assertEquals(java.net.URLDecoder.decode(raw, StandardCharsets.UTF_8), java.net.URLDecoder.decode(reencoded, StandardCharsets.UTF_8));
        assertInstanceOf(Inbound.Message.class, slack.command(request(valid)));
        assertRefused(() -> slack.command(request(valid.body(reencoded))));
    }

    @Test
    void aBase64EncodedBodyIsVerifiedAfterDecoding() {
        HttpEvent valid = requests.slackCommand("U0001", "课程").base64();
        assertInstanceOf(Inbound.Message.class, slack.command(request(valid)));
    }

    @Test
    void aSlashCommandWhoseResponseUrlIsNotSlacks_isInvalid() {
        String body = requests.slackCommandBody("U0001", "help", "trig.9")
                .replace("hooks.slack.test", "attacker.test");
        HttpEvent event = ChatRequests.slack("POST /chat/slack/commands", body.getBytes(StandardCharsets.UTF_8),
                "application/x-www-form-urlencoded", clock.instant().getEpochSecond(), ChatFixture.SLACK_SIGNING_SECRET);
        ApiException.Invalid invalid = assertThrows(ApiException.Invalid.class, () -> slack.command(request(event)));
        assertEquals("response_url", invalid.errors().getFirst().field());
    }

    @Test
    void secretsThatCannotBeRead_failClosedWith503() {
        SlackWebhook unreachable = new SlackWebhook(new StaticSecrets().unreachable().platformSecrets(clock), StaticSecrets.CONFIG, clock, recording);
        SlackWebhook missing = new SlackWebhook(new StaticSecrets().platformSecrets(clock), StaticSecrets.CONFIG, clock, recording);
        SlackWebhook malformed = new SlackWebhook(new StaticSecrets().putRaw("slack", "{\"signingSecret\": 42}").platformSecrets(clock),
                StaticSecrets.CONFIG, clock, recording);
        for (SlackWebhook webhook : List.of(unreachable, missing, malformed)) {
            assertThrows(ApiException.Unavailable.class, () -> webhook.event(request(requests.slackDm("U0001", "help"))));
        }
    }

    static void assertRefused(org.junit.jupiter.api.function.Executable call) {
        ApiException.Unauthenticated refused = assertThrows(ApiException.Unauthenticated.class, call);
        assertEquals("Request signature rejected", refused.detail(), "the reason is logged, not told");
    }

    @Test
    void aTimestampWithASignOrSpacesIsRefusedBeforeAnySignatureIsCompared_thoughItIsSignedCorrectly() {
        long now = clock.instant().getEpochSecond();
        byte[] body = requests.slackDmBody("Ev1", "U0001", "my assets").getBytes(StandardCharsets.UTF_8);
        for (String timestamp : List.of("+" + now, " " + now, now + " ", "-0" + now)) {
            HttpEvent event = HttpEvent.of("POST /chat/slack/events").header("content-type", "application/json")
                    .header("X-Slack-Request-Timestamp", timestamp)
                    .header("X-Slack-Signature", "v0=" + SlackWebhook.sign(ChatFixture.SLACK_SIGNING_SECRET, timestamp, body))
                    .body(body);
            assertThrows(ApiException.Unauthenticated.class, () -> slack.event(request(event)));
        }
        assertEquals(List.of(), comparisons, "no signature was compared");
        assertEquals(now, WebhookInput.number(Long.toString(now)));
        assertEquals(Long.MIN_VALUE, WebhookInput.number("+" + now));
        assertEquals(Long.MIN_VALUE, WebhookInput.number("1".repeat(14)));
        assertEquals(Long.parseLong("1".repeat(13)), WebhookInput.number("1".repeat(13)));
    }
}
