package io.itops.chat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.itops.chat.CommandParser.Parsed;
import io.itops.chat.CommandParser.Spec;
import io.itops.shared.auth.Caller;
import io.itops.shared.auth.Role;
import io.itops.shared.chat.ChatCommand;
import io.itops.shared.chat.ChatCommand.ChatReply;
import io.itops.shared.chat.ChatCommand.ChatUser;
import io.itops.shared.error.ApiException;
import io.itops.shared.events.DomainEvent;
import io.itops.shared.events.EventSink;
import io.itops.shared.events.Notice;
import io.itops.shared.events.ProcessedEvents;
import io.itops.shared.json.Json;
import io.itops.shared.json.Wire;
import io.itops.shared.observability.Log;
import io.itops.shared.observability.Metrics;
import io.itops.shared.store.Ids;
import io.itops.shared.store.Page;
import io.itops.shared.validation.Validator;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The chat bot's rules. Inbound: a verified message is parsed, its sender's link looked up, and the
 * outcome decided (a command for its owner, or an answer of our own: help, link code, usage, "link
 * first", "staff only"); then the platform event is claimed once and the outcome published on the
 * bus. Nothing slow happens before the acknowledgement: answers, ours and the owners', are delivered
 * by the ChatReply consumer. Outbound: replies to their conversation, notices to each linked
 * recipient or the department channel, each target at most once per event.
 */
final class ChatService {
    /** Platform calls of one bus event stop here (the function's timeout is 30 s); what is left is retried. */
    static final Duration DELIVERY_BUDGET = Duration.ofSeconds(20);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What the webhook answers the platform. */
    sealed interface Ack {
        record Answer(Map<String, String> body) implements Ack {}

        record Accepted(boolean duplicate) implements Ack {}
    }

    private final ChatStore store;
    private final EventSink events;
    private final ProcessedEvents processed;
    private final Messenger messenger;
    private final PlatformSecrets secrets;
    private final ChatConfig config;
    private final Clock clock;

    ChatService(ChatStore store, EventSink events, ProcessedEvents processed, Messenger messenger, PlatformSecrets secrets,
                ChatConfig config, Clock clock) {
        this.store = store;
        this.events = events;
        this.processed = processed;
        this.messenger = messenger;
        this.secrets = secrets;
        this.config = config;
        this.clock = clock;
    }

    // ------------------------------------------------------------------ inbound

    Ack receive(Inbound inbound) {
        return switch (inbound) {
            case Inbound.Challenge challenge -> new Ack.Answer(challenge.body());
            case Inbound.Ignored ignored -> {
                Log.info("chat event ignored", "reason", ignored.reason());
                yield new Ack.Accepted(false);
            }
            case Inbound.Message message -> receive(message);
        };
    }

    private Ack receive(Inbound.Message message) {
        Optional<ChatLink> link = store.identity(message.sender());
        Parsed parsed = CommandParser.parse(message.text());
        String commandId = Ids.ulid(clock);
        String ref = InboundClaim.ref(message.platform(), message.eventId());
        ObjectNode conversation = Json.mapper().createObjectNode().put("platform", message.platform().toString()).put("ref", ref);
        boolean linked = link.isPresent();
        boolean staff = linked && role(link.get()).atLeast(Role.STAFF);
        String language = parsed.language();
        LinkCode code = null;
        DomainEvent outcome;
        if (parsed.kind() == CommandParser.Kind.UNKNOWN) {
            outcome = reply(commandId, language, ChatTexts.notUnderstood(language, linked, staff), conversation);
        } else if (parsed.kind() == CommandParser.Kind.MISSING_ARGUMENT) {
            outcome = reply(commandId, language, ChatTexts.usage(parsed.spec(), language), conversation);
        } else if (parsed.spec() == Spec.HELP) {
            outcome = reply(commandId, language, ChatTexts.help(language, linked, staff), conversation);
        } else if (parsed.spec() == Spec.LINK) {
            if (message.direct()) {
                code = new LinkCode(LinkCode.generate(RANDOM), message.sender(), language, ref, commandId,
                        clock.instant().plus(config.codeLifetime()));
                outcome = reply(commandId, language, ChatTexts.linkCode(code.display(), config.codeLifetime().toMinutes(), language), conversation);
            } else {
                outcome = reply(commandId, language, ChatTexts.linkInPrivate(language), conversation);
            }
        } else if (!linked) {
            outcome = reply(commandId, language, ChatTexts.notLinked(language), conversation);
        } else if (parsed.spec().staffOnly && !staff) {
            outcome = reply(commandId, language, ChatTexts.staffOnly(language), conversation);
        } else {
            ChatLink user = link.get();
            ChatUser chatUser = new ChatUser(message.platform().toString(), message.sender().userId(),
                    message.sender().displayName() != null ? message.sender().displayName() : user.displayName(),
                    user.userId(), user.role(), user.department());
            outcome = new DomainEvent(ChatCommand.DETAIL_TYPE, new ChatCommand(commandId, parsed.spec().command, parsed.args(),
                    parsed.text(), language, chatUser, conversation));
        }
        if (!store.claim(message, commandId, code)) {
            Metrics.count("ChatWebhookDuplicate");
            Log.info("chat event already handled", "platform", message.platform().toString(), "eventId", message.eventId());
            return new Ack.Accepted(true);
        }
        events.publish(outcome);
        Metrics.count(outcome.detailType().equals(ChatCommand.DETAIL_TYPE) ? "ChatCommandPublished" : "ChatAnsweredLocally");
        return new Ack.Accepted(false);
    }

    private static DomainEvent reply(String commandId, String language, String text, ObjectNode conversation) {
        return new DomainEvent(ChatCommand.REPLY_DETAIL_TYPE, new ChatReply(commandId, language, text, conversation));
    }

    // ------------------------------------------------------------------ links

    ChatLink confirm(Requests.LinkRequest request, Caller caller) {
        Validator.check().required("code", request.code()).text("code", request.code(), 20).validate();
        String normalised = LinkCode.normalise(request.code());
        if (normalised == null) {
            throw ApiException.Invalid.field("code", "must be the 8-character code the bot sent, e.g. 7KQ2-MX9D");
        }
        LinkCode code = store.code(normalised).orElseThrow(ChatStore::codeInvalid);
        ChatLink previous = store.anyIdentity(code.sender()).orElse(null);
        Instant now = clock.instant();
        ChatLink link = ChatLink.builder().linkId(Ids.ulid(clock)).account(code.sender())
                .userId(caller.userId()).role(Wire.name(caller.role())).department(caller.department())
                .language(code.language()).createdAt(now).validUntil(now.plus(config.linkLifetime()))
                .build();
        store.link(code, link, previous);
        ObjectNode conversation = Json.mapper().createObjectNode()
                .put("platform", code.sender().platform().toString()).put("ref", code.conversationRef());
        events.publish(reply(code.commandId(), code.language(), ChatTexts.linked(link.userId(), link.role(), code.language()), conversation));
        Log.info("chat account linked", "platform", link.platform(), "userId", link.userId(), "linkId", link.linkId(),
                "replaced", previous == null ? null : previous.linkId());
        return link;
    }

    Page<ChatLink> myLinks(Caller caller, int limit, String cursor) {
        return store.linksOf(caller.userId(), limit, cursor);
    }

    Page<ChatLink> allLinks(ChatPlatform platform, String userId, int limit, String cursor) {
        return userId != null ? store.linksOf(userId, limit, cursor) : store.links(platform, limit, cursor);
    }

    /** Removes one of the caller's own links; another user's link is not found, as if it did not exist. */
    void unlinkOwn(String linkId, Caller caller) {
        ChatLink link = store.link(linkId).filter(l -> l.userId().equals(caller.userId()))
                .orElseThrow(() -> new ApiException.NotFound("chat link", linkId));
        store.unlink(link);
        Log.info("chat link removed", "linkId", linkId, "by", caller.userId());
    }

    void unlinkAny(String linkId, Caller admin) {
        ChatLink link = store.link(linkId).orElseThrow(() -> new ApiException.NotFound("chat link", linkId));
        store.unlink(link);
        Log.info("chat link removed", "linkId", linkId, "by", admin.userId(), "owner", link.userId());
    }

    // ------------------------------------------------------------------ outbound

    /** Delivers an answer to the conversation it belongs to; a conversation we no longer know is dropped. */
    void deliverReply(ChatReply reply) {
        PlatformHttp.within(DELIVERY_BUDGET, () -> deliver(reply));
    }

    private void deliver(ChatReply reply) {
        String ref = reply.conversation() == null ? null : reply.conversation().path("ref").asText(null);
        Optional<ReplyTarget> target = ref == null ? Optional.empty() : store.conversation(ref);
        if (target.isEmpty()) {
            Metrics.count("ChatReplyUndeliverable");
            Log.warn("chat reply for an unknown or expired conversation", "commandId", reply.commandId());
            return;
        }
        if (send(() -> messenger.send(target.get(), reply.text()), "reply " + reply.commandId())) {
            Metrics.count("ChatReplyDelivered");
        }
    }

    /**
     * Delivers a notice: a direct message on every link of each recipient, and the department channel
     * (on each platform that has one) when some recipient has no link or none were named; without a
     * department channel (or department), the IT staff channel. Each target is claimed once per
     * event, so a retry after a partial failure reaches only those still missing.
     */
    void deliverNotice(Notice notice, String eventId) {
        PlatformHttp.within(DELIVERY_BUDGET, () -> deliver(notice, eventId));
    }

    private void deliver(Notice notice, String eventId) {
        List<Target> targets = targets(notice);
        if (targets.isEmpty()) {
            Metrics.count("ChatNoticeUnreachable");
            Log.warn("notice reaches nobody", "kind", notice.kind(), "subjectId", notice.subjectId());
            return;
        }
        int unsent = 0;
        for (Target target : targets) {
            try {
                processed.once("chat-notice", eventId + "#" + target.id(), () -> send(target.delivery(), target.id()));
            } catch (DeliveryException | ApiException.Unavailable transientFailure) {
                unsent++;
            }
        }
        if (unsent > 0) {
            throw new DeliveryException(false, unsent + " of " + targets.size() + " notice deliveries are still due");
        }
    }

    private record Target(String id, Runnable delivery) {}

    private List<Target> targets(Notice notice) {
        List<Target> targets = new ArrayList<>();
        List<String> recipients = notice.to() == null ? List.of() : List.copyOf(new LinkedHashSet<>(notice.to()));
        boolean channel = recipients.isEmpty();
        Instant now = clock.instant();
        for (String userId : recipients) {
            List<ChatLink> links = store.linksOf(userId, 25, null).items().stream().filter(l -> l.validAt(now)).toList();
            if (links.isEmpty()) {
                channel = true;
            }
            for (ChatLink link : links) {
                String text = "zh".equals(link.language()) ? first(notice.zh(), notice.en()) : first(notice.en(), notice.zh());
                targets.add(new Target("dm#" + link.linkId(), () -> messenger.send(Messenger.direct(link), text)));
            }
        }
        if (channel) {
            for (ChatPlatform platform : ChatPlatform.values()) {
                Map<String, PlatformSecrets.Channel> channels = secrets.channels(platform);
                String key = notice.department();
                PlatformSecrets.Channel found = key == null ? null : channels.getOrDefault(key, channels.get("*"));
                if (found == null) {
                    key = config.itStaffChannel();
                    found = channels.get(key);
                }
                if (found != null) {
                    PlatformSecrets.Channel to = found;
                    String text = channelText(to, notice);
                    targets.add(new Target("channel#" + platform + "#" + key, () -> messenger.toChannel(platform, to, text)));
                }
            }
        }
        return targets;
    }

    /** Runs a delivery: true when delivered; a permanent refusal is logged and dropped, a transient failure thrown. */
    private static boolean send(Runnable delivery, String what) {
        try {
            delivery.run();
            return true;
        } catch (DeliveryException e) {
            if (!e.permanent()) {
                throw e;
            }
            Metrics.count("ChatDeliveryDropped");
            Log.error("chat message refused by the platform", null, "what", what, "reason", e.getMessage());
            return false;
        }
    }

    private static String channelText(PlatformSecrets.Channel channel, Notice notice) {
        if ("en".equals(channel.language())) {
            return first(notice.en(), notice.zh());
        }
        if ("zh".equals(channel.language())) {
            return first(notice.zh(), notice.en());
        }
        if (notice.zh() == null || notice.en() == null) {
            return first(notice.zh(), notice.en());
        }
        return notice.zh() + "\n\n" + notice.en();
    }

    private static String first(String preferred, String fallback) {
        return preferred != null && !preferred.isBlank() ? preferred : fallback == null ? "" : fallback;
    }

    private static Role role(ChatLink link) {
        try {
            return Role.valueOf(link.role().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            return Role.EMPLOYEE;
        }
    }
}
