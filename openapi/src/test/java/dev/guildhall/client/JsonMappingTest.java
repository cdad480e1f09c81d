package dev.guildhall.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.guildhall.client.model.*;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The core shapes of DESIGN §4, as core-api sends them, through the client. */
class JsonMappingTest extends MockServerTest {

    static final ObjectMapper JSON = GuildhallClient.objectMapper();

    static final String WAR = """
            {"id":"0b5e","server":"discord:9","game":"chess","format":"ft3","winsNeeded":3,
             "status":"PENDING","createdBy":"discord:1","createdAt":"2026-11-22T08:00:00Z",
             "expiresAt":"2026-11-22T20:00:00Z",
             "sides":[{"players":[{"user":"discord:1","accepted":true}],"wins":0},
                      {"players":[{"user":"discord:2","accepted":false}],"wins":0}],
             "rounds":[{"number":1,"winner":0,"status":"PENDING","reportedBy":"discord:1"}],
             "winner":null,"ratingChanges":[{"user":"discord:1","before":1000,"after":1016}],
             "someFutureField":{"nested":[1,2,3]}}""";

    @Test
    void createWarSendsTheDesignBodyAndReadsTheWar() throws Exception {
        enqueueJson(201, WAR);

        War war = client.wars().create("discord:9",
                new NewWar("chess", "ft3", "12h", List.of(List.of("discord:1"), List.of("discord:2"))),
                CallOptions.as(Actor.of("discord:1", "Ann")).idempotencyKey("i-1"));

        RecordedRequest r = take();
        assertThat(r.getMethod()).isEqualTo("POST");
        assertThat(r.getUrl().encodedPath()).isEqualTo("/v1/servers/discord:9/wars");
        assertThat(r.getHeaders().get("Content-Type")).startsWith("application/json");
        assertThat(JSON.readTree(r.getBody().utf8())).isEqualTo(JSON.readTree(
                "{\"game\":\"chess\",\"format\":\"ft3\",\"duration\":\"12h\",\"sides\":[[\"discord:1\"],[\"discord:2\"]]}"));

        assertThat(war.id()).isEqualTo("0b5e");
        assertThat(war.server()).isEqualTo("discord:9");
        assertThat(war.winsNeeded()).isEqualTo(3);
        assertThat(war.status()).isEqualTo("PENDING");
        assertThat(war.createdBy()).isEqualTo("discord:1");
        assertThat(war.createdAt()).isEqualTo(Instant.parse("2026-11-22T08:00:00Z"));
        assertThat(war.expiresAt()).isEqualTo(Instant.parse("2026-11-22T20:00:00Z"));
        assertThat(war.sides()).hasSize(2);
        assertThat(war.sides().get(0).players()).containsExactly(new Side.Player("discord:1", true));
        assertThat(war.sides().get(1).players().get(0).accepted()).isFalse();
        assertThat(war.rounds()).containsExactly(new Round(1, 0, "PENDING", "discord:1"));
        assertThat(war.winner()).isNull();
        assertThat(war.ratingChanges()).containsExactly(new RatingChange("discord:1", 1000, 1016));
        assertThat(war.ratingChanges().get(0).delta()).isEqualTo(16);
    }

    @Test
    void nullDurationIsLeftOutSoTheServerDefaultApplies() throws Exception {
        enqueueJson(201, WAR);
        client.wars().create("discord:9", new NewWar("chess", "ft1", null, List.of(List.of("discord:1"), List.of("discord:2"))),
                CallOptions.none());
        assertThat(JSON.readTree(take().getBody().utf8()).has("duration")).isFalse();
    }

    @Test
    void warFlowCallsTheirPaths() throws Exception {
        for (int i = 0; i < 6; i++) enqueueJson(200, WAR);
        CallOptions o = CallOptions.none();

        client.wars().reportRound("w1", 1, o);
        client.wars().confirmRound("w1", 2, o);
        client.wars().disputeRound("w1", 3, o);
        client.wars().resolve("w1", WarResolution.round(3, 0), o);
        client.wars().resolve("w1", WarResolution.voidWar("no-show"), o);
        client.wars().list("discord:9", ListOptions.first(5).filter("status", "ACTIVE"), o);

        RecordedRequest report = take();
        assertThat(report.getUrl().encodedPath()).isEqualTo("/v1/wars/w1/rounds");
        assertThat(report.getBody().utf8()).isEqualTo("{\"winner\":1}");
        assertThat(take().getUrl().encodedPath()).isEqualTo("/v1/wars/w1/rounds/2/confirm");
        assertThat(take().getUrl().encodedPath()).isEqualTo("/v1/wars/w1/rounds/3/dispute");
        assertThat(take().getBody().utf8()).isEqualTo("{\"round\":3,\"winner\":0}");
        assertThat(take().getBody().utf8()).isEqualTo("{\"void\":true,\"reason\":\"no-show\"}");
        RecordedRequest list = take();
        assertThat(list.getUrl().encodedPath()).isEqualTo("/v1/servers/discord:9/wars");
        assertThat(list.getUrl().queryParameter("status")).isEqualTo("ACTIVE");
        assertThat(list.getUrl().queryParameter("limit")).isEqualTo("5");
    }

    @Test
    void leaderboardIsAPage() throws Exception {
        enqueueJson(200, """
                {"items":[{"rank":1,"user":"discord:1","rating":1016,"wins":1,"losses":0,"played":1}],
                 "nextCursor":"eyJyIjoxfQ"}""");

        Page<LeaderboardEntry> page = client.leaderboard().get("discord:9", "chess", ListOptions.defaults(), CallOptions.none());

        assertThat(take().getUrl().queryParameter("game")).isEqualTo("chess");
        assertThat(page.items()).containsExactly(new LeaderboardEntry(1, "discord:1", 1016, 1, 0, 1));
        assertThat(page.nextCursor()).isEqualTo("eyJyIjoxfQ");
        assertThat(page.hasMore()).isTrue();
    }

    @Test
    void profile() throws Exception {
        enqueueJson(200, """
                {"user":"discord:1","ratings":[{"game":"chess","rating":1016,"wins":1,"losses":0,"streak":1}],
                 "recentWars":[%s]}""".formatted(WAR));

        Profile p = client.players().profile("discord:9", "discord:1", CallOptions.none());

        assertThat(take().getUrl().encodedPath()).isEqualTo("/v1/servers/discord:9/players/discord:1");
        assertThat(p.user()).isEqualTo("discord:1");
        assertThat(p.ratings()).containsExactly(new Profile.GameRating("chess", 1016, 1, 0, 1));
        assertThat(p.recentWars()).extracting(War::id).containsExactly("0b5e");
    }

    @Test
    void createCaseSendsTheDesignBodyAndReadsCaseEscalationAndActions() throws Exception {
        enqueueJson(201, """
                {"case":{"number":12,"type":"ban","target":"discord:2","moderator":"discord:1",
                         "reason":"spam","automatic":false,"createdAt":"2026-11-22T08:00:00Z",
                         "expiresAt":"2026-11-29T08:00:00Z"},
                 "escalation":null,
                 "actions":[{"type":"ban","user":"discord:2","deleteMessageDays":1,"reason":"spam"},
                            {"type":"dm","user":"discord:2","text":"You were banned: spam"},
                            {"type":"log","channel":"C1","message":{"title":"Case 12","color":16711680}}]}""");

        CaseResult result = client.cases().create("discord:9",
                NewCase.of("ban", new NewCase.Target("discord:2", false, 1), "spam").duration("7d").deleteMessageDays(1),
                CallOptions.as(Actor.of("discord:1", "Mod").permissions(Permission.BAN_MEMBERS)).idempotencyKey("i-2"));

        assertThat(JSON.readTree(take().getBody().utf8())).isEqualTo(JSON.readTree("""
                {"type":"ban","target":{"user":"discord:2","owner":false,"topRole":1},"reason":"spam",
                 "duration":"7d","deleteMessageDays":1}"""));
        Case c = result.moderationCase();
        assertThat(c.number()).isEqualTo(12);
        assertThat(c.type()).isEqualTo("ban");
        assertThat(c.target()).isEqualTo("discord:2");
        assertThat(c.moderator()).isEqualTo("discord:1");
        assertThat(c.automatic()).isFalse();
        assertThat(c.expiresAt()).isEqualTo(Instant.parse("2026-11-29T08:00:00Z"));
        assertThat(result.escalation()).isNull();
        assertThat(result.actions()).extracting(PlatformAction::type).containsExactly("ban", "dm", "log");
        PlatformAction ban = result.actions().get(0);
        assertThat(ban.user()).isEqualTo("discord:2");
        assertThat(ban.get("deleteMessageDays").asInt()).isEqualTo(1);
        assertThat(result.actions().get(1).text("text")).isEqualTo("You were banned: spam");
        PlatformAction log = result.actions().get(2);
        assertThat(log.user()).isNull();
        assertThat(log.text("channel")).isEqualTo("C1");
        assertThat(log.get("message").get("title").asText()).isEqualTo("Case 12");
    }

    @Test
    void escalationIsACase() throws Exception {
        enqueueJson(201, """
                {"case":{"number":3,"type":"warn","target":"discord:2","moderator":"discord:1","reason":"r",
                         "automatic":false,"createdAt":"2026-11-22T08:00:00Z","expiresAt":null},
                 "escalation":{"number":4,"type":"timeout","target":"discord:2","moderator":null,
                         "reason":"3 warns in 30 days","automatic":true,"createdAt":"2026-11-22T08:00:00Z",
                         "expiresAt":"2026-11-22T09:00:00Z"},
                 "actions":[{"type":"timeout","user":"discord:2","duration":"1h"}]}""");

        CaseResult result = client.cases().create("discord:9", NewCase.of("warn", NewCase.Target.user("discord:2"), "r"),
                CallOptions.none());

        assertThat(JSON.readTree(take().getBody().utf8())).isEqualTo(JSON.readTree(
                "{\"type\":\"warn\",\"target\":{\"user\":\"discord:2\"},\"reason\":\"r\"}"));
        assertThat(result.escalation().number()).isEqualTo(4);
        assertThat(result.escalation().automatic()).isTrue();
        assertThat(result.actions().get(0).text("duration")).isEqualTo("1h");
    }

    @Test
    void casesListAndGet() throws Exception {
        enqueueJson(200, "{\"items\":[{\"number\":12,\"type\":\"ban\",\"target\":\"discord:2\",\"automatic\":false}],\"nextCursor\":null}");
        enqueueJson(200, "{\"number\":12,\"type\":\"ban\",\"target\":\"discord:2\",\"automatic\":false}");

        Page<Case> page = client.cases().list("discord:9", ListOptions.first(1).filter("user", "discord:2"), CallOptions.none());
        Case one = client.cases().get("discord:9", 12, CallOptions.none());

        assertThat(take().getUrl().queryParameter("user")).isEqualTo("discord:2");
        assertThat(take().getUrl().encodedPath()).isEqualTo("/v1/servers/discord:9/cases/12");
        assertThat(page.items()).extracting(Case::number).containsExactly(12);
        assertThat(page.hasMore()).isFalse();
        assertThat(one.type()).isEqualTo("ban");
    }

    @Test
    void messageCheck() throws Exception {
        enqueueJson(200, """
                {"verdict":"delete","rule":"banned_words",
                 "actions":[{"type":"delete","channel":"c1","messageId":"m1"}]}""");

        CheckResult result = client.automod().check("discord:9",
                new MessageCheck("m1", "c1", new MessageCheck.Author("discord:5", List.of("r1")), "bad word", 0),
                CallOptions.none().idempotencyKey("m1"));

        RecordedRequest r = take();
        assertThat(r.getUrl().encodedPath()).isEqualTo("/v1/servers/discord:9/messages/check");
        assertThat(JSON.readTree(r.getBody().utf8())).isEqualTo(JSON.readTree("""
                {"messageId":"m1","channel":"c1","author":{"user":"discord:5","roles":["r1"]},
                 "content":"bad word","mentions":0}"""));
        assertThat(result.verdict()).isEqualTo("delete");
        assertThat(result.allowed()).isFalse();
        assertThat(result.rule()).isEqualTo("banned_words");
        assertThat(result.actions().get(0).text("messageId")).isEqualTo("m1");

        enqueueJson(200, "{\"verdict\":\"allow\",\"rule\":null,\"actions\":[]}");
        CheckResult ok = client.automod().check("discord:9",
                new MessageCheck("m2", "c1", new MessageCheck.Author("discord:5", List.of()), "hi", 0), CallOptions.none());
        assertThat(ok.allowed()).isTrue();
        assertThat(ok.rule()).isNull();
        assertThat(ok.actions()).isEmpty();
    }

    @Test
    void memberJoined() throws Exception {
        enqueueJson(200, """
                {"actions":[{"type":"message","channel":"welcome","text":"Welcome <@5> to My Server!"},
                            {"type":"role","user":"discord:5","role":"r9"}],"raid":false}""");

        JoinResult result = client.members().joined("discord:9",
                new MemberJoin("discord:5", "Eve", Instant.parse("2020-01-01T00:00:00Z")), CallOptions.none());

        RecordedRequest r = take();
        assertThat(r.getUrl().encodedPath()).isEqualTo("/v1/servers/discord:9/members/joined");
        assertThat(JSON.readTree(r.getBody().utf8())).isEqualTo(JSON.readTree(
                "{\"user\":\"discord:5\",\"name\":\"Eve\",\"accountCreatedAt\":\"2020-01-01T00:00:00Z\"}"));
        assertThat(result.raid()).isFalse();
        assertThat(result.actions()).extracting(PlatformAction::type).containsExactly("message", "role");
    }

    @Test
    void apiKeysAndServers() throws Exception {
        enqueueJson(201, """
                {"id":"3f0c","key":"gh_secret","prefix":"gh_sec","name":"discord-bot","kind":"platform",
                 "scopes":[],"servers":["discord:9"],"createdAt":"2026-11-22T08:00:00Z"}""");
        enqueueJson(200, "{\"items\":[{\"id\":\"3f0c\",\"name\":\"discord-bot\",\"kind\":\"platform\"}],\"nextCursor\":null}");
        enqueueJson(201, """
                {"id":"discord:9","platform":"discord","name":"My Server","owner":"discord:1",
                 "createdAt":"2026-11-22T08:00:00Z","updatedAt":"2026-11-22T08:00:00Z"}""");
        enqueueJson(200, "{\"features\":{\"wars\":true},\"automod\":{\"enabled\":false}}");

        ApiKey key = client.apiKeys().create(new NewApiKey("discord-bot", "platform", null, List.of("discord:9")),
                CallOptions.none());
        Page<ApiKey> keys = client.apiKeys().list(ListOptions.defaults(), CallOptions.none());
        Server s = client.servers().register("discord:9", new ServerRegistration("My Server", "discord:1"),
                CallOptions.none());
        JsonNode config = client.servers().config("discord:9", CallOptions.none());

        assertThat(take().getBody().utf8()).isEqualTo("{\"name\":\"discord-bot\",\"kind\":\"platform\",\"servers\":[\"discord:9\"]}");
        assertThat(take().getUrl().encodedPath()).isEqualTo("/v1/admin/api-keys");
        RecordedRequest put = take();
        assertThat(put.getMethod()).isEqualTo("PUT");
        assertThat(put.getBody().utf8()).isEqualTo("{\"name\":\"My Server\",\"owner\":\"discord:1\"}");
        assertThat(take().getUrl().encodedPath()).isEqualTo("/v1/servers/discord:9/config");
        assertThat(key.key()).isEqualTo("gh_secret");
        assertThat(key.servers()).containsExactly("discord:9");
        assertThat(keys.items()).extracting(ApiKey::key).containsOnlyNulls();
        assertThat(s.platform()).isEqualTo("discord");
        assertThat(s.owner()).isEqualTo("discord:1");
        assertThat(config.path("automod").path("enabled").asBoolean(true)).isFalse();
    }

    @Test
    void claimAndAckDeferredActions() throws Exception {
        enqueueJson(200, """
                {"items":[{"id":"a1","server":"discord:9","type":"unban","user":"discord:2","reason":"temp ban over"}]}""");
        enqueueJson(200, "[{\"id\":\"a2\",\"type\":\"unban\",\"user\":\"discord:3\"}]");
        server.enqueue(new mockwebserver3.MockResponse(204, okhttp3.Headers.of(), ""));

        List<PlatformAction> claimed = client.actions().claim("discord", 10, CallOptions.none());
        List<PlatformAction> bare = client.actions().claim("discord", 10, CallOptions.none());
        client.actions().ack("discord", "a1", CallOptions.none());

        RecordedRequest claim = take();
        assertThat(claim.getUrl().encodedPath()).isEqualTo("/v1/platforms/discord/actions/claim");
        assertThat(claim.getBody().utf8()).isEqualTo("{\"limit\":10}");
        take();
        RecordedRequest ack = take();
        assertThat(ack.getMethod()).isEqualTo("POST");
        assertThat(ack.getUrl().encodedPath()).isEqualTo("/v1/platforms/discord/actions/a1/ack");
        assertThat(claimed).hasSize(1);
        assertThat(claimed.get(0).id()).isEqualTo("a1");
        assertThat(claimed.get(0).server()).isEqualTo("discord:9");
        assertThat(claimed.get(0).type()).isEqualTo("unban");
        assertThat(claimed.get(0).text("reason")).isEqualTo("temp ban over");
        assertThat(bare).extracting(PlatformAction::id).containsExactly("a2");
    }

    @Test
    void auditAndStats() throws Exception {
        enqueueJson(200, """
                {"items":[{"id":7,"server":"discord:9","actor":"discord:1","action":"case.created","target":"discord:2",
                 "details":{"number":12},"requestId":"r1","createdAt":"2026-11-22T08:00:00Z"}],"nextCursor":null}""");
        enqueueJson(200, "{\"wars\":{\"created\":3}}");

        Page<AuditEntry> audit = client.auditLog().list("discord:9", ListOptions.first(1), CallOptions.none());
        JsonNode stats = client.stats().get("discord:9", CallOptions.none());

        List<String> seen = new java.util.ArrayList<>();
        for (int i = 0; i < 2; i++) {
            RecordedRequest r = take();
            seen.add(r.getMethod() + " " + r.getUrl().encodedPath());
        }
        assertThat(seen).containsExactly("GET /v1/servers/discord:9/audit-log", "GET /v1/servers/discord:9/stats");
        assertThat(audit.items().get(0).details().get("number").asInt()).isEqualTo(12);
        assertThat(audit.items().get(0).createdAt()).isEqualTo(Instant.parse("2026-11-22T08:00:00Z"));
        assertThat(stats.path("wars").path("created").asInt()).isEqualTo(3);
    }

    @Test
    void platformActionsRoundTripAsTheirJson() throws Exception {
        PlatformAction a = JSON.readValue("{\"type\":\"dm\",\"user\":\"discord:2\",\"text\":\"hi\"}", PlatformAction.class);
        assertThat(JSON.writeValueAsString(a)).isEqualTo("{\"type\":\"dm\",\"user\":\"discord:2\",\"text\":\"hi\"}");
        assertThat(a).isEqualTo(PlatformAction.of(JSON.readTree("{\"type\":\"dm\",\"user\":\"discord:2\",\"text\":\"hi\"}")));
        assertThat(PlatformAction.of("kick", "discord:2").type()).isEqualTo("kick");
    }
}
