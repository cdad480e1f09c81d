package dev.guildhall.platform;

import dev.guildhall.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
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
            return Map.of("guildhall.rate-limit.app", "5", "guildhall.rate-limit.actor", "3");
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
    void limitsAreCountedInTheSharedTable() throws Exception {
        String server = Api.newServer(Api.newUser());
        String user = Api.newUser();
        Api.as(user).get("/v1/servers/" + server).then().statusCode(200);
        Thread.sleep(RateLimiter.FLUSH_MILLIS * 3);
        // a second instance would read this row; the count is in PostgreSQL, not only in this JVM
        Integer hits = io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() ->
                ((Number) io.quarkus.arc.Arc.container().instance(jakarta.persistence.EntityManager.class).get()
                        .createNativeQuery("select coalesce(sum(hits),0) from rate_limit_window where bucket = :b")
                        .setParameter("b", "actor:" + user).getSingleResult()).intValue());
        org.assertj.core.api.Assertions.assertThat(hits).isEqualTo(1);
    }
}
