package io.itops.chat;

import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;

/**
 * Where a message is delivered. Kinds: {@code slack-response-url} (url), {@code slack-channel}
 * (channel, threadTs), {@code feishu-reply} (messageId), {@code feishu-user} (channel = open_id),
 * {@code dingtalk-session} (url), {@code dingtalk-user} (channel = staff id).
 */
record ReplyTarget(String kind, String url, String channel, String threadTs, String messageId) {
    static final String SLACK_RESPONSE_URL = "slack-response-url";
    static final String SLACK_CHANNEL = "slack-channel";
    static final String FEISHU_REPLY = "feishu-reply";
    static final String FEISHU_USER = "feishu-user";
    static final String DINGTALK_SESSION = "dingtalk-session";
    static final String DINGTALK_USER = "dingtalk-user";

    /** Stored as the {@code target} map of an inbound claim. */
    static final TableSchema<ReplyTarget> SCHEMA = StaticImmutableTableSchema.builder(ReplyTarget.class, Builder.class)
            .newItemBuilder(Builder::new, Builder::build)
            .addAttribute(String.class, a -> a.name("kind").getter(ReplyTarget::kind).setter(Builder::kind))
            .addAttribute(String.class, a -> a.name("url").getter(ReplyTarget::url).setter(Builder::url))
            .addAttribute(String.class, a -> a.name("channel").getter(ReplyTarget::channel).setter(Builder::channel))
            .addAttribute(String.class, a -> a.name("threadTs").getter(ReplyTarget::threadTs).setter(Builder::threadTs))
            .addAttribute(String.class, a -> a.name("messageId").getter(ReplyTarget::messageId).setter(Builder::messageId))
            .build();

    static ReplyTarget url(String kind, String url) {
        return new ReplyTarget(kind, url, null, null, null);
    }

    static ReplyTarget channel(String kind, String channel, String threadTs) {
        return new ReplyTarget(kind, null, channel, threadTs, null);
    }

    static ReplyTarget feishuReply(String messageId) {
        return new ReplyTarget(FEISHU_REPLY, null, null, null, messageId);
    }

    static final class Builder {
        private String kind;
        private String url;
        private String channel;
        private String threadTs;
        private String messageId;

        Builder kind(String v) { kind = v; return this; }
        Builder url(String v) { url = v; return this; }
        Builder channel(String v) { channel = v; return this; }
        Builder threadTs(String v) { threadTs = v; return this; }
        Builder messageId(String v) { messageId = v; return this; }

        ReplyTarget build() {
            return new ReplyTarget(kind, url, channel, threadTs, messageId);
        }
    }
}
