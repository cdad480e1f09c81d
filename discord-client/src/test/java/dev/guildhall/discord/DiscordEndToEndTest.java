package dev.guildhall.discord;

import com.fasterxml.jackson.databind.JsonNode;
import dev.guildhall.client.CallOptions;
import dev.guildhall.client.GuildhallApiException;
import dev.guildhall.client.GuildhallClient;
import dev.guildhall.discord.fake.FakeDiscord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static dev.guildhall.discord.fake.FakeDiscord.GUILD_ID;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole path: JDA talking to {@link FakeDiscord}, the bot calling a real core-api (child
 * process, embedded PostgreSQL) through the typed client with a platform key made by the admin API.
 * Asserts what the bot sent to Discord and what core-api holds afterwards.
 */
class DiscordEndToEndTest {

    static final Duration WAIT = EndToEnd.WAIT;
    static final String SERVER = "discord:" + GUILD_ID;

    static CoreApiProcess coreApi;
    static FakeDiscord discord;
    static GuildhallClient client;
    static DiscordBot bot;

    static EndToEnd env;

    @BeforeAll
    static void start() throws Exception {
        env = EndToEnd.start(1);
        coreApi = env.coreApi;
        client = env.client;
        discord = env.discord;
        bot = env.bot;
    }

    @AfterAll
    static void stop() {
        if (env != null) env.close();
    }

    @Test
    void guildsTheBotIsInAndJoinsAreRegisteredInCoreApi() throws Exception {
        JsonNode server = eventually(() -> client.servers().get(SERVER, CallOptions.none()));
        assertThat(server.path("name").asText()).isEqualTo("Fake Guild");
        assertThat(server.path("owner").asText()).isEqualTo("discord:" + FakeDiscord.OWNER);

        long newGuild = 810000000000009999L;
        discord.joinGuild(newGuild, "Second Guild");
        JsonNode joined = eventually(() -> client.servers().get("discord:" + newGuild, CallOptions.none()));
        assertThat(joined.path("name").asText()).isEqualTo("Second Guild");
    }

    @Test
    void configSlashCommandChangesTheConfigInCoreApi() throws Exception {
        eventually(() -> client.servers().get(SERVER, CallOptions.none()));
        int mark = discord.mark();
        String iid = discord.slash(FakeDiscord.OWNER, "config", "modlog",
                Map.of("channel", new FakeDiscord.ChannelRef(FakeDiscord.MOD_LOG)));
        FakeDiscord.Call answer = discord.awaitInteractionAnswer(mark, iid, WAIT);
        JsonNode data = answer.body().has("data") ? answer.body().get("data") : answer.body();
        assertThat(data.path("embeds").get(0).path("title").asText()).isEqualTo("Server configuration");
        assertThat(data.path("embeds").get(0).path("description").asText()).contains(String.valueOf(FakeDiscord.MOD_LOG));
        assertThat(client.servers().config(SERVER, CallOptions.none()).path("modLogChannel").asText())
                .isEqualTo(String.valueOf(FakeDiscord.MOD_LOG));
    }

    @Test
    void aPlayerWithoutManageServerIsRefusedByCoreApiAndToldEphemerally() throws Exception {
        eventually(() -> client.servers().get(SERVER, CallOptions.none()));
        int mark = discord.mark();
        String iid = discord.slash(FakeDiscord.P1, "config", "cooldown", Map.of("war-create", "10s"));
        FakeDiscord.Call answer = discord.awaitInteractionAnswer(mark, iid, WAIT);
        assertThat(answer.body().path("data").path("flags").asInt() & 64).as("ephemeral").isEqualTo(64);
        assertThat(answer.body().path("data").path("content").asText()).startsWith("You can't do that");
        assertThat(client.servers().config(SERVER, CallOptions.none()).path("cooldowns").path("warCreate").isTextual()
                && client.servers().config(SERVER, CallOptions.none()).path("cooldowns").path("warCreate").asText()
                .equals("10s")).as("the cooldown was not set").isFalse();
    }

    @Test
    void legacyGrammarMistakesAreAnsweredInTheChannel() throws Exception {
        int mark = discord.mark();
        String messageId = discord.message(FakeDiscord.P1, "gmbot createwar -game 4 -type ft3");
        FakeDiscord.Call reply = discord.await(mark, c -> c.line().equals("POST /channels/" + FakeDiscord.GENERAL
                + "/messages") && c.body().path("message_reference").path("message_id").asText().equals(messageId),
                WAIT);
        assertThat(reply.body().path("content").asText()).contains("-players");
    }

    @Test
    void healthAndMetricsEndpoint() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + bot.opsPort() + "/q/health/ready")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"0\":\"CONNECTED\"");
        HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + bot.opsPort() + "/q/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + bot.opsPort() + "/q/health/live"))
                .build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("discord_shards_connected 1.0").contains("guildhall_api_calls");
    }

    /** Retries a read until core-api has it (events are handled asynchronously). */
    static JsonNode eventually(Supplier<Object> read) throws InterruptedException {
        long end = System.nanoTime() + WAIT.toNanos();
        while (true) {
            try {
                return GuildhallClient.objectMapper().valueToTree(read.get());
            } catch (GuildhallApiException e) {
                if (e.status() != 404 || System.nanoTime() > end) throw e;
            }
            Thread.sleep(100);
        }
    }
}
