package dev.guildhall.slack.commands;

import dev.guildhall.slack.core.CoreApiException;
import dev.guildhall.slack.core.CoreUnavailableException;
import dev.guildhall.slack.format.Buttons;
import dev.guildhall.slack.format.Reply;
import dev.guildhall.slack.support.Adapter;
import dev.guildhall.slack.support.FakeCoreApi;
import dev.guildhall.slack.support.FakeSlack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static dev.guildhall.slack.support.FakeCoreApi.json;
import static org.assertj.core.api.Assertions.assertThat;

/** The command families through the router, with a fake core-api and a fake Slack: what is sent, what is shown. */
class SlackCommandsTest {

    private static final String WAR = """
            {'id':'w1','server':'slack:T1','game':'chess','format':'ft3','winsNeeded':3,'status':'PENDING',
             'createdBy':'slack:U1','expiresAt':'2030-01-01T00:00:00Z',
             'sides':[{'players':[{'user':'slack:U1','accepted':true}],'wins':0},
                      {'players':[{'user':'slack:U2','accepted':false}],'wins':0}],
             'rounds':[],'winner':null,'ratingChanges':[]}""";

    private final FakeSlack slack = new FakeSlack();
    private final Adapter adapter = new Adapter(slack, Optional.of("S0MODS"));
    private final FakeCoreApi core = adapter.core;

    @AfterEach
    void close() {
        slack.close();
    }

    private Reply run(String text, String user, String trigger) {
        return adapter.router.handle(text, adapter.context(user, trigger));
    }

    private static String all(Reply r) {
        return r.text() + " " + (r.blocks() == null ? "" : r.blocks());
    }

    @Test
    void helpNeedsNeitherCoreApiNorSlack() {
        Reply r = run("help", "U1", "t1");
        assertThat(r.ephemeral()).isTrue();
        assertThat(all(r)).contains("/gm war").contains("/gm ban").contains("/gm config");
        assertThat(core.calls).isEmpty();
        assertThat(slack.received).isEmpty();
        assertThat(all(run("help ban", "U1", "t2"))).contains("ban @user [duration] [delete:<days>] [reason]")
                .contains("/gm ban @bob 7d delete:1 spam");
    }

    @Test
    void aMalformedCommandNamesThePartAndShowsAnExample() {
        Reply r = run("war <@U2> vs game:chess", "U1", "t1");
        assertThat(r.ephemeral()).isTrue();
        assertThat(all(r)).contains("players after vs").contains("Example").contains("/gm war @ann vs @bob game:chess ft3 12h");
        assertThat(core.calls).isEmpty();
    }

    @Test
    void theFirstCommandRegistersTheWorkspaceOnce() {
        core.answers = r -> r.op().equals("createWar") ? json(WAR) : json("{}");
        run("war <@U1> vs <@U2> game:chess ft3 12h", "U1", "t1");
        run("war <@U1> vs <@U2> game:chess ft3 12h", "U1", "t2");
        assertThat(core.ops()).containsExactly("registerServer", "createWar", "createWar");
        FakeCoreApi.Recorded reg = core.last("registerServer");
        assertThat(reg.args()).containsExactly("slack:T1", "acme");
        assertThat(reg.call().actorId()).isNull();
    }

    @Test
    void createWarSendsSidesActorAndTriggerAsIdempotencyKeyAndShowsACardWithButtons() {
        core.answers = r -> r.op().equals("createWar") ? json(WAR) : json("{}");
        Reply r = run("war <@U1|ann> vs <@U2|bob> game:chess ft3 12h", "U1", "trigger-77");
        FakeCoreApi.Recorded call = core.last("createWar");
        assertThat(call.arg(0)).isEqualTo("slack:T1");
        assertThat(call.arg(1)).isEqualTo(json("{'game':'chess','format':'ft3','duration':'12h','sides':[['slack:U1'],['slack:U2']]}"));
        assertThat(call.call().actorId()).isEqualTo("slack:U1");
        assertThat(call.call().idempotencyKey()).isEqualTo("trigger-77");
        assertThat(call.call().requestId()).isEqualTo("req-trigger-77");
        assertThat(call.call().permissions()).isEmpty();
        assertThat(r.ephemeral()).isFalse();
        assertThat(all(r)).contains("<@U1>").contains("<@U2>").contains(Buttons.ACCEPT).contains(Buttons.DECLINE);
    }

    @Test
    void workspaceAdminsOwnersAndTheModeratorGroupGetPermissions() {
        slack.standing.put("UADMIN", "admin");
        slack.standing.put("UBOSS", "primary");
        slack.moderatorGroup.add("UMOD");
        core.answers = r -> json("{'case':{'number':1,'type':'warn','target':'slack:U2'},'actions':[]}");
        run("warn <@U2> spam", "UADMIN", "a");
        assertThat(core.last("createCase").call().permissions()).contains("MANAGE_SERVER", "BAN_MEMBERS");
        assertThat(core.last("createCase").call().owner()).isFalse();
        run("warn <@U2> spam", "UBOSS", "b");
        assertThat(core.last("createCase").call().owner()).isTrue();
        assertThat(core.last("createCase").call().topRole()).isEqualTo(4);
        run("warn <@U2> spam", "UMOD", "c");
        assertThat(core.last("createCase").call().permissions())
                .containsExactlyInAnyOrder("MODERATE_MEMBERS", "KICK_MEMBERS", "BAN_MEMBERS", "MANAGE_MESSAGES");
        run("warn <@U2> spam", "UJOE", "d");
        assertThat(core.last("createCase").call().permissions()).isEmpty();
    }

    @Test
    void reportWinOrLossFindsTheActorsSide() {
        core.answers = r -> json(WAR.replace("PENDING", "ACTIVE"));
        run("report w1 win", "U2", "t1");
        assertThat(core.last("reportRound").args()).containsExactly("w1", 1);
        run("report w1 loss", "U2", "t2");
        assertThat(core.last("reportRound").args()).containsExactly("w1", 0);
        run("report w1 <@U1>", "U2", "t3");
        assertThat(core.last("reportRound").args()).containsExactly("w1", 0);
        run("report w1 side:2", "U1", "t4");
        assertThat(core.last("reportRound").args()).containsExactly("w1", 1);
        int reports = core.calls.stream().filter(c -> c.op().equals("reportRound")).toList().size();
        Reply outsider = run("report w1 win", "U9", "t5");
        assertThat(all(outsider)).contains("not playing");
        assertThat(core.calls.stream().filter(c -> c.op().equals("reportRound")).toList()).hasSize(reports);
    }

    @Test
    void buttonsTurnIntoTheSameCommands() {
        core.answers = r -> json(WAR.replace("PENDING", "ACTIVE"));
        var ctx = adapter.context("U2", "click-1");
        adapter.router.handle(Buttons.command(Buttons.ACCEPT, "w1").orElseThrow(), ctx);
        assertThat(core.last("warTransition").args()).containsExactly("w1", "accept");
        assertThat(core.last("warTransition").call().idempotencyKey()).isEqualTo("click-1");
        adapter.router.handle(Buttons.command(Buttons.CONFIRM, "w1:2").orElseThrow(), ctx);
        assertThat(core.last("roundTransition").args()).containsExactly("w1", 2, "confirm");
        adapter.router.handle(Buttons.command(Buttons.DISPUTE, "w1:3").orElseThrow(), ctx);
        assertThat(core.last("roundTransition").args()).containsExactly("w1", 3, "dispute");
        adapter.router.handle(Buttons.command(Buttons.REPORT + "1", "w1:1").orElseThrow(), ctx);
        assertThat(core.last("reportRound").args()).containsExactly("w1", 1);
        assertThat(Buttons.command("gm.unknown", "w1")).isEmpty();
        assertThat(Buttons.command(Buttons.CONFIRM, "w1")).isEmpty();
        assertThat(Buttons.command(Buttons.REPORT + "1", "w1:7")).isEmpty();
    }

    @Test
    void readsCarryNoIdempotencyKey() {
        core.answers = r -> switch (r.op()) {
            case "leaderboard" -> json("{'items':[{'rank':1,'user':'slack:U1','rating':1016,'wins':1,'losses':0,'played':1}],'nextCursor':null}");
            case "profile" -> json("{'user':'slack:U1','ratings':[{'game':'chess','rating':1016,'wins':1,'losses':0,'streak':1}],'recentWars':[]}");
            case "listWars" -> json("{'items':[" + WAR + "],'nextCursor':null}");
            default -> json(WAR);
        };
        Reply board = run("leaderboard chess", "U1", "t1");
        assertThat(core.last("leaderboard").args()).containsExactly("slack:T1", "chess");
        assertThat(core.last("leaderboard").call().idempotencyKey()).isNull();
        assertThat(all(board)).contains("<@U1>").contains("1016").contains("1W 0L");
        assertThat(all(run("profile", "U1", "t2"))).contains("chess").contains("1016");
        assertThat(core.last("profile").args()).containsExactly("slack:T1", "slack:U1");
        run("profile <@U2>", "U1", "t3");
        assertThat(core.last("profile").args()).containsExactly("slack:T1", "slack:U2");
        run("list active", "U1", "t4");
        assertThat(core.last("listWars").arg(1)).isEqualTo(Map.of("status", "ACTIVE"));
        Reply status = run("status w1", "U1", "t5");
        assertThat(status.ephemeral()).isTrue();
    }

    @Test
    void aBanSendsTheTargetsStandingAndCarriesOutTheReturnedActions() {
        slack.standing.put("UMODX", "admin");
        slack.standing.put("U2", "admin");
        core.answers = r -> r.op().equals("createCase") ? json("""
                {'case':{'number':12,'type':'ban','target':'slack:U2','moderator':'slack:UMODX','reason':'spam',
                         'automatic':false,'createdAt':'2026-01-01T00:00:00Z','expiresAt':'2026-01-08T00:00:00Z'},
                 'escalation':null,
                 'actions':[{'type':'ban','user':'slack:U2','deleteMessageDays':1,'reason':'spam'},
                            {'type':'dm','user':'slack:U2','text':'You were banned: spam'},
                            {'type':'log','channel':'CMODLOG','message':{'text':'U2 banned'}},
                            {'type':'timeout','user':'slack:U2','duration':'1h'}]}""") : json("{}");
        Reply r = run("ban <@U2> 7d delete:1 spam", "UMODX", "t1");
        FakeCoreApi.Recorded call = core.last("createCase");
        assertThat(call.arg(1)).isEqualTo(json("""
                {'type':'ban','target':{'user':'slack:U2','owner':false,'topRole':2},'reason':'spam',
                 'duration':'7d','deleteMessageDays':1}"""));
        assertThat(r.ephemeral()).isTrue();
        assertThat(all(r)).contains("Case #12").contains("spam");
        assertThat(slack.calls("conversations.kick").get(0).args().path("user").asText()).isEqualTo("U2");
        assertThat(slack.calls("conversations.kick").get(0).args().path("channel").asText()).isEqualTo("C1");
        assertThat(slack.calls("conversations.open").get(0).args().path("users").asText()).isEqualTo("U2");
        List<FakeSlack.Received> posts = slack.calls("chat.postMessage");
        assertThat(posts).extracting(p -> p.args().path("channel").asText()).containsExactly("DU2", "CMODLOG");
        assertThat(posts.get(0).args().path("text").asText()).isEqualTo("You were banned: spam");
        assertThat(adapter.metrics.counter("slack.actions", "type", "timeout", "outcome", "unsupported").count()).isEqualTo(1.0);
    }

    @Test
    void caseCasesReasonAndConfig() {
        core.answers = r -> switch (r.op()) {
            case "listCases" -> json("{'items':[{'number':3,'type':'warn','target':'slack:U2','reason':'spam'}],'nextCursor':null}");
            case "config", "patchConfig" -> json("{'automod':{'enabled':true},'modLogChannel':'C042'}");
            default -> json("{'number':3,'type':'warn','target':'slack:U2','reason':'new reason'}");
        };
        assertThat(all(run("case 3", "U1", "t1"))).contains("Case #3");
        assertThat(core.last("getCase").args()).containsExactly("slack:T1", 3);
        assertThat(all(run("cases <@U2>", "U1", "t2"))).contains("#3");
        assertThat(core.last("listCases").arg(1)).isEqualTo(Map.of("target", "slack:U2"));
        run("reason 3 new reason", "U1", "t3");
        assertThat(core.last("patchCase").args()).containsExactly("slack:T1", 3, json("{'reason':'new reason'}"));
        run("config set modLogChannel <#C042|mod-log>", "U1", "t4");
        assertThat(core.last("patchConfig").arg(1)).isEqualTo(json("{'modLogChannel':'C042'}"));
        run("config set automod.duplicateLimit.count 3", "U1", "t5");
        assertThat(core.last("patchConfig").arg(1)).isEqualTo(json("{'automod':{'duplicateLimit':{'count':3}}}"));
        run("config reset automod", "U1", "t6");
        assertThat(core.last("patchConfig").arg(1)).isEqualTo(json("{'automod':null}"));
        assertThat(all(run("config", "U1", "t7"))).contains("modLogChannel");
    }

    @Test
    void refusalsShowCoreApisReasonAndFieldErrors() {
        core.answers = r -> {
            if (r.op().equals("registerServer")) return json("{}");
            throw new CoreApiException(422, "Rule refused", "You cannot start a war against yourself",
                    List.of(new CoreApiException.FieldError("sides", "a player appears twice")));
        };
        Reply r = run("war <@U1> vs <@U1> game:chess", "U1", "t1");
        assertThat(r.ephemeral()).isTrue();
        assertThat(all(r)).contains("You cannot start a war against yourself").contains("sides").contains("a player appears twice");
    }

    @Test
    void aDeadCoreApiGetsAShortTryAgain() {
        core.answers = r -> {
            throw new CoreUnavailableException("connection refused", null);
        };
        Reply r = run("leaderboard", "U1", "t1");
        assertThat(r.ephemeral()).isTrue();
        assertThat(r.text()).contains("try again");
        assertThat(adapter.metrics.counter("slack.commands", "command", "leaderboard", "outcome", "unavailable").count())
                .isEqualTo(1.0);
    }

    @Test
    void slackTroubleReadingStandingMeansNoPermissionsNotMore() {
        slack.fail("users.info", "ratelimited_forever");
        core.answers = r -> json("{'case':{'number':1,'type':'warn','target':'slack:U2'},'actions':[]}");
        run("warn <@U2>", "U1", "t1");
        assertThat(core.last("createCase").call().permissions()).isEmpty();
        assertThat(Set.of(core.last("createCase").call().actorId())).containsExactly("slack:U1");
    }

    @Test
    void standingIsCachedBriefly() {
        core.answers = r -> json("{'items':[],'nextCursor':null}");
        run("list", "U1", "t1");
        run("list", "U1", "t2");
        assertThat(slack.await("users.info", 1, Duration.ofSeconds(1))).hasSize(1);
    }

    @Test
    void theRouterRefusesToStartWithACommandNobodyAnswers() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new CommandRouter(new dev.guildhall.slack.gm.GmParser(),
                        List.of(new HelpCommand(adapter.format)), new Workspaces(core), adapter.format, null))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("has no family");
    }
}
