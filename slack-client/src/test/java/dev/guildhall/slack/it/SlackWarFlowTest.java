package dev.guildhall.slack.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.guildhall.client.CallOptions;
import dev.guildhall.client.GuildhallClient;
import dev.guildhall.client.ListOptions;
import dev.guildhall.client.model.War;
import dev.guildhall.slack.format.Buttons;
import dev.guildhall.slack.support.FakeSlack;
import dev.guildhall.slack.support.SlackChat;
import dev.guildhall.slack.support.SlackTestEnvironment;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** A whole war played from Slack against a real core-api, checked through core-api's API. */
@QuarkusTest
class SlackWarFlowTest {

    private static final Pattern WAR_ID = Pattern.compile("^War (\\S+):");

    private final FakeSlack slack = SlackTestEnvironment.slack();
    private final GuildhallClient admin = SlackTestEnvironment.core().admin();
    private final SlackChat chat = new SlackChat(slack);

    private static String warId(JsonNode card) {
        Matcher m = WAR_ID.matcher(card.path("text").asText());
        assertThat(m.find()).as("a war card: " + card).isTrue();
        return m.group(1);
    }

    @Test
    void aChallengeAcceptedByButtonAndPlayedToTheEnd() {
        JsonNode created = chat.gm("TWAR", "UANN", "war <@UANN|ann> vs <@UBOB|bob> game:chess ft2 12h");
        assertThat(created.path("response_type").asText()).isEqualTo("in_channel");
        assertThat(created.path("blocks").toString()).contains(Buttons.ACCEPT).contains("<@UBOB>");
        String id = warId(created);
        War stored = admin.wars().get(id, CallOptions.none());
        assertThat(stored.server()).isEqualTo("slack:TWAR");
        assertThat(stored.status()).isEqualTo("PENDING");
        assertThat(stored.createdBy()).isEqualTo("slack:UANN");

        JsonNode accepted = chat.click("TWAR", "UBOB", Buttons.ACCEPT, id);
        assertThat(accepted.path("replace_original").asBoolean()).isTrue();
        assertThat(accepted.path("text").asText()).contains("Active");
        assertThat(admin.wars().get(id, CallOptions.none()).status()).isEqualTo("ACTIVE");

        // Ann reports her own win: it waits for Bob, who confirms it with the card's button
        JsonNode reported = chat.gm("TWAR", "UANN", "report " + id + " win");
        assertThat(reported.path("blocks").toString()).contains(Buttons.CONFIRM).contains(id + ":1");
        JsonNode confirmed = chat.click("TWAR", "UBOB", Buttons.CONFIRM, id + ":1");
        assertThat(confirmed.path("text").asText()).contains("1–0");

        // Bob reports his own loss: the losing side's report counts at once and ends the war
        JsonNode finished = chat.gm("TWAR", "UBOB", "report " + id + " loss");
        assertThat(finished.path("text").asText()).contains("Finished").contains("2–0");
        assertThat(finished.path("blocks").toString()).contains("1000 → 1016 (+16)").contains("1000 → 984 (-16)");

        War done = admin.wars().get(id, CallOptions.none());
        assertThat(done.status()).isEqualTo("FINISHED");
        assertThat(done.winner()).isEqualTo(0);
        var board = admin.leaderboard().get("slack:TWAR", "chess", ListOptions.defaults(), CallOptions.none()).items();
        assertThat(board.get(0).user()).isEqualTo("slack:UANN");
        assertThat(board.get(0).rating()).isEqualTo(1016);

        JsonNode shown = chat.gm("TWAR", "UBOB", "leaderboard chess");
        assertThat(shown.path("blocks").toString()).contains("<@UANN> — *1016*").contains("<@UBOB> — *984*");
        JsonNode profile = chat.gm("TWAR", "UBOB", "profile <@UANN>");
        assertThat(profile.path("blocks").toString()).contains("chess").contains("1016");
    }

    @Test
    void theSameTriggerCreatesOneWarAndRulesAreCoreApis() {
        String trigger = "trig-" + UUID.randomUUID();
        JsonNode first = chat.gm("TWAR2", "UCAT", "war <@UCAT> vs <@UDAN> game:go ft1", trigger);
        JsonNode replay = chat.gm("TWAR2", "UCAT", "war <@UCAT> vs <@UDAN> game:go ft1", trigger);
        assertThat(warId(replay)).isEqualTo(warId(first));
        assertThat(admin.wars().list("slack:TWAR2", ListOptions.defaults(), CallOptions.none()).items()).hasSize(1);

        JsonNode selfWar = chat.gm("TWAR2", "UCAT", "war <@UCAT> vs <@UCAT> game:go");
        assertThat(selfWar.path("response_type").asText()).isEqualTo("ephemeral");
        assertThat(selfWar.path("text").asText()).doesNotStartWith("War ");

        JsonNode declined = chat.click("TWAR2", "UDAN", Buttons.DECLINE, warId(first));
        assertThat(declined.path("text").asText()).contains("Declined");
        JsonNode list = chat.gm("TWAR2", "UDAN", "list declined");
        assertThat(list.path("blocks").toString()).contains(warId(first));
    }
}
