package dev.guildhall.slack.events;

import dev.guildhall.slack.actions.ActionDrainer;
import dev.guildhall.slack.core.CoreApi;
import dev.guildhall.slack.core.CoreApiException;
import dev.guildhall.slack.support.Adapter;
import dev.guildhall.slack.support.FakeCoreApi;
import dev.guildhall.slack.support.FakeSlack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static dev.guildhall.slack.support.FakeCoreApi.json;
import static org.assertj.core.api.Assertions.assertThat;

class SlackEventsTest {

    private final FakeSlack slack = new FakeSlack();
    private final Adapter adapter = new Adapter(slack, Optional.empty());
    private final FakeCoreApi core = adapter.core;
    private final EventHandler events = new EventHandler(core, adapter.actions, adapter.metrics);

    @AfterEach
    void close() {
        slack.close();
    }

    /** Plays core-api's idempotency: the first use of an event id is answered, later uses are replays. */
    private void coreRemembersEventIds(String answer) {
        Set<String> seen = new HashSet<>();
        core.answers = r -> new CoreApi.Replayable(json(answer), !seen.add(r.call().idempotencyKey()));
    }

    private static String message(String eventId, String text) {
        return "{'type':'event_callback','team_id':'T1','event_id':'" + eventId + "','event':{'type':'message',"
                + "'channel':'C1','user':'U5','text':'" + text + "','ts':'1700000000.000200'}}";
    }

    @Test
    void aMessageIsCheckedWithTheEventIdAsIdempotencyKeyAndItsVerdictCarriedOut() {
        coreRemembersEventIds("{'verdict':'delete','rule':'banned_words','actions':[{'type':'delete','channel':'C1','messageId':'1700000000.000200'}]}");
        events.handle(json(message("Ev1", "buy <@U1> <@U2> now")), "req");
        FakeCoreApi.Recorded call = core.last("checkMessage");
        assertThat(call.arg(0)).isEqualTo("slack:T1");
        assertThat(call.arg(1)).isEqualTo(json("""
                {'messageId':'1700000000.000200','channel':'C1','author':{'user':'slack:U5','roles':[]},
                 'content':'buy <@U1> <@U2> now','mentions':2}"""));
        assertThat(call.call().idempotencyKey()).isEqualTo("Ev1");
        assertThat(call.call().actorId()).isNull();
        assertThat(slack.calls("chat.delete")).hasSize(1);
        assertThat(slack.calls("chat.delete").get(0).args().path("ts").asText()).isEqualTo("1700000000.000200");
    }

    @Test
    void aRetriedEventIsNeverActedOnTwice() {
        coreRemembersEventIds("{'verdict':'delete','actions':[{'type':'delete','channel':'C1','messageId':'1.2'}]}");
        events.handle(json(message("Ev2", "spam")), "req-1");
        events.handle(json(message("Ev2", "spam")), "req-2");   // Slack's retry, X-Slack-Retry-Num: 1
        assertThat(core.calls).hasSize(2);
        assertThat(slack.calls("chat.delete")).hasSize(1);
        assertThat(adapter.metrics.counter("slack.events", "type", "message", "outcome", "replayed").count()).isEqualTo(1.0);
    }

    @Test
    void botMessagesEditsAndUnknownEventsAreIgnored() {
        coreRemembersEventIds("{'actions':[]}");
        events.handle(json("{'type':'event_callback','team_id':'T1','event_id':'E1','event':{'type':'message','subtype':'message_changed','channel':'C1'}}"), "r");
        events.handle(json("{'type':'event_callback','team_id':'T1','event_id':'E2','event':{'type':'message','bot_id':'B1','user':'U1','text':'x','channel':'C1'}}"), "r");
        events.handle(json("{'type':'event_callback','team_id':'T1','event_id':'E3','event':{'type':'reaction_added'}}"), "r");
        assertThat(core.calls).isEmpty();
    }

    @Test
    void joinsGoToMembersJoinedAndTheWelcomeIsPosted() {
        coreRemembersEventIds("{'raid':false,'actions':[{'type':'message','channel':'CWELCOME','text':'Welcome <@U7> to acme!'}]}");
        events.handle(json("{'type':'event_callback','team_id':'T1','event_id':'Ej1','event':{'type':'team_join',"
                + "'user':{'id':'U7','name':'newbie','profile':{'display_name':'New Bie'}}}}"), "r");
        assertThat(core.last("memberJoined").arg(1)).isEqualTo(json("{'user':'slack:U7','name':'New Bie'}"));
        events.handle(json("{'type':'event_callback','team_id':'T1','event_id':'Ej2','event':{'type':'member_joined_channel',"
                + "'user':'U8','channel':'C1'}}"), "r");
        assertThat(core.last("memberJoined").arg(1)).isEqualTo(json("{'user':'slack:U8','name':'U8'}"));
        assertThat(slack.calls("chat.postMessage")).extracting(p -> p.args().path("channel").asText())
                .containsExactly("CWELCOME", "CWELCOME");
    }

    @Test
    void aWorkspaceCoreApiDoesNotKnowIsLeftAlone() {
        core.answers = r -> {
            throw new CoreApiException(404, "Not found", "Server slack:T1 is not registered", List.of());
        };
        events.handle(json(message("Ev9", "hi")), "r");
        assertThat(slack.received).isEmpty();
    }

    @Test
    void deferredActionsAreClaimedCarriedOutAndAcked() {
        core.answers = r -> r.op().equals("claimActions")
                ? List.of(json("{'id':'a1','server':'slack:T1','action':{'type':'dm','user':'slack:U2','text':'Your ban has ended'}}"),
                          json("{'id':'a2','server':'slack:T1','type':'unban','user':'slack:U2','leaseSeconds':60}"))
                : null;
        int handled = new ActionDrainer(core, adapter.actions).drain();
        assertThat(handled).isEqualTo(2);
        assertThat(core.ops()).containsExactly("claimActions", "ackAction", "ackAction");
        assertThat(core.calls.get(1).args()).containsExactly("a1");
        assertThat(slack.calls("chat.postMessage").get(0).args().path("text").asText()).isEqualTo("Your ban has ended");
        assertThat(adapter.metrics.counter("slack.actions", "type", "unban", "outcome", "unsupported").count()).isEqualTo(1.0);
    }
}
