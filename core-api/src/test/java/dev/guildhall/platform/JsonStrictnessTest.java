package dev.guildhall.platform;

import dev.guildhall.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.hamcrest.Matchers.*;

/** JSON the API cannot take at its word — non-finite numbers, duplicate keys, absurd nesting — is a clean 400. */
@QuarkusTest
class JsonStrictnessTest {

    private static final String PROBLEM = "application/problem+json";

    @Test
    void nonFiniteNumbersAreRefusedAndNothingIsStored() {
        String owner = Api.newUser();
        String server = Api.newServer(owner);
        for (String value : List.of("\"NaN\"", "\"Infinity\"", "\"-Infinity\"", "1e999", "-1e999")) {
            Api.asOwner(owner).body("{\"automod\":{\"capsRatio\":" + value + "}}").patch("/v1/servers/" + server + "/config")
                    .then().statusCode(400).contentType(PROBLEM)
                    .body("errors[0].field", is("automod.capsRatio"), "errors[0].message", containsString("finite"));
        }
        Api.platform().get("/v1/servers/" + server + "/config").then().statusCode(200).body("automod.capsRatio", nullValue());
        Api.asOwner(owner).body("{\"automod\":{\"capsRatio\":0.7}}").patch("/v1/servers/" + server + "/config")
                .then().statusCode(200).body("automod.capsRatio", is(0.7f));
    }

    @Test
    void deepNestingIsACleanProblem() {
        String owner = Api.newUser();
        String server = Api.newServer(owner);
        String deep = "[".repeat(2_000) + "]".repeat(2_000);
        for (String body : List.of("{\"automod\":{\"bannedWords\":" + deep + "}}", deep)) {
            Api.asOwner(owner).body(body).patch("/v1/servers/" + server + "/config")
                    .then().statusCode(400).contentType(PROBLEM)
                    .body("type", endsWith("/malformed-json"), "detail", containsString("nests deeper"),
                            "detail", not(containsStringIgnoringCase("constraints")), "detail", not(containsStringIgnoringCase("jackson")));
        }
        // an unknown field is skipped, not built, and still may not nest without end
        Api.platform().body("{\"content\":\"hi\",\"extra\":" + deep + "}").post("/v1/servers/" + server + "/messages/check")
                .then().statusCode(400).contentType(PROBLEM).body("detail", containsString("nests deeper"));
    }

    @Test
    void duplicateKeysAre400OnEveryBody() {
        String owner = Api.newUser();
        String server = Api.newServer(owner);
        String member = Api.newUser();
        String a = Api.newUser(), b = Api.newUser();
        String war = Api.as(a).body(Map.of("game", "chess", "format", "ft1", "sides", List.of(List.of(a), List.of(b))))
                .post("/v1/servers/" + server + "/wars").then().statusCode(201).extract().path("id");
        Api.as(b).post("/v1/wars/" + war + "/accept").then().statusCode(200);
        record Call(Supplier<RequestSpecification> who, String method, String path, String json) {}
        List<Call> calls = List.of(
                new Call(Api::platform, "PUT", "/v1/servers/discord:" + Api.nextId(),
                        "{\"name\":\"a\",\"owner\":\"" + owner + "\",\"name\":\"b\"}"),
                new Call(() -> Api.as(a), "POST", "/v1/wars/" + war + "/rounds", "{\"winner\":0,\"winner\":0}"),
                new Call(() -> Api.as(Api.newUser(), "MANAGE_SERVER"), "POST", "/v1/wars/" + war + "/resolve",
                        "{\"winner\":0,\"reason\":\"x\",\"winner\":0}"),
                new Call(() -> Api.as(a), "POST", "/v1/servers/" + server + "/wars",
                        "{\"game\":\"chess\",\"format\":\"ft1\",\"sides\":[[\"" + a + "\"],[\"" + member + "\"]],\"game\":\"go\"}"),
                new Call(() -> Api.moderator(Api.newUser()), "POST", "/v1/servers/" + server + "/cases",
                        "{\"type\":\"note\",\"target\":{\"user\":\"" + member + "\"},\"reason\":\"r\",\"type\":\"note\"}"),
                new Call(Api::admin, "POST", "/v1/admin/api-keys", "{\"name\":\"k\",\"kind\":\"app\",\"name\":\"k\"}"),
                new Call(() -> Api.asOwner(owner), "PATCH", "/v1/servers/" + server + "/config",
                        "{\"automod\":{\"enabled\":true,\"enabled\":false}}"),
                new Call(Api::platform, "POST", "/v1/servers/" + server + "/messages/check",
                        "{\"author\":{\"user\":\"" + member + "\"},\"content\":\"hi\",\"content\":\"hi\"}"),
                new Call(Api::platform, "POST", "/v1/servers/" + server + "/members/joined",
                        "{\"user\":\"" + member + "\",\"user\":\"" + member + "\"}"),
                new Call(Api::platform, "POST", "/v1/platforms/discord/actions/claim", "{\"limit\":1,\"limit\":1}"));
        for (Call call : calls) {
            call.who().get().body(call.json()).request(call.method(), call.path())
                    .then().log().ifValidationFails().statusCode(400).contentType(PROBLEM)
                    .body("detail", containsString("twice"));
        }
        Api.platform().get("/v1/wars/" + war).then().statusCode(200).body("status", is("ACTIVE"));
    }
}
