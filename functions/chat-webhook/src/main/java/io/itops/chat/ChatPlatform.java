package io.itops.chat;

import java.util.Locale;

/** The chat platforms the bot speaks; the lower-case name is how they appear in the API and on the bus. */
enum ChatPlatform {
    SLACK, FEISHU, DINGTALK;

    static ChatPlatform parse(String value) {
        for (ChatPlatform platform : values()) {
            if (platform.toString().equals(value)) {
                return platform;
            }
        }
        throw new IllegalArgumentException("must be one of slack, feishu, dingtalk");
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
