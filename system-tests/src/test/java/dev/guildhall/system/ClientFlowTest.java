package dev.guildhall.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.guildhall.client.Actor;
import dev.guildhall.client.CallOptions;
import dev.guildhall.client.GuildhallClient;
import dev.guildhall.client.ListOptions;
import dev.guildhall.client.Permission;
import dev.guildhall.client.model.CaseResult;
import dev.guildhall.client.model.CheckResult;
import dev.guildhall.client.model.MemberJoin;
import dev.guildhall.client.model.MessageCheck;
import dev.guildhall.client.model.NewApiKey;
import dev.guildhall.client.model.NewCase;
import dev.guildhall.client.model.NewWar;
import dev.guildhall.client.model.PlatformAction;
import dev.guildhall.client.model.Profile;
import dev.guildhall.client.model.ServerRegistration;
import dev.guildhall.client.model.War;
import dev.guildhall.client.model.WarResolution;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The typed client, used as the adapters use it, against two real core-api instances taking turns
 * like a load balancer: every call shape of the client is the one the API serves.
 */
class ClientFlowTest {

    private static Cluster cluster;
    private static GuildhallClient a;
    private static GuildhallClient b;
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void start() throws Exception {
        cluster = Cluster.start(2);
        String key = cluster.client(0, Cluster.ADMIN_KEY).apiKeys()
                .create(new NewApiKey("adapter", "platform", null, null), CallOptions.none()).key();
        a = cluster.client(0, key);
        b = cluster.client(1, key);
    }

    @AfterAll
    static void stop() throws Exception {
        if (cluster != null) cluster.close();
    }

    private static CallOptions as(String user, Permission... permissions) {
        return CallOptions.as(Actor.of(user, "user " + user).permissions(permissions).topRole(10));
    }

    @Test
    void aWarWithADisputeResolvedByAModerator() {
        String server = "discord:9001";
        a.servers().register(server, new ServerRegistration("Flow", "discord:1"), CallOptions.none());
        War war = a.wars().create(server, new NewWar("chess", "ft2", "12h", List.of(List.of("discord:11"), List.of("discord:12"))),
                as("discord:11").idempotencyKey("create-flow-war"));
        assertThat(war.status()).isEqualTo("PENDING");
        assertThat(b.wars().accept(war.id(), as("discord:12")).status()).isEqualTo("ACTIVE");

        a.wars().reportRound(war.id(), 0, as("discord:11"));
        assertThat(b.wars().disputeRound(war.id(), 1, as("discord:12")).status()).isEqualTo("DISPUTED");
        War resolved = a.wars().resolve(war.id(), WarResolution.round(1, 0), as("discord:1", Permission.MANAGE_SERVER));
        assertThat(resolved.status()).isEqualTo("ACTIVE");
        assertThat(resolved.sides().get(0).wins()).isEqualTo(1);

        War finished = b.wars().reportRound(war.id(), 0, as("discord:12"));
        assertThat(finished.status()).isEqualTo("FINISHED");
        assertThat(finished.winner()).isEqualTo(0);
        assertThat(finished.ratingChanges()).anySatisfy(c -> {
            assertThat(c.user()).isEqualTo("discord:11");
            assertThat(c.after()).isEqualTo(1016);
        });

        assertThat(b.leaderboard().get(server, "chess", ListOptions.first(10), CallOptions.none()).items())
                .extracting(e -> e.user() + "=" + e.rating()).containsExactly("discord:11=1016", "discord:12=984");
        Profile loser = a.players().profile(server, "discord:12", CallOptions.none());
        assertThat(loser.ratings().get(0).streak()).isEqualTo(-1);
        assertThat(loser.recentWars()).extracting(War::id).contains(war.id());
        assertThat(b.wars().list(server, ListOptions.first(10).filter("status", "FINISHED"), CallOptions.none()).items())
                .extracting(War::id).containsExactly(war.id());
        JsonNode stats = a.stats().get(server, CallOptions.none());
        assertThat(stats.path("wars").path("byStatus").path("FINISHED").asInt()).isEqualTo(1);
    }

    @Test
    void aTempBanExpiresIntoAnUnbanThatAnAdapterClaimsAndAcks() throws Exception {
        String server = "discord:9002";
        a.servers().register(server, new ServerRegistration("Mods", "discord:1"), CallOptions.none());
        CallOptions mod = as("discord:21", Permission.BAN_MEMBERS);
        CaseResult ban = a.cases().create(server, NewCase.of("ban", new NewCase.Target("discord:22", false, 1), "spam")
                .duration("1h").deleteMessageDays(1), mod);
        assertThat(ban.moderationCase().number()).isEqualTo(1);
        assertThat(ban.actions()).extracting(PlatformAction::type).contains("ban");
        assertThat(b.cases().updateReason(server, 1, "spam links", mod).reason()).isEqualTo("spam links");
        assertThat(b.cases().list(server, ListOptions.first(10), CallOptions.none()).items()).hasSize(1);

        // the same ban, seen in the platform's audit log: linked to case 1, not a second case
        CaseResult observed = b.cases().create(server, NewCase.of("ban", NewCase.Target.user("discord:22"), "spam")
                .observed("audit-entry-1", "discord:21"), CallOptions.none());
        assertThat(observed.isNew()).isFalse();

        try (Connection db = cluster.database(); PreparedStatement ps = db.prepareStatement(
                "update mod_case set expires_at = now() - interval '1 second' where server = ? and number = 1")) {
            ps.setString(1, server);
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
        List<PlatformAction> claimed = List.of();
        for (int i = 0; i < 40 && claimed.stream().noneMatch(x -> "unban".equals(x.type()) && server.equals(x.server())); i++) {
            Thread.sleep(250);
            claimed = b.actions().claim("discord", 10, 30, CallOptions.none());
        }
        PlatformAction unban = claimed.stream().filter(x -> "unban".equals(x.type()) && server.equals(x.server()))
                .findFirst().orElseThrow(() -> new AssertionError("no unban was queued"));
        assertThat(unban.user()).isEqualTo("discord:22");
        for (PlatformAction action : claimed) a.actions().ack("discord", action.id(), CallOptions.none());
        assertThat(b.actions().claim("discord", 10, 30, CallOptions.none()))
                .noneMatch(x -> server.equals(x.server()));
        assertThat(a.cases().get(server, 2, CallOptions.none()).type()).isEqualTo("unban");
        assertThat(a.auditLog().list(server, ListOptions.first(50), CallOptions.none()).items()).isNotEmpty();
    }

    @Test
    void automodAndJoinsFollowTheConfigOnEitherInstance() throws Exception {
        String server = "discord:9003";
        a.servers().register(server, new ServerRegistration("Chat", "discord:1"), CallOptions.none());
        a.servers().patchConfig(server, JSON.readTree("""
                {"automod":{"enabled":true,"bannedWords":["badword"]},
                 "welcome":{"enabled":true,"channel":"10","template":"Welcome {user}!"}}"""),
                as("discord:1", Permission.MANAGE_SERVER));
        Thread.sleep(1000); // within a second every instance has the new config

        CheckResult caught = b.automod().check(server, new MessageCheck("m1", "5",
                new MessageCheck.Author("discord:31", List.of()), "what a B4DW0RD thing", 0), CallOptions.none());
        assertThat(caught.verdict()).isEqualTo("delete");
        assertThat(caught.rule()).isEqualTo("banned_words");
        CheckResult fine = b.automod().check(server, new MessageCheck("m2", "5",
                new MessageCheck.Author("discord:31", List.of()), "good game everyone", 0), CallOptions.none());
        assertThat(fine.allowed()).isTrue();

        assertThat(b.members().joined(server, new MemberJoin("discord:32", "newbie", Instant.parse("2020-01-01T00:00:00Z")),
                CallOptions.none()).actions()).extracting(PlatformAction::type).contains("message");
    }
}
