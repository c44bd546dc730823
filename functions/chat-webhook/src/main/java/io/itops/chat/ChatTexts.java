package io.itops.chat;

import io.itops.chat.CommandParser.Spec;

/** What the bot says itself, in English and Chinese. Owners' answers come from the owners. */
final class ChatTexts {
    private ChatTexts() {}

    static String help(String language, boolean linked, boolean staff) {
        StringBuilder out = new StringBuilder();
        if (zh(language)) {
            out.append("IT 服务台机器人。可用命令：\n")
                    .append("我的设备 — 我保管的设备及归还日期\n")
                    .append("设备 <编号> — 查看一台设备\n")
                    .append("报修 <编号> <描述> — 报告故障\n")
                    .append("课程 — 可报名的培训\n")
                    .append("报名 <场次> / 取消 <场次> — 报名或取消\n")
                    .append("我的培训 — 我的报名与完成情况\n")
                    .append("求助 <描述> — 向 IT 提交工单\n")
                    .append("报告钓鱼 <描述> — 报告可疑邮件或消息\n")
                    .append("我的工单 — 我的工单及其状态\n");
            if (staff) {
                out.append("备份状态 — 备份合规情况（IT 人员）\n")
                        .append("扫描 <编号> — 对设备发起安全扫描（IT 人员）\n")
                        .append("漏洞 — 未关闭的漏洞（IT 人员）\n");
            }
            out.append("绑定 — 绑定你的公司账号\n帮助 — 显示本说明");
            if (!linked) {
                out.append("\n\n你还没有绑定公司账号：私聊我发送“绑定”。");
            }
        } else {
            out.append("IT service desk bot. Commands:\n")
                    .append("my assets - the equipment you hold and when it is due back\n")
                    .append("asset <tag> - one piece of equipment\n")
                    .append("report fault <tag> <what happened> - report a fault\n")
                    .append("courses - training you can enrol in\n")
                    .append("enrol <session> / cancel <session> - enrol or cancel\n")
                    .append("my training - your enrolments and completions\n")
                    .append("help me <what is wrong> - raise a ticket with IT\n")
                    .append("report phishing <what you received> - report a suspicious mail or message\n")
                    .append("my tickets - your tickets and their status\n");
            if (staff) {
                out.append("backup status - backup compliance (IT staff)\n")
                        .append("scan <tag> - start a security scan of an asset (IT staff)\n")
                        .append("findings - open vulnerabilities (IT staff)\n");
            }
            out.append("link - link your company account\nhelp - this list");
            if (!linked) {
                out.append("\n\nYour chat account is not linked yet: send me \"link\" in a direct message.");
            }
        }
        return out.toString();
    }

    static String notUnderstood(String language, boolean linked, boolean staff) {
        return (zh(language) ? "没有看懂这条消息。\n\n" : "Sorry, I did not understand that.\n\n") + help(language, linked, staff);
    }

    static String usage(Spec spec, String language) {
        boolean zh = zh(language);
        return switch (spec) {
            case ASSET -> zh ? "用法：设备 <编号>，例如：设备 LT-0001" : "Usage: asset <tag>, e.g. asset LT-0001";
            case REPORT_FAULT -> zh ? "用法：报修 <编号> <描述>，例如：报修 LT-0001 屏幕闪烁（描述最多 500 字）"
                    : "Usage: report fault <tag> <what happened>, e.g. report fault LT-0001 screen flickers (at most 500 characters)";
            case ENROL -> zh ? "用法：报名 <场次>" : "Usage: enrol <session>";
            case CANCEL -> zh ? "用法：取消 <场次>" : "Usage: cancel <session>";
            case SCAN -> zh ? "用法：扫描 <编号>" : "Usage: scan <tag>";
            case HELP_ME -> zh ? "用法：求助 <问题描述>，例如：求助 VPN 连不上（最多 500 字）"
                    : "Usage: help me <what is wrong>, e.g. help me VPN does not connect (at most 500 characters)";
            case REPORT_PHISHING -> zh ? "用法：报告钓鱼 <收到的内容>（最多 500 字）"
                    : "Usage: report phishing <what you received> (at most 500 characters)";
            default -> help(language, true, false);
        };
    }

    static String notLinked(String language) {
        return zh(language)
                ? "请先绑定公司账号：私聊我发送“绑定”，然后在 IT 门户中输入收到的验证码。"
                : "Please link your company account first: send me \"link\" in a direct message, then enter the code in the IT portal.";
    }

    static String staffOnly(String language) {
        return zh(language) ? "这个命令仅限 IT 人员使用。" : "That command is for IT staff only.";
    }

    static String linkInPrivate(String language) {
        return zh(language) ? "为安全起见，请私聊我发送“绑定”。" : "For your safety, send \"link\" to me in a direct message.";
    }

    static String linkCode(String code, long minutes, String language) {
        return zh(language)
                ? "你的绑定验证码：" + code + "\n请在 " + minutes + " 分钟内登录 IT 门户并输入（POST /me/chat-links）。验证码只能使用一次，请勿转发。"
                : "Your link code: " + code + "\nSign in to the IT portal and enter it within " + minutes
                        + " minutes (POST /me/chat-links). It works once; do not share it.";
    }

    static String linked(String userId, String role, String language) {
        return zh(language)
                ? "已绑定：此聊天账号现在代表 " + userId + "（" + role + "）。如果不是你本人操作，请在门户中解除绑定并联系 IT。"
                : "Linked: this chat account now acts as " + userId + " (" + role + "). If this was not you, remove the link in the portal and tell IT.";
    }

    private static boolean zh(String language) {
        return "zh".equals(language);
    }
}
