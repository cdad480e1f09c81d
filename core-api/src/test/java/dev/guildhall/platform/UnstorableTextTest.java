package dev.guildhall.platform;

import dev.guildhall.support.Api;
import dev.guildhall.support.RawHttp;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.*;

/**
 * Text PostgreSQL cannot store — NUL (U+0000) and lone UTF-16 surrogates — is refused at the edge with a 400
 * naming the field or parameter, wherever it comes (JSON values and field names, query, path, headers), so it
 * never reaches the database, except in a chat message to judge, where it is taken out; and no string, however
 * long, gives a 500.
 */
@QuarkusTest
class UnstorableTextTest {

    private static final String PROBLEM = "application/problem+json";

    /** One request with a body: who sends it, where, and the field its bad text is in. */
    private record Call(String name, Supplier<RequestSpecification> who, String method, String path, String json, String field) {}

    @Test
    void nulInAnyJsonStringOrFieldNameIs400NamingTheField() {
        List<Call> calls = calls("a\\u0000b");
        for (Call call : calls) {
            send(call).then().log().ifValidationFails().statusCode(400).contentType(PROBLEM)
                    .body("errors[0].field", is(call.field()), "errors[0].message", containsString("NUL"));
        }
    }

    @Test
    void loneSurrogatesAre400AndAPairIsText() {
        String owner = Api.newUser();
        for (String lone : List.of("\\ud800", "\\udbff x", "\\udc00", "a\\ud800\\ud800b")) {
            String server = "discord:" + Api.nextId();
            Api.platform().body("{\"name\":\"a" + lone + "b\",\"owner\":\"" + owner + "\"}").put("/v1/servers/" + server)
                    .then().log().ifValidationFails().statusCode(400).contentType(PROBLEM).body("errors[0].field", is("name"));
            Api.platform().get("/v1/servers/" + server).then().statusCode(404);
        }
        String server = "discord:" + Api.nextId();
        Api.platform().body("{\"name\":\"game \\ud83d\\ude00\",\"owner\":\"" + owner + "\"}").put("/v1/servers/" + server)
                .then().statusCode(201).body("name", is("game \uD83D\uDE00"));
    }

    @Test
    void aChatMessageToJudgeHasSuchTextTakenOutNotRefused() {
        // refused, a NUL would carry a message past automod wherever an adapter lets a failed check through
        String owner = Api.newUser();
        String server = Api.newServer(owner);
        Api.config(server, owner, Map.of("automod", Map.of("enabled", true, "bannedWords", List.of("badword"))));
        String body = "{\"messageId\":\"1\\u0000\",\"channel\":\"2\\ud800\",\"author\":{\"user\":\"" + Api.newUser()
                + "\"},\"content\":\"a bad\\u0000word \\ud83d\\ude00\"}";
        Api.platform().body(body).post("/v1/servers/" + server + "/messages/check").then().statusCode(200)
                .body("verdict", is("delete"), "rule", is("banned_words"),
                        "actions.find { it.type == 'delete_message' }.messageId", is("1"),
                        "actions.find { it.type == 'delete_message' }.channel", is("2\ufffd"));
        Api.platform().get("/v1/servers/" + server + "/audit-log?action=automod.delete").then()
                .body("items[0].details.messageId", is("1"));
        // a body that is not UTF-8 JSON is still refused
        Api.platform().body(body.replace("\\u0000", "\0").getBytes(StandardCharsets.UTF_8))
                .post("/v1/servers/" + server + "/messages/check").then().statusCode(400).contentType(PROBLEM);
    }

    @Test
    void nothingRefusedWasStored() {
        String owner = Api.newUser();
        String server = "discord:" + Api.nextId();
        Api.platform().body("{\"name\":\"a\\u0000b\",\"owner\":\"" + owner + "\"}").put("/v1/servers/" + server)
                .then().statusCode(400);
        Api.platform().get("/v1/servers/" + server).then().statusCode(404);

        Api.admin().body("{\"name\":\"nul-key\\u0000\",\"kind\":\"platform\"}").post("/v1/admin/api-keys")
                .then().statusCode(400);
        Api.admin().get("/v1/admin/api-keys?limit=100").then().statusCode(200).body("items.name", not(hasItem(startsWith("nul-key"))));
    }

    @Test
    void rawNulBytesAndBodiesThatAreNotUtf8Are400() {
        String owner = Api.newUser();
        String json = "{\"name\":\"a\\u0000b\",\"owner\":\"" + owner + "\"}";
        Api.platform().body(json.getBytes(StandardCharsets.UTF_16LE)).put("/v1/servers/discord:" + Api.nextId())
                .then().statusCode(400).contentType(PROBLEM);
        Api.platform().body(("{\"name\":\"a\0b\",\"owner\":\"" + owner + "\"}").getBytes(StandardCharsets.UTF_8))
                .put("/v1/servers/discord:" + Api.nextId())
                .then().statusCode(400).contentType(PROBLEM);
    }

    @Test
    void nulInAQueryParameterIs400NamingIt() {
        String owner = Api.newUser();
        String server = Api.newServer(owner);
        String base = "/v1/servers/" + server;
        Map<String, String> queries = Map.of(
                base + "/audit-log?action=x%00", "action",
                base + "/audit-log?target=%00", "target",
                base + "/wars?game=ch%00ess", "game",
                base + "/leaderboard?game=chess%00", "game",
                base + "/cases?target=%00", "target");
        queries.forEach((url, param) -> Api.asOwner(owner).urlEncodingEnabled(false).get(url)
                .then().log().ifValidationFails().statusCode(400).contentType(PROBLEM).body("errors[0].field", is(param)));
    }

    @Test
    void nulInThePathIs400() {
        Api.platform().urlEncodingEnabled(false).get("/v1/wars/%00").then().statusCode(400).contentType(PROBLEM);
        Api.platform().urlEncodingEnabled(false).get("/v1/servers/discord:1%00/wars").then().statusCode(400).contentType(PROBLEM);
    }

    @Test
    void nulInAHeaderIsRefusedAndChangesNothing() throws Exception {
        String owner = Api.newUser();
        String server = Api.newServer(owner);
        String war = "{\"game\":\"chess\",\"format\":\"ft1\",\"sides\":[[\"" + owner + "\"],[\"" + Api.newUser() + "\"]]}";
        for (String header : List.of("X-Actor-Name: Ada\0", "Idempotency-Key: key\0")) {
            RawHttp.Answer answer = RawHttp.exchange("POST /v1/servers/" + server + "/wars HTTP/1.1\r\nHost: localhost\r\n"
                    + "Authorization: Bearer " + Api.platformKey() + "\r\nX-Actor-Id: " + owner + "\r\n" + header + "\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + war.length() + "\r\nConnection: close\r\n\r\n" + war);
            assertThat(answer.status()).as(header).isEqualTo(400);
        }
        Api.platform().get("/v1/servers/" + server + "/wars").then().statusCode(200).body("items", empty());
    }

    @Test
    void tenThousandCharacterStringsNeverGive500() {
        String longText = "a".repeat(10_000);
        for (Call call : calls(longText)) {
            int status = send(call).then().extract().statusCode();
            assertThat(status).as(call.name()).isLessThan(500);
        }
        String owner = Api.newUser();
        String server = Api.newServer(owner);
        for (String url : List.of("/audit-log?action=", "/audit-log?target=", "/wars?game=", "/wars?player=",
                "/leaderboard?game=", "/cases?target=", "/cases?moderator=", "/wars?cursor=", "/cases?cursor=")) {
            int status = Api.asOwner(owner).get("/v1/servers/" + server + url + longText).then().extract().statusCode();
            assertThat(status).as(url).isLessThan(500);
        }
        for (String header : List.of("X-Actor-Name", "Idempotency-Key", "X-Request-Id", "X-Actor-Permissions", "X-Actor-Top-Role")) {
            int status = Api.asOwner(owner).header(header, longText)
                    .body(Map.of("game", "chess", "format", "ft1", "sides", List.of(List.of(owner), List.of(Api.newUser()))))
                    .post("/v1/servers/" + server + "/wars").then().extract().statusCode();
            assertThat(status).as(header).isLessThan(500);
        }
    }

    /** A request of every kind that carries client text, with {@code text} in one of its strings (already JSON-escaped). */
    private static List<Call> calls(String text) {
        String owner = Api.newUser();
        String server = Api.newServer(owner);
        String member = Api.newUser();
        String mod = Api.newUser();
        String base = "/v1/servers/" + server;
        Api.config(server, owner, Map.of("automod", Map.of("enabled", true, "bannedWords", List.of("badword"))));
        int caseNumber = Api.moderator(mod).body(Map.of("type", "note", "target", Map.of("user", member), "reason", "watch"))
                .post(base + "/cases").then().statusCode(201).extract().path("case.number");
        String a = Api.newUser(), b = Api.newUser();
        String war = Api.as(a).body(Map.of("game", "chess", "format", "ft1", "sides", List.of(List.of(a), List.of(b))))
                .post(base + "/wars").then().statusCode(201).extract().path("id");
        Supplier<RequestSpecification> platform = Api::platform;
        Supplier<RequestSpecification> asOwner = () -> Api.asOwner(owner);
        Supplier<RequestSpecification> moderator = () -> Api.moderator(mod);
        Supplier<RequestSpecification> admin = Api::admin;
        Supplier<RequestSpecification> referee = () -> Api.as(Api.newUser(), "MANAGE_SERVER");
        String newServer = "/v1/servers/discord:" + Api.nextId();
        List<Call> calls = new ArrayList<>(List.of(
                new Call("server name", platform, "PUT", newServer, "{\"name\":\"" + text + "\",\"owner\":\"" + owner + "\"}", "name"),
                new Call("case reason", moderator, "POST", base + "/cases",
                        "{\"type\":\"warn\",\"target\":{\"user\":\"" + member + "\"},\"reason\":\"" + text + "\"}", "reason"),
                new Call("case reason edit", moderator, "PATCH", base + "/cases/" + caseNumber, "{\"reason\":\"" + text + "\"}", "reason"),
                new Call("key name", admin, "POST", "/v1/admin/api-keys",
                        "{\"name\":\"" + text + "\",\"kind\":\"platform\"}", "name"),
                new Call("mod-log channel", asOwner, "PATCH", base + "/config", "{\"modLogChannel\":\"1" + text + "\"}", "modLogChannel"),
                new Call("banned words", asOwner, "PATCH", base + "/config",
                        "{\"automod\":{\"bannedWords\":[\"spam\",\"" + text + "\"]}}", "automod.bannedWords[1]"),
                new Call("welcome template", asOwner, "PATCH", base + "/config",
                        "{\"welcome\":{\"template\":\"hi {user}" + text + "\"}}", "welcome.template"),
                new Call("regexes", asOwner, "PATCH", base + "/config", "{\"automod\":{\"regexes\":[\"a" + text + "\"]}}",
                        "automod.regexes[0]"),
                new Call("war resolve reason", referee, "POST", "/v1/wars/" + war + "/resolve",
                        "{\"void\":true,\"reason\":\"" + text + "\"}", "reason"),
                new Call("member name", platform, "POST", base + "/members/joined",
                        "{\"user\":\"" + Api.newUser() + "\",\"name\":\"" + text + "\"}", "name")));
        if (text.contains("\\")) {
            calls.add(new Call("field name", platform, "PUT", "/v1/servers/discord:" + Api.nextId(),
                    "{\"name\":\"x\",\"owner\":\"" + owner + "\",\"x" + text + "\":1}", "x" + text));
            calls.add(new Call("nested field name", asOwner, "PATCH", base + "/config",
                    "{\"automod\":{\"capsRatio\":0.5,\"e" + text + "\":1}}", "automod.e" + text));
        }
        return calls;
    }

    private static Response send(Call call) {
        return call.who().get().contentType(ContentType.JSON).body(call.json()).request(call.method(), call.path());
    }
}
