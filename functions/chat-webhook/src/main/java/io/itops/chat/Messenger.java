package io.itops.chat;

import java.time.Clock;

/** Delivers a text to a reply target or a department channel on its platform. */
final class Messenger {
    /** Longer answers are cut here: every platform takes this much text in one message. */
    static final int MAX_TEXT = 3500;

    private final PlatformSecrets secrets;
    private final SlackApi slack;
    private final FeishuApi feishu;
    private final DingTalkApi dingtalk;

    Messenger(PlatformSecrets secrets, ChatConfig config, PlatformHttp http, Clock clock) {
        this.secrets = secrets;
        this.slack = new SlackApi(http, config);
        this.feishu = new FeishuApi(http, config, clock);
        this.dingtalk = new DingTalkApi(http, config, clock);
    }

    void send(ReplyTarget target, String text) {
        String message = clip(text);
        switch (target.kind()) {
            case ReplyTarget.SLACK_RESPONSE_URL -> slack.respond(target.url(), message);
            case ReplyTarget.SLACK_CHANNEL -> slack.post(secrets.slack(), target.channel(), target.threadTs(), message);
            case ReplyTarget.FEISHU_REPLY -> feishu.reply(secrets.feishu(), target.messageId(), message);
            case ReplyTarget.FEISHU_USER -> feishu.direct(secrets.feishu(), target.channel(), message);
            case ReplyTarget.DINGTALK_SESSION -> dingtalk.session(target.url(), message);
            case ReplyTarget.DINGTALK_USER -> dingtalk.direct(secrets.dingtalk(), target.channel(), message);
            default -> throw new DeliveryException(true, "unknown reply target " + target.kind());
        }
    }

    void toChannel(ChatPlatform platform, PlatformSecrets.Channel channel, String text) {
        if (channel.webhook() == null || channel.webhook().isBlank()) {
            throw new DeliveryException(true, "channel has no webhook");
        }
        if (platform != ChatPlatform.SLACK && (channel.secret() == null || channel.secret().isBlank())) {
            throw new DeliveryException(true, platform + " channel bots must be signed: the channel has no secret");
        }
        String message = clip(text);
        switch (platform) {
            case SLACK -> slack.webhook(channel, message);
            case FEISHU -> feishu.bot(channel, message);
            case DINGTALK -> dingtalk.robot(channel, message);
        }
    }

    /** A direct message to a linked person. */
    static ReplyTarget direct(ChatLink link) {
        return switch (ChatPlatform.parse(link.platform())) {
            case SLACK -> ReplyTarget.channel(ReplyTarget.SLACK_CHANNEL, link.chatUserId(), null);
            case FEISHU -> ReplyTarget.channel(ReplyTarget.FEISHU_USER, link.chatUserId(), null);
            case DINGTALK -> ReplyTarget.channel(ReplyTarget.DINGTALK_USER, link.chatUserId(), null);
        };
    }

    private static String clip(String text) {
        String value = text == null ? "" : text;
        return value.length() <= MAX_TEXT ? value : value.substring(0, MAX_TEXT - 1) + "…";
    }
}
