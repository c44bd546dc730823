package io.itops.chat;

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

    static ReplyTarget url(String kind, String url) {
        return new ReplyTarget(kind, url, null, null, null);
    }

    static ReplyTarget channel(String kind, String channel, String threadTs) {
        return new ReplyTarget(kind, null, channel, threadTs, null);
    }

    static ReplyTarget feishuReply(String messageId) {
        return new ReplyTarget(FEISHU_REPLY, null, null, null, messageId);
    }
}
