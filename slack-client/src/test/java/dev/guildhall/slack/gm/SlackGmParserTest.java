package dev.guildhall.slack.gm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every /gm command as Slack sends it (mentions escaped), and every way of getting one wrong. */
class SlackGmParserTest {

    private final GmParser parser = new GmParser();

    private GmCommand parse(String text) {
        return parser.parse(text);
    }

    @Test
    void emptyTextAndHelp() {
        assertThat(parse("")).isEqualTo(new GmCommand.Help(null));
        assertThat(parse("   ")).isEqualTo(new GmCommand.Help(null));
        assertThat(parse("help")).isEqualTo(new GmCommand.Help(null));
        assertThat(parse("HELP War")).isEqualTo(new GmCommand.Help("war"));
        for (GmUsage.Entry e : GmUsage.all()) {
            assertThat(parse("help " + e.name())).isEqualTo(new GmCommand.Help(e.name()));
        }
    }

    @Test
    void warWithEverything() {
        assertThat(parse("war <@U111|ann> vs <@U222|bob> game:chess ft3 12h"))
                .isEqualTo(new GmCommand.CreateWar(List.of("U111"), List.of("U222"), "chess", "ft3", "12h"));
    }

    @Test
    void warTeamsOptionsInAnyOrderAndDefaultsLeftToCoreApi() {
        assertThat(parse("war <@U1> <@U2> VS <@U3> <@W4> 7d FT5 game:go"))
                .isEqualTo(new GmCommand.CreateWar(List.of("U1", "U2"), List.of("U3", "W4"), "go", "ft5", "7d"));
        assertThat(parse("war <@U1> vs <@U2> game:chess"))
                .isEqualTo(new GmCommand.CreateWar(List.of("U1"), List.of("U2"), "chess", null, null));
    }

    @Test
    void everyPlayerCommand() {
        assertThat(parse("accept 3f0c5f0e-2d0a")).isEqualTo(new GmCommand.WarAction(GmCommand.WarAction.Verb.ACCEPT, "3f0c5f0e-2d0a"));
        assertThat(parse("decline w1")).isEqualTo(new GmCommand.WarAction(GmCommand.WarAction.Verb.DECLINE, "w1"));
        assertThat(parse("cancel w1")).isEqualTo(new GmCommand.WarAction(GmCommand.WarAction.Verb.CANCEL, "w1"));
        assertThat(parse("report w1 <@U2|bob>")).isEqualTo(new GmCommand.Report("w1", "U2", null, null));
        assertThat(parse("report w1 win")).isEqualTo(new GmCommand.Report("w1", null, true, null));
        assertThat(parse("report w1 LOSS")).isEqualTo(new GmCommand.Report("w1", null, false, null));
        assertThat(parse("report w1 side:2")).isEqualTo(new GmCommand.Report("w1", null, null, 1));
        assertThat(parse("confirm w1 2")).isEqualTo(new GmCommand.RoundAction(GmCommand.RoundAction.Verb.CONFIRM, "w1", 2));
        assertThat(parse("dispute w1 #3")).isEqualTo(new GmCommand.RoundAction(GmCommand.RoundAction.Verb.DISPUTE, "w1", 3));
        assertThat(parse("status w1")).isEqualTo(new GmCommand.Status("w1"));
        assertThat(parse("list")).isEqualTo(new GmCommand.ListWars(null));
        assertThat(parse("list active")).isEqualTo(new GmCommand.ListWars("ACTIVE"));
        assertThat(parse("leaderboard")).isEqualTo(new GmCommand.Leaderboard(null));
        assertThat(parse("leaderboard chess")).isEqualTo(new GmCommand.Leaderboard("chess"));
        assertThat(parse("leaderboard game:chess")).isEqualTo(new GmCommand.Leaderboard("chess"));
        assertThat(parse("profile")).isEqualTo(new GmCommand.Profile(null));
        assertThat(parse("profile <@U9>")).isEqualTo(new GmCommand.Profile("U9"));
    }

    @Test
    void everyModeratorCommand() {
        assertThat(parse("warn <@U2|bob> spamming links in <#C1|general>"))
                .isEqualTo(new GmCommand.Moderate("warn", "U2", null, null, "spamming links in <#C1|general>"));
        assertThat(parse("warn <@U2>")).isEqualTo(new GmCommand.Moderate("warn", "U2", null, null, null));
        assertThat(parse("timeout <@U2> 1h cool down")).isEqualTo(new GmCommand.Moderate("timeout", "U2", "1h", null, "cool down"));
        assertThat(parse("kick <@U2> trolling")).isEqualTo(new GmCommand.Moderate("kick", "U2", null, null, "trolling"));
        assertThat(parse("ban <@U2> 7d delete:1 spam")).isEqualTo(new GmCommand.Moderate("ban", "U2", "7d", 1, "spam"));
        assertThat(parse("ban <@U2> delete:2 7d")).isEqualTo(new GmCommand.Moderate("ban", "U2", "7d", 2, null));
        assertThat(parse("ban <@U2> for good")).isEqualTo(new GmCommand.Moderate("ban", "U2", null, null, "for good"));
        assertThat(parse("unban <@U2> appeal accepted")).isEqualTo(new GmCommand.Moderate("unban", "U2", null, null, "appeal accepted"));
        assertThat(parse("note <@U2> was warned in DMs")).isEqualTo(new GmCommand.Moderate("note", "U2", null, null, "was warned in DMs"));
        assertThat(parse("case 12")).isEqualTo(new GmCommand.ShowCase(12));
        assertThat(parse("case #12")).isEqualTo(new GmCommand.ShowCase(12));
        assertThat(parse("cases")).isEqualTo(new GmCommand.ListCases(null));
        assertThat(parse("cases <@U2>")).isEqualTo(new GmCommand.ListCases("U2"));
        assertThat(parse("reason 12 spam in general")).isEqualTo(new GmCommand.Reason(12, "spam in general"));
    }

    @Test
    void config() {
        assertThat(parse("config")).isEqualTo(new GmCommand.Config(null, null, false));
        assertThat(parse("config show")).isEqualTo(new GmCommand.Config(null, null, false));
        assertThat(parse("config set automod.enabled true")).isEqualTo(new GmCommand.Config("automod.enabled", true, false));
        assertThat(parse("config set automod.maxMentions 5")).isEqualTo(new GmCommand.Config("automod.maxMentions", 5, false));
        assertThat(parse("config set automod.capsRatio 0.7")).isEqualTo(new GmCommand.Config("automod.capsRatio", 0.7, false));
        assertThat(parse("config set modLogChannel <#C042|mod-log>")).isEqualTo(new GmCommand.Config("modLogChannel", "C042", false));
        assertThat(parse("config set automod.bannedWords foo,bar"))
                .isEqualTo(new GmCommand.Config("automod.bannedWords", List.of("foo", "bar"), false));
        assertThat(parse("config set automod.bannedWords [badword]"))
                .isEqualTo(new GmCommand.Config("automod.bannedWords", List.of("badword"), false));
        assertThat(parse("config set automod.exemptChannels <#C1|a>,<#C2|b>"))
                .isEqualTo(new GmCommand.Config("automod.exemptChannels", List.of("C1", "C2"), false));
        assertThat(parse("config set welcome.template Welcome {user}!"))
                .isEqualTo(new GmCommand.Config("welcome.template", "Welcome {user}!", false));
        assertThat(parse("config reset automod")).isEqualTo(new GmCommand.Config("automod", null, true));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            fight @ann                                   | fight              | help
            war <@U1> <@U2> game:chess                   | vs                 | war
            war vs <@U2> game:chess                      | players before vs  | war
            war <@U1> vs game:chess                      | players after vs   | war
            war <@U1> vs <@U2>                           | game:<name>        | war
            war <@U1> vs <@U2> vs <@U3> game:chess       | vs                 | war
            war @ann vs <@U2> game:chess                 | @ann               | war
            war <@U1> vs <@U2> game:                     | game:              | war
            war <@U1> vs <@U2> game:chess ftx            | ftx                | war
            war <@U1> vs <@U2> game:chess tomorrow       | tomorrow           | war
            accept                                       | war id             | accept
            accept w1 now                                | now                | accept
            accept <@U1>                                 | <@U1>              | accept
            report w1                                    | winner             | report
            report w1 maybe                              | maybe              | report
            report w1 side:3                             | side:3             | report
            confirm w1                                   | round              | confirm
            confirm w1 two                               | two                | confirm
            dispute w1 2 3                               | 3                  | dispute
            status                                       | war id             | status
            list soon                                    | soon               | list
            leaderboard chess go                         | go                 | leaderboard
            profile bob                                  | bob                | profile
            profile @bob                                 | @bob               | profile
            warn                                         | @member            | warn
            warn bob spam                                | bob                | warn
            timeout <@U2>                                | duration           | timeout
            timeout <@U2> soon                           | soon               | timeout
            kick @bob                                    | @bob               | kick
            ban bob                                      | bob                | ban
            ban <@U2> delete:x                           | delete:x           | ban
            unban                                        | @member            | unban
            note <@U2>                                   | text               | note
            case                                         | case number        | case
            case twelve                                  | twelve             | case
            cases bob                                    | bob                | cases
            reason 12                                    | text               | reason
            reason x spam                                | x                  | reason
            config frobnicate                            | frobnicate         | config
            config set                                   | setting            | config
            config set automod..enabled true             | automod..enabled   | config
            config set automod.enabled                   | value              | config
            config reset automod extra                   | extra              | config
            help fight                                   | fight              | help
            """)
    void malformedCommandsSayWhichPartAndGiveAnExample(String text, String part, String command) {
        assertThatThrownBy(() -> parse(text))
                .isInstanceOfSatisfying(GmSyntaxException.class, e -> {
                    assertThat(e.part()).contains(part);
                    assertThat(e.problem()).isNotBlank();
                    assertThat(e.example()).startsWith("/gm ");
                    if (!command.equals("help")) {
                        assertThat(e.command()).isEqualTo(command);
                        assertThat(e.example()).isEqualTo(GmUsage.example(command));
                    }
                });
    }

    @Test
    void everyExampleInTheHelpParses() {
        for (GmUsage.Entry e : GmUsage.all()) {
            String text = e.example().substring("/gm ".length())
                    .replace("@ann", "<@U111|ann>").replace("@bob", "<@U222|bob>");
            assertThat(parse(text)).as(e.example()).isNotNull();
        }
    }
}
