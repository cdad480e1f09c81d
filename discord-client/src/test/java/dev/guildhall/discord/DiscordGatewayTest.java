package dev.guildhall.discord;

import com.fasterxml.jackson.databind.JsonNode;
import dev.guildhall.discord.api.ApiException;
import dev.guildhall.discord.api.ApiRequest;
import dev.guildhall.discord.api.CallContext;
import dev.guildhall.discord.api.CoreApi;
import dev.guildhall.discord.api.Operation;
import dev.guildhall.discord.fake.FakeDiscord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import static dev.guildhall.discord.fake.FakeDiscord.userRef;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * JDA itself, connected to {@link FakeDiscord}, with a scripted core-api: the gateway handshake,
 * command registration, and how interactions are answered (at once, deferred, on failure).
 */
class DiscordGatewayTest {

    static final Duration WAIT = Duration.ofSeconds(15);
    static FakeDiscord discord;
    static DiscordBot bot;
    static final List<Object[]> apiCalls = new CopyOnWriteArrayList<>();
    static volatile Function<ApiRequest, JsonNode> script = r -> Json.obj();

    @BeforeAll
    static void start() throws Exception {
        discord = new FakeDiscord();
        CoreApi api = (request, ctx) -> {
            apiCalls.add(new Object[] {request, ctx});
            return script.apply(request);
        };
        BotConfig config = new BotConfig("fake-token", "http://127.0.0.1:1", "key", List.of(), -1,
                OptionalLong.empty(), true, discord.restUrl(), false, 0, 1000, 0);
        bot = DiscordBot.start(config, api, DiscordBot.newRegistry());
        assertThat(discord.awaitReady(WAIT)).as("IDENTIFY reached the fake gateway").isTrue();
        bot.shards().getShardById(0).awaitReady();
    }

    @AfterAll
    static void stop() {
        if (bot != null) bot.close();
        if (discord != null) discord.close();
    }

    @Test
    void identifiesWithTheIntentsAndRegistersTheGuildAndCommands() throws Exception {
        JsonNode identify = discord.identify();
        assertThat(identify.path("token").asText()).isEqualTo("fake-token");
        long intents = identify.path("intents").asLong();
        assertThat(intents & (1 << 1)).as("GUILD_MEMBERS").isNotZero();
        assertThat(intents & (1 << 15)).as("MESSAGE_CONTENT").isNotZero();

        FakeDiscord.Call put = discord.await(0, c -> c.line().equals("PUT /applications/" + FakeDiscord.APP_ID
                + "/commands"), WAIT);
        List<String> names = put.body().findValuesAsText("name");
        assertThat(names).contains("war", "leaderboard", "profile", "warn", "timeout", "kick", "ban", "unban",
                "note", "case", "cases", "reason", "config");
        JsonNode ban = find(put.body(), "ban");
        assertThat(ban.path("default_member_permissions").asText()).isEqualTo(String.valueOf(1L << 2));

        awaitApi(r -> r.op() == Operation.REGISTER_SERVER);
        Object[] register = apiCalls.stream().filter(c -> ((ApiRequest) c[0]).op() == Operation.REGISTER_SERVER)
                .findFirst().orElseThrow();
        assertThat(((ApiRequest) register[0]).path()).containsEntry("server", "discord:" + FakeDiscord.GUILD_ID);
        assertThat(((ApiRequest) register[0]).body().path("name").asText()).isEqualTo("Fake Guild");
        assertThat(((ApiRequest) register[0]).body().path("owner").asText()).isEqualTo("discord:" + FakeDiscord.OWNER);
        assertThat(((CallContext) register[1]).actor()).isNull();
    }

    @Test
    void quickAnswerIsTheInteractionResponseWithActorHeadersAndIdempotencyKey() throws Exception {
        script = r -> r.op() == Operation.LEADERBOARD
                ? Json.parse("{\"items\":[{\"rank\":1,\"user\":\"discord:" + FakeDiscord.P1
                + "\",\"rating\":1016,\"wins\":1,\"losses\":0,\"played\":1}],\"nextCursor\":null}")
                : Json.obj();
        int mark = discord.mark();
        String iid = discord.slash(FakeDiscord.MOD, "leaderboard", null, Map.of("game", "chess"));
        FakeDiscord.Call answer = discord.awaitInteractionAnswer(mark, iid, WAIT);
        assertThat(answer.body().path("type").asInt()).isEqualTo(4);
        String embed = answer.body().path("data").path("embeds").get(0).toString();
        assertThat(embed).contains("Leaderboard").contains("<@" + FakeDiscord.P1 + ">").contains("1016");

        Object[] call = lastCall(Operation.LEADERBOARD);
        assertThat(((ApiRequest) call[0]).query()).containsEntry("game", "chess");
        CallContext ctx = (CallContext) call[1];
        assertThat(ctx.idempotencyKey()).isEqualTo(iid);
        assertThat(ctx.requestId()).isEqualTo("discord-" + iid);
        assertThat(ctx.actor().id()).isEqualTo("discord:" + FakeDiscord.MOD);
        assertThat(ctx.actor().permissions()).containsExactlyInAnyOrder("BAN_MEMBERS", "KICK_MEMBERS",
                "MODERATE_MEMBERS", "MANAGE_MESSAGES");
        assertThat(ctx.actor().owner()).isFalse();
        assertThat(ctx.actor().topRole()).isEqualTo(2);
    }

    @Test
    void slowCoreApiIsDeferredAndAnsweredThroughTheHook() throws Exception {
        script = r -> {
            sleep(2500);
            return Json.parse("{\"user\":\"discord:" + FakeDiscord.P2 + "\",\"ratings\":[]}");
        };
        int mark = discord.mark();
        String iid = discord.slash(FakeDiscord.P2, "profile", null, Map.of());
        FakeDiscord.Call defer = discord.await(mark, c -> c.path().startsWith("/interactions/" + iid + "/"), WAIT);
        assertThat(defer.body().path("type").asInt()).as("DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE").isEqualTo(5);
        FakeDiscord.Call edit = discord.await(mark, c -> c.method().equals("PATCH")
                && c.path().equals("/webhooks/" + FakeDiscord.APP_ID + "/tok-" + iid + "/messages/@original"), WAIT);
        assertThat(edit.body().path("embeds").get(0).toString()).contains("Profile");
    }

    @Test
    void unreachableCoreApiAnswersAShortEphemeralTryAgain() throws Exception {
        script = r -> {
            throw ApiException.unreachable("connection refused", null);
        };
        int mark = discord.mark();
        String iid = discord.slash(FakeDiscord.P1, "war", "create",
                Map.of("opponent", userRef(FakeDiscord.P2), "game", "chess"));
        FakeDiscord.Call answer = discord.awaitInteractionAnswer(mark, iid, WAIT);
        assertThat(answer.body().path("data").path("flags").asInt() & 64).as("ephemeral").isEqualTo(64);
        assertThat(answer.body().path("data").path("content").asText()).contains("try again");
        ApiRequest create = (ApiRequest) lastCall(Operation.CREATE_WAR)[0];
        assertThat(create.body().path("sides").toString())
                .isEqualTo("[[\"discord:" + FakeDiscord.P1 + "\"],[\"discord:" + FakeDiscord.P2 + "\"]]");
    }

    static JsonNode find(JsonNode commands, String name) {
        for (JsonNode c : commands) if (c.path("name").asText().equals(name)) return c;
        throw new AssertionError("no command " + name);
    }

    static Object[] lastCall(Operation op) {
        for (int i = apiCalls.size() - 1; i >= 0; i--) {
            if (((ApiRequest) apiCalls.get(i)[0]).op() == op) return apiCalls.get(i);
        }
        throw new AssertionError("core-api was not called with " + op);
    }

    static void awaitApi(java.util.function.Predicate<ApiRequest> p) throws InterruptedException {
        long end = System.currentTimeMillis() + WAIT.toMillis();
        while (System.currentTimeMillis() < end) {
            if (apiCalls.stream().anyMatch(c -> p.test((ApiRequest) c[0]))) return;
            Thread.sleep(50);
        }
        throw new AssertionError("core-api call not seen");
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
