package dev.guildhall.automod;

import dev.guildhall.server.ServerConfig;
import dev.guildhall.server.ServerConfig.Automod;
import dev.guildhall.server.ServerConfig.Window;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The rule engine on its own: no Quarkus, no HTTP, no database. */
class AutomodRulesTest {

    private static Automod config(List<String> words, boolean invites, List<String> links, Integer mentions, Double caps,
                                  List<String> regexes, Window dup, Window rate) {
        Automod d = ServerConfig.DEFAULT.automod();
        return new Automod(true, words, invites, links, mentions, dup, rate, caps, regexes, List.of("mods"), List.of("bots"),
                d.action(), d.timeout());
    }

    private static Optional<String> rule(AutomodRules rules, String text) {
        return rules.content(new AutomodRules.Message("1", List.of(), text, 0)).map(AutomodRules.Hit::rule);
    }

    @Test
    void contentRulesInOrder() {
        AutomodRules rules = new AutomodRules(config(List.of("darn"), true, List.of("example.com"), 2, 0.8,
                List.of("(?i)buy\\s+now"), null, null));
        assertThat(rule(rules, "darn it")).contains("banned_words");
        assertThat(rule(rules, "discord.gg/xyz")).contains("invite_links");
        assertThat(rule(rules, "https://example.com/a and https://sub.example.com")).isEmpty();
        assertThat(rule(rules, "https://other.org")).contains("links");
        assertThat(rule(rules, "<@1> <@2> <@3>")).contains("mention_spam");
        assertThat(rule(rules, "THIS IS REALLY LOUD")).contains("caps");
        assertThat(rule(rules, "BUY   now")).contains("regex");
        assertThat(rule(rules, "a calm sentence")).isEmpty();
        assertThat(rules.exempt(new AutomodRules.Message("bots", List.of(), "darn", 0))).isTrue();
        assertThat(rules.exempt(new AutomodRules.Message("1", List.of("x", "mods"), "darn", 0))).isTrue();
        assertThat(rules.exempt(new AutomodRules.Message("1", List.of("x"), "darn", 0))).isFalse();
    }

    @Test
    void everySpellingOfAnInviteOrMentionPassesTheLiteralCheck() {
        AutomodRules rules = new AutomodRules(config(List.of(), true, null, 2, null, List.of(), null, null));
        for (String invite : List.of("discord.gg/abc", "DiscordApp.com/invite/abc", "discord (dot) gg / abc", "discord [dot] io/ab",
                "dsc.gg/abc", "invite . gg/abc", "join.slack.com/t/abc", "ｄｉｓｃｏｒｄ.ｇｇ/ａｂｃ")) {
            assertThat(rule(rules, "come to " + invite)).as(invite).contains("invite_links");
        }
        for (String mentions : List.of("<@1> <@!2> <@&3>", "@everyone @here hi @here", "<!channel> <!here> <!everyone>", "<@U1> <@U2> <@U3>")) {
            assertThat(rule(rules, mentions)).as(mentions).contains("mention_spam");
        }
        assertThat(rule(rules, "discord is fun, join us at the gg tonight")).isEmpty();
        assertThat(rule(rules, "mail me at a@b.c or d@e.f")).isEmpty();
        assertThat(AutomodRules.mayHoldInvite("gg everyone, that was close")).isFalse();
        assertThat(AutomodRules.mayHoldMention("no one to ping here")).isFalse();
    }

    @Test
    void catastrophicPatternsFinishFast() {
        AutomodRules rules = new AutomodRules(config(List.of(), false, null, null, null,
                List.of("(a+)+$", "(x+x+)+y", "(.*a){25}z"), null, null));
        long start = System.nanoTime();
        assertThat(rule(rules, "a".repeat(40_000) + "!")).isEmpty();
        assertThat(rule(rules, "x".repeat(40_000))).isEmpty();
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(1500);
    }

    @Test
    void spamThresholdsAreExceededNotReached() {
        AutomodRules rules = new AutomodRules(config(List.of(), false, null, null, null, List.of(),
                new Window(3, 30), new Window(5, 10)));
        assertThat(rules.countsMessages()).isTrue();
        assertThat(rules.spam(3, 5)).isEmpty();
        assertThat(rules.spam(4, 1)).get().extracting(AutomodRules.Hit::rule).isEqualTo("duplicate_spam");
        assertThat(rules.spam(1, 6)).get().extracting(AutomodRules.Hit::rule).isEqualTo("rate_spam");
    }

    @Test
    void duplicatesAreRecognisedAfterNormalisation() {
        assertThat(AutomodRules.contentHash("Hello  World")).isEqualTo(AutomodRules.contentHash("hello w\u200Borld"));
        assertThat(AutomodRules.contentHash("hello world")).isNotEqualTo(AutomodRules.contentHash("hello there"));
        assertThat(AutomodRules.capsRatio("OK")).isZero();
        assertThat(AutomodRules.host("https://User@WWW.Example.com:8443/path?q")).isEqualTo("example.com");
    }
}
