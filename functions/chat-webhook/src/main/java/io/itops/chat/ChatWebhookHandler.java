package io.itops.chat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.itops.shared.auth.Role;
import io.itops.shared.chat.ChatCommand;
import io.itops.shared.chat.ChatCommand.ChatReply;
import io.itops.shared.config.Env;
import io.itops.shared.events.BusEvent;
import io.itops.shared.events.Notice;
import io.itops.shared.http.ApiResponse;
import io.itops.shared.json.Json;
import io.itops.shared.runtime.Dispatcher;
import io.itops.shared.runtime.FunctionHandler;
import io.itops.shared.runtime.Platform;
import java.util.List;
import java.util.Map;

/**
 * Chat webhook: POST /chat/slack/commands, /chat/slack/events, /chat/feishu/events,
 * /chat/dingtalk/events (signed, no JWT); POST/GET /me/chat-links, DELETE /me/chat-links/{linkId};
 * GET /chat-links, DELETE /chat-links/{linkId} (admin); bus events ChatReply, Notification and the
 * directory's PersonLeft (a leaver's links removed).
 */
public final class ChatWebhookHandler extends FunctionHandler {

    public ChatWebhookHandler() {
        this(System.getenv());
    }

    public ChatWebhookHandler(Map<String, String> environment) {
        this(Platform.from(new Env(environment)));
    }

    public ChatWebhookHandler(Platform platform) {
        this(platform, ChatConfig.from(platform.env()));
    }

    private ChatWebhookHandler(Platform platform, ChatConfig config) {
        this(platform, new Webhooks(platform, config, SignatureCheck.CONSTANT_TIME),
                service(platform, config, new PlatformHttp(PlatformHttp.REAL_SLEEP)));
    }

    ChatWebhookHandler(Platform platform, Webhooks webhooks, ChatService service) {
        super(routes(platform, webhooks, service));
    }

    private static ChatService service(Platform platform, ChatConfig config, PlatformHttp http) {
        PlatformSecrets secrets = new PlatformSecrets(platform.secrets(), config);
        return new ChatService(new ChatStore(platform.table(), platform.cursors(), platform.clock()),
                platform.events(), platform.processedEvents(), new Messenger(secrets, config, http, platform.clock()),
                secrets, config, platform.clock());
    }

    /** The three platforms' verifiers, wired to the platform secrets. */
    record Webhooks(SlackWebhook slack, FeishuWebhook feishu, DingTalkWebhook dingtalk) {
        Webhooks(Platform platform, ChatConfig config, SignatureCheck check) {
            this(new PlatformSecrets(platform.secrets(), config), config, platform, check);
        }

        private Webhooks(PlatformSecrets secrets, ChatConfig config, Platform platform, SignatureCheck check) {
            this(new SlackWebhook(secrets, config, platform.clock(), check),
                    new FeishuWebhook(secrets, platform.clock(), check),
                    new DingTalkWebhook(secrets, config, platform.clock(), check));
        }
    }

    private static Dispatcher routes(Platform platform, Webhooks webhooks, ChatService service) {
        return Dispatcher.builder(platform)
                .publicRoute("POST /chat/slack/commands", r -> ack(service.receive(webhooks.slack().command(r))))
                .publicRoute("POST /chat/slack/events", r -> ack(service.receive(webhooks.slack().event(r))))
                .publicRoute("POST /chat/feishu/events", r -> ack(service.receive(webhooks.feishu().receive(r))))
                .publicRoute("POST /chat/dingtalk/events", r -> ack(service.receive(webhooks.dingtalk().receive(r))))
                .idempotentRoute("POST /me/chat-links", Role.EMPLOYEE, (r, caller) -> {
                    ChatLink link = service.confirm(r.json(Requests.LinkRequest.class), caller);
                    return ApiResponse.created("/me/chat-links/" + link.linkId(), link);
                })
                .route("GET /me/chat-links", Role.EMPLOYEE, (r, caller) -> ApiResponse.ok(service.myLinks(caller, r.limit(), r.cursor())))
                .route("DELETE /me/chat-links/{linkId}", Role.EMPLOYEE, (r, caller) -> {
                    service.unlinkOwn(r.idParameter("linkId"), caller);
                    return ApiResponse.noContent();
                })
                .route("GET /chat-links", Role.ADMIN, (r, caller) -> ApiResponse.ok(service.allLinks(
                        r.query("platform", ChatPlatform::parse), r.textQuery("userId"), r.limit(), r.cursor())))
                .route("DELETE /chat-links/{linkId}", Role.ADMIN, (r, caller) -> {
                    service.unlinkAny(r.idParameter("linkId"), caller);
                    return ApiResponse.noContent();
                })
                .queryParameters("GET /me/chat-links", Dispatcher.PAGE)
                .queryParameters("GET /chat-links", Dispatcher.PAGE, "platform", "userId")
                .on(ChatCommand.REPLY_DETAIL_TYPE, event -> service.deliverReply(detail(event, ChatReply.class)))
                .on(Notice.DETAIL_TYPE, event -> service.deliverNotice(detail(event, Notice.class), event.dedupeId()))
                .on(LeaverLinks.PERSON_LEFT, new LeaverLinks(new ChatStore(platform.table(), platform.cursors(), platform.clock()))::revoke)
                .build();
    }

    /** The webhook's answer: the challenge echoed, or an empty 200 (Slack would show a JSON body as a message). */
    private static ApiResponse ack(ChatService.Ack ack) {
        return switch (ack) {
            case ChatService.Ack.Answer answer -> ApiResponse.ok(answer.body());
            case ChatService.Ack.Accepted accepted -> new ApiResponse(200, Map.of("content-type", "text/plain; charset=utf-8"), "");
        };
    }

    private static <T> T detail(BusEvent event, Class<T> type) {
        ObjectNode detail = ((ObjectNode) event.detail()).deepCopy();
        detail.remove(List.of("eventId", "occurredAt"));
        return Json.convert(detail, type);
    }
}
