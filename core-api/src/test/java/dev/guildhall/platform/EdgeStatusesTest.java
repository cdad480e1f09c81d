package dev.guildhall.platform;

import dev.guildhall.support.Api;
import dev.guildhall.support.RawHttp;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.*;

/**
 * What the HTTP layer decides before a resource runs — an over-long URI or header block, an Accept the API
 * cannot answer, a body where none belongs, a method a path does not have — answers with a problem body and a
 * status the contract documents.
 */
@QuarkusTest
class EdgeStatusesTest {

    private static final String PROBLEM = "application/problem+json";

    @Test
    void aLongUriIs414Problem() {
        String server = Api.newServer(Api.newUser());
        Api.platform().get("/v1/servers/" + server + "/wars?game=" + "a".repeat(7_000))
                .then().statusCode(414).contentType(PROBLEM)
                .body("type", endsWith("/uri-too-long"), "status", is(414), "requestId", notNullValue());
    }

    @Test
    void hugeHeadersAre431Problem() {
        Api.platform().header("X-Padding", "a".repeat(30_000)).get("/v1/servers/discord:1")
                .then().statusCode(431).contentType(PROBLEM)
                .body("type", endsWith("/headers-too-large"), "status", is(431));
    }

    @Test
    void theLimitsAreTheSameOnAConnectionKeptAlive() throws Exception {
        try (var socket = RawHttp.connect()) {
            RawHttp.send(socket, "GET /v1/servers/discord:1?x=" + "a".repeat(7_000) + " HTTP/1.1\r\nHost: localhost\r\n\r\n");
            RawHttp.Answer answer = RawHttp.read(socket.getInputStream());
            assertThat(answer.status()).isEqualTo(414);
            assertThat(answer.header("Content-Type")).isEqualTo(PROBLEM);
        }
    }

    @Test
    void anAcceptTheApiCannotAnswerIs406ProblemAndDocumented() {
        Api.platform().accept("application/xml").get("/v1/servers/discord:1")
                .then().statusCode(406).contentType(PROBLEM)
                .body("type", endsWith("/not-acceptable"), "detail", containsString("application/json"));
        JsonPath doc = RestAssured.given().accept("application/json").get("/q/openapi").then().extract().jsonPath();
        assertThat(doc.getMap("paths.'/v1/servers/{server}'.get.responses")).containsKeys("406", "414", "431");
        assertThat(doc.getMap("paths.'/v1/servers/{server}/wars'.post.responses")).containsKeys("406", "414", "431");
        assertThat(doc.getMap("components.responses")).containsKeys("NotAcceptable", "UriTooLong", "HeadersTooLarge");
        // a 405 belongs to no operation (it answers a method a path lacks): the document says so in its description
        assertThat(doc.getString("info.description")).contains("405").contains("Allow");
    }

    @Test
    void aBodyOnAGetIs400Problem() {
        String server = Api.newServer(Api.newUser());
        Api.platform().body(Map.of("a", 1)).get("/v1/servers/" + server + "/wars")
                .then().statusCode(400).contentType(PROBLEM).body("type", endsWith("/body-not-allowed"));
        Api.platform().body("x".repeat(100_000)).get("/v1/servers/" + server + "/wars")
                .then().statusCode(400).contentType(PROBLEM).body("type", endsWith("/body-not-allowed"));
        Api.platform().get("/v1/servers/" + server + "/wars").then().statusCode(200);
    }

    @Test
    void aMethodAPathDoesNotHaveIs405WithAllow() {
        Api.platform().delete("/v1/servers/discord:1")
                .then().statusCode(405).contentType(PROBLEM).header("Allow", "GET, HEAD, OPTIONS, PUT");
        // classes sharing a path prefix: Quarkus REST answered these 404
        Api.platform().body(Map.of()).patch("/v1/servers/discord:1/wars")
                .then().statusCode(405).contentType(PROBLEM).header("Allow", "GET, HEAD, OPTIONS, POST");
        Api.platform().put("/v1/wars/018f0000-0000-7000-8000-000000000000/accept")
                .then().statusCode(405).header("Allow", "OPTIONS, POST");
        Api.admin().body(Map.of()).put("/v1/admin/api-keys")
                .then().statusCode(405).header("Allow", "GET, HEAD, OPTIONS, POST");
    }

    @Test
    void unknownPathsStay404() {
        for (String path : List.of("/v1/servers/discord:1/nothing", "/v1/nothing", "/nothing")) {
            Api.platform().delete(path).then().statusCode(404).contentType(PROBLEM).header("Allow", nullValue());
        }
    }
}
