package dev.guildhall.game;

import dev.guildhall.support.Api;
import io.restassured.response.ValidatableResponse;

import java.util.List;
import java.util.Map;

/** Test helpers for the war endpoints: each call reads as the chat command a player would send. */
final class Wars {

    private Wars() {}

    static Map<String, Object> body(String game, String format, List<List<String>> sides) {
        return Map.of("game", game, "format", format, "duration", "1h", "sides", sides);
    }

    /** {@code creator} challenges and answers the new war's id. */
    static String create(String server, String creator, String game, String format, List<List<String>> sides) {
        return Api.as(creator).body(body(game, format, sides)).post("/v1/servers/" + server + "/wars")
                .then().statusCode(201).extract().path("id");
    }

    /** A 1v1 war that {@code b} has accepted, so it is ACTIVE. */
    static String active(String server, String a, String b, String game, String format) {
        String id = create(server, a, game, format, List.of(List.of(a), List.of(b)));
        accept(id, b).statusCode(200);
        return id;
    }

    static ValidatableResponse accept(String war, String user) {
        return Api.as(user).post("/v1/wars/" + war + "/accept").then();
    }

    static ValidatableResponse report(String war, String user, int winner) {
        return Api.as(user).body(Map.of("winner", winner)).post("/v1/wars/" + war + "/rounds").then();
    }

    static ValidatableResponse confirm(String war, String user, int round) {
        return Api.as(user).post("/v1/wars/" + war + "/rounds/" + round + "/confirm").then();
    }

    static ValidatableResponse get(String war) {
        return Api.platform().get("/v1/wars/" + war).then();
    }

    /** {@code loser} reports that {@code winner}'s side won, which counts at once; repeated until the war is won. */
    static void win(String war, String loser, int side, int rounds) {
        for (int i = 0; i < rounds; i++) report(war, loser, side).statusCode(200);
    }
}
