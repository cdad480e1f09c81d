package dev.guildhall.system;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.guildhall.client.CallOptions;
import dev.guildhall.client.GuildhallApiException;
import dev.guildhall.client.GuildhallClient;
import dev.guildhall.client.ListOptions;
import dev.guildhall.client.model.ApiKey;
import dev.guildhall.client.model.NewApiKey;
import dev.guildhall.client.model.MessageCheck;
import dev.guildhall.client.model.NewWar;
import dev.guildhall.client.model.Page;
import dev.guildhall.client.model.ServerRegistration;
import dev.guildhall.client.Actor;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Two core-api processes on one database, as behind a load balancer: whatever one instance is told,
 * the other honours — keys, revocations, config, idempotency records — and scheduled work that both
 * run (war expiry) happens exactly once.
 */
class TwoInstancesTest {

    private static final AtomicLong IDS = new AtomicLong(System.currentTimeMillis());
    private static Cluster cluster;
    private static GuildhallClient adminA;
    private static GuildhallClient adminB;

    @BeforeAll
    static void start() throws Exception {
        cluster = Cluster.start(2);
        adminA = cluster.client(0, Cluster.ADMIN_KEY);
        adminB = cluster.client(1, Cluster.ADMIN_KEY);
    }

    @AfterAll
    static void stop() throws Exception {
        if (cluster != null) cluster.close();
    }

    private static String server() {
        return "discord:" + IDS.incrementAndGet();
    }

    private static String platformKey() {
        return adminA.apiKeys().create(new NewApiKey("bot-" + IDS.incrementAndGet(), "platform", null, null),
                CallOptions.none()).key();
    }

    @Test
    void aKeyMadeOnOneInstanceWorksOnTheOtherAndItsRevocationHoldsWithinASecond() throws Exception {
        ApiKey key = adminA.apiKeys().create(new NewApiKey("shared", "platform", null, null), CallOptions.none());
        GuildhallClient onB = cluster.client(1, key.key());
        String server = server();
        onB.servers().register(server, new ServerRegistration("S", null), CallOptions.none());

        adminA.apiKeys().revoke(key.id(), CallOptions.none());
        Thread.sleep(1000);
        assertThatThrownBy(() -> onB.servers().get(server, CallOptions.none()))
                .isInstanceOfSatisfying(GuildhallApiException.class, e -> assertThat(e.status()).isEqualTo(401));
    }

    @Test
    void aCursorGivenByOneInstancePagesOnTheOtherAndATamperedOneIsRefusedByBoth() {
        for (int i = 0; i < 3; i++) {
            adminA.apiKeys().create(new NewApiKey("paged-" + IDS.incrementAndGet(), "platform", null, null), CallOptions.none());
        }
        Page<ApiKey> first = adminA.apiKeys().list(ListOptions.first(1), CallOptions.none());
        Page<ApiKey> second = adminB.apiKeys().list(ListOptions.first(1).cursor(first.nextCursor()), CallOptions.none());
        Page<ApiKey> both = adminA.apiKeys().list(ListOptions.first(2), CallOptions.none());
        assertThat(List.of(first.items().get(0).id(), second.items().get(0).id()))
                .isEqualTo(both.items().stream().map(ApiKey::id).toList());

        String cursor = second.nextCursor();
        String tampered = cursor.substring(0, cursor.length() - 1) + (cursor.endsWith("A") ? "B" : "A");
        for (GuildhallClient admin : List.of(adminA, adminB)) {
            assertThatThrownBy(() -> admin.apiKeys().list(ListOptions.first(1).cursor(tampered), CallOptions.none()))
                    .isInstanceOfSatisfying(GuildhallApiException.class, e -> assertThat(e.status()).isEqualTo(400));
        }
    }

    @Test
    void aConfigChangeOnOneInstanceIsInForceOnTheOtherWithinASecond() throws Exception {
        String key = platformKey();
        GuildhallClient a = cluster.client(0, key);
        GuildhallClient b = cluster.client(1, key);
        String server = server();
        a.servers().register(server, new ServerRegistration("S", null), CallOptions.none());
        assertThat(b.servers().config(server, CallOptions.none()).path("cooldowns").path("warCreate").isNull()).isTrue();

        a.servers().patchConfig(server, new ObjectMapper().readTree("{\"cooldowns\":{\"warCreate\":\"30s\"}}"), CallOptions.none());
        Thread.sleep(1000);
        assertThat(b.servers().config(server, CallOptions.none()).path("cooldowns").path("warCreate").asText()).isEqualTo("30s");
    }

    @Test
    void withBothInstancesSweepingEachDueWarExpiresExactlyOnce() throws Exception {
        String key = platformKey();
        GuildhallClient a = cluster.client(0, key);
        GuildhallClient b = cluster.client(1, key);
        String server = server();
        a.servers().register(server, new ServerRegistration("S", null), CallOptions.none());
        List<String> wars = new java.util.ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String challenger = "discord:" + IDS.incrementAndGet();
            String rival = "discord:" + IDS.incrementAndGet();
            GuildhallClient c = i % 2 == 0 ? a : b;
            wars.add(c.wars().create(server, new NewWar("chess", "ft3", "1m", List.of(List.of(challenger), List.of(rival))),
                    CallOptions.as(Actor.of(challenger, "p"))).id());
        }
        try (Connection db = cluster.database(); Statement s = db.createStatement()) {
            s.executeUpdate("update war set expires_at = now() - interval '1 second' where server = '" + server + "'");
        }
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline && wars.stream().anyMatch(id -> !"EXPIRED".equals(b.wars().get(id, CallOptions.none()).status()))) {
            Thread.sleep(250);
        }
        Thread.sleep(2500); // two more sweeps on each instance: nothing may expire a second time
        for (String id : wars) {
            assertThat(a.wars().get(id, CallOptions.none()).status()).isEqualTo("EXPIRED");
        }
        try (Connection db = cluster.database(); Statement s = db.createStatement();
             ResultSet rs = s.executeQuery("select target, count(*) from audit_log where server = '" + server
                     + "' and action = 'war.expired' group by target")) {
            java.util.Map<String, Integer> expiries = new java.util.HashMap<>();
            while (rs.next()) expiries.put(rs.getString(1), rs.getInt(2));
            assertThat(expiries).hasSize(wars.size()).allSatisfy((war, times) -> assertThat(times).isEqualTo(1));
        }
    }

    @Test
    void copiesOfAKeyedMessageCheckSentToBothInstancesAtOnceCountTheMessageOnce() throws Exception {
        String key = platformKey();
        GuildhallClient a = cluster.client(0, key);
        GuildhallClient b = cluster.client(1, key);
        String server = server();
        a.servers().register(server, new ServerRegistration("S", null), CallOptions.none());
        a.servers().patchConfig(server, new ObjectMapper().readTree(
                "{\"automod\":{\"enabled\":true,\"duplicateLimit\":{\"count\":2,\"seconds\":60}}}"), CallOptions.none());
        Thread.sleep(1000); // the config in force on both instances
        String author = "discord:" + IDS.incrementAndGet();
        MessageCheck message = new MessageCheck("1", "100", new MessageCheck.Author(author, List.of()), "same again", 0);
        // an adapter retrying through a load balancer: six copies under one key, on both instances at once
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            CallOptions once = CallOptions.none().idempotencyKey("msg-" + IDS.incrementAndGet());
            List<Callable<String>> copies = new java.util.ArrayList<>();
            for (int i = 0; i < 6; i++) {
                GuildhallClient c = i % 2 == 0 ? a : b;
                copies.add(() -> c.automod().check(server, message, once).verdict());
            }
            for (Future<String> f : pool.invokeAll(copies)) assertThat(f.get()).isEqualTo("allow");
        } finally {
            pool.shutdown();
        }
        Thread.sleep(1500); // both instances' windows stored in the database
        // one message so far: the second identical one is within the limit of 2, the third is not (both through one
        // instance, the third once that instance has read what the other stored)
        assertThat(b.automod().check(server, message, CallOptions.none().idempotencyKey("msg-" + IDS.incrementAndGet()))
                .verdict()).isEqualTo("allow");
        Thread.sleep(500);
        assertThat(b.automod().check(server, message, CallOptions.none().idempotencyKey("msg-" + IDS.incrementAndGet()))
                .verdict()).isEqualTo("delete");
    }

    @Test
    void oneIdempotencyKeySentToBothInstancesAtOnceCreatesOneThing() throws Exception {
        String name = "idem-" + IDS.incrementAndGet();
        NewApiKey request = new NewApiKey(name, "app", List.of("wars:read"), List.of(server()));
        CallOptions options = CallOptions.none().idempotencyKey("same-" + name);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<ApiKey>> calls = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                GuildhallClient c = i % 2 == 0 ? adminA : adminB;
                calls.add(() -> c.apiKeys().create(request, options));
            }
            List<String> ids = new java.util.ArrayList<>();
            for (Future<ApiKey> f : pool.invokeAll(calls)) ids.add(f.get().id());
            assertThat(ids).containsOnly(ids.get(0));
        } finally {
            pool.shutdownNow();
        }
        long created = adminB.apiKeys().list(dev.guildhall.client.ListOptions.first(100), CallOptions.none()).items()
                .stream().filter(k -> k.name().equals(name)).count();
        assertThat(created).isEqualTo(1);
    }
}
