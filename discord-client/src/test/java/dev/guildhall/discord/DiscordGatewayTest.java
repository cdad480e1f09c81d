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

    @Test
    void moderationSlashCommandCarriesOutTheReturnedActions() throws Exception {
        script = r -> r.op() != Operation.CREATE_CASE ? Json.obj() : Json.parse("""
                {"case":{"number":7,"type":"ban","target":"discord:%2$d","moderator":"discord:%3$d","reason":"spam",
                         "automatic":false},
                 "escalation":null,
                 "actions":[{"type":"ban","user":"discord:%2$d","deleteMessageDays":1,"reason":"spam"},
                            {"type":"log","channel":"%1$d","message":{"number":7,"type":"ban","target":"discord:%2$d",
                             "moderator":"discord:%3$d","reason":"spam"}}]}"""
                .formatted(FakeDiscord.MOD_LOG, FakeDiscord.P2, FakeDiscord.MOD));
        int mark = discord.mark();
        String iid = discord.slash(FakeDiscord.MOD, "ban", null, Map.of("user", userRef(FakeDiscord.P2),
                "reason", "spam", "delete-days", 1));
        FakeDiscord.Call answer = discord.awaitInteractionAnswer(mark, iid, WAIT);
        assertThat(answer.body().path("data").path("embeds").get(0).path("title").asText()).isEqualTo("Case #7 · ban");
        FakeDiscord.Call ban = discord.await(mark, c -> c.line().equals("PUT /guilds/" + FakeDiscord.GUILD_ID
                + "/bans/" + FakeDiscord.P2), WAIT);
        assertThat(ban.body().path("delete_message_seconds").asLong()).isEqualTo(86400);
        FakeDiscord.Call log = discord.await(mark, c -> c.line().equals("POST /channels/" + FakeDiscord.MOD_LOG
                + "/messages"), WAIT);
        assertThat(log.body().path("embeds").get(0).path("title").asText()).isEqualTo("Case #7 · ban");

        ApiRequest create = (ApiRequest) lastCall(Operation.CREATE_CASE)[0];
        assertThat(create.body().path("target").path("user").asText()).isEqualTo("discord:" + FakeDiscord.P2);
        assertThat(create.body().path("target").path("topRole").asInt()).as("Player role's position").isEqualTo(1);
        assertThat(create.body().path("target").path("owner").asBoolean()).isFalse();
    }

    static final java.time.Instant UNTIL = java.time.Instant.now().plusSeconds(3600).truncatedTo(
            java.time.temporal.ChronoUnit.SECONDS);

    @Test
    void timeoutAndLockdownActions() throws Exception {
        script = r -> r.op() != Operation.CREATE_CASE ? Json.obj() : Json.parse("""
                {"case":{"number":8,"type":"timeout","target":"discord:%1$d"},
                 "actions":[{"type":"timeout","user":"discord:%1$d","durationSeconds":3600,
                             "until":"%2$s","reason":"calm down"},
                            {"type":"lockdown","reason":"raid"}]}""".formatted(FakeDiscord.P1, UNTIL));
        int mark = discord.mark();
        discord.slash(FakeDiscord.MOD, "timeout", null, Map.of("user", userRef(FakeDiscord.P1), "duration", "1h",
                "reason", "calm down"));
        FakeDiscord.Call timeout = discord.await(mark, c -> c.line().equals("PATCH /guilds/" + FakeDiscord.GUILD_ID
                + "/members/" + FakeDiscord.P1), WAIT);
        assertThat(java.time.OffsetDateTime.parse(timeout.body().path("communication_disabled_until").asText())
                .toInstant()).isEqualTo(UNTIL);
        FakeDiscord.Call lockdown = discord.await(mark, c -> c.line().equals("PATCH /guilds/" + FakeDiscord.GUILD_ID),
                WAIT);
        assertThat(lockdown.body().path("verification_level").asInt()).isEqualTo(4);
        assertThat(((ApiRequest) lastCall(Operation.CREATE_CASE)[0]).body().path("duration").asText()).isEqualTo("1h");
    }

    @Test
    void memberJoinIsReportedAndTheWelcomeActionsRun() throws Exception {
        script = r -> r.op() != Operation.MEMBER_JOINED ? Json.obj() : Json.parse("""
                {"raid":false,"actions":[{"type":"message","channel":"%d","text":"Welcome <@%d> to Fake Guild!"},
                                         {"type":"add_role","user":"discord:%d","role":"%d"}]}"""
                .formatted(FakeDiscord.GENERAL, FakeDiscord.NEWBIE, FakeDiscord.NEWBIE, FakeDiscord.ROLE_PLAYER));
        int mark = discord.mark();
        discord.memberJoins(FakeDiscord.NEWBIE);
        FakeDiscord.Call welcome = discord.await(mark, c -> c.line().equals("POST /channels/" + FakeDiscord.GENERAL
                + "/messages") && c.body().path("content").asText().startsWith("Welcome"), WAIT);
        assertThat(welcome.body().path("content").asText()).contains("<@" + FakeDiscord.NEWBIE + ">");
        discord.await(mark, c -> c.line().equals("PUT /guilds/" + FakeDiscord.GUILD_ID + "/members/"
                + FakeDiscord.NEWBIE + "/roles/" + FakeDiscord.ROLE_PLAYER), WAIT);
        Object[] call = lastCall(Operation.MEMBER_JOINED);
        assertThat(((ApiRequest) call[0]).body().path("user").asText()).isEqualTo("discord:" + FakeDiscord.NEWBIE);
        assertThat(((ApiRequest) call[0]).body().path("accountCreatedAt").asText()).endsWith("Z");
        assertThat(((CallContext) call[1]).idempotencyKey()).startsWith("join-" + FakeDiscord.GUILD_ID + "-"
                + FakeDiscord.NEWBIE);
    }

    @Test
    void everyMessageGoesToAutomodAndAVerdictIsCarriedOut() throws Exception {
        script = r -> r.op() != Operation.CHECK_MESSAGE ? Json.obj() : Json.parse("""
                {"verdict":"delete","rule":"banned_words","actions":[
                  {"type":"delete_message","channel":"%d","messageId":"%s"},
                  {"type":"dm","user":"discord:%d","text":"Please mind your language."}]}"""
                .formatted(FakeDiscord.GENERAL, r.body().path("messageId").asText(), FakeDiscord.P1));
        int mark = discord.mark();
        String id = discord.message(FakeDiscord.P1, "some badword here");
        discord.await(mark, c -> c.line().equals("DELETE /channels/" + FakeDiscord.GENERAL + "/messages/" + id), WAIT);
        discord.await(mark, c -> c.line().equals("POST /users/@me/channels"), WAIT);
        FakeDiscord.Call dm = discord.await(mark, c -> c.method().equals("POST") && c.path().endsWith("/messages")
                && c.body().path("content").asText().equals("Please mind your language."), WAIT);
        assertThat(dm.path()).isNotEqualTo("/channels/" + FakeDiscord.GENERAL + "/messages");
        Object[] call = lastCall(Operation.CHECK_MESSAGE);
        JsonNode body = ((ApiRequest) call[0]).body();
        assertThat(body.path("content").asText()).isEqualTo("some badword here");
        assertThat(body.path("author").path("user").asText()).isEqualTo("discord:" + FakeDiscord.P1);
        assertThat(body.path("author").path("roles").toString()).contains(String.valueOf(FakeDiscord.ROLE_PLAYER));
        assertThat(((CallContext) call[1]).idempotencyKey()).isEqualTo("check-" + id);
    }

    @Test
    void legacyCreateWarReachesCoreApiAndTheCardIsTheReply() throws Exception {
        script = r -> r.op() != Operation.CREATE_WAR ? Json.obj() : Json.parse("""
                {"id":"w42","game":"4","format":"ft3","status":"PENDING",
                 "sides":[{"players":[{"user":"discord:%d","accepted":true}],"wins":0},
                          {"players":[{"user":"discord:%d","accepted":false}],"wins":0}],"rounds":[]}"""
                .formatted(FakeDiscord.P1, FakeDiscord.P2));
        int mark = discord.mark();
        String id = discord.message(FakeDiscord.P1, "gmbot createwar -players <@" + FakeDiscord.P1 + "> <@"
                + FakeDiscord.P2 + "> -game 4 -type ft3 -duration 12");
        FakeDiscord.Call reply = discord.await(mark, c -> c.line().equals("POST /channels/" + FakeDiscord.GENERAL
                + "/messages") && c.body().path("message_reference").path("message_id").asText().equals(id), WAIT);
        assertThat(reply.body().path("embeds").get(0).path("title").asText()).contains("4").contains("ft3");
        assertThat(reply.body().path("components").toString()).contains("war:accept:w42").contains("war:decline:w42");
        ApiRequest create = (ApiRequest) lastCall(Operation.CREATE_WAR)[0];
        assertThat(create.body().path("duration").asText()).isEqualTo("12h");
        assertThat(create.body().path("sides").toString())
                .isEqualTo("[[\"discord:" + FakeDiscord.P1 + "\"],[\"discord:" + FakeDiscord.P2 + "\"]]");
    }

    @Test
    void warIdsAreSuggestedFromTheActorsWars() throws Exception {
        script = r -> r.op() != Operation.LIST_WARS ? Json.obj() : Json.parse("""
                {"items":[{"id":"0192-aaaa","game":"chess","format":"ft3","status":"PENDING",
                           "sides":[{"players":[{"user":"discord:%1$d"}]},{"players":[{"user":"discord:%2$d"}]}]},
                          {"id":"0192-bbbb","game":"go","format":"ft1","status":"PENDING",
                           "sides":[{"players":[{"user":"discord:%1$d"}]},{"players":[{"user":"discord:%2$d"}]}]}],
                 "nextCursor":null}""".formatted(FakeDiscord.P1, FakeDiscord.P2));
        int mark = discord.mark();
        String iid = discord.autocomplete(FakeDiscord.P2, "war", "accept", "war", "che");
        FakeDiscord.Call answer = discord.await(mark, c -> c.path().startsWith("/interactions/" + iid + "/"), WAIT);
        assertThat(answer.body().path("type").asInt()).as("APPLICATION_COMMAND_AUTOCOMPLETE_RESULT").isEqualTo(8);
        JsonNode choices = answer.body().path("data").path("choices");
        assertThat(choices).hasSize(1);
        assertThat(choices.get(0).path("name").asText()).isEqualTo("chess ft3 · player1 vs player2 · PENDING");
        assertThat(choices.get(0).path("value").asText()).isEqualTo("0192-aaaa");
        ApiRequest list = (ApiRequest) lastCall(Operation.LIST_WARS)[0];
        assertThat(list.query()).containsEntry("player", "discord:" + FakeDiscord.P2).containsEntry("status", "PENDING");
    }

    @Test
    void buttonClickIsTheSameCallAsTheSlashCommand() throws Exception {
        script = r -> Json.parse("{\"id\":\"w42\",\"status\":\"ACTIVE\",\"sides\":[],\"rounds\":[]}");
        int mark = discord.mark();
        String iid = discord.button(FakeDiscord.P2, "war:accept:w42");
        FakeDiscord.Call answer = discord.awaitInteractionAnswer(mark, iid, WAIT);
        assertThat(answer.body().path("type").asInt()).as("UPDATE_MESSAGE: the card changes in place").isEqualTo(7);
        assertThat(answer.body().path("data").path("embeds").get(0).path("description").asText()).contains("ACTIVE");
        Object[] call = lastCall(Operation.ACCEPT_WAR);
        assertThat(((ApiRequest) call[0]).path()).isEqualTo(Map.of("id", "w42"));
        assertThat(((CallContext) call[1]).actor().id()).isEqualTo("discord:" + FakeDiscord.P2);
        assertThat(((CallContext) call[1]).idempotencyKey()).isEqualTo(iid);
    }

    @Test
    void moderationByHandInTheAuditLogIsReportedAsObserved() throws Exception {
        script = r -> Json.parse("{\"case\":{\"number\":9,\"type\":\"ban\"},\"actions\":[],\"recorded\":true}");
        String entry = discord.auditLog(22, FakeDiscord.MOD, FakeDiscord.NEWBIE, "raider");
        awaitApi(r -> r.op() == Operation.CREATE_CASE && r.body().path("platformRef").asText().equals(entry));
        Object[] call = lastCall(Operation.CREATE_CASE);
        assertThat(Json.parse(((ApiRequest) call[0]).body().toString())).isEqualTo(Json.parse("""
                {"type":"ban","target":{"user":"discord:%d"},"reason":"raider","observed":true,
                 "platformRef":"%s","moderator":"discord:%d"}""".formatted(FakeDiscord.NEWBIE, entry, FakeDiscord.MOD)));
        assertThat(((CallContext) call[1]).idempotencyKey()).isEqualTo("audit-" + entry);
        assertThat(((CallContext) call[1]).actor()).isNull();

        String kick = discord.auditLog(20, FakeDiscord.BOT_ID, FakeDiscord.NEWBIE, null);
        awaitApi(r -> r.op() == Operation.CREATE_CASE && r.body().path("platformRef").asText().equals(kick));
        assertThat(((ApiRequest) lastCall(Operation.CREATE_CASE)[0]).body().path("type").asText()).isEqualTo("kick");

        int before = apiCalls.size();
        discord.auditLog(1, FakeDiscord.MOD, FakeDiscord.GUILD_ID, null); // GUILD_UPDATE: not moderation
        String unban = discord.auditLog(23, FakeDiscord.MOD, FakeDiscord.NEWBIE, null);
        awaitApi(r -> r.op() == Operation.CREATE_CASE && r.body().path("platformRef").asText().equals(unban));
        assertThat(apiCalls.subList(before, apiCalls.size())).hasSize(1);
    }

    @Test
    void deferredActionsAreClaimedCarriedOutAndAcked() throws Exception {
        script = r -> r.op() == Operation.CLAIM_ACTIONS ? Json.parse("""
                [{"id":"a1","server":"discord:%d","type":"unban","user":"discord:%d","reason":"temp ban over"},
                 {"id":"a2","server":"discord:1","type":"unban","user":"discord:%d"}]"""
                .formatted(FakeDiscord.GUILD_ID, FakeDiscord.P2, FakeDiscord.P2)) : Json.obj();
        int mark = discord.mark();
        assertThat(bot.drainer().drainOnce()).as("only the action of a guild on this shard").isEqualTo(1);
        discord.await(mark, c -> c.line().equals("DELETE /guilds/" + FakeDiscord.GUILD_ID + "/bans/" + FakeDiscord.P2),
                WAIT);
        Object[] ack = lastCall(Operation.ACK_ACTION);
        assertThat(((ApiRequest) ack[0]).path()).isEqualTo(Map.of("platform", "discord", "id", "a1"));
        assertThat(apiCalls.stream().filter(c -> ((ApiRequest) c[0]).op() == Operation.ACK_ACTION
                && "a2".equals(((ApiRequest) c[0]).pathParam("id")))).isEmpty();
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
