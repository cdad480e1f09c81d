package dev.guildhall.slack.core;

import dev.guildhall.client.GuildhallClient;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static dev.guildhall.slack.support.FakeCoreApi.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link TypedCoreApi} against a scripted core-api (MockWebServer): headers it sends through the typed
 * client, problems it turns into refusals, the circuit breaker, and replay detection for events.
 * A {@code @QuarkusTest} because SmallRye Fault Tolerance's Guard lives in the application.
 */
@QuarkusTest
class SlackCoreApiTest {

    private MockWebServer server;
    private GuildhallClient client;
    private final List<CircuitBreakerState> states = new CopyOnWriteArrayList<>();
    private TypedCoreApi core;

    @BeforeEach
    void start() throws Exception {
        server = new MockWebServer();
        server.start();
        ReplayTracker replays = new ReplayTracker();
        client = GuildhallClient.builder().baseUrl(server.url("/").toString()).apiKey("ghk_platform")
                .httpClient(new OkHttpClient.Builder().addInterceptor(replays).build())
                .maxRetries(1).backoff(Duration.ofMillis(1), Duration.ofMillis(2)).build();
        core = new TypedCoreApi(client, TypedCoreApi.circuitBreaker("test-" + UUID.randomUUID(), 4,
                Duration.ofSeconds(30), states::add), replays);
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    private static MockResponse answer(int code, String body) {
        return new MockResponse.Builder().code(code).addHeader("Content-Type", code < 300 ? "application/json"
                : "application/problem+json").body(body.replace('\'', '"')).build();
    }

    private RecordedRequest take() throws InterruptedException {
        return server.takeRequest(5, TimeUnit.SECONDS);
    }

    @Test
    void sendsTheActorTheTriggerAsIdempotencyKeyAndTheRequestId() throws Exception {
        server.enqueue(answer(201, "{'id':'w1','status':'PENDING','sides':[]}"));
        Call call = new Call("slack:U1", "Ann", Set.of("MANAGE_SERVER", "BAN_MEMBERS"), true, 4, "trigger-1", "req-1");
        var war = core.createWar("slack:T1", json("{'game':'chess','format':'ft3','sides':[['slack:U1'],['slack:U2']]}"), call);
        assertThat(war.path("id").asText()).isEqualTo("w1");
        RecordedRequest r = take();
        assertThat(r.getUrl().encodedPath()).isEqualTo("/v1/servers/slack:T1/wars");
        assertThat(r.getHeaders().get("Authorization")).isEqualTo("Bearer ghk_platform");
        assertThat(r.getHeaders().get("X-Actor-Id")).isEqualTo("slack:U1");
        assertThat(r.getHeaders().get("X-Actor-Name")).isEqualTo("Ann");
        assertThat(r.getHeaders().get("X-Actor-Permissions").split(",")).containsExactlyInAnyOrder("BAN_MEMBERS", "MANAGE_SERVER");
        assertThat(r.getHeaders().get("X-Actor-Owner")).isEqualTo("true");
        assertThat(r.getHeaders().get("X-Actor-Top-Role")).isEqualTo("4");
        assertThat(r.getHeaders().get("Idempotency-Key")).isEqualTo("trigger-1");
        assertThat(r.getHeaders().get("X-Request-Id")).isEqualTo("req-1");
        assertThat(r.getBody().utf8()).contains("\"game\":\"chess\"").contains("[[\"slack:U1\"],[\"slack:U2\"]]");
    }

    @Test
    void registrationActsForNobody() throws Exception {
        server.enqueue(answer(201, "{'id':'slack:T1','platform':'slack','name':'acme'}"));
        core.registerServer("slack:T1", "acme", Call.system(null, "req-2"));
        RecordedRequest r = take();
        assertThat(r.getMethod()).isEqualTo("PUT");
        assertThat(r.getHeaders().get("X-Actor-Id")).isNull();
        assertThat(r.getBody().utf8()).isEqualTo("{\"name\":\"acme\"}");
    }

    @Test
    void refusalsCarryCoreApisWordsAndNeverOpenTheCircuit() {
        for (int i = 0; i < 8; i++) {
            server.enqueue(answer(422, "{'type':'https://guildhall.dev/problems/self-war','title':'Rule refused','status':422,"
                    + "'detail':'A player cannot be on both sides','errors':[{'field':'sides','message':'slack:U1 twice'}]}"));
        }
        for (int i = 0; i < 8; i++) {
            assertThatThrownBy(() -> core.createWar("slack:T1", json("{'game':'chess','sides':[]}"), Call.system("k" + UUID.randomUUID(), null)))
                    .isInstanceOfSatisfying(CoreApiException.class, e -> {
                        assertThat(e.status()).isEqualTo(422);
                        assertThat(e.detail()).isEqualTo("A player cannot be on both sides");
                        assertThat(e.errors()).containsExactly(new CoreApiException.FieldError("sides", "slack:U1 twice"));
                    });
        }
        assertThat(states).isEmpty();
        assertThat(server.getRequestCount()).isEqualTo(8);
    }

    @Test
    void aDeadCoreApiOpensTheCircuitAndIsThenLeftAlone() {
        for (int i = 0; i < 20; i++) server.enqueue(answer(503, "{'title':'Database unavailable','status':503}"));
        for (int i = 0; i < 4; i++) {
            assertThatThrownBy(() -> core.config("slack:T1", Call.system(null, null))).isInstanceOf(CoreUnavailableException.class);
        }
        assertThat(states).containsExactly(CircuitBreakerState.OPEN);
        int reached = server.getRequestCount();
        assertThatThrownBy(() -> core.config("slack:T1", Call.system(null, null)))
                .isInstanceOf(CoreUnavailableException.class).hasMessageContaining("circuit is open");
        assertThat(server.getRequestCount()).isEqualTo(reached);
    }

    @Test
    void anUnreachableCoreApiIsUnavailable() {
        GuildhallClient dead = GuildhallClient.builder().baseUrl("http://127.0.0.1:1/").apiKey("k").maxRetries(0).build();
        TypedCoreApi deadCore = new TypedCoreApi(dead, TypedCoreApi.circuitBreaker("dead-" + UUID.randomUUID(), 10,
                Duration.ofSeconds(5), s -> { }), new ReplayTracker());
        assertThatThrownBy(() -> deadCore.leaderboard("slack:T1", null, Call.system(null, null)))
                .isInstanceOf(CoreUnavailableException.class);
        dead.close();
    }

    @Test
    void replaysOfAnEventIdAreRecognised() {
        String verdict = "{'verdict':'delete','rule':'banned_words','actions':[{'type':'delete','channel':'C1','messageId':'1.2'}]}";
        server.enqueue(answer(200, verdict));
        server.enqueue(new MockResponse.Builder(answer(200, verdict)).addHeader("Idempotent-Replayed", "true").build());
        var body = json("{'messageId':'1.2','channel':'C1','author':{'user':'slack:U5','roles':[]},'content':'x','mentions':0}");
        CoreApi.Replayable first = core.checkMessage("slack:T1", body, Call.system("Ev1", null));
        CoreApi.Replayable second = core.checkMessage("slack:T1", body, Call.system("Ev1", null));
        assertThat(first.replayed()).isFalse();
        assertThat(first.body().path("actions").path(0).path("type").asText()).isEqualTo("delete");
        assertThat(second.replayed()).isTrue();
    }

    @Test
    void aReplayOfOurOwnLostAttemptIsNotMistakenForADuplicate() {
        // the first attempt reached core-api but its answer was lost (a 504 from a proxy); the client
        // retries with the same key and gets the replay: nobody acted on it yet, so it counts as new
        server.enqueue(answer(504, "{'title':'Gateway Timeout','status':504}"));
        server.enqueue(new MockResponse.Builder(answer(200, "{'actions':[],'raid':false}")).addHeader("Idempotent-Replayed", "true").build());
        CoreApi.Replayable answer = core.memberJoined("slack:T1", json("{'user':'slack:U7','name':'New'}"), Call.system("Ev7", null));
        assertThat(server.getRequestCount()).isEqualTo(2);
        assertThat(answer.replayed()).isFalse();
    }
}
