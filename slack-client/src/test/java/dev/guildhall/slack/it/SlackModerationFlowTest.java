package dev.guildhall.slack.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.guildhall.client.CallOptions;
import dev.guildhall.client.GuildhallClient;
import dev.guildhall.client.ListOptions;
import dev.guildhall.client.model.Case;
import dev.guildhall.slack.support.FakeSlack;
import dev.guildhall.slack.support.SlackChat;
import dev.guildhall.slack.support.SlackSigner;
import dev.guildhall.slack.support.SlackTestEnvironment;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A moderation sequence from Slack against a real core-api; Slack's side recorded by the fake Web API. */
@QuarkusTest
class SlackModerationFlowTest {

    private final FakeSlack slack = SlackTestEnvironment.slack();
    private final GuildhallClient admin = SlackTestEnvironment.core().admin();
    private final SlackChat chat = new SlackChat(slack);

    @Test
    void warnThenBanWithDmModLogAndKick() {
        slack.standing.put("UMODA", "admin");
        chat.gm("TMOD", "UMODA", "config set modLogChannel <#C0MODLOG|mod-log>");

        JsonNode warned = chat.gm("TMOD", "UMODA", "warn <@UTROLL> spamming links");
        assertThat(warned.path("response_type").asText()).isEqualTo("ephemeral");
        assertThat(warned.path("blocks").toString()).contains("Case #1").contains("spamming links");
        List<FakeSlack.Received> dms = slack.await("conversations.open", 1, Duration.ofSeconds(5));
        assertThat(dms.get(dms.size() - 1).args().path("users").asText()).isEqualTo("UTROLL");

        slack.rateLimitNext("conversations.kick");
        JsonNode banned = chat.gm("TMOD", "UMODA", "ban <@UTROLL> 7d delete:1 spam again");
        assertThat(banned.path("blocks").toString()).contains("Case #2");
        List<FakeSlack.Received> kicks = slack.await("conversations.kick", 2, Duration.ofSeconds(10));
        assertThat(kicks).extracting(k -> k.args().path("user").asText()).containsOnly("UTROLL");
        assertThat(kicks.get(1).args().path("channel").asText()).isEqualTo("C0GENERAL");
        List<FakeSlack.Received> modLog = slack.calls("chat.postMessage").stream()
                .filter(p -> p.args().path("channel").asText().equals("C0MODLOG")).toList();
        assertThat(modLog).hasSize(2);
        assertThat(modLog.get(1).args().path("blocks").toString()).contains("Case 2 · ban").contains("<@UTROLL>");

        List<Case> cases = admin.cases().list("slack:TMOD", ListOptions.defaults(), CallOptions.none()).items();
        assertThat(cases).extracting(Case::type).containsExactlyInAnyOrder("warn", "ban");
        assertThat(cases).extracting(Case::moderator).containsOnly("slack:UMODA");

        JsonNode reasoned = chat.gm("TMOD", "UMODA", "reason 2 spam, third time");
        assertThat(reasoned.path("blocks").toString()).contains("spam, third time");
        assertThat(admin.cases().get("slack:TMOD", 2, CallOptions.none()).reason()).isEqualTo("spam, third time");
        assertThat(chat.gm("TMOD", "UMODA", "cases <@UTROLL>").path("blocks").toString()).contains("#1").contains("#2");
    }

    @Test
    void membersWithoutStandingCannotModerate() {
        JsonNode refused = chat.gm("TMOD2", "UPLAIN", "kick <@UOTHER> because");
        assertThat(refused.path("response_type").asText()).isEqualTo("ephemeral");
        assertThat(refused.path("text").asText()).startsWith("You can't do that here");
        assertThat(admin.cases().list("slack:TMOD2", ListOptions.defaults(), CallOptions.none()).items()).isEmpty();
    }

    @Test
    void automodDeletesOnceEvenWhenSlackRetriesTheEvent() {
        slack.standing.put("UMODC", "admin");
        assertThat(chat.gm("TAUTO", "UMODC", "config set automod.enabled true").path("text").asText())
                .isEqualTo("automod.enabled updated");
        assertThat(chat.gm("TAUTO", "UMODC", "config set automod.bannedWords [badword]").path("text").asText())
                .isEqualTo("automod.bannedWords updated");
        String event = "{\"type\":\"event_callback\",\"team_id\":\"TAUTO\",\"event_id\":\"Ev0AUTO1\",\"event\":{\"type\":\"message\","
                + "\"channel\":\"C0GENERAL\",\"user\":\"USPAM\",\"text\":\"this is a BADWORD\",\"ts\":\"1700000000.000400\"}}";
        SlackSigner.post("/slack/events", event, ContentType.JSON).then().statusCode(200);
        List<FakeSlack.Received> deletes = slack.await("chat.delete", 1, Duration.ofSeconds(10));
        assertThat(deletes.get(0).args().path("ts").asText()).isEqualTo("1700000000.000400");

        String ts = SlackSigner.now();
        RestAssured.given().contentType(ContentType.JSON.withCharset("utf-8")).body(event)
                .header("X-Slack-Request-Timestamp", ts)
                .header("X-Slack-Signature", SlackSigner.sign(SlackSigner.SECRET, ts, event))
                .header("X-Slack-Retry-Num", "1").header("X-Slack-Retry-Reason", "http_timeout")
                .post("/slack/events").then().statusCode(200);
        try {
            Thread.sleep(1500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        assertThat(slack.calls("chat.delete")).hasSize(1);
    }
}
