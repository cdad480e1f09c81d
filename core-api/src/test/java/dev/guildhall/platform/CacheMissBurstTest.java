package dev.guildhall.platform;

import dev.guildhall.support.Api;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every request that finds the key and server caches empty loads them on a worker thread, and a blocking
 * endpoint then needs a worker and a connection of its own. A burst of such requests (100) far larger than the
 * connection pool and the worker pool must still be served: no load may keep its connection while its request
 * waits for a worker, or the requests would wait for each other until the pool's acquisition timeout (503).
 */
@QuarkusTest
@TestProfile(CacheMissBurstTest.SmallPools.class)
class CacheMissBurstTest {

    public static class SmallPools implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.datasource.jdbc.max-size", "2", "quarkus.datasource.jdbc.min-size", "0",
                    "quarkus.thread-pool.max-threads", "3", "quarkus.datasource.jdbc.acquisition-timeout", "2S");
        }
    }

    @TestHTTPResource("/")
    URI base;

    @Test
    void aBurstOfRequestsMeetingEmptyCachesIsServedWithoutStarvingThePool() {
        String server = Api.newServer(Api.newUser());
        HttpClient http = HttpClient.newHttpClient();
        for (int round = 0; round < 3; round++) {
            // a new key is in no cache yet; re-registering the server empties the server cache
            String key = Api.createKey("burst-" + round, "platform", List.of(), List.of());
            Api.platform().body(Map.of("name", "Burst " + round)).put("/v1/servers/" + server).then().statusCode(200);
            List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                String path = i % 2 == 0 ? "v1/servers/" + server + "/leaderboard?game=chess" : "v1/servers/" + server + "/config";
                calls.add(http.sendAsync(HttpRequest.newBuilder(base.resolve(path)).header("Authorization", "Bearer " + key).build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            List<Integer> statuses = calls.stream().map(c -> c.join().statusCode()).toList();
            assertThat(statuses).as("round %d", round).containsOnly(200);
        }
    }
}
