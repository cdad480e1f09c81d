package dev.guildhall.discord.commands;

import dev.guildhall.discord.Json;
import dev.guildhall.discord.api.Operation;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LegacyGrammarTest {

    @Test
    void theGmbotExampleBecomesAWar() {
        Reply r = LegacyGrammar.parse("gmbot createwar -players <@11> <@!22> -game 4 -type ft3 -duration 12", 9, 1);
        Reply.Plan plan = (Reply.Plan) r;
        assertThat(plan.first().op()).isEqualTo(Operation.CREATE_WAR);
        assertThat(plan.first().path()).isEqualTo(Map.of("server", "discord:9"));
        assertThat(Json.parse(plan.first().body().toString())).isEqualTo(Json.parse("""
                {"game":"4","format":"ft3","duration":"12h","sides":[["discord:11"],["discord:22"]]}"""));
    }

    @Test
    void oneMentionIsTheAuthorAgainstThem() {
        Reply.Plan plan = (Reply.Plan) LegacyGrammar.parse("GMBOT createwar -players <@22> -game chess", 9, 1);
        assertThat(plan.first().body().path("sides").toString()).isEqualTo("[[\"discord:1\"],[\"discord:22\"]]");
        assertThat(plan.first().body().path("format").asText()).isEqualTo("ft3");
        assertThat(plan.first().body().has("duration")).isFalse();
    }

    @Test
    void teamsAreSplitWithVs() {
        Reply.Plan plan = (Reply.Plan) LegacyGrammar.parse(
                "gmbot createwar -players <@1> <@2> vs <@3> <@4> -type 5 -duration 30m -game go", 9, 1);
        assertThat(plan.first().body().path("sides").toString())
                .isEqualTo("[[\"discord:1\",\"discord:2\"],[\"discord:3\",\"discord:4\"]]");
        assertThat(plan.first().body().path("format").asText()).isEqualTo("ft5");
        assertThat(plan.first().body().path("duration").asText()).isEqualTo("30m");
    }

    @Test
    void mistakesGetAUsageHint() {
        assertThat(LegacyGrammar.parse("gmbot", 9, 1)).isInstanceOf(Reply.Text.class);
        assertThat(LegacyGrammar.parse("gmbot dance", 9, 1)).isInstanceOf(Reply.Text.class);
        assertThat(((Reply.Text) LegacyGrammar.parse("gmbot createwar -game 4", 9, 1)).text()).contains("-players");
        assertThat(((Reply.Text) LegacyGrammar.parse("gmbot createwar -players bob <@2>", 9, 1)).text())
                .contains("not a mention");
        assertThat(((Reply.Text) LegacyGrammar.parse("gmbot createwar -players <@1> <@2> <@3>", 9, 1)).text())
                .contains("vs");
    }

    @Test
    void otherVerbs() {
        assertThat(((Reply.Plan) LegacyGrammar.parse("gmbot accept w1", 9, 1)).first().path())
                .isEqualTo(Map.of("id", "w1"));
        assertThat(((Reply.Plan) LegacyGrammar.parse("gmbot leaderboard -game chess", 9, 1)).first().query())
                .isEqualTo(Map.of("game", "chess"));
        Reply.Plan report = (Reply.Plan) LegacyGrammar.parse("gmbot report w1 -winner <@2>", 9, 1);
        assertThat(report.then().apply(Json.parse(
                "{\"sides\":[{\"players\":[{\"user\":\"discord:1\"}]},{\"players\":[{\"user\":\"discord:2\"}]}]}"))
                .body().path("winner").asInt()).isEqualTo(1);
    }

    @Test
    void onlyGmbotMessagesMatch() {
        assertThat(LegacyGrammar.matches("gmbot createwar")).isTrue();
        assertThat(LegacyGrammar.matches("  Gmbot help")).isTrue();
        assertThat(LegacyGrammar.matches("gmbotx")).isFalse();
        assertThat(LegacyGrammar.matches("hello gmbot")).isFalse();
    }
}
