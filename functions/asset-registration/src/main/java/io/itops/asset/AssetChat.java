package io.itops.asset;

import io.itops.asset.Records.Fault;
import io.itops.asset.Requests.FaultReport;
import io.itops.shared.auth.Caller;
import io.itops.shared.chat.ChatCommand;
import io.itops.shared.store.Page;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The register's chat commands, with the API's role rules: {@code my-assets}, {@code asset TAG},
 * {@code report-fault TAG words...}. Employees see and report only what they hold (anything else is
 * "not found"); people who have not linked their chat account are told how to.
 */
final class AssetChat {
    static final List<String> COMMANDS = List.of("my-assets", "asset", "report-fault");
    static final int LISTED = 20;
    private final AssetService service;

    AssetChat(AssetService service) {
        this.service = service;
    }

    /** The reply text, or null for a command this function does not own. */
    String answer(ChatCommand command) {
        if (!COMMANDS.contains(command.command())) {
            return null;
        }
        Caller caller = command.caller();
        if (caller == null) {
            return command.say("Link your chat account to your company account first: send `link`.",
                    "请先将聊天账号与公司账号绑定：发送「绑定」。");
        }
        List<String> args = command.args() == null ? List.of() : command.args();
        return switch (command.command()) {
            case "my-assets" -> myAssets(command, caller);
            case "asset" -> args.isEmpty()
                    ? command.say("Usage: asset TAG, e.g. asset LT-0001", "用法：asset 资产编号，例如 asset LT-0001")
                    : asset(command, caller, args.getFirst());
            default -> args.size() < 2
                    ? command.say("Usage: report-fault TAG what is wrong, e.g. report-fault LT-0001 screen flickers",
                            "用法：report-fault 资产编号 故障描述，例如 report-fault LT-0001 屏幕闪烁")
                    : reportFault(command, caller, args.getFirst(), String.join(" ", args.subList(1, args.size())));
        };
    }

    private String myAssets(ChatCommand command, Caller caller) {
        Page<Asset> page = service.heldBy(caller, LISTED, null);
        if (page.items().isEmpty()) {
            return command.say("You hold no registered equipment.", "你名下没有登记的设备。");
        }
        StringBuilder out = new StringBuilder(command.say("Equipment you hold:", "你名下的设备："));
        LocalDate today = service.today();
        for (Asset asset : page.items()) {
            out.append('\n').append("- ").append(line(asset));
            LocalDate due = asset.checkout() == null ? null : asset.checkout().expectedReturn();
            if (due != null && due.isBefore(today)) {
                out.append(command.say(" - return overdue since " + due + ", please bring it back to IT",
                        " - 已于 " + due + " 逾期未还，请归还 IT"));
            } else if (due != null) {
                out.append(command.say(" - due back " + due, " - 应于 " + due + " 归还"));
            }
        }
        if (page.nextCursor() != null) {
            out.append('\n').append(command.say("(more: see GET /me/assets)", "（更多请查看 GET /me/assets）"));
        }
        return out.toString();
    }

    private String asset(ChatCommand command, Caller caller, String tag) {
        Optional<Asset> found = service.visibleByTag(tag, caller);
        if (found.isEmpty()) {
            return notFound(command, tag);
        }
        Asset a = found.get();
        StringBuilder out = new StringBuilder(line(a));
        out.append('\n').append(command.say("Custodian: ", "保管人：")).append(orDash(a.custodian()));
        if (a.nextMaintenanceDue() != null) {
            out.append('\n').append(command.say("Next maintenance: ", "下次维护：")).append(a.nextMaintenanceDue());
        }
        if (a.warrantyEnd() != null) {
            out.append('\n').append(command.say("Warranty ends: ", "保修到期：")).append(a.warrantyEnd());
        }
        LocalDate due = a.checkout() == null ? null : a.checkout().expectedReturn();
        if (due != null) {
            out.append('\n').append(command.say("Due back: ", "归还日期：")).append(due)
                    .append(due.isBefore(service.today()) ? command.say(" (overdue)", "（已逾期）") : "");
        }
        if (a.endOfLife() != null) {
            out.append('\n').append(command.say("Planned end of life: ", "计划报废：")).append(a.endOfLife());
        }
        if (a.missingSince() != null) {
            out.append('\n').append(command.say("Missing since the audit of ", "盘点未找到，自 ")).append(a.missingSince())
                    .append(command.say("", " 起"));
        }
        return out.toString();
    }

    private String reportFault(ChatCommand command, Caller caller, String tag, String words) {
        Optional<Asset> found = service.visibleByTag(tag, caller);
        if (found.isEmpty()) {
            return notFound(command, tag);
        }
        Asset asset = found.get();
        String text = printable(words);
        if (text.isBlank()) {
            return command.say("Say what is wrong after the tag.", "请在资产编号后描述故障。");
        }
        String summary = text.length() <= AssetRules.MAX_TEXT ? text : text.substring(0, AssetRules.MAX_TEXT - 3) + "...";
        String description = text.length() <= AssetRules.MAX_TEXT ? null : text.substring(0, Math.min(text.length(), 4000));
        if (asset.status() == Status.DISPOSED) {
            return command.say(asset.assetTag() + " is disposed; faults are no longer recorded for it.",
                    asset.assetTag() + " 已处置，不再登记故障。");
        }
        Fault fault = service.reportFault(asset.assetId(), new FaultReport(summary, description, null, null), caller);
        return command.say("Fault " + fault.faultId() + " reported for " + asset.assetTag() + ": " + summary
                        + ". IT staff will follow up.",
                "已为 " + asset.assetTag() + " 登记故障 " + fault.faultId() + "：" + summary + "。IT 人员会跟进处理。");
    }

    private static String line(Asset a) {
        return a.assetTag() + " " + a.model() + " (" + a.status() + (a.location() == null ? "" : ", " + a.location()) + ")";
    }

    private static String notFound(ChatCommand command, String tag) {
        String shown = printable(tag);
        shown = shown.length() > 40 ? shown.substring(0, 40) + "..." : shown;
        return command.say("No asset " + shown + " found among the equipment you may see.",
                "未找到你可查看的资产 " + shown + "。");
    }

    private static String orDash(String value) {
        return value == null ? "-" : value;
    }

    /** Chat text without control characters, which the register's text fields refuse. */
    private static String printable(String text) {
        return text.replaceAll("\\p{Cntrl}", " ").trim();
    }
}
