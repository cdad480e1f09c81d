package dev.guildhall.server;

import dev.guildhall.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.*;

/** GET/PATCH /v1/servers/{server}/config: what the answer says is what is in force. */
@QuarkusTest
class ServerConfigTest {

    @Test
    void givingARulesThresholdsSwitchesItOnUnlessTheSamePatchSaysOff() {
        String owner = Api.newUser();
        String server = Api.newServer(owner);
        String url = "/v1/servers/" + server + "/config";
        Api.asOwner(owner).body(Map.of("raid", Map.of("joins", 5, "seconds", 10))).patch(url).then().statusCode(200)
                .body("raid.enabled", is(true), "raid.joins", is(5));
        Api.asOwner(owner).body(Map.of("automod", Map.of("bannedWords", List.of("scrub")))).patch(url).then()
                .statusCode(200).body("automod.enabled", is(true));
        Api.asOwner(owner).body(Map.of("welcome", Map.of("channel", "10"))).patch(url).then().statusCode(200)
                .body("welcome.enabled", is(true));
        // the answer is what is in force: a join now gets its welcome
        Api.platform().body(Map.of("user", Api.newUser(), "name", "Ann")).post("/v1/servers/" + server + "/members/joined")
                .then().statusCode(200).body("actions.type", hasItem("message"));
        // switching off is said in so many words, and thresholds given with it stay off
        Api.asOwner(owner).body(Map.of("raid", Map.of("enabled", false, "joins", 7))).patch(url).then().statusCode(200)
                .body("raid.enabled", is(false), "raid.joins", is(7));
        // settings that are not rules (exemptions, the action) switch nothing on, nor does clearing a rule
        String quiet = Api.newServer(owner);
        Api.asOwner(owner).body(Map.of("automod", Map.of("exemptRoles", List.of("1"), "action", "warn",
                        "blockInvites", false, "bannedWords", List.of())))
                .patch("/v1/servers/" + quiet + "/config").then().statusCode(200).body("automod.enabled", is(false));
    }
}
