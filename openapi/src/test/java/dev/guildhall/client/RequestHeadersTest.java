package dev.guildhall.client;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;


import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RequestHeadersTest extends MockServerTest {

    static final String WAR = "{\"id\":\"w1\",\"status\":\"ACTIVE\"}";

    @Test
    void sendsAuthActorIdempotencyAndRequestIdHeaders() throws Exception {
        enqueueJson(200, WAR);
        Actor mod = Actor.of("discord:1", "Ann")
                .permissions(Permission.BAN_MEMBERS, Permission.MANAGE_SERVER)
                .owner(true).topRole(7);

        client.wars().accept("w1", CallOptions.as(mod).idempotencyKey("interaction-123").requestId("req-9"));

        RecordedRequest r = take();
        assertThat(r.getMethod()).isEqualTo("POST");
        assertThat(r.getUrl().encodedPath()).isEqualTo("/v1/wars/w1/accept");
        assertThat(r.getHeaders().get("Authorization")).isEqualTo("Bearer " + KEY);
        assertThat(r.getHeaders().get("X-Actor-Id")).isEqualTo("discord:1");
        assertThat(r.getHeaders().get("X-Actor-Name")).isEqualTo("Ann");
        assertThat(r.getHeaders().get("X-Actor-Permissions")).isEqualTo("MANAGE_SERVER,BAN_MEMBERS");
        assertThat(r.getHeaders().get("X-Actor-Owner")).isEqualTo("true");
        assertThat(r.getHeaders().get("X-Actor-Top-Role")).isEqualTo("7");
        assertThat(r.getHeaders().get("Idempotency-Key")).isEqualTo("interaction-123");
        assertThat(r.getHeaders().get("X-Request-Id")).isEqualTo("req-9");
        assertThat(r.getHeaders().get("Accept")).contains("application/json");
    }

    @Test
    void withoutOptionsSendsNoActorNoIdempotencyKeyAndAGeneratedRequestId() throws Exception {
        enqueueJson(200, WAR);

        client.wars().get("w1", CallOptions.none());

        RecordedRequest r = take();
        assertThat(r.getMethod()).isEqualTo("GET");
        assertThat(r.getHeaders().get("Authorization")).isEqualTo("Bearer " + KEY);
        assertThat(r.getHeaders().names()).doesNotContain("X-Actor-Id", "X-Actor-Name", "X-Actor-Permissions",
                "X-Actor-Owner", "X-Actor-Top-Role", "Idempotency-Key");
        assertThat(r.getHeaders().get("X-Request-Id")).matches("[0-9a-f-]{36}");
        assertThat(r.getBodySize()).isZero();
    }

    @Test
    void actorWithoutPermissionsOrRoleSendsOnlyWhatItKnows() throws Exception {
        enqueueJson(200, WAR);

        client.wars().decline("w1", CallOptions.as(Actor.of("slack:U1", null)));

        RecordedRequest r = take();
        assertThat(r.getHeaders().get("X-Actor-Id")).isEqualTo("slack:U1");
        assertThat(r.getHeaders().get("X-Actor-Owner")).isEqualTo("false");
        assertThat(r.getHeaders().names()).doesNotContain("X-Actor-Name", "X-Actor-Permissions", "X-Actor-Top-Role");
    }

    @Test
    void nonAsciiNamesGoAsUtf8AndControlCharactersAreRemoved() throws Exception {
        enqueueJson(200, WAR);

        client.wars().cancel("w1", CallOptions.as(Actor.of("discord:1", "Zoë 🎲\r\nX-Evil: 1")));

        RecordedRequest r = take();
        // On the wire the value is UTF-8 bytes (MockWebServer decodes them as UTF-8).
        assertThat(r.getHeaders().get("X-Actor-Name")).isEqualTo("Zoë 🎲  X-Evil: 1");
        assertThat(r.getHeaders().names()).doesNotContain("X-Evil");
    }

    @Test
    void longNamesAreCutToWhatCoreApiAccepts() {
        assertThat(Transport.displayName("a".repeat(150))).hasSize(100);
        assertThat(Transport.displayName("  \u0000 ")).isNull();
    }

    @Test
    void postsJsonBodiesAndMergePatches() throws Exception {
        enqueueJson(200, "{}");
        enqueueJson(200, "{\"number\":3,\"reason\":\"new\"}");

        var patch = JsonNodeFactory.instance.objectNode();
        patch.putObject("automod").put("enabled", true);
        patch.putNull("modLogChannel");
        client.servers().patchConfig("discord:9", patch, CallOptions.none());
        client.cases().updateReason("discord:9", 3, "new", CallOptions.none());

        RecordedRequest config = take();
        assertThat(config.getMethod()).isEqualTo("PATCH");
        assertThat(config.getUrl().encodedPath()).isEqualTo("/v1/servers/discord:9/config");
        assertThat(config.getHeaders().get("Content-Type")).startsWith("application/merge-patch+json");
        // a merge patch's null resets a field, so it must survive serialisation
        assertThat(config.getBody().utf8()).isEqualTo("{\"automod\":{\"enabled\":true},\"modLogChannel\":null}");

        RecordedRequest reason = take();
        assertThat(reason.getMethod()).isEqualTo("PATCH");
        assertThat(reason.getUrl().encodedPath()).isEqualTo("/v1/servers/discord:9/cases/3");
        assertThat(reason.getBody().utf8()).isEqualTo("{\"reason\":\"new\"}");
    }

    @Test
    void pathArgumentsAreEncodedQueriesAddedAndTraversalRefused() throws Exception {
        enqueueJson(200, "{\"items\":[],\"nextCursor\":null}");

        client.leaderboard().get("discord:9", "chess & go", ListOptions.first(10).cursor("abc=="), CallOptions.none());

        RecordedRequest r = take();
        assertThat(r.getUrl().encodedPath()).isEqualTo("/v1/servers/discord:9/leaderboard");
        assertThat(r.getUrl().queryParameter("game")).isEqualTo("chess & go");
        assertThat(r.getUrl().queryParameter("limit")).isEqualTo("10");
        assertThat(r.getUrl().queryParameter("cursor")).isEqualTo("abc==");

        assertThatThrownBy(() -> client.wars().get("..", CallOptions.none()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> client.players().profile("discord:9", " ", CallOptions.none()))
                .isInstanceOf(IllegalArgumentException.class);
        enqueueJson(200, WAR);
        client.wars().get("a/b c", CallOptions.none());
        assertThat(take().getUrl().encodedPath()).isEqualTo("/v1/wars/a%2Fb%20c");
    }

    @Test
    void aBaseUrlWithAPathPrefixIsKept() throws Exception {
        try (GuildhallClient prefixed = GuildhallClient.builder()
                .baseUrl(server.url("/guildhall").toString()).apiKey(KEY).build()) {
            enqueueJson(200, "{\"id\":\"discord:9\"}");
            prefixed.servers().get("discord:9", CallOptions.none());
        }
        assertThat(take().getUrl().encodedPath()).isEqualTo("/guildhall/v1/servers/discord:9");
    }

    @Test
    void deleteSendsNoBodyAndAcceptsNoContent() throws Exception {
        server.enqueue(new mockwebserver3.MockResponse(204, okhttp3.Headers.of(), ""));

        client.apiKeys().revoke("3f0c5f0e-2d0a-4c59-9f0f-5d7b1c2d9a11", CallOptions.none());

        RecordedRequest r = take();
        assertThat(r.getMethod()).isEqualTo("DELETE");
        assertThat(r.getUrl().encodedPath()).isEqualTo("/v1/admin/api-keys/3f0c5f0e-2d0a-4c59-9f0f-5d7b1c2d9a11");
        assertThat(r.getBodySize()).isZero();
    }

    @Test
    void aSharedOkHttpClientIsUsedAndLeftOpen() throws Exception {
        okhttp3.OkHttpClient shared = new okhttp3.OkHttpClient();
        try (GuildhallClient c = GuildhallClient.builder().baseUrl(server.url("/").toString()).apiKey(KEY)
                .httpClient(shared).build()) {
            enqueueJson(200, WAR);
            c.wars().get("w1", CallOptions.none());
        }
        assertThat(shared.dispatcher().executorService().isShutdown()).isFalse();
        assertThat(take().getHeaders().get("Authorization")).isEqualTo("Bearer " + KEY);
    }

    @Test
    void builderRequiresBaseUrlAndKey() {
        assertThatThrownBy(() -> GuildhallClient.builder().apiKey("k").build()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> GuildhallClient.builder().baseUrl("http://localhost").build())
                .isInstanceOf(IllegalStateException.class);
    }
}
