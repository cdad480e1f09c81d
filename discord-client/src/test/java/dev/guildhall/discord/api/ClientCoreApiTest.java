package dev.guildhall.discord.api;

import dev.guildhall.client.GuildhallClient;
import dev.guildhall.discord.Json;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The bot's calls as they leave through the typed client: paths, bodies and headers. */
class ClientCoreApiTest {

    MockWebServer server = new MockWebServer();
    GuildhallClient client;
    ClientCoreApi api;

    @BeforeEach
    void start() throws Exception {
        server.start();
        client = GuildhallClient.builder().baseUrl(server.url("/").toString()).apiKey("pk").maxRetries(0).build();
        api = new ClientCoreApi(client);
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    @Test
    void sendsActorHeadersIdempotencyKeyAndRequestId() throws Exception {
        server.enqueue(new MockResponse.Builder().code(201).addHeader("Content-Type", "application/json")
                .body("{\"id\":\"w1\",\"status\":\"PENDING\",\"sides\":[]}").build());
        ActorInfo actor = new ActorInfo("discord:1", "Ann", Set.of("BAN_MEMBERS", "KICK_MEMBERS"), false, 4);
        var answer = api.call(ApiRequest.of(Operation.CREATE_WAR, Map.of("server", "discord:9"), Json.parse(
                "{\"game\":\"chess\",\"format\":\"ft3\",\"sides\":[[\"discord:1\"],[\"discord:2\"]]}")),
                new CallContext(actor, "123", "discord-123"));
        assertThat(answer.path("id").asText()).isEqualTo("w1");

        RecordedRequest r = server.takeRequest();
        assertThat(r.getMethod()).isEqualTo("POST");
        assertThat(r.getUrl().encodedPath()).isEqualTo("/v1/servers/discord:9/wars");
        assertThat(r.getHeaders().get("Authorization")).isEqualTo("Bearer pk");
        assertThat(r.getHeaders().get("X-Actor-Id")).isEqualTo("discord:1");
        assertThat(r.getHeaders().get("X-Actor-Permissions")).contains("BAN_MEMBERS").contains("KICK_MEMBERS");
        assertThat(r.getHeaders().get("X-Actor-Owner")).isEqualTo("false");
        assertThat(r.getHeaders().get("X-Actor-Top-Role")).isEqualTo("4");
        assertThat(r.getHeaders().get("Idempotency-Key")).isEqualTo("123");
        assertThat(r.getHeaders().get("X-Request-Id")).isEqualTo("discord-123");
        assertThat(Json.parse(r.getBody().utf8())).isEqualTo(Json.parse(
                "{\"game\":\"chess\",\"format\":\"ft3\",\"sides\":[[\"discord:1\"],[\"discord:2\"]]}"));
    }

    @Test
    void anObservedBanKeepsItsAuditFieldsOnTheWire() throws Exception {
        server.enqueue(new MockResponse.Builder().code(201).addHeader("Content-Type", "application/json")
                .body("{\"case\":{\"number\":3,\"type\":\"ban\"},\"actions\":[],\"recorded\":true}").build());
        String body = "{\"type\":\"ban\",\"target\":{\"user\":\"discord:5\",\"bot\":true},\"reason\":\"raid\","
                + "\"observed\":true,\"platformRef\":\"777\",\"moderator\":\"discord:2\"}";
        var answer = api.call(ApiRequest.of(Operation.CREATE_CASE, Map.of("server", "discord:9"), Json.parse(body)),
                CallContext.system("audit-777", "discord-audit-777"));
        assertThat(answer.path("case").path("number").asInt()).isEqualTo(3);
        RecordedRequest r = server.takeRequest();
        assertThat(Json.parse(r.getBody().utf8())).isEqualTo(Json.parse(body));
        assertThat(r.getHeaders().get("X-Actor-Id")).isNull();
        assertThat(r.getHeaders().get("Idempotency-Key")).isEqualTo("audit-777");
    }

    @Test
    void problemAnswersBecomeApiExceptionsWithTheDetail() {
        server.enqueue(new MockResponse.Builder().code(422).addHeader("Content-Type", "application/problem+json")
                .body("{\"type\":\"about:blank\",\"title\":\"Rule refused\",\"status\":422,"
                        + "\"detail\":\"You cannot war yourself\"}").build());
        ApiException e = catchThrowableOfType(ApiException.class, () -> api.call(
                ApiRequest.of(Operation.GET_WAR, Map.of("id", "w1")), CallContext.system(null, "r")));
        assertThat(e.status()).isEqualTo(422);
        assertThat(e.detail()).isEqualTo("You cannot war yourself");
        assertThat(e.unavailable()).isFalse();
    }

    @Test
    void anUnreachableCoreApiIsUnavailable() {
        server.close();
        ApiException e = catchThrowableOfType(ApiException.class, () -> api.call(
                ApiRequest.of(Operation.GET_WAR, Map.of("id", "w1")), CallContext.system(null, "r")));
        assertThat(e.unavailable()).isTrue();
    }
}
