package dev.guildhall.platform;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.*;

/** With the database unreachable, calls fail fast with 503 and readiness reports DOWN. */
@QuarkusTest
@TestProfile(DatabaseDownTest.NoDatabase.class)
class DatabaseDownTest {

    public static class NoDatabase implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:" + closedPort() + "/postgres",
                    "quarkus.flyway.migrate-at-start", "false",
                    "quarkus.datasource.jdbc.min-size", "0",
                    "guildhall.admin-key", "",
                    // the database is missing on purpose: keep its start-up warnings out of the build output
                    "quarkus.log.category.\"org.hibernate\".level", "ERROR",
                    "quarkus.log.category.\"io.agroal\".level", "ERROR",
                    "quarkus.log.category.\"dev.guildhall.platform.DatabaseBreaker\".level", "ERROR");
        }

        private static int closedPort() {
            try (ServerSocket s = new ServerSocket(0)) {
                return s.getLocalPort(); // free now, and nothing listens on it once closed
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Test
    void callsAre503Fast() {
        long start = System.nanoTime();
        RestAssured.given().header("Authorization", "Bearer ghk_whatever-key-0123456789")
                .get("/v1/servers/discord:1")
                .then().statusCode(503).contentType("application/problem+json")
                .header("Retry-After", notNullValue()).body("type", endsWith("/database-unavailable"));
        // a liveness guard, not a speed test: an unreachable database must never make a call hang
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(5_000);
    }

    @Test
    void messageChecksAnsweredOnTheEventLoopAre503WhenTheKeyMustBeRead() {
        // messages/check runs on the event loop and sends the key look-up to a worker thread on a cache
        // miss: the failure there must come back as the same problem, not hang or turn into a 500
        RestAssured.given().header("Authorization", "Bearer ghk_whatever-key-0123456789")
                .contentType("application/json")
                .body(Map.of("author", Map.of("user", "discord:2"), "content", "hello"))
                .post("/v1/servers/discord:1/messages/check")
                .then().statusCode(503).contentType("application/problem+json")
                .body("type", endsWith("/database-unavailable"));
    }

    @Test
    void readinessIsDownAndLivenessUp() {
        RestAssured.get("/q/health/ready").then().statusCode(503).body("status", is("DOWN"));
        RestAssured.get("/q/health/live").then().statusCode(200);
    }
}
