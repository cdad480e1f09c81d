package dev.guildhall.discord.commands;

import dev.guildhall.discord.Json;
import dev.guildhall.discord.api.ApiRequest;
import dev.guildhall.discord.api.Operation;
import dev.guildhall.discord.format.View;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class WarCommandsTest {

    final WarCommands war = new WarCommands();

    @Test
    void createPutsTheActorAndTeammatesOnOneSideAndOpponentsOnTheOther() {
        // GIVEN /war create opponent:@2 game:chess first-to:5 duration:12h teammate-2:@3 opponent-2:@4
        MapInput in = MapInput.command("war", "create").with("opponent", 2L).with("game", "chess")
                .with("first-to", 5L).with("duration", "12h").with("teammate-2", 3L).with("opponent-2", 4L);
        // WHEN
        Reply.Plan plan = (Reply.Plan) war.handle(in);
        // THEN
        assertThat(plan.first().op()).isEqualTo(Operation.CREATE_WAR);
        assertThat(plan.first().path()).isEqualTo(Map.of("server", "discord:9"));
        assertThat(Json.parse(plan.first().body().toString())).isEqualTo(Json.parse("""
                {"game":"chess","format":"ft5","duration":"12h",
                 "sides":[["discord:1","discord:3"],["discord:2","discord:4"]]}"""));
        assertThat(plan.view()).isEqualTo(View.WAR);
        assertThat(plan.ephemeral()).isFalse();
    }

    @Test
    void createDefaultsToFirstToThreeAndLeavesDurationToCoreApi() {
        Reply.Plan plan = (Reply.Plan) war.handle(MapInput.command("war", "create").with("opponent", 2L)
                .with("game", "go"));
        assertThat(plan.first().body().path("format").asText()).isEqualTo("ft3");
        assertThat(plan.first().body().has("duration")).isFalse();
    }

    @Test
    void simpleWarCallsNameTheWar() {
        assertThat(call(MapInput.command("war", "accept").with("war", " w1 "))).isEqualTo(
                ApiRequest.of(Operation.ACCEPT_WAR, Map.of("id", "w1"), Json.obj()));
        assertThat(call(MapInput.command("war", "status").with("war", "w1")).op()).isEqualTo(Operation.GET_WAR);
        assertThat(call(MapInput.command("war", "confirm").with("war", "w1").with("round", 2L)).path())
                .isEqualTo(Map.of("id", "w1", "n", "2"));
        assertThat(call(MapInput.command("war", "dispute").with("war", "w1").with("round", 1L)).op())
                .isEqualTo(Operation.DISPUTE_ROUND);
        assertThat(call(MapInput.command("war", "cancel").with("war", "w1")).op()).isEqualTo(Operation.CANCEL_WAR);
        assertThat(call(MapInput.command("war", "decline").with("war", "w1")).op()).isEqualTo(Operation.DECLINE_WAR);
    }

    @Test
    void listPassesFilters() {
        ApiRequest r = call(MapInput.command("war", "list").with("status", "ACTIVE").with("player", 5L));
        assertThat(r.op()).isEqualTo(Operation.LIST_WARS);
        assertThat(r.query()).isEqualTo(Map.of("status", "ACTIVE", "player", "discord:5"));
    }

    @Test
    void reportReadsTheWarAndSendsTheWinnersSide() {
        Reply.Plan plan = (Reply.Plan) war.handle(MapInput.command("war", "report").with("war", "w1")
                .with("winner", 4L));
        assertThat(plan.first()).isEqualTo(ApiRequest.of(Operation.GET_WAR, Map.of("id", "w1")));
        ApiRequest second = plan.then().apply(Json.parse("""
                {"id":"w1","sides":[{"players":[{"user":"discord:1"},{"user":"discord:3"}],"wins":0},
                                    {"players":[{"user":"discord:2"},{"user":"discord:4"}],"wins":0}]}"""));
        assertThat(second).isEqualTo(ApiRequest.of(Operation.REPORT_ROUND, Map.of("id", "w1"), Json.obj("winner", 1)));
    }

    @Test
    void reportForSomeoneOutsideTheWarLetsCoreApiRefuse() {
        Reply.Plan plan = (Reply.Plan) war.handle(MapInput.command("war", "report").with("war", "w1")
                .with("winner", 99L));
        ApiRequest second = plan.then().apply(Json.parse("{\"sides\":[{\"players\":[]},{\"players\":[]}]}"));
        assertThat(second.body().path("winner").asInt()).isEqualTo(-1);
    }

    @Test
    void buttonsCarryTheirStateInTheComponentId() {
        MapInput click = MapInput.command(null);
        assertThat(((Reply.Plan) war.handleButton(ComponentId.parse("war:accept:w1"), click)).first())
                .isEqualTo(ApiRequest.of(Operation.ACCEPT_WAR, Map.of("id", "w1"), Json.obj()));
        assertThat(((Reply.Plan) war.handleButton(ComponentId.parse("war:decline:w1"), click)).first().op())
                .isEqualTo(Operation.DECLINE_WAR);
        assertThat(((Reply.Plan) war.handleButton(ComponentId.parse("war:confirm:w1:3"), click)).first())
                .isEqualTo(ApiRequest.of(Operation.CONFIRM_ROUND, Map.of("id", "w1", "n", "3"), Json.obj()));
        assertThat(((Reply.Plan) war.handleButton(ComponentId.parse("war:dispute:w1:3"), click)).first().op())
                .isEqualTo(Operation.DISPUTE_ROUND);
        assertThat(war.handleButton(ComponentId.parse("war:confirm:w1"), click)).isInstanceOf(Reply.Text.class);
        assertThat(war.handleButton(ComponentId.parse("war:explode:w1"), click)).isInstanceOf(Reply.Text.class);
    }

    @Test
    void declaresEverySubcommand() {
        assertThat(war.commands()).hasSize(1);
        assertThat(war.commands().get(0).getSubcommands()).extracting(s -> s.getName())
                .containsExactlyInAnyOrder("create", "accept", "decline", "report", "confirm", "dispute", "status",
                        "list", "cancel");
    }

    private ApiRequest call(MapInput in) {
        return ((Reply.Plan) war.handle(in)).first();
    }
}
