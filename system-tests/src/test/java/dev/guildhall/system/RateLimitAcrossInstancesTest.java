package dev.guildhall.system;

import dev.guildhall.client.CallOptions;
import dev.guildhall.client.model.NewApiKey;
import dev.guildhall.client.model.ServerRegistration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rate limits hold across instances: a burst spread over two core-api processes on one database is admitted
 * about the limit, never more than 10 % over it (the instances reserve their tokens in the database before
 * spending them) and not silently far under it; failed authentications of one client address count on both.
 */
class RateLimitAcrossInstancesTest {

    private static final int APP_LIMIT = 100;
    private static final int ACTOR_LIMIT = 50;
    private static final int FAILED_AUTH_LIMIT = 10;
    private static final int WINDOW_SECONDS = 3600;
    private static final AtomicLong IDS = new AtomicLong(System.currentTimeMillis());
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static Cluster cluster;
    private static String platformKey;
    private static String server;

    @BeforeAll
    static void start() throws Exception {
        cluster = Cluster.start(2, Map.of(
                "GUILDHALL_RATE_LIMIT_APP", String.valueOf(APP_LIMIT),
                "GUILDHALL_RATE_LIMIT_ACTOR", String.valueOf(ACTOR_LIMIT),
                "GUILDHALL_RATE_LIMIT_FAILED_AUTH", String.valueOf(FAILED_AUTH_LIMIT),
                "GUILDHALL_RATE_LIMIT_WINDOW_SECONDS", String.valueOf(WINDOW_SECONDS),
                // as behind docker/'s nginx: the test is the trusted proxy and names each client in X-Forwarded-For
                "QUARKUS_HTTP_PROXY_PROXY_ADDRESS_FORWARDING", "true",
                "QUARKUS_HTTP_PROXY_ALLOW_X_FORWARDED", "true",
                "QUARKUS_HTTP_PROXY_TRUSTED_PROXIES", "127.0.0.1"));
        platformKey = cluster.client(0, Cluster.ADMIN_KEY).apiKeys()
                .create(new NewApiKey("bot", "platform", null, null), CallOptions.none()).key();
        server = "discord:" + IDS.incrementAndGet();
        cluster.client(0, platformKey).servers().register(server, new ServerRegistration("S", null), CallOptions.none());
        // compiled code and open connections, so that a burst is as fast as the instances can go (a cold JVM
        // answered 300 calls in 5-12 s, not the fraction of a second a warm one takes)
        for (int round = 0; round < 3; round++) burst(1000, 0, i -> get(i, platformKey, null, null));
    }

    @AfterAll
    static void stop() throws Exception {
        if (cluster != null) cluster.close();
    }

    @Test
    void aBurstAsFastAsPossibleAgainstAKeyLimitIsAdmittedAboutTheLimit() throws Exception {
        String app = appKey();
        List<Integer> statuses = burst(300, 0, i -> get(i, app, null, null));
        assertAdmittedAbout(statuses, APP_LIMIT);
    }

    @Test
    void aBurstOverASecondAgainstAKeyLimitIsAdmittedAboutTheLimit() throws Exception {
        String app = appKey();
        List<Integer> statuses = burst(300, 1000, i -> get(i, app, null, null));
        assertAdmittedAbout(statuses, APP_LIMIT);
    }

    @Test
    void aBurstAsFastAsPossibleAgainstAnActorLimitIsAdmittedAboutTheLimit() throws Exception {
        String actor = "discord:" + IDS.incrementAndGet();
        List<Integer> statuses = burst(300, 0, i -> get(i, platformKey, actor, null));
        assertAdmittedAbout(statuses, ACTOR_LIMIT);
    }

    @Test
    void aBurstOverASecondAgainstAnActorLimitIsAdmittedAboutTheLimit() throws Exception {
        String actor = "discord:" + IDS.incrementAndGet();
        List<Integer> statuses = burst(300, 1000, i -> get(i, platformKey, actor, null));
        assertAdmittedAbout(statuses, ACTOR_LIMIT);
    }

    @Test
    void failedAuthenticationsOfOneAddressCountOnBothInstances() throws Exception {
        String client = "203.0.113." + (IDS.incrementAndGet() % 200 + 1);
        List<Integer> statuses = burst(40, 0, i -> get(i, "ghk_guess-" + IDS.incrementAndGet(), null, client));
        assertThat(statuses).containsOnly(401, 429);
        // the budget is shared: at most its 10, and at most one block (a tenth) short of it
        assertThat(statuses.stream().filter(s -> s == 401).count()).isBetween((long) FAILED_AUTH_LIMIT - 1, (long) FAILED_AUTH_LIMIT);
        for (int instance = 0; instance < 2; instance++) {
            assertThat(get(instance, "ghk_guess-" + IDS.incrementAndGet(), null, client).statusCode()).isEqualTo(429);
            assertThat(get(instance, "ghk_guess-" + IDS.incrementAndGet(), null, "198.51.100.1").statusCode()).isEqualTo(401);
        }
    }

    @Test
    void aStoppingInstanceGivesBackTheTokensItHeld() throws Exception {
        try (Cluster two = Cluster.start(2, Map.of("GUILDHALL_RATE_LIMIT_ACTOR", String.valueOf(ACTOR_LIMIT),
                "GUILDHALL_RATE_LIMIT_WINDOW_SECONDS", String.valueOf(WINDOW_SECONDS)))) {
            String key = two.client(0, Cluster.ADMIN_KEY).apiKeys()
                    .create(new NewApiKey("bot", "platform", null, null), CallOptions.none()).key();
            String id = "discord:" + IDS.incrementAndGet();
            two.client(0, key).servers().register(id, new ServerRegistration("S", null), CallOptions.none());
            String actor = "discord:" + IDS.incrementAndGet();
            awaitWindowRoom();
            // the first instance reserves a block (a tenth of 50) and spends one of it
            assertThat(get(two, 0, id, key, actor, null).statusCode()).isEqualTo(200);
            two.stop(0);
            int admitted = 0;
            for (int i = 0; i < ACTOR_LIMIT + 10; i++) {
                if (get(two, 1, id, key, actor, null).statusCode() == 200) admitted++;
            }
            // everything but the one call: the four tokens it held came back when it stopped
            assertThat(admitted).isEqualTo(ACTOR_LIMIT - 1);
        }
    }

    private static String appKey() {
        return cluster.client(0, Cluster.ADMIN_KEY).apiKeys().create(new NewApiKey("app-" + IDS.incrementAndGet(), "app",
                List.of("servers:read"), List.of(server)), CallOptions.none()).key();
    }

    /** GET the server on instance {@code i % 2}. */
    private static HttpResponse<Void> get(int i, String key, String actor, String forwardedFor) throws Exception {
        return get(cluster, i, server, key, actor, forwardedFor);
    }

    private static HttpResponse<Void> get(Cluster on, int i, String server, String key, String actor, String forwardedFor)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(on.url(i % 2) + "/v1/servers/" + server))
                .header("Authorization", "Bearer " + key).timeout(Duration.ofSeconds(30));
        if (actor != null) request.header("X-Actor-Id", actor);
        if (forwardedFor != null) request.header("X-Forwarded-For", forwardedFor);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding());
    }

    private interface Call {
        HttpResponse<Void> send(int i) throws Exception;
    }

    /**
     * {@code n} calls alternating between the instances: all at once from 32 threads when {@code overMillis} is 0,
     * else started evenly over that time. Returns their status codes.
     */
    private static List<Integer> burst(int n, long overMillis, Call call) throws Exception {
        awaitWindowRoom();
        ExecutorService pool = Executors.newFixedThreadPool(overMillis == 0 ? 32 : 64);
        try {
            List<Future<HttpResponse<Void>>> calls = new ArrayList<>();
            long begin = System.nanoTime();
            for (int i = 0; i < n; i++) {
                if (overMillis > 0) {
                    long due = begin + i * overMillis * 1_000_000 / n;
                    long wait = due - System.nanoTime();
                    if (wait > 0) Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                int index = i;
                calls.add(pool.submit(() -> call.send(index)));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<HttpResponse<Void>> f : calls) statuses.add(f.get().statusCode());
            System.out.printf("%d calls over %d ms: %d admitted%n", n, (System.nanoTime() - begin) / 1_000_000,
                    statuses.stream().filter(s -> s < 300).count());
            return statuses;
        } finally {
            pool.shutdownNow();
        }
    }

    private static void assertAdmittedAbout(List<Integer> statuses, int limit) {
        assertThat(statuses).containsOnly(200, 429);
        long admitted = statuses.stream().filter(s -> s == 200).count();
        assertThat(admitted).isBetween(limit * 9L / 10, limit * 11L / 10);
    }

    /** Not across a window's end: the count starts again there, and a burst across it may be admitted twice. */
    private static void awaitWindowRoom() throws InterruptedException {
        long intoWindow = System.currentTimeMillis() % (WINDOW_SECONDS * 1000L);
        long left = WINDOW_SECONDS * 1000L - intoWindow;
        if (left < 15_000) Thread.sleep(left + 1000);
    }
}
