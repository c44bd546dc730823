package io.itops.scan;

import io.itops.shared.auth.Caller;
import io.itops.shared.chat.ChatCommand;
import io.itops.shared.events.EventSink;
import io.itops.shared.observability.Log;
import io.itops.shared.store.Page;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The chat commands this function owns, for linked IT staff: {@code scan <tag> [profile]} requests a
 * scan of one asset (vulnerability unless another profile is named); {@code findings [tag]}
 * summarises open findings, of the whole fleet or one asset. Answers come in the command's language.
 */
final class ScanChat {
    static final String SCAN = "scan";
    static final String FINDINGS = "findings";
    private static final int SHOWN = 5;

    private final ScanService service;
    private final ScanStore store;
    private final EventSink events;

    ScanChat(ScanService service, ScanStore store, EventSink events) {
        this.service = service;
        this.store = store;
        this.events = events;
    }

    void handle(ChatCommand command) {
        if (!SCAN.equals(command.command()) && !FINDINGS.equals(command.command())) {
            // another function's command, delivered here by a misconfigured rule: not ours to answer
            Log.warn("chat command not handled here", "command", command.command());
            return;
        }
        events.publish(command.reply(answer(command)));
    }

    private String answer(ChatCommand c) {
        Caller caller = c.caller();
        if (caller == null) {
            return c.say("Link your chat account first: send \"link\".", "请先绑定账号：发送“link”。");
        }
        if (!caller.isStaff()) {
            return c.say("Only IT staff can use \"" + c.command() + "\".", "只有 IT 人员可以使用“" + c.command() + "”。");
        }
        List<String> args = c.args() == null ? List.of() : c.args();
        return SCAN.equals(c.command()) ? scan(c, caller, args) : findings(c, args);
    }

    private String scan(ChatCommand c, Caller caller, List<String> args) {
        if (args.isEmpty() || args.size() > 2) {
            return c.say("Usage: scan <asset tag> [vulnerability|antivirus|firewall-config|baseline]",
                    "用法：scan <资产标签> [vulnerability|antivirus|firewall-config|baseline]");
        }
        Profile profile;
        try {
            profile = args.size() == 2 ? Profile.parse(args.get(1).toLowerCase(Locale.ROOT)) : Profile.VULNERABILITY;
        } catch (IllegalArgumentException e) {
            return c.say("Unknown check \"" + args.get(1) + "\": use vulnerability, antivirus, firewall-config or baseline.",
                    "未知的检查类型“" + args.get(1) + "”：可用 vulnerability、antivirus、firewall-config、baseline。");
        }
        String tag = tag(args.getFirst());
        Optional<Target> found = store.targetByTag(tag);
        if (found.isEmpty()) {
            return c.say("No asset " + tag + " is known to the scanner.", "扫描系统中没有资产 " + tag + "。");
        }
        Target target = found.get();
        if (!target.active()) {
            return c.say(tag + " is " + target.status() + " and is not scanned.", tag + " 状态为 " + target.status() + "，不再扫描。");
        }
        if (!profile.appliesTo(target.category())) {
            String sentence = Articles.a(profile) + " scan does not apply to " + Articles.a(target.category()) + ".";
            return c.say(Character.toUpperCase(sentence.charAt(0)) + sentence.substring(1),
                    profile.chinese() + "不适用于 " + target.category() + " 类资产。");
        }
        Scan scan = service.requestOne(target, profile, "requested in chat by " + caller.userId(), caller);
        return c.say("Requested " + Articles.a(profile) + " scan of " + tag + " (scan " + scan.scanId() + "). Findings will follow when the scanner answers.",
                "已为 " + tag + " 发起" + profile.chinese() + "（扫描编号 " + scan.scanId() + "），扫描器回报后将更新安全问题。");
    }

    private String findings(ChatCommand c, List<String> args) {
        if (args.size() > 1) {
            return c.say("Usage: findings [asset tag]", "用法：findings [资产标签]");
        }
        Instant now = service.now();
        Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
        List<Finding> urgent;
        int overdue;
        String scope;
        String scopeZh;
        if (args.size() == 1) {
            String tag = tag(args.getFirst());
            Optional<Target> found = store.targetByTag(tag);
            if (found.isEmpty()) {
                return c.say("No asset " + tag + " is known to the scanner.", "扫描系统中没有资产 " + tag + "。");
            }
            FindingFilter open = new FindingFilter(null, FindingStatus.OPEN, found.get().assetId(), null, false);
            List<Finding> all = new ArrayList<>();
            String cursor = null;
            do {
                Page<Finding> page = store.findings(open, now, 100, cursor);
                all.addAll(page.items());
                cursor = page.nextCursor();
            } while (cursor != null);
            all.forEach(f -> counts.merge(f.severity(), 1, Integer::sum));
            List<Finding> late = all.stream().filter(f -> f.overdueAt(now)).sorted(Comparator.comparing(Finding::dueAt)).toList();
            overdue = late.size();
            urgent = late.stream().limit(SHOWN).toList();
            scope = tag;
            scopeZh = tag;
        } else {
            for (Severity s : Severity.values()) {
                counts.put(s, store.countOpen(s));
            }
            urgent = store.overdue(now, null).items().stream().limit(SHOWN).toList();
            overdue = store.countOverdue(now);
            scope = "all assets";
            scopeZh = "全部资产";
        }
        int total = counts.values().stream().mapToInt(Integer::intValue).sum();
        StringBuilder en = new StringBuilder("Open findings (" + scope + "): " + total);
        StringBuilder zh = new StringBuilder("未关闭的安全问题（" + scopeZh + "）：" + total + " 个");
        if (total > 0) {
            en.append(" - ");
            zh.append("，");
            boolean first = true;
            for (Severity s : Severity.values()) {
                en.append(first ? "" : ", ").append(counts.getOrDefault(s, 0)).append(' ').append(s);
                zh.append(first ? "" : "，").append(s.chinese()).append(' ').append(counts.getOrDefault(s, 0));
                first = false;
            }
        }
        en.append(". Overdue: ").append(overdue).append('.');
        zh.append("。逾期：").append(overdue).append(" 个。");
        for (Finding f : urgent) {
            String due = f.dueAt().atZone(ZoneOffset.UTC).toLocalDate().toString();
            en.append("\n- ").append(f.assetTag()).append(' ').append(f.severity()).append(' ').append(f.ruleId())
                    .append(' ').append(f.title()).append(" (due ").append(due).append(')');
            zh.append("\n- ").append(f.assetTag()).append(' ').append(f.severity().chinese()).append(' ').append(f.ruleId())
                    .append(' ').append(f.title()).append("（期限 ").append(due).append('）');
        }
        return c.say(en.toString(), zh.toString());
    }

    private static String tag(String raw) {
        return raw.trim().toUpperCase(Locale.ROOT);
    }
}
