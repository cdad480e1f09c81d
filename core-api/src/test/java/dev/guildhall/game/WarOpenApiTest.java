package dev.guildhall.game;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.*;

/** The war operations appear in the served contract with their ids, summaries, tags and examples. */
@QuarkusTest
class WarOpenApiTest {

    @Test
    void everyWarOperationIsDescribed() {
        var doc = RestAssured.given().accept("application/json").get("/q/openapi?format=json").then().statusCode(200);
        String[][] operations = {
                {"/v1/servers/{server}/wars", "post", "createWar"},
                {"/v1/servers/{server}/wars", "get", "listWars"},
                {"/v1/wars/{id}", "get", "getWar"},
                {"/v1/wars/{id}/accept", "post", "acceptWar"},
                {"/v1/wars/{id}/decline", "post", "declineWar"},
                {"/v1/wars/{id}/cancel", "post", "cancelWar"},
                {"/v1/wars/{id}/rounds", "post", "reportRound"},
                {"/v1/wars/{id}/rounds/{n}/confirm", "post", "confirmRound"},
                {"/v1/wars/{id}/rounds/{n}/dispute", "post", "disputeRound"},
                {"/v1/wars/{id}/resolve", "post", "resolveWar"},
                {"/v1/servers/{server}/leaderboard", "get", "getLeaderboard"},
                {"/v1/servers/{server}/players/{user}", "get", "getPlayerProfile"},
        };
        for (String[] op : operations) {
            String path = "paths.'" + op[0] + "'." + op[1];
            doc.body(path + ".operationId", is(op[2]), path + ".summary", not(emptyOrNullString()), path + ".tags", not(empty()));
        }
        doc.body("components.schemas.NewWar.properties.format.examples", hasItem("ft3"),
                "components.schemas.Resolution.properties", hasKey("void"),
                "components.schemas.War.properties", hasKey("ratingChanges"));
    }
}
