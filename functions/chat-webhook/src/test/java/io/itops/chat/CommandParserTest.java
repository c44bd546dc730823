package io.itops.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.itops.chat.CommandParser.Kind;
import io.itops.chat.CommandParser.Parsed;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class CommandParserTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            help                                  | help          |                        | en
            帮助                                  | help          |                        | zh
            link                                  | link          |                        | en
            绑定                                  | link          |                        | zh
            my assets                             | my-assets     |                        | en
            My  Assets                            | my-assets     |                        | en
            我的设备                              | my-assets     |                        | zh
            asset LT-0001                         | asset         | LT-0001                | en
            设备 LT-0001                          | asset         | LT-0001                | zh
            设备LT-0001                           | asset         | LT-0001                | zh
            设备　ＬＴ－０００１                  | asset         | LT-0001                | zh
            report fault LT-0001 screen flickers  | report-fault  | LT-0001;screen flickers| en
            报修 LT-0001 屏幕闪烁                 | report-fault  | LT-0001;屏幕闪烁       | zh
            report fault LT-0001 屏幕闪烁         | report-fault  | LT-0001;屏幕闪烁       | zh
            courses                               | courses       |                        | en
            课程                                  | courses       |                        | zh
            enrol 01JDSESSION                     | enrol         | 01JDSESSION            | en
            enroll 01JDSESSION                    | enrol         | 01JDSESSION            | en
            报名 01JDSESSION                      | enrol         | 01JDSESSION            | zh
            cancel 01JDSESSION                    | cancel        | 01JDSESSION            | en
            取消 01JDSESSION                      | cancel        | 01JDSESSION            | zh
            my training                           | my-training   |                        | en
            我的培训                              | my-training   |                        | zh
            backup status                         | backup-status |                        | en
            备份状态                              | backup-status |                        | zh
            scan SRV-0042                         | scan          | SRV-0042               | en
            扫描 SRV-0042                         | scan          | SRV-0042               | zh
            findings                              | findings      |                        | en
            漏洞                                  | findings      |                        | zh
            help me VPN does not connect          | help-me       | VPN does not connect   | en
            Help Me  printer jams                 | help-me       | printer jams           | en
            求助 VPN 连不上                       | help-me       | VPN 连不上             | zh
            求助打印机卡纸                        | help-me       | 打印机卡纸             | zh
            report phishing mail asks my password | report-phishing | mail asks my password | en
            报告钓鱼 假冒 IT 的邮件               | report-phishing | 假冒 IT 的邮件       | zh
            my tickets                            | my-tickets    |                        | en
            我的工单                              | my-tickets    |                        | zh
            """)
    void everyCommandInBothLanguages(String text, String command, String args, String language) {
        Parsed parsed = CommandParser.parse(text);
        assertEquals(Kind.COMMAND, parsed.kind(), text);
        assertEquals(command, parsed.spec().command);
        assertEquals(args == null ? List.of() : List.of(args.split(";")), parsed.args());
        assertEquals(language, parsed.language());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            asset                   | asset        | en
            设备                    | asset        | zh
            report fault LT-1       | report-fault | en
            报修                    | report-fault | zh
            enrol                   | enrol        | en
            扫描 两个 参数          | scan         | zh
            asset LT-1 LT-2         | asset        | en
            help me                 | help-me      | en
            求助                    | help-me      | zh
            report phishing         | report-phishing | en
            """)
    void aCommandWithoutItsArgument_isMissingIt(String text, String command, String language) {
        Parsed parsed = CommandParser.parse(text);
        assertEquals(Kind.MISSING_ARGUMENT, parsed.kind(), text);
        assertEquals(command, parsed.spec().command);
        assertEquals(language, parsed.language());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            hello there         | en
            assets              | en
            你好                | zh
            what is 漏洞        | zh
            courses please      | en
            """)
    void unknownText_isNotUnderstood_inTheLanguageUsed(String text, String language) {
        Parsed parsed = CommandParser.parse(text);
        assertEquals(Kind.UNKNOWN, parsed.kind(), text);
        assertEquals(language, parsed.language());
    }

    @Test
    void emptyTextIsHelp_andControlCharactersAndSpacesAreFolded() {
        assertEquals("help", CommandParser.parse("   ").spec().command);
        assertEquals("my assets", CommandParser.normalise("  my\t\u0000 assets \n"));
        assertEquals(List.of("LT-1", "a b"), CommandParser.parse("report fault LT-1   a\u0007b").args());
    }

    @Test
    void aFaultDescriptionIsBounded() {
        assertEquals(Kind.COMMAND, CommandParser.parse("report fault LT-1 " + "x".repeat(CommandParser.MAX_DESCRIPTION)).kind());
        assertEquals(Kind.MISSING_ARGUMENT, CommandParser.parse("report fault LT-1 " + "x".repeat(CommandParser.MAX_DESCRIPTION + 1)).kind());
    }

    @Test
    void onlyHelpAndLinkAreAnsweredByTheWebhookItself() {
        for (CommandParser.Spec spec : CommandParser.Spec.values()) {
            assertEquals(spec == CommandParser.Spec.HELP || spec == CommandParser.Spec.LINK, spec.local(), spec.command);
        }
    }
}
