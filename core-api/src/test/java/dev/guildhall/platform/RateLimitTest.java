package dev.guildhall.platform;

import dev.guildhall.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.*;

@QuarkusTest
@TestProfile(RateLimitTest.TinyLimits.class)
class RateLimitTest {

    public static class TinyLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("guildhall.rate-limit.app", "5", "guildhall.rate-limit.actor", "3",
                    "guildhall.rate-limit.failed-auth", "3",
                    // as behind docker/'s nginx: the tests' connections come from a trusted proxy, so each test
                    // plays its own client address with X-Forwarded-For
                    "quarkus.http.proxy.proxy-address-forwarding", "true",
                    "quarkus.http.proxy.allow-x-forwarded", "true",
                    "quarkus.http.proxy.trusted-proxies", "127.0.0.0/8,::1/128");
        }
    }

    @Test
    void appKeyGets429WithRetryAfterAndHeaders() {
        String server = Api.newServer(Api.newUser());
        String app = Api.createKey("limited", "app", List.of("servers:read"), List.of(server));
        for (int i = 0; i < 5; i++) {
            RestAssured.given().header("Authorization", "Bearer " + app).get("/v1/servers/" + server)
                    .then().statusCode(200).header("RateLimit-Limit", "5")
                    .header("RateLimit-Remaining", String.valueOf(4 - i)).header("RateLimit-Reset", notNullValue());
        }
        RestAssured.given().header("Authorization", "Bearer " + app).get("/v1/servers/" + server)
                .then().statusCode(429).contentType("application/problem+json")
                .header("Retry-After", notNullValue()).header("RateLimit-Remaining", "0")
                .body("type", endsWith("/rate-limited"));
    }

    @Test
    void eachActorHasTheirOwnLimit() {
        String owner = Api.newUser();
        String server = Api.newServer(owner);
        String noisy = Api.newUser();
        for (int i = 0; i < 3; i++) {
            Api.as(noisy).get("/v1/servers/" + server).then().statusCode(200);
        }
        Api.as(noisy).get("/v1/servers/" + server).then().statusCode(429);
        Api.as(Api.newUser()).get("/v1/servers/" + server).then().statusCode(200);
    }

    @Test
    void anActorLimitedOnOneKeyIsStillServedOnAnother() {
        String server = Api.newServer(Api.newUser());
        String user = Api.newUser();
        String otherKey = Api.createKey("other-platform", "platform", List.of(), List.of());
        for (int i = 0; i < 3; i++) {
            Api.as(user).get("/v1/servers/" + server).then().statusCode(200);
        }
        Api.as(user).get("/v1/servers/" + server).then().statusCode(429);
        // DESIGN §9: the bucket is (key, actor), so the first key cannot lock the user out of the second's servers
        actingFor(otherKey, user).get("/v1/servers/" + server).then().statusCode(200);
    }

    @Test
    void headersCountTheActorOnThisKeyAndTheKeyItself() {
        String server = Api.newServer(Api.newUser());
        String user = Api.newUser();
        String otherKey = Api.createKey("headers-platform", "platform", List.of(), List.of());
        Api.as(user).get("/v1/servers/" + server).then().statusCode(200)
                .header("RateLimit-Limit", "3").header("RateLimit-Remaining", "2").header("RateLimit-Policy", "3;w=60");
        Api.as(user).get("/v1/servers/" + server).then().statusCode(200).header("RateLimit-Remaining", "1");
        actingFor(otherKey, user).get("/v1/servers/" + server).then().statusCode(200)
                .header("RateLimit-Limit", "3").header("RateLimit-Remaining", "2");
        // without an actor the key's own limit (60000 for platform keys) answers, its call above counted, and counted
        // exactly although this instance reserves the key's tokens from the shared count in blocks
        for (int i = 2; i <= 4; i++) {
            RestAssured.given().header("Authorization", "Bearer " + otherKey).get("/v1/servers/" + server)
                    .then().statusCode(200).header("RateLimit-Limit", "60000")
                    .header("RateLimit-Remaining", String.valueOf(60000 - i)).header("RateLimit-Policy", "60000;w=60")
                    .header("RateLimit-Reset", notNullValue());
        }
    }

    @Test
    void limitsAreCountedInTheSharedTable() throws Exception {
        String server = Api.newServer(Api.newUser());
        String user = Api.newUser();
        Api.as(user).get("/v1/servers/" + server).then().statusCode(200);
        // a second instance would read this row; the count is in PostgreSQL, not only in this JVM (reserved
        // before the call was answered: a block of one, as a tenth of a limit of 3 rounds up to one)
        Integer hits = io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() ->
                ((Number) io.quarkus.arc.Arc.container().instance(jakarta.persistence.EntityManager.class).get()
                        .createNativeQuery("select coalesce(sum(hits),0) from rate_limit_window where bucket like :b")
                        .setParameter("b", "actor:%:" + user).getSingleResult()).intValue());
        org.assertj.core.api.Assertions.assertThat(hits).isEqualTo(1);
    }

    @Test
    void failedAuthenticationIsThrottledPerClientAddressWithRetryAfter() {
        String client = newAddress();
        for (int i = 0; i < 3; i++) {
            withUnknownKey(client).get("/v1/servers/discord:1").then().statusCode(401);
        }
        withUnknownKey(client).get("/v1/servers/discord:1").then().statusCode(429)
                .contentType("application/problem+json").header("Retry-After", notNullValue())
                .body("type", endsWith("/rate-limited")).body("status", is(429))
                .body("detail", containsString("failed authentications"));
        // a revoked or unknown key is not looked up either, nor is a missing one counted
        withUnknownKey(client).get("/v1/wars/x").then().statusCode(429);
        RestAssured.given().header("X-Forwarded-For", client).get("/v1/servers/discord:1").then().statusCode(401);
        // another address has its own budget
        withUnknownKey(newAddress()).get("/v1/servers/discord:1").then().statusCode(401);
    }

    @Test
    void aThrottledAddressKeepsAKeyInUseButLooksNoOtherKeyUp() {
        String server = Api.newServer(Api.newUser());
        String client = newAddress();
        for (int i = 0; i < 4; i++) withUnknownKey(client).get("/v1/servers/" + server);
        withUnknownKey(client).get("/v1/servers/" + server).then().statusCode(429);
        // the adapter behind the same address, its key in use (held in memory): still served
        Api.platform().get("/v1/servers/" + server).then().statusCode(200);
        Api.platform().header("X-Forwarded-For", client).get("/v1/servers/" + server).then().statusCode(200);
        // a key that would have to be read from the database is not, until the window ends
        String unused = Api.createKey("quiet", "platform", List.of(), List.of());
        RestAssured.given().header("Authorization", "Bearer " + unused).header("X-Forwarded-For", client)
                .get("/v1/servers/" + server).then().statusCode(429).header("Retry-After", notNullValue());
        RestAssured.given().header("Authorization", "Bearer " + unused).header("X-Forwarded-For", newAddress())
                .get("/v1/servers/" + server).then().statusCode(200);
    }

    @Test
    void anIpv6ClientIsCountedByItsSlash64() {
        long n = Api.nextId() % 60000;
        String network = "2001:db8:" + Long.toHexString(n) + ":1:";
        for (int i = 1; i <= 3; i++) {
            withUnknownKey(network + ":" + i).get("/v1/servers/discord:1").then().statusCode(401);
        }
        // the next address of the same /64 (a client changes it at will) is over the budget too
        withUnknownKey(network + "abcd:ef01:2345:6789").get("/v1/servers/discord:1").then().statusCode(429);
        withUnknownKey("2001:db8:" + Long.toHexString(n) + ":2::1").get("/v1/servers/discord:1").then().statusCode(401);
    }

    private static RequestSpecification actingFor(String key, String user) {
        return RestAssured.given().header("Authorization", "Bearer " + key).header("X-Actor-Id", user);
    }

    private static RequestSpecification withUnknownKey(String client) {
        return RestAssured.given().header("Authorization", "Bearer ghk_not-a-key-" + Api.nextId())
                .header("X-Forwarded-For", client);
    }

    /** An IPv4 address of its own for each test (TEST-NET-3 is too small for every run's ids). */
    private static String newAddress() {
        long n = Api.nextId();
        return "10." + (n >> 16 & 255) + "." + (n >> 8 & 255) + "." + (n & 255);
    }
}
