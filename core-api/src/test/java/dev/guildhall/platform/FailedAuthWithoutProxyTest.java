package dev.guildhall.platform;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.hamcrest.Matchers.notNullValue;

/**
 * With no proxy trusted (the default), the client address is the connection's: a client cannot escape the
 * failed-authentication throttle by sending a new X-Forwarded-For with each guess. Its own profile, because it
 * throttles the address every test connects from.
 */
@QuarkusTest
@TestProfile(FailedAuthWithoutProxyTest.NoProxy.class)
class FailedAuthWithoutProxyTest {

    public static class NoProxy implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("guildhall.rate-limit.failed-auth", "2");
        }
    }

    @Test
    void forwardedAddressesAreIgnoredUnlessAProxyIsTrusted() {
        for (int i = 1; i <= 2; i++) {
            guess(i).then().statusCode(401);
        }
        guess(3).then().statusCode(429).header("Retry-After", notNullValue());
    }

    private static io.restassured.response.Response guess(int i) {
        return RestAssured.given().header("Authorization", "Bearer ghk_guess-" + i)
                .header("X-Forwarded-For", "192.0.2." + i).header("Forwarded", "for=192.0.2." + i)
                .get("/v1/servers/discord:1");
    }
}
