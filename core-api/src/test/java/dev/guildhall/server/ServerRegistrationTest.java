package dev.guildhall.server;

import dev.guildhall.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.hamcrest.Matchers.*;

@QuarkusTest
class ServerRegistrationTest {

    @Test
    void reRegisteringUnchangedIsQuietAndAChangeIsAudited() {
        String owner = Api.newUser();
        String server = "discord:" + Api.nextId();
        Api.platform().body(Map.of("name", "Guild", "owner", owner)).put("/v1/servers/" + server).then().statusCode(201);
        Api.platform().body(Map.of("name", "Guild", "owner", owner)).put("/v1/servers/" + server).then().statusCode(200);
        Api.platform().body(Map.of("name", "Guild")).put("/v1/servers/" + server).then().statusCode(200)
                .body("owner", is(owner));
        Api.platform().get("/v1/servers/" + server + "/audit-log").then().statusCode(200)
                .body("items.action", contains("server.registered"));

        Api.platform().body(Map.of("name", "Renamed")).put("/v1/servers/" + server).then().statusCode(200)
                .body("name", is("Renamed"));
        Api.platform().get("/v1/servers/" + server).then().body("name", is("Renamed"));
        Api.platform().get("/v1/servers/" + server + "/audit-log").then()
                .body("items.action", contains("server.updated", "server.registered"));
    }
}
