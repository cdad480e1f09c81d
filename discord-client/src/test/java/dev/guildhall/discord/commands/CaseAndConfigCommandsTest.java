package dev.guildhall.discord.commands;

import dev.guildhall.discord.Json;
import dev.guildhall.discord.api.ApiRequest;
import dev.guildhall.discord.api.Operation;
import dev.guildhall.discord.format.View;
import net.dv8tion.jda.api.Permission;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CaseAndConfigCommandsTest {

    final CaseCommands cases = new CaseCommands();
    final ConfigCommands config = new ConfigCommands();
    final PlayerCommands players = new PlayerCommands();

    @Test
    void caseCommands() {
        assertThat(plan(cases.handle(MapInput.command("case").with("number", 12L))).first())
                .isEqualTo(ApiRequest.of(Operation.GET_CASE, Map.of("server", "discord:9", "number", "12")));
        ApiRequest list = plan(cases.handle(MapInput.command("cases").with("user", 2L).with("type", "ban"))).first();
        assertThat(list.op()).isEqualTo(Operation.LIST_CASES);
        assertThat(list.query()).isEqualTo(Map.of("target", "discord:2", "type", "ban"));
        Reply.Plan reason = plan(cases.handle(MapInput.command("reason").with("number", 3L).with("reason", "new")));
        assertThat(reason.first()).isEqualTo(ApiRequest.of(Operation.PATCH_CASE,
                Map.of("server", "discord:9", "number", "3"), Json.obj("reason", "new")));
        assertThat(reason.ephemeral()).isTrue();
    }

    @Test
    void configSubcommandsBecomeMergePatchesWithOnlyWhatWasSet() {
        assertThat(Json.parse(plan(config.handle(MapInput.command("config", "modlog").with("channel", 77L))).first().body().toString())).isEqualTo(Json.parse("{\"modLogChannel\":\"77\"}"));
        assertThat(Json.parse(plan(config.handle(MapInput.command("config", "automod").with("enabled", true)
                .with("banned-words", "foo, bar,,").with("max-mentions", 5L))).first().body().toString())).isEqualTo(Json.parse("{\"automod\":{\"enabled\":true,\"bannedWords\":[\"foo\",\"bar\"],\"maxMentions\":5}}"));
        assertThat(Json.parse(plan(config.handle(MapInput.command("config", "cooldown").with("war-create", "off"))).first()
                .body().toString())).isEqualTo(Json.parse("{\"cooldowns\":{\"warCreate\":null}}"));
        assertThat(plan(config.handle(MapInput.command("config", "show"))).first().op())
                .isEqualTo(Operation.GET_SERVER_CONFIG);
    }

    @Test
    void escalationAddAppendsToTheCurrentSteps() {
        Reply.Plan plan = plan(config.handle(MapInput.command("config", "escalation", "add").with("warns", 5L)
                .with("within-days", 30L).with("action", "ban")));
        assertThat(plan.first().op()).isEqualTo(Operation.GET_SERVER_CONFIG);
        ApiRequest patch = plan.then().apply(Json.parse(
                "{\"escalation\":[{\"warns\":3,\"withinDays\":30,\"action\":\"timeout\",\"duration\":\"1h\"}]}"));
        assertThat(patch.op()).isEqualTo(Operation.PATCH_SERVER_CONFIG);
        assertThat(Json.parse(patch.body().toString())).isEqualTo(Json.parse("""
                {"escalation":[{"warns":3,"withinDays":30,"action":"timeout","duration":"1h"},
                               {"warns":5,"withinDays":30,"action":"ban"}]}"""));
    }

    @Test
    void configNeedsManageServer() {
        assertThat(config.commands().get(0).getDefaultPermissions().getPermissionsRaw())
                .isEqualTo(Permission.getRaw(Permission.MANAGE_SERVER));
    }

    @Test
    void leaderboardAndProfile() {
        Reply.Plan lb = plan(players.handle(MapInput.command("leaderboard").with("game", "chess")));
        assertThat(lb.first().query()).isEqualTo(Map.of("game", "chess"));
        assertThat(lb.view()).isEqualTo(View.LEADERBOARD);
        assertThat(plan(players.handle(MapInput.command("profile"))).first().path())
                .isEqualTo(Map.of("server", "discord:9", "user", "discord:1"));
        assertThat(plan(players.handle(MapInput.command("profile").with("user", 4L))).first().pathParam("user"))
                .isEqualTo("discord:4");
    }

    static Reply.Plan plan(Reply r) {
        return (Reply.Plan) r;
    }
}
