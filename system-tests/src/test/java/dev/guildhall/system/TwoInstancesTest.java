package dev.guildhall.system;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.guildhall.client.CallOptions;
import dev.guildhall.client.GuildhallApiException;
import dev.guildhall.client.GuildhallClient;
import dev.guildhall.client.model.ApiKey;
import dev.guildhall.client.model.NewApiKey;
import dev.guildhall.client.model.ServerRegistration;
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
 * the other honours — keys, revocations, config, idempotency records.
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
