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
        String create = "paths.'/v1/servers/{server}/wars'.post.responses.";
        doc.body(create + "'201'.content.'application/json'.schema.$ref", endsWith("/War"),
                create + "'422'.content.'application/problem+json'.schema.$ref", endsWith("/Problem"),
                create + "'429'", notNullValue(), create + "'400'", notNullValue());
        String accept = "paths.'/v1/wars/{id}/accept'.post.responses.";
        doc.body(accept + "'200'.content.'application/json'.schema.$ref", endsWith("/War"), accept + "'409'", notNullValue(),
                accept + "'403'", notNullValue(), accept + "'404'", notNullValue());
        doc.body("paths.'/v1/wars/{id}'.get.responses.'200'.content.'application/json'.schema.$ref", endsWith("/War"),
                "paths.'/v1/servers/{server}/wars'.get.responses.'200'.content.'application/json'.schema.$ref", endsWith("/WarPage"),
                "paths.'/v1/servers/{server}/leaderboard'.get.responses.'200'.content.'application/json'.schema.$ref",
                endsWith("/LeaderboardPage"),
                "paths.'/v1/servers/{server}/players/{user}'.get.responses.'200'.content.'application/json'.schema.$ref",
                endsWith("/PlayerProfile"));
        doc.body("components.schemas.NewWar.properties.format.example", is("ft3"),
                "components.schemas.Resolution.properties", hasKey("void"),
                "components.schemas.War.properties", hasKey("ratingChanges"));
    }
}
