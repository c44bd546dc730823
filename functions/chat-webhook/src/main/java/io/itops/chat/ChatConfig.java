package io.itops.chat;

import io.itops.shared.config.Env;
import java.net.URI;
import java.time.Duration;

/**
 * Settings of the chat function beyond the common ones: the Secrets Manager names of the three
 * platform secrets, the platforms' API base URLs (real hosts in template.yaml; local stand-ins in
 * tests and the dev server), the identity and replay windows, and the key of the IT staff channel
 * in each platform's {@code channels} (where notices that reach nobody else go).
 */
record ChatConfig(String slackSecret, String feishuSecret, String dingtalkSecret,
                  URI slackApi, URI slackHooks, URI feishuApi, URI dingtalkApi, URI dingtalkOapi,
                  Duration codeLifetime, Duration linkLifetime, Duration dingtalkWindow, String itStaffChannel) {
    static final String DEFAULT_IT_STAFF_CHANNEL = "it-staff";

    ChatConfig(String slackSecret, String feishuSecret, String dingtalkSecret, URI slackApi, URI slackHooks, URI feishuApi,
               URI dingtalkApi, URI dingtalkOapi, Duration codeLifetime, Duration linkLifetime, Duration dingtalkWindow) {
        this(slackSecret, feishuSecret, dingtalkSecret, slackApi, slackHooks, feishuApi, dingtalkApi, dingtalkOapi,
                codeLifetime, linkLifetime, dingtalkWindow, DEFAULT_IT_STAFF_CHANNEL);
    }

    static ChatConfig from(Env env) {
        return new ChatConfig(
                env.required("SLACK_SECRET"),
                env.required("FEISHU_SECRET"),
                env.required("DINGTALK_SECRET"),
                base(env, "SLACK_API_URL"),
                base(env, "SLACK_HOOKS_URL"),
                base(env, "FEISHU_API_URL"),
                base(env, "DINGTALK_API_URL"),
                base(env, "DINGTALK_OAPI_URL"),
                Duration.ofMinutes(env.integer("LINK_CODE_MINUTES", 10)),
                Duration.ofDays(env.integer("LINK_DAYS", 180)),
                Duration.ofSeconds(env.integer("DINGTALK_WINDOW_SECONDS", 60)),
                env.optional("ITSTAFF_CHANNEL", DEFAULT_IT_STAFF_CHANNEL));
    }

    String secretName(ChatPlatform platform) {
        return switch (platform) {
            case SLACK -> slackSecret;
            case FEISHU -> feishuSecret;
            case DINGTALK -> dingtalkSecret;
        };
    }

    private static URI base(Env env, String name) {
        String value = env.required(name);
        return URI.create(value.endsWith("/") ? value.substring(0, value.length() - 1) : value);
    }

    /** Whether {@code url} lies under {@code base} (same scheme, host and port, path below it). */
    static boolean under(URI base, String url) {
        if (url == null) {
            return false;
        }
        URI candidate;
        try {
            candidate = URI.create(url).normalize();
        } catch (IllegalArgumentException e) {
            return false;
        }
        String path = candidate.getRawPath() == null ? "" : candidate.getRawPath();
        String basePath = base.getRawPath() == null ? "" : base.getRawPath();
        return base.getScheme().equalsIgnoreCase(String.valueOf(candidate.getScheme()))
                && base.getHost() != null && base.getHost().equalsIgnoreCase(candidate.getHost())
                && base.getPort() == candidate.getPort()
                && candidate.getRawUserInfo() == null
                && path.startsWith(basePath + "/") && !path.contains("/../");
    }
}
