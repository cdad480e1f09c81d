package dev.guildhall.auth;

import dev.guildhall.support.Api;
import dev.guildhall.support.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.*;

@QuarkusTest
class AuthTest {

    @Test
    void missingOrUnknownKeyIs401() {
        RestAssured.get("/v1/servers/discord:1").then().statusCode(401).contentType("application/problem+json");
        RestAssured.given().header("Authorization", "Bearer nope").get("/v1/servers/discord:1").then().statusCode(401);
    }

    @Test
    void xApiKeyHeaderWorksToo() {
        RestAssured.given().header("X-Api-Key", TestDatabase.ADMIN_KEY).get("/v1/admin/api-keys").then().statusCode(200);
    }

    @Test
    void keysAreShownOnceAndListedWithoutSecret() {
        String key = Api.createKey("listed", "platform", List.of(), List.of());
        String id = Api.admin().get("/v1/admin/api-keys?limit=100").then().statusCode(200)
                .body("items.key", everyItem(nullValue())).extract().path("items.find { it.name == 'listed' }.id");
        org.assertj.core.api.Assertions.assertThat(id).isNotNull();
        org.assertj.core.api.Assertions.assertThat(key).startsWith("ghk_");
    }

    @Test
    void aKeysSecretIsShownOnceAndNeverKept() {
        String idem = "create-key-" + Api.nextId();
        io.restassured.response.Response first = Api.admin().header("Idempotency-Key", idem)
                .body(Map.of("name", "shown-once", "kind", "platform")).post("/v1/admin/api-keys");
        first.then().statusCode(201).header("Cache-Control", containsString("no-store")).body("key", startsWith("ghk_"));
        String secret = first.path("key");
        // the replay is the same creation, answered without the secret
        Api.admin().header("Idempotency-Key", idem).body(Map.of("name", "shown-once", "kind", "platform"))
                .post("/v1/admin/api-keys").then().statusCode(201).header("Idempotent-Replayed", "true")
                .body("id", is((String) first.path("id")), "key", nullValue());
        // and the record behind the replay never held it
        Long stored = io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> ((Number)
                io.quarkus.arc.Arc.container().instance(jakarta.persistence.EntityManager.class).get()
                        .createNativeQuery("select count(*) from idempotency_record where body like :s")
                        .setParameter("s", "%" + secret.substring(4) + "%").getSingleResult()).longValue());
        org.assertj.core.api.Assertions.assertThat(stored).isZero();
    }

    @Test
    void theBootstrapKeyIsListedByAFingerprintNotByItsFirstCharacters() {
        String prefix = (String) Api.listedKey("bootstrap-admin").get("prefix");
        org.assertj.core.api.Assertions.assertThat(prefix).startsWith("sha256:")
                .doesNotContain(TestDatabase.ADMIN_KEY.substring(4, 10));
    }

    @Test
    void revokedKeyStopsWorkingWithinASecond() throws Exception {
        String key = Api.createKey("short-lived", "platform", List.of(), List.of());
        RestAssured.given().header("Authorization", "Bearer " + key).get("/v1/servers/discord:1").then().statusCode(404);
        String id = Api.admin().get("/v1/admin/api-keys?limit=100").then().extract()
                .path("items.find { it.name == 'short-lived' }.id");
        Api.admin().delete("/v1/admin/api-keys/" + id).then().statusCode(204);
        Thread.sleep(1000);
        RestAssured.given().header("Authorization", "Bearer " + key).get("/v1/servers/discord:1").then().statusCode(401);
    }

    @Test
    void onlyAdminsManageKeys() {
        Api.platform().get("/v1/admin/api-keys").then().statusCode(403);
        Api.platform().body(Map.of("name", "x", "kind", "admin")).post("/v1/admin/api-keys").then().statusCode(403);
    }

    @Test
    void appKeysAreScopedAndCannotImpersonate() {
        String owner = Api.newUser();
        String mine = Api.newServer(owner);
        String other = Api.newServer(owner);
        String app = Api.createKey("app", "app", List.of("servers:read"), List.of(mine));
        RestAssured.given().header("Authorization", "Bearer " + app).get("/v1/servers/" + mine).then().statusCode(200);
        RestAssured.given().header("Authorization", "Bearer " + app).get("/v1/servers/" + other).then().statusCode(403);
        RestAssured.given().header("Authorization", "Bearer " + app).header("X-Actor-Id", owner)
                .get("/v1/servers/" + mine).then().statusCode(403);
        RestAssured.given().header("Authorization", "Bearer " + app).contentType(ContentType.JSON)
                .body(Map.of("name", "hijack")).put("/v1/servers/" + mine).then().statusCode(403);
        String noScope = Api.createKey("app2", "app", List.of("wars:read"), List.of(mine));
        RestAssured.given().header("Authorization", "Bearer " + noScope).get("/v1/servers/" + mine).then().statusCode(403)
                .body("detail", containsString("servers:read"));
    }

    @Test
    void aBoundPlatformKeyActsOnlyOnItsPlatform() {
        String discord = Api.boundPlatformKey("bound-discord", "discord");
        String slackServer = "slack:T" + Api.nextId();
        String discordServer = "discord:" + Api.nextId();
        org.assertj.core.api.Assertions.assertThat(Api.listedKey("bound-discord")).containsEntry("platform", "discord");
        RestAssured.given().header("Authorization", "Bearer " + discord).contentType(ContentType.JSON)
                .body(Map.of("name", "Mine")).put("/v1/servers/" + discordServer).then().statusCode(201);
        // the other platform's servers and actions are out of its reach
        RestAssured.given().header("Authorization", "Bearer " + discord).contentType(ContentType.JSON)
                .body(Map.of("name", "Theirs")).put("/v1/servers/" + slackServer).then().statusCode(403)
                .contentType("application/problem+json");
        Api.platform().body(Map.of("name", "Theirs")).put("/v1/servers/" + slackServer).then().statusCode(201);
        RestAssured.given().header("Authorization", "Bearer " + discord).get("/v1/servers/" + slackServer).then().statusCode(403);
        RestAssured.given().header("Authorization", "Bearer " + discord).contentType(ContentType.JSON).body(Map.of())
                .post("/v1/platforms/slack/actions/claim").then().statusCode(403);
        RestAssured.given().header("Authorization", "Bearer " + discord).contentType(ContentType.JSON).body(Map.of())
                .post("/v1/platforms/discord/actions/claim").then().statusCode(200);
        // an unbound key (made before binding existed) keeps reaching both
        Api.platform().get("/v1/servers/" + slackServer).then().statusCode(200);
        Api.platform().get("/v1/servers/" + discordServer).then().statusCode(200);
    }

    @Test
    void onlyPlatformKeysAreBoundAndOnlyToServersOfTheirPlatform() {
        Api.admin().body(Map.of("name", "x", "kind", "platform", "platform", "irc")).post("/v1/admin/api-keys")
                .then().statusCode(400).body("errors[0].field", is("platform"));
        Api.admin().body(Map.of("name", "x", "kind", "app", "platform", "discord", "scopes", List.of("wars:read"),
                "servers", List.of("discord:1"))).post("/v1/admin/api-keys").then().statusCode(400)
                .body("errors.field", hasItem("platform"));
        Api.admin().body(Map.of("name", "x", "kind", "platform", "platform", "discord", "servers", List.of("slack:T1")))
                .post("/v1/admin/api-keys").then().statusCode(400).body("errors.field", hasItem("servers"));
    }

    @Test
    void badActorHeadersAre400() {
        Api.platform().header("X-Actor-Id", "not-an-id").get("/v1/servers/discord:1").then().statusCode(400);
        Api.platform().header("X-Actor-Id", "discord:5").header("X-Actor-Permissions", "GOD_MODE")
                .get("/v1/servers/discord:1").then().statusCode(400).body("errors[0].field", is("X-Actor-Permissions"));
        // a list header sent as two lines is read as one list: the unknown permission on the second line counts
        Api.platform().header("X-Actor-Id", "discord:5").header("X-Actor-Permissions", "KICK_MEMBERS")
                .header("X-Actor-Permissions", "GOD_MODE")
                .get("/v1/servers/discord:1").then().statusCode(400).body("errors[0].field", is("X-Actor-Permissions"));
        Api.platform().header("X-Actor-Id", "discord:5").header("X-Actor-Top-Role", "high")
                .get("/v1/servers/discord:1").then().statusCode(400);
    }

    @Test
    void invalidKeyRequestsAre400() {
        Api.admin().body(Map.of("name", "", "kind", "app")).post("/v1/admin/api-keys").then().statusCode(400)
                .body("errors.field", hasItems("name", "servers"));
        Api.admin().body(Map.of("name", "a", "kind", "app", "scopes", List.of("root"), "servers", List.of("discord:1")))
                .post("/v1/admin/api-keys").then().statusCode(400).body("errors[0].field", is("scopes"));
    }
}
