package dev.guildhall.client;

import dev.guildhall.client.model.NewCase;
import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;
import okhttp3.Headers;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class RetryTest extends MockServerTest {

    static final String WAR = "{\"id\":\"w1\",\"status\":\"ACTIVE\"}";
    static final NewCase WARN = NewCase.of("warn", NewCase.Target.user("discord:2"), "spam");
    static final String CASE_RESULT = "{\"case\":{\"number\":1,\"type\":\"warn\"},\"actions\":[]}";

    void enqueue503() {
        enqueueProblem(503, "{\"title\":\"Service unavailable\",\"status\":503}");
    }

    void enqueueDroppedConnection() {
        server.enqueue(new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build());
    }

    @Test
    void aGetIsRetriedOn503WithTheSameRequestIdAndSmallBackoff() throws Exception {
        enqueue503();
        enqueueProblem(504, "{\"status\":504}");
        enqueueJson(200, WAR);

        assertThat(client.wars().get("w1", CallOptions.none().requestId("r-1")).id()).isEqualTo("w1");

        assertThat(server.getRequestCount()).isEqualTo(3);
        for (int i = 0; i < 3; i++) assertThat(take().getHeaders().get("X-Request-Id")).isEqualTo("r-1");
        assertThat(sleeps).hasSize(2);
        assertThat(sleeps.get(0)).isBetween(Duration.ofMillis(50), Duration.ofMillis(100));
        assertThat(sleeps.get(1)).isBetween(Duration.ofMillis(100), Duration.ofMillis(200));
    }

    @Test
    void retriesAreBoundedAndTheLastAnswerIsThrown() {
        enqueue503();
        enqueue503();
        enqueue503();
        enqueueJson(200, WAR); // never reached

        GuildhallApiException e = catchThrowableOfType(GuildhallApiException.class,
                () -> client.wars().get("w1", CallOptions.none()));

        assertThat(e.status()).isEqualTo(503);
        assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @Test
    void aPlainPostIsNeverRetried() {
        enqueue503();
        enqueueJson(201, CASE_RESULT);

        assertThatThrownBy(() -> client.cases().create("discord:9", WARN, CallOptions.none()))
                .isInstanceOf(GuildhallApiException.class);

        assertThat(server.getRequestCount()).isEqualTo(1);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void aPatchIsNotRetriedEvenWithAnIdempotencyKey() {
        // core-api keeps idempotency records for POSTs only: a repeated PATCH would be applied twice
        enqueue503();
        enqueueJson(200, "{}");

        assertThatThrownBy(() -> client.servers().patchConfig("discord:9",
                com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode(),
                CallOptions.none().idempotencyKey("k")))
                .isInstanceOf(GuildhallApiException.class);

        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void aPlainPostWhoseConnectionDropsIsNotRepeatedEvenByOkHttp() {
        // A pooled connection first: OkHttp by itself silently repeats a request that fails on a reused one.
        enqueueJson(200, WAR);
        client.wars().get("w1", CallOptions.none());
        enqueueDroppedConnection();
        enqueueJson(201, CASE_RESULT);

        assertThatThrownBy(() -> client.cases().create("discord:9", WARN, CallOptions.none()))
                .isInstanceOf(GuildhallUnavailableException.class);

        assertThat(server.getRequestCount()).isEqualTo(2); // the GET and the one POST
    }

    @Test
    void aPostWithAnIdempotencyKeyIsRetriedWithTheSameKey() throws Exception {
        enqueueDroppedConnection();
        enqueue503();
        enqueueJson(201, CASE_RESULT);

        var result = client.cases().create("discord:9", WARN, CallOptions.none().idempotencyKey("interaction-1"));

        assertThat(result.moderationCase().number()).isEqualTo(1);
        assertThat(server.getRequestCount()).isEqualTo(3);
        for (int i = 0; i < 3; i++) {
            var r = take();
            assertThat(r.getHeaders().get("Idempotency-Key")).isEqualTo("interaction-1");
            assertThat(r.getBody().utf8()).contains("\"warn\"");
        }
    }

    @Test
    void aGetWhoseConnectionDropsIsRetried() {
        enqueueDroppedConnection();
        enqueueJson(200, WAR);

        assertThat(client.wars().get("w1", CallOptions.none()).status()).isEqualTo("ACTIVE");
        assertThat(sleeps).hasSize(1);
    }

    @Test
    void putAndDeleteAreRetried() {
        enqueue503();
        enqueueJson(200, "{\"id\":\"discord:9\"}");
        enqueue503();
        server.enqueue(new MockResponse(204, Headers.of(), ""));

        client.servers().register("discord:9", new dev.guildhall.client.model.ServerRegistration("S", "discord:1"),
                CallOptions.none());
        client.apiKeys().revoke("k1", CallOptions.none());

        assertThat(server.getRequestCount()).isEqualTo(4);
    }

    @Test
    void a429RetryAfterIsHonoured() {
        enqueueProblem(429, "{\"title\":\"Too many requests\",\"status\":429}", "Retry-After", "1");
        enqueueJson(200, WAR);

        assertThat(client.wars().get("w1", CallOptions.none()).id()).isEqualTo("w1");

        assertThat(sleeps).containsExactly(Duration.ofSeconds(1));
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void aLongRetryAfterIsHandedToTheCallerAtOnce() {
        enqueueProblem(429, "{\"title\":\"Too many requests\",\"status\":429}", "Retry-After", "30");
        enqueueJson(200, WAR);

        GuildhallApiException e = catchThrowableOfType(GuildhallApiException.class,
                () -> client.wars().get("w1", CallOptions.none()));

        assertThat(e.retryAfter()).contains(Duration.ofSeconds(30));
        assertThat(sleeps).isEmpty();
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void a429OnAPlainPostIsNotRetried() {
        enqueueProblem(429, "{\"title\":\"Too many requests\",\"status\":429}", "Retry-After", "1");
        enqueueJson(201, CASE_RESULT);

        assertThatThrownBy(() -> client.cases().create("discord:9", WARN, CallOptions.none()))
                .isInstanceOf(GuildhallApiException.class);
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void retriesCanBeTurnedOff() {
        enqueue503();
        try (GuildhallClient once = clientBuilder().maxRetries(0).build()) {
            assertThatThrownBy(() -> once.wars().get("w1", CallOptions.none())).isInstanceOf(GuildhallApiException.class);
        }
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void backoffGrowsAndIsCapped() {
        Transport t = new Transport(server.url("/"), KEY, new okhttp3.OkHttpClient(), c -> c,
                GuildhallClient.objectMapper(),
                2, Duration.ofMillis(100), Duration.ofMillis(400), Duration.ofSeconds(2), d -> {});
        for (int i = 0; i < 50; i++) {
            assertThat(t.backoff(0)).isBetween(Duration.ofMillis(50), Duration.ofMillis(100));
            assertThat(t.backoff(1)).isBetween(Duration.ofMillis(100), Duration.ofMillis(200));
            assertThat(t.backoff(10)).isBetween(Duration.ofMillis(200), Duration.ofMillis(400));
        }
    }
}
