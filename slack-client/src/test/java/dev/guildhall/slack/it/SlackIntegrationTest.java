package dev.guildhall.slack.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.guildhall.client.CallOptions;
import dev.guildhall.client.GuildhallApiException;
import dev.guildhall.client.GuildhallClient;
import dev.guildhall.slack.support.FakeSlack;
import dev.guildhall.slack.support.SlackChat;
import dev.guildhall.slack.support.SlackSigner;
import dev.guildhall.slack.support.SlackTestEnvironment;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * slack-client and a real core-api (child process, embedded PostgreSQL) together: slash commands
 * signed exactly as Slack signs them, results checked through core-api's own API, Slack's Web API
 * played by a MockWebServer that records every call.
 */
@QuarkusTest
class SlackIntegrationTest {

    private final FakeSlack slack = SlackTestEnvironment.slack();
    private final GuildhallClient admin = SlackTestEnvironment.core().admin();
    private final SlackChat chat = new SlackChat(slack);

    private JsonNode gm(String team, String user, String text) {
        return chat.gm(team, user, text);
    }

    @Test
    void theFirstCommandFromAWorkspaceRegistersIt() {
        slack.standing.put("UREGADMIN", "admin");
        assertThatThrownBy(() -> admin.servers().get("slack:TREG", CallOptions.none()))
                .isInstanceOfSatisfying(GuildhallApiException.class, e -> assertThat(e.status()).isEqualTo(404));
        JsonNode answer = gm("TREG", "UREGADMIN", "config");
        assertThat(answer.path("response_type").asText()).isEqualTo("ephemeral");
        assertThat(answer.path("blocks").toString()).contains("automod");
        var server = admin.servers().get("slack:TREG", CallOptions.none());
        assertThat(server.platform()).isEqualTo("slack");
        assertThat(server.name()).isEqualTo("acme-treg");
    }

    @Test
    void workspaceAdminsChangeTheConfigAndOtherMembersCannot() {
        slack.standing.put("UCFGADMIN", "admin");
        JsonNode changed = gm("TCFG", "UCFGADMIN", "config set automod.enabled true");
        assertThat(changed.path("text").asText()).isEqualTo("automod.enabled updated");
        gm("TCFG", "UCFGADMIN", "config set modLogChannel <#C0MODLOG|mod-log>");
        JsonNode config = admin.servers().config("slack:TCFG", CallOptions.none());
        assertThat(config.path("automod").path("enabled").asBoolean()).isTrue();
        assertThat(config.path("modLogChannel").asText()).isEqualTo("C0MODLOG");

        JsonNode refused = gm("TCFG", "UCFGMEMBER", "config set automod.enabled false");
        assertThat(refused.path("response_type").asText()).isEqualTo("ephemeral");
        assertThat(refused.path("text").asText()).startsWith("You can't do that here");
        assertThat(admin.servers().config("slack:TCFG", CallOptions.none()).path("automod").path("enabled").asBoolean()).isTrue();

        JsonNode invalid = gm("TCFG", "UCFGADMIN", "config set raid.joins 1");
        assertThat(invalid.path("blocks").toString()).contains("raid.joins").contains("must be from 2 to 1000");
    }

    @Test
    void aRateLimitedWebApiCallIsRetriedAfterRetryAfter() {
        slack.standing.put("URATE", "admin");
        slack.rateLimitNext("users.info");
        JsonNode answer = gm("TRATE", "URATE", "config set automod.blockInvites true");
        assertThat(answer.path("text").asText()).isEqualTo("automod.blockInvites updated");
        List<FakeSlack.Received> lookups = slack.calls("users.info").stream()
                .filter(r -> r.args().path("user").asText().equals("URATE")).toList();
        assertThat(lookups).hasSize(2);
        assertThat(Duration.between(lookups.get(0).at(), lookups.get(1).at())).isGreaterThanOrEqualTo(Duration.ofMillis(900));
        assertThat(lookups.get(1).authorization()).isEqualTo("Bearer xoxb-test-token");
        assertThat(admin.servers().config("slack:TRATE", CallOptions.none()).path("automod").path("blockInvites").asBoolean())
                .isTrue();
    }

    @Test
    void helpAndMalformedCommandsNeverReachCoreApi() {
        JsonNode help = gm("THELPONLY", "U1", "help");
        assertThat(help.path("blocks").toString()).contains("/gm war").contains("/gm warn");
        JsonNode bad = gm("THELPONLY", "U1", "ban");
        assertThat(bad.path("text").asText()).contains("@member").contains("/gm ban @bob 7d delete:1 spam");
        JsonNode unknown = gm("THELPONLY", "U1", "dance");
        assertThat(unknown.path("text").asText()).contains("dance").contains("/gm help");
        assertThatThrownBy(() -> admin.servers().get("slack:THELPONLY", CallOptions.none()))
                .isInstanceOfSatisfying(GuildhallApiException.class, e -> assertThat(e.status()).isEqualTo(404));
    }

    @Test
    void aButtonClickIsAcknowledgedAndAnsweredThroughResponseUrl() {
        slack.standing.put("UCLICK", "admin");
        JsonNode answer = chat.click("TCLICK", "UCLICK", dev.guildhall.slack.format.Buttons.ACCEPT, "no-such-war");
        assertThat(answer.path("response_type").asText()).isEqualTo("ephemeral");
        assertThat(answer.path("replace_original").asBoolean(false)).isFalse();
        assertThat(answer.path("text").asText()).startsWith("Not found");
        assertThat(admin.servers().get("slack:TCLICK", CallOptions.none()).name()).isEqualTo("acme");
    }

    @Test
    void eventsAreAcknowledgedAtOnce() {
        String event = "{\"type\":\"event_callback\",\"team_id\":\"TEVT\",\"event_id\":\"Ev" + UUID.randomUUID().toString()
                .replace("-", "").substring(0, 10) + "\",\"event\":{\"type\":\"message\",\"channel\":\"C1\",\"user\":\"U1\","
                + "\"text\":\"hello\",\"ts\":\"1700000000.000300\"}}";
        long start = System.nanoTime();
        SlackSigner.post("/slack/events", event, ContentType.JSON).then().statusCode(200);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }
}
