package dev.guildhall.platform;

import dev.guildhall.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** Every class of client error answers with its status and a problem body, and changes nothing. */
@QuarkusTest
class ErrorsTest {

    private static final String PROBLEM = "application/problem+json";

    @Test
    void malformedJsonIs400() {
        String server = "discord:" + Api.nextId();
        Api.platform().body("{\"name\":").put("/v1/servers/" + server)
                .then().statusCode(400).contentType(PROBLEM)
                .body("type", endsWith("/malformed-json"), "status", is(400), "requestId", notNullValue());
        Api.platform().get("/v1/servers/" + server).then().statusCode(404);
    }

    @Test
    void wrongTypeNamesTheField() {
        Api.platform().body("{\"name\":[1]}").put("/v1/servers/discord:" + Api.nextId())
                .then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", is("name"), "errors[0].message", is("must be a string"));
    }

    @Test
    void unknownEnumValueListsTheChoices() {
        Api.admin().body(Map.of("name", "x", "kind", "superuser")).post("/v1/admin/api-keys")
                .then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", is("kind"), "errors[0].message", containsString("platform"));
    }

    @Test
    void emptyBodiesAreAnsweredAtOnceWithOrWithoutContentLength() {
        String owner = Api.newUser();
        String server = Api.newServer(owner);
        Api.as(owner).body("").post("/v1/servers/" + server + "/wars")
                .then().statusCode(400).contentType(PROBLEM).body("type", endsWith("/body-required"));
        Api.as(owner) // an empty stream goes chunked: a zero-length body read on the event loop
                .body(new java.io.ByteArrayInputStream(new byte[0])).post("/v1/servers/" + server + "/wars")
                .then().statusCode(400).contentType(PROBLEM).body("type", endsWith("/body-required"));
    }

    @Test
    void bodyOver64KiBIs413WithOrWithoutContentLength() {
        String big = "{\"name\":\"" + "a".repeat(70_000) + "\"}";
        String server = "discord:" + Api.nextId();
        Api.platform().body(big).put("/v1/servers/" + server)
                .then().statusCode(413).contentType(PROBLEM).body("type", endsWith("/body-too-large"));
        Api.platform() // a stream body has no known length, so it goes chunked
                .body(new java.io.ByteArrayInputStream(big.getBytes())).put("/v1/servers/" + server)
                .then().statusCode(413).contentType(PROBLEM);
        Api.platform().get("/v1/servers/" + server).then().statusCode(404);
    }

    @Test
    void bodyRefusedBeforeTheRequestIdFilterKeepsTheSameIdRule() {
        String big = "{\"name\":\"" + "a".repeat(70_000) + "\"}";
        String server = "discord:" + Api.nextId();
        Api.platform().header("X-Request-Id", "trace-413").body(big).put("/v1/servers/" + server)
                .then().statusCode(413).header("X-Request-Id", "trace-413").body("requestId", is("trace-413"));
        String unsafe = "x".repeat(200); // longer than any id accepted: replaced, not echoed
        String given = Api.platform().header("X-Request-Id", unsafe).body(big).put("/v1/servers/" + server)
                .then().statusCode(413).extract().header("X-Request-Id");
        assertNotEquals(unsafe, given);
        assertEquals(36, given.length(), given);
    }

    @Test
    void malformedServerIdIs400EvenWithAnActor() {
        Api.as(Api.newUser(), "MANAGE_SERVER").body(java.util.Map.of("name", "x")).put("/v1/servers/nocolon")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", is("server"));
        Api.as(Api.newUser()).get("/v1/servers/discord:notdigits").then().statusCode(400);
    }

    @Test
    void wrongContentTypeIs415() {
        Api.platform().contentType(ContentType.TEXT).body("name=x").put("/v1/servers/discord:" + Api.nextId())
                .then().statusCode(415).contentType(PROBLEM);
    }

    @Test
    void unknownRoutesAndMethodsAreProblems() {
        Api.platform().get("/v1/no-such-thing").then().statusCode(404).contentType(PROBLEM);
        RestAssured.get("/nowhere").then().statusCode(404).contentType(PROBLEM);
        Api.platform().delete("/v1/servers/discord:1").then().statusCode(405).contentType(PROBLEM);
    }

    @Test
    void badLimitAndCursorAre400() {
        Api.admin().get("/v1/admin/api-keys?limit=abc").then().statusCode(400).body("errors[0].field", is("limit"));
        Api.admin().get("/v1/admin/api-keys?limit=101").then().statusCode(400);
        Api.admin().get("/v1/admin/api-keys?cursor=%%%").then().statusCode(400).body("errors[0].field", is("cursor"));
    }

    @Test
    void requestIdIsEchoedOrGenerated() {
        Api.platform().header("X-Request-Id", "trace-123").get("/v1/servers/discord:1")
                .then().header("X-Request-Id", "trace-123").body("requestId", is("trace-123"));
        Api.platform().get("/v1/servers/discord:1").then().header("X-Request-Id", not(emptyOrNullString()));
    }
}
