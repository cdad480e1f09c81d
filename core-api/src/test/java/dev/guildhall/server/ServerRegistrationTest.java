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

    @Test
    void onlyTheOwnerOrThePlatformNamesANewOwner() {
        String owner = Api.newUser(), admin = Api.newUser(), heir = Api.newUser();
        String server = Api.newServer(owner);
        String url = "/v1/servers/" + server;
        // a MANAGE_SERVER member who does not own the server cannot make himself (or anyone) owner
        Api.as(admin, "MANAGE_SERVER").body(Map.of("name", "Mine", "owner", admin)).put(url)
                .then().statusCode(403).contentType("application/problem+json");
        Api.as(admin, "MANAGE_SERVER").body(Map.of("name", "Mine", "owner", heir)).put(url).then().statusCode(403);
        Api.platform().get(url).then().body("owner", is(owner), "name", is("Test " + server));
        // he may still rename it, naming the owner on record or none
        Api.as(admin, "MANAGE_SERVER").body(Map.of("name", "Renamed", "owner", owner)).put(url).then().statusCode(200);
        // the owner hands it over; the platform key reports the platform's truth
        Api.asOwner(owner).body(Map.of("name", "Renamed", "owner", heir)).put(url).then().statusCode(200).body("owner", is(heir));
        Api.platform().body(Map.of("name", "Renamed", "owner", owner)).put(url).then().statusCode(200).body("owner", is(owner));
        // the owner on record may act without the adapter's owner flag
        Api.as(owner, "MANAGE_SERVER").body(Map.of("name", "Renamed", "owner", heir)).put(url).then().statusCode(200)
                .body("owner", is(heir));
    }

    @Test
    void aServerAndItsConfigReadTheSameWhetherCachedOrLoaded() {
        String owner = Api.newUser();
        String server = Api.newServer(owner);
        // the first read loads the server on a worker thread, the second is answered from the cache on the event loop
        for (int i = 0; i < 2; i++) {
            Api.platform().get("/v1/servers/" + server).then().statusCode(200)
                    .body("id", is(server)).body("platform", is("discord")).body("owner", is(owner));
            Api.platform().get("/v1/servers/" + server + "/config").then().statusCode(200)
                    .body("automod.enabled", is(false));
        }
        Api.config(server, owner, Map.of("automod", Map.of("enabled", true)));
        Api.platform().get("/v1/servers/" + server + "/config").then().statusCode(200).body("automod.enabled", is(true));
    }

    @Test
    void readingAnUnknownOrMalformedServerIsAProblemNotAnError() {
        String unknown = "discord:" + Api.nextId();
        for (String path : new String[] {"/v1/servers/" + unknown, "/v1/servers/" + unknown + "/config"}) {
            Api.platform().get(path).then().statusCode(404).contentType("application/problem+json")
                    .body("detail", containsString("PUT /v1/servers/" + unknown));
        }
        Api.platform().get("/v1/servers/discord:not-a-number/config").then().statusCode(400)
                .contentType("application/problem+json");
    }
}
