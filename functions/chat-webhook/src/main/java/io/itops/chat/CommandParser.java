package io.itops.chat;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Turns what a person typed into a command, in English or Chinese. Chinese keywords need no space
 * before their argument ({@code 设备LT-0001}); full-width characters are folded (NFKC). The language
 * is Chinese when the keyword is, or when the text holds any CJK character.
 */
final class CommandParser {
    static final int MAX_DESCRIPTION = 500;
    private static final Pattern ARGUMENT = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}._:/#-]{0,63}");
    private static final Pattern CJK = Pattern.compile("[\\p{IsHan}\\u3000-\\u303F\\uFF00-\\uFFEF]");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    /** What a command needs after its keyword. */
    enum Arity { NONE, ONE, ONE_AND_TEXT, TEXT }

    /** A command the bot knows; {@code staffOnly} ones follow the API's role rules. */
    enum Spec {
        HELP("help", Arity.NONE, false, List.of("help", "?", "h"), List.of("帮助")),
        LINK("link", Arity.NONE, false, List.of("link"), List.of("绑定")),
        MY_ASSETS("my-assets", Arity.NONE, false, List.of("my assets"), List.of("我的设备")),
        ASSET("asset", Arity.ONE, false, List.of("asset"), List.of("设备")),
        REPORT_FAULT("report-fault", Arity.ONE_AND_TEXT, false, List.of("report fault"), List.of("报修")),
        COURSES("courses", Arity.NONE, false, List.of("courses"), List.of("课程")),
        ENROL("enrol", Arity.ONE, false, List.of("enrol", "enroll"), List.of("报名")),
        CANCEL("cancel", Arity.ONE, false, List.of("cancel"), List.of("取消")),
        MY_TRAINING("my-training", Arity.NONE, false, List.of("my training"), List.of("我的培训")),
        BACKUP_STATUS("backup-status", Arity.NONE, true, List.of("backup status"), List.of("备份状态")),
        SCAN("scan", Arity.ONE, true, List.of("scan"), List.of("扫描")),
        FINDINGS("findings", Arity.NONE, true, List.of("findings"), List.of("漏洞")),
        HELP_ME("help-me", Arity.TEXT, false, List.of("help me"), List.of("求助")),
        REPORT_PHISHING("report-phishing", Arity.TEXT, false, List.of("report phishing"), List.of("报告钓鱼")),
        MY_TICKETS("my-tickets", Arity.NONE, false, List.of("my tickets"), List.of("我的工单"));

        final String command;
        final Arity arity;
        final boolean staffOnly;
        final List<String> english;
        final List<String> chinese;

        Spec(String command, Arity arity, boolean staffOnly, List<String> english, List<String> chinese) {
            this.command = command;
            this.arity = arity;
            this.staffOnly = staffOnly;
            this.english = english;
            this.chinese = chinese;
        }

        /** Answered by chat-webhook itself rather than published for an owner. */
        boolean local() {
            return this == HELP || this == LINK;
        }
    }

    /** The outcome: a known command with its arguments, one missing its arguments, or text we do not understand. */
    enum Kind { COMMAND, MISSING_ARGUMENT, UNKNOWN }

    record Parsed(Kind kind, Spec spec, List<String> args, String language, String text) {}

    private record Keyword(String word, Spec spec, boolean chinese) {}

    private static final List<Keyword> KEYWORDS = keywords();

    private CommandParser() {}

    static Parsed parse(String raw) {
        String text = normalise(raw);
        String lower = text.toLowerCase(Locale.ROOT);
        boolean cjk = CJK.matcher(text).find();
        if (text.isEmpty()) {
            return new Parsed(Kind.COMMAND, Spec.HELP, List.of(), "en", text);
        }
        for (Keyword keyword : KEYWORDS) {
            if (!lower.startsWith(keyword.word())) {
                continue;
            }
            String rest = text.substring(keyword.word().length());
            if (!keyword.chinese() && !rest.isEmpty() && !rest.startsWith(" ")) {
                continue; // "assets" is not "asset"
            }
            rest = rest.trim();
            String language = keyword.chinese() || cjk ? "zh" : "en";
            return withArguments(keyword.spec(), rest, language, text);
        }
        return new Parsed(Kind.UNKNOWN, null, List.of(), cjk ? "zh" : "en", text);
    }

    private static Parsed withArguments(Spec spec, String rest, String language, String text) {
        switch (spec.arity) {
            case NONE -> {
                if (spec == Spec.HELP || rest.isEmpty()) {
                    return new Parsed(Kind.COMMAND, spec, List.of(), language, text);
                }
                return new Parsed(Kind.UNKNOWN, spec, List.of(), language, text);
            }
            case ONE -> {
                if (ARGUMENT.matcher(rest).matches()) {
                    return new Parsed(Kind.COMMAND, spec, List.of(rest), language, text);
                }
                return new Parsed(Kind.MISSING_ARGUMENT, spec, List.of(), language, text);
            }
            case TEXT -> {
                if (!rest.isEmpty() && rest.length() <= MAX_DESCRIPTION) {
                    return new Parsed(Kind.COMMAND, spec, List.of(rest), language, text);
                }
                return new Parsed(Kind.MISSING_ARGUMENT, spec, List.of(), language, text);
            }
            default -> {
                int space = rest.indexOf(' ');
                String first = space < 0 ? rest : rest.substring(0, space);
                String description = space < 0 ? "" : rest.substring(space + 1).trim();
                if (ARGUMENT.matcher(first).matches() && !description.isEmpty() && description.length() <= MAX_DESCRIPTION) {
                    return new Parsed(Kind.COMMAND, spec, List.of(first, description), language, text);
                }
                return new Parsed(Kind.MISSING_ARGUMENT, spec, List.of(), language, text);
            }
        }
    }

    /** NFKC (full-width to ASCII), control characters and runs of white space to one space, trimmed. */
    static String normalise(String raw) {
        if (raw == null) {
            return "";
        }
        String folded = Normalizer.normalize(raw, Normalizer.Form.NFKC);
        StringBuilder out = new StringBuilder(folded.length());
        folded.codePoints().forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? ' ' : c));
        return SPACES.matcher(out.toString().trim()).replaceAll(" ");
    }

    private static List<Keyword> keywords() {
        List<Keyword> keywords = new ArrayList<>();
        for (Spec spec : Spec.values()) {
            spec.english.forEach(w -> keywords.add(new Keyword(w, spec, false)));
            spec.chinese.forEach(w -> keywords.add(new Keyword(w, spec, true)));
        }
        // longest first: "my assets" before "asset"s that might prefix it, "我的设备" before "设备"
        keywords.sort(Comparator.comparingInt((Keyword k) -> k.word().length()).reversed());
        return List.copyOf(keywords);
    }
}
