package dev.guildhall.discord.commands;

import dev.guildhall.discord.Json;
import dev.guildhall.discord.api.Operation;
import dev.guildhall.discord.format.View;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ModerationCommandsTest {

    final ModerationCommands mod = new ModerationCommands();

    @Test
    void banBecomesACaseWithTheTargetsHierarchyFacts() {
        // GIVEN /ban user:@2 reason:spam duration:7d delete-days:1 where @2 is a member with top role 3
        MapInput in = MapInput.command("ban").member("user", 2, false, 3).with("reason", "spam")
                .with("duration", "7d").with("delete-days", 1L);
        // WHEN
        Reply.Plan plan = (Reply.Plan) mod.handle(in);
        // THEN
        assertThat(plan.first().op()).isEqualTo(Operation.CREATE_CASE);
        assertThat(plan.first().path()).isEqualTo(Map.of("server", "discord:9"));
        assertThat(Json.parse(plan.first().body().toString())).isEqualTo(Json.parse("""
                {"type":"ban","target":{"user":"discord:2","owner":false,"topRole":3},"reason":"spam",
                 "duration":"7d","deleteMessageDays":1}"""));
        assertThat(plan.view()).isEqualTo(View.CASE);
        assertThat(plan.ephemeral()).isFalse();
    }

    @Test
    void unbanOfSomeoneNoLongerInTheServerSendsOnlyTheUser() {
        Reply.Plan plan = (Reply.Plan) mod.handle(MapInput.command("unban").with("user", 2L));
        assertThat(Json.parse(plan.first().body().toString())).isEqualTo(Json.parse("{\"type\":\"unban\",\"target\":{\"user\":\"discord:2\"}}"));
    }

    @Test
    void noteTextIsTheReasonAndTheAnswerIsEphemeral() {
        Reply.Plan plan = (Reply.Plan) mod.handle(MapInput.command("note").member("user", 2, false, 0)
                .with("text", "watch them"));
        assertThat(plan.first().body().path("type").asText()).isEqualTo("note");
        assertThat(plan.first().body().path("reason").asText()).isEqualTo("watch them");
        assertThat(plan.ephemeral()).isTrue();
    }

    @Test
    void timeoutAndWarnAndKick() {
        assertThat(((Reply.Plan) mod.handle(MapInput.command("timeout").member("user", 2, false, 0)
                .with("duration", " 1h ").with("reason", "calm"))).first().body().path("duration").asText())
                .isEqualTo("1h");
        assertThat(((Reply.Plan) mod.handle(MapInput.command("warn").member("user", 2, false, 0)
                .with("reason", "r"))).first().body().path("type").asText()).isEqualTo("warn");
        assertThat(((Reply.Plan) mod.handle(MapInput.command("kick").member("user", 2, true, 9)))
                .first().body().path("target").path("owner").asBoolean()).isTrue();
    }

    @Test
    void moderatorCommandsAreHiddenFromMembersWithoutThePermission() {
        Map<String, Long> expected = Map.of(
                "warn", Permission.getRaw(Permission.MODERATE_MEMBERS),
                "timeout", Permission.getRaw(Permission.MODERATE_MEMBERS),
                "note", Permission.getRaw(Permission.MODERATE_MEMBERS),
                "kick", Permission.getRaw(Permission.KICK_MEMBERS),
                "ban", Permission.getRaw(Permission.BAN_MEMBERS),
                "unban", Permission.getRaw(Permission.BAN_MEMBERS));
        for (SlashCommandData c : mod.commands()) {
            assertThat(c.getDefaultPermissions().getPermissionsRaw()).as(c.getName())
                    .isEqualTo(expected.get(c.getName()));
        }
        assertThat(mod.commands()).hasSize(6);
    }
}
