package dev.guildhall.welcome;

import dev.guildhall.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.hamcrest.Matchers.*;

@QuarkusTest
class JoinTest {

    static io.restassured.response.ValidatableResponse join(String server, String user) {
        return Api.platform().body(Map.of("user", user, "name", "Newbie", "accountCreatedAt", "2026-11-20T10:00:00Z"))
                .post("/v1/servers/" + server + "/members/joined").then().statusCode(200);
    }

    @Test
    void welcomeMessageAndAutoRole() {
        String owner = Api.newUser();
        String server = Api.newServer(owner);
        join(server, Api.newUser()).body("actions", empty(), "raid", is(false));
        Api.config(server, owner, Map.of("welcome", Map.of("enabled", true, "channel", "10",
                "template", "Welcome {user} to {server}!", "role", "20")));
        String user = Api.newUser();
        join(server, user).body("raid", is(false), "actions.type", contains("message", "add_role"),
                "actions[0].channel", is("10"),
                "actions[0].text", is("Welcome <@" + user.substring(8) + "> to Test " + server + "!"),
                "actions[1].user", is(user), "actions[1].role", is("20"));
    }

    @Test
    void raidIsDetectedOnceAlertedAndLocksDown() {
        String owner = Api.newUser();
        String server = Api.newServer(owner);
        Api.config(server, owner, Map.of("modLogChannel", "99", "raid", Map.of("enabled", true, "joins", 3, "seconds", 30,
                "lockdown", true), "welcome", Map.of("enabled", true, "channel", "10")));
        join(server, Api.newUser()).body("raid", is(false), "actions.type", contains("message"));
        join(server, Api.newUser()).body("raid", is(false));
        join(server, Api.newUser()).body("raid", is(true), "actions.type", contains("log", "lockdown"),
                "actions[0].channel", is("99"), "actions[0].message.title", is("Raid detected"));
        // the raid goes on: no second alert, and no welcome for raid accounts
        join(server, Api.newUser()).body("raid", is(true), "actions", empty());
        Api.platform().get("/v1/servers/" + server + "/audit-log?action=raid.detected").then().body("items", hasSize(1));
        // another server is not affected
        join(Api.newServer(owner), Api.newUser()).body("raid", is(false));
    }

    @Test
    void invalidJoinsAre400() {
        String server = Api.newServer(Api.newUser());
        Api.platform().body(Map.of("user", "nobody")).post("/v1/servers/" + server + "/members/joined").then()
                .statusCode(400).body("errors[0].field", is("user"));
        Api.platform().body(Map.of("user", Api.newUser())).post("/v1/servers/discord:" + Api.nextId() + "/members/joined")
                .then().statusCode(404);
    }
}
