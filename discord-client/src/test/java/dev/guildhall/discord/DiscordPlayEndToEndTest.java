package dev.guildhall.discord;

import com.fasterxml.jackson.databind.JsonNode;
import dev.guildhall.client.CallOptions;
import dev.guildhall.client.GuildhallClient;
import dev.guildhall.client.ListOptions;
import dev.guildhall.discord.fake.FakeCollector;
import dev.guildhall.discord.fake.FakeDiscord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.guildhall.discord.fake.FakeDiscord.GUILD_ID;
import static dev.guildhall.discord.fake.FakeDiscord.MOD;
import static dev.guildhall.discord.fake.FakeDiscord.MOD_LOG;
import static dev.guildhall.discord.fake.FakeDiscord.OWNER;
import static dev.guildhall.discord.fake.FakeDiscord.P1;
import static dev.guildhall.discord.fake.FakeDiscord.P2;
import static dev.guildhall.discord.fake.FakeDiscord.userRef;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A war and a moderation sequence played through slash commands and buttons: JDA against
 * {@link FakeDiscord}, the real bot, a real core-api. Asserts the interaction responses the bot
 * sent, the Discord actions it carried out, and the state in core-api. Both services trace, as
 * switched on in production, to a {@link FakeCollector}.
 */
class DiscordPlayEndToEndTest {

    static final Duration WAIT = EndToEnd.WAIT;
    static final String SERVER = "discord:" + GUILD_ID;
    static final Pattern WAR_ID = Pattern.compile("war:accept:([^\"]+)");

    static CoreApiProcess coreApi;
    static FakeDiscord discord;
    static GuildhallClient client;
    static DiscordBot bot;

    static EndToEnd env;
    static FakeCollector collector;

    @BeforeAll
    static void start() throws Exception {
        collector = new FakeCollector();
        env = EndToEnd.start(0, collector);
        coreApi = env.coreApi;
        client = env.client;
        discord = env.discord;
        bot = env.bot;
        DiscordEndToEndTest.eventually(() -> client.servers().get(SERVER, CallOptions.none()));
    }

    @AfterAll
    static void stop() {
        if (env != null) env.close();
        if (collector != null) collector.close();
    }

    @Test
    void aWarFromChallengeToRatings() throws Exception {
        // P1 challenges P2, first to one round
        JsonNode card = answer(P1, "war", "create", Map.of("opponent", userRef(P2), "game", "chess", "first-to", 1));
        assertThat(description(card)).contains("PENDING");
        String warId = warId(card);
        assertThat(card.path("components").toString()).contains("war:decline:" + warId);

        // P2 accepts with the card's button
        JsonNode accepted = buttonAnswer(P2, "war:accept:" + warId);
        assertThat(description(accepted)).contains("ACTIVE");
        assertThat(client.wars().get(warId, CallOptions.none()).status()).isEqualTo("ACTIVE");

        // P1 (the losing side) reports that P2 won: it counts at once and finishes the war
        JsonNode finished = answer(P1, "war", "report", Map.of("war", warId, "winner", userRef(P2)));
        assertThat(description(finished)).contains("FINISHED");
        assertThat(finished.path("embeds").get(0).path("fields").toString())
                .contains("1000 → 1016 (+16)").contains("1000 → 984 (-16)");

        var war = client.wars().get(warId, CallOptions.none());
        assertThat(war.status()).isEqualTo("FINISHED");
        assertThat(war.winner()).isEqualTo(1);
        var table = client.leaderboard().get(SERVER, "chess", ListOptions.defaults(), CallOptions.none()).items();
        assertThat(table.get(0).user()).isEqualTo("discord:" + P2);
        assertThat(table.get(0).rating()).isEqualTo(1016);

        JsonNode leaderboard = answer(P1, "leaderboard", null, Map.of("game", "chess"));
        assertThat(description(leaderboard)).startsWith("#1 <@" + P2 + "> — **1016** (1-0)");
    }

    @Test
    void aRoundReportedByTheWinnerWaitsForTheConfirmButton() throws Exception {
        String warId = warId(answer(P1, "war", "create", Map.of("opponent", userRef(P2), "game", "go", "first-to", 1)));
        buttonAnswer(P2, "war:accept:" + warId);
        JsonNode pending = answer(P2, "war", "report", Map.of("war", warId, "winner", userRef(P2)));
        assertThat(pending.path("components").toString()).contains("war:confirm:" + warId + ":1")
                .contains("war:dispute:" + warId + ":1");
        assertThat(client.wars().get(warId, CallOptions.none()).status()).isEqualTo("ACTIVE");

        JsonNode confirmed = buttonAnswer(P1, "war:confirm:" + warId + ":1");
        assertThat(description(confirmed)).contains("FINISHED");
        assertThat(client.wars().get(warId, CallOptions.none()).winner()).isEqualTo(1);
    }

    @Test
    void theLegacyGrammarCreatesARealWar() throws Exception {
        int mark = discord.mark();
        String id = discord.message(P1, "gmbot createwar -players <@" + P1 + "> <@" + P2
                + "> -game 4 -type ft3 -duration 12");
        FakeDiscord.Call reply = discord.await(mark, c -> c.line().equals("POST /channels/" + FakeDiscord.GENERAL
                + "/messages") && c.body().path("message_reference").path("message_id").asText().equals(id), WAIT);
        String warId = warId(reply.body());
        var war = client.wars().get(warId, CallOptions.none());
        assertThat(war.game()).isEqualTo("4");
        assertThat(war.format()).isEqualTo("ft3");
        assertThat(war.status()).isEqualTo("PENDING");
        assertThat(Duration.between(war.createdAt(), war.expiresAt())).isEqualTo(Duration.ofHours(12));
    }

    @Test
    void aModerationSequenceBecomesCasesExactlyOnce() throws Exception {
        JsonNode config = answer(OWNER, "config", "modlog", Map.of("channel", new FakeDiscord.ChannelRef(MOD_LOG)));
        assertThat(config.path("embeds").get(0).path("title").asText()).isEqualTo("Server configuration");

        // a warning, posted to the mod log
        int mark = discord.mark();
        JsonNode warn = answer(MOD, "warn", null, Map.of("user", userRef(P1), "reason", "spam"));
        assertThat(warn.path("embeds").get(0).path("title").asText()).matches("Case #\\d+ · warn");
        discord.await(mark, c -> c.line().equals("POST /channels/" + MOD_LOG + "/messages"), WAIT);

        // a player may not ban: core-api refuses, the bot says so to them alone
        JsonNode refused = answer(P1, "ban", null, Map.of("user", userRef(P2), "reason", "nope"));
        assertThat(refused.path("flags").asInt() & 64).isEqualTo(64);
        assertThat(refused.path("content").asText()).startsWith("You can't do that");

        // a moderator's ban is carried out on Discord
        mark = discord.mark();
        JsonNode ban = answer(MOD, "ban", null, Map.of("user", userRef(P2), "reason", "raid", "delete-days", 1));
        assertThat(ban.path("embeds").get(0).path("title").asText()).matches("Case #\\d+ · ban");
        discord.await(mark, c -> c.line().equals("PUT /guilds/" + GUILD_ID + "/bans/" + P2), WAIT);

        // Discord's audit log then shows the bot's own ban (recognised, not recorded again), and a kick done
        // by hand, delivered twice (recorded once)
        int before = cases().size();
        discord.auditLog(22, FakeDiscord.BOT_ID, P2, "raid");
        String kick = discord.auditLog(20, MOD, FakeDiscord.NEWBIE, "by hand");
        discord.auditLog(kick, 20, MOD, FakeDiscord.NEWBIE, "by hand");
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (cases().size() < before + 1 && System.nanoTime() < deadline) Thread.sleep(100);
        Thread.sleep(1000); // time for a wrong second case to show up
        List<JsonNode> all = cases();
        assertThat(all).hasSize(before + 1);
        JsonNode observed = all.get(0);
        assertThat(observed.path("type").asText()).isEqualTo("kick");
        assertThat(observed.path("target").asText()).isEqualTo("discord:" + FakeDiscord.NEWBIE);
        assertThat(observed.path("moderator").asText()).isEqualTo("discord:" + MOD);
        assertThat(observed.path("reason").asText()).isEqualTo("by hand");
        assertThat(all).extracting(c -> c.path("type").asText()).containsSubsequence("kick", "ban", "warn");

        // the same moderator lists the cases (ephemeral)
        JsonNode list = answer(MOD, "cases", null, Map.of());
        assertThat(list.path("flags").asInt() & 64).isEqualTo(64);
        assertThat(list.path("embeds").get(0).path("description").asText()).contains("kick").contains("ban")
                .contains("warn");
    }

    @Test
    void automodDeletesWhatTheServersRulesForbid() throws Exception {
        deletedByAutomod("please FROBNICATE this");
        String fine = discord.message(P1, "a perfectly fine message");
        Thread.sleep(1500);
        assertThat(discord.calls()).noneMatch(c -> c.line().endsWith("/messages/" + fine));
    }

    @Test
    void oneTraceRunsFromTheDiscordMessageThroughCoreApiToTheDatabase() throws Exception {
        String id = deletedByAutomod("frobnicate, but traced");

        // discord-client: the gateway event, and its call to core-api
        FakeCollector.Span event = collector.await(s -> s.name().equals("discord message")
                && id.equals(s.attributes().get("discord.id")), WAIT);
        assertThat(event.service()).isEqualTo("guildhall-discord-client");
        assertThat(event.kind()).isEqualTo("SPAN_KIND_CONSUMER");
        assertThat(event.attributes()).containsEntry("guildhall.server", SERVER);
        FakeCollector.Span call = collector.await(s -> s.parentSpanId().equals(event.spanId()), WAIT);
        assertThat(call.kind()).isEqualTo("SPAN_KIND_CLIENT");
        assertThat(call.traceId()).isEqualTo(event.traceId());

        // core-api: the request, continued from the traceparent the call sent
        FakeCollector.Span request = collector.await(s -> s.parentSpanId().equals(call.spanId()), WAIT);
        assertThat(request.service()).isEqualTo("guildhall-core-api");
        assertThat(request.kind()).isEqualTo("SPAN_KIND_SERVER");
        assertThat(request.name()).contains("/messages/check");

        // the database: the keyed check's grouped claim of its record under the request, its statement under the group
        FakeCollector.Span lookup = collector.await(s -> s.name().equals("idempotency-claims")
                && s.traceId().equals(event.traceId()), WAIT);
        assertThat(collector.ancestors(lookup, WAIT)).contains(request);
        FakeCollector.Span statement = collector.await(s -> s.parentSpanId().equals(lookup.spanId())
                && s.kind().equals("SPAN_KIND_CLIENT"), WAIT); // beside the INTERNAL span of getConnection
        assertThat(statement.traceId()).isEqualTo(event.traceId());
        assertThat(statement.attributes()).containsAnyOf(Map.entry("db.system", "postgresql"),
                Map.entry("db.system.name", "postgresql"));
    }

    // ---- helpers

    /** Turns automod on against "frobnicate", sends {@code text} as P1 and waits for the bot to delete it; its id. */
    static String deletedByAutomod(String text) throws Exception {
        answer(OWNER, "config", "automod", Map.of("enabled", true, "banned-words", "frobnicate", "action", "delete"));
        int mark = discord.mark();
        String id = discord.message(P1, text);
        discord.await(mark, c -> c.line().equals("DELETE /channels/" + FakeDiscord.GENERAL + "/messages/" + id), WAIT);
        return id;
    }

    static List<JsonNode> cases() {
        List<JsonNode> items = new ArrayList<>();
        client.cases().list(SERVER, ListOptions.first(100), CallOptions.none()).items()
                .forEach(c -> items.add(GuildhallClient.objectMapper().valueToTree(c)));
        return items; // newest first
    }

    /** Sends a slash command and returns the message data the bot answered with (at once or deferred). */
    static JsonNode answer(long user, String command, String sub, Map<String, Object> options) throws Exception {
        int mark = discord.mark();
        String iid = discord.slash(user, command, sub, options);
        return data(discord.awaitInteractionAnswer(mark, iid, WAIT));
    }

    static JsonNode buttonAnswer(long user, String customId) throws Exception {
        int mark = discord.mark();
        String iid = discord.button(user, customId);
        return data(discord.awaitInteractionAnswer(mark, iid, WAIT));
    }

    static JsonNode data(FakeDiscord.Call call) {
        return call.body().has("data") ? call.body().get("data") : call.body();
    }

    static String description(JsonNode message) {
        return message.path("embeds").get(0).path("description").asText();
    }

    static String warId(JsonNode message) {
        Matcher m = WAR_ID.matcher(message.path("components").toString());
        assertThat(m.find()).as("an accept button on " + message).isTrue();
        return m.group(1);
    }
}
