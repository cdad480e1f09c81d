package dev.guildhall.game;

import dev.guildhall.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.*;

/** The war endpoints end to end, against the real PostgreSQL. */
@QuarkusTest
class WarApiTest {

    static final String PROBLEM = "application/problem+json";

    @Inject
    DataSource db;

    @Test
    void aFullFt3War() {
        String a = Api.newUser(), b = Api.newUser();
        String server = Api.newServer(a);
        Response created = Api.as(a).body(Map.of("game", "chess", "format", "ft3", "duration", "12h",
                        "sides", List.of(List.of(a), List.of(b))))
                .post("/v1/servers/" + server + "/wars");
        created.then().statusCode(201)
                .header("Location", endsWith("/v1/wars/" + created.path("id")))
                .body("server", is(server), "game", is("chess"), "format", is("ft3"), "winsNeeded", is(3),
                        "status", is("PENDING"), "createdBy", is(a), "createdAt", notNullValue(),
                        "expiresAt", notNullValue(), "winner", nullValue(), "rounds", empty(), "ratingChanges", empty(),
                        "sides[0].players[0].user", is(a), "sides[0].players[0].accepted", is(true),
                        "sides[1].players[0].user", is(b), "sides[1].players[0].accepted", is(false),
                        "sides[0].wins", is(0), "sides[1].wins", is(0));
        String war = created.path("id");

        Wars.accept(war, b).statusCode(200).body("status", is("ACTIVE"), "sides[1].players[0].accepted", is(true));
        // round 1: the loser (b) reports a's win -> counts at once
        Wars.report(war, b, 0).statusCode(200)
                .body("rounds[0].number", is(1), "rounds[0].winner", is(0), "rounds[0].status", is("CONFIRMED"),
                        "rounds[0].reportedBy", is(b), "sides[0].wins", is(1));
        // round 2: a reports b's win -> counts at once
        Wars.report(war, a, 1).statusCode(200).body("rounds[1].status", is("CONFIRMED"), "sides[1].wins", is(1));
        // round 3: a reports own win -> waits for b
        Wars.report(war, a, 0).statusCode(200).body("rounds[2].status", is("PENDING"), "sides[0].wins", is(1));
        Wars.confirm(war, b, 3).statusCode(200).body("rounds[2].status", is("CONFIRMED"), "sides[0].wins", is(2));
        // round 4 decides
        Wars.report(war, b, 0).statusCode(200)
                .body("status", is("FINISHED"), "winner", is(0), "sides[0].wins", is(3), "sides[1].wins", is(1),
                        "endedAt", notNullValue(),
                        "ratingChanges.find { it.user == '" + a + "' }.before", is(1000),
                        "ratingChanges.find { it.user == '" + a + "' }.after", is(1016),
                        "ratingChanges.find { it.user == '" + b + "' }.after", is(984));
        Wars.get(war).statusCode(200).body("status", is("FINISHED"), "rounds", hasSize(4), "ratingChanges", hasSize(2));
        Api.platform().get("/v1/servers/" + server + "/leaderboard?game=chess").then().statusCode(200)
                .body("items.user", contains(a, b), "items.rating", contains(1016, 984), "items.rank", contains(1, 2),
                        "items[0].wins", is(1), "items[0].losses", is(0), "items[0].played", is(1), "nextCursor", nullValue());
        Wars.report(war, b, 0).statusCode(409).contentType(PROBLEM).body("type", endsWith("/war-finished"));
    }

    @Test
    void badInputIs400WithFieldErrors() {
        String a = Api.newUser(), b = Api.newUser();
        String server = Api.newServer(a);
        Api.as(a).body(Map.of("game", "", "format", "ft11", "duration", "8d", "sides", List.of(List.of(a))))
                .post("/v1/servers/" + server + "/wars")
                .then().statusCode(400).contentType(PROBLEM)
                .body("type", endsWith("/validation"), "status", is(400), "requestId", notNullValue(),
                        "errors.field", contains("game", "format", "duration", "sides"));
        Api.as(a).body(Map.of("game", "chess", "format", "ft3", "sides", List.of(List.of(a), List.of("bob"))))
                .post("/v1/servers/" + server + "/wars")
                .then().statusCode(400).body("errors[0].field", is("sides[1][0]"));
        Api.as(a).body("{\"game\":\"chess\",\"format\":\"ft3\",\"sides\":\"nope\"}").post("/v1/servers/" + server + "/wars")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", is("sides"));
        Api.as(a).body("{\"game\":").post("/v1/servers/" + server + "/wars").then().statusCode(400).contentType(PROBLEM);
        Api.as(a).post("/v1/servers/" + server + "/wars").then().statusCode(400).contentType(PROBLEM);
        String war = Wars.active(server, a, b, "chess", "ft3");
        Api.as(a).body(Map.of("winner", 2)).post("/v1/wars/" + war + "/rounds")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", is("winner"));
        Api.as(a).body(Map.of()).post("/v1/wars/" + war + "/rounds").then().statusCode(400).body("errors[0].field", is("winner"));
        Api.as(a).body("{\"winner\":\"left\"}").post("/v1/wars/" + war + "/rounds").then().statusCode(400);
        Api.platform().get("/v1/servers/" + server + "/wars?limit=0").then().statusCode(400).body("errors[0].field", is("limit"));
        Api.platform().get("/v1/servers/" + server + "/wars?status=WON").then().statusCode(400).body("errors[0].field", is("status"));
        Api.platform().get("/v1/servers/" + server + "/wars?player=bob").then().statusCode(400).body("errors[0].field", is("player"));
        Api.platform().get("/v1/servers/" + server + "/wars?cursor=abc").then().statusCode(400).body("errors[0].field", is("cursor"));
        Api.platform().get("/v1/servers/" + server + "/leaderboard").then().statusCode(400).body("errors[0].field", is("game"));
        Api.platform().get("/v1/servers/not-a-server/wars").then().statusCode(400).contentType(PROBLEM);
        Wars.get(war).statusCode(200).body("rounds", empty());
    }

    @Test
    void ruleRefusalsAre422() {
        String a = Api.newUser(), b = Api.newUser();
        String server = Api.newServer(a);
        Api.as(a).body(Wars.body("chess", "ft3", List.of(List.of(a), List.of(a)))).post("/v1/servers/" + server + "/wars")
                .then().statusCode(422).contentType(PROBLEM).body("type", endsWith("/self-war"), "status", is(422), "detail", containsString(a));
        Api.as(a).body(Wars.body("chess", "ft3", List.of(List.of(a, b, b), List.of(Api.newUser()))))
                .post("/v1/servers/" + server + "/wars").then().statusCode(422).body("type", endsWith("/duplicate-player"));
        Api.platform().get("/v1/servers/" + server + "/wars").then().statusCode(200).body("items", empty());
        Api.asOwner(a).contentType("application/merge-patch+json")
                .body(Map.of("features", Map.of("wars", false))).patch("/v1/servers/" + server + "/config")
                .then().statusCode(200);
        Api.as(a).body(Wars.body("chess", "ft3", List.of(List.of(a), List.of(b)))).post("/v1/servers/" + server + "/wars")
                .then().statusCode(422).body("type", endsWith("/wars-disabled"));
    }

    @Test
    void unknownThingsAre404() {
        String a = Api.newUser(), b = Api.newUser();
        String server = Api.newServer(a);
        Wars.get(UUID.randomUUID().toString()).statusCode(404).contentType(PROBLEM).body("type", endsWith("/not-found"));
        Wars.get("not-a-uuid").statusCode(404).contentType(PROBLEM);
        Wars.accept(UUID.randomUUID().toString(), a).statusCode(404).contentType(PROBLEM);
        Api.as(a).body(Wars.body("chess", "ft3", List.of(List.of(a), List.of(b))))
                .post("/v1/servers/discord:" + Api.nextId() + "/wars").then().statusCode(404).contentType(PROBLEM);
        Api.platform().get("/v1/servers/discord:" + Api.nextId() + "/leaderboard?game=chess").then().statusCode(404);
        String war = Wars.active(server, a, b, "chess", "ft3");
        Wars.confirm(war, b, 5).statusCode(404).contentType(PROBLEM);
        Wars.confirm(war, b, 0).statusCode(404);
        Api.as(b).post("/v1/wars/" + war + "/rounds/x/confirm").then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void whoMayActIs403And400() {
        String a = Api.newUser(), b = Api.newUser(), stranger = Api.newUser();
        String server = Api.newServer(a);
        String war = Wars.create(server, a, "chess", "ft3", List.of(List.of(a), List.of(b)));
        Wars.accept(war, stranger).statusCode(403).contentType(PROBLEM).body("type", endsWith("/forbidden"));
        Api.as(stranger).post("/v1/wars/" + war + "/decline").then().statusCode(403);
        Api.as(b).post("/v1/wars/" + war + "/cancel").then().statusCode(403);
        // no actor: a platform key acting for nobody cannot play
        Api.platform().post("/v1/wars/" + war + "/accept").then().statusCode(400).body("type", endsWith("/actor-required"));
        Api.platform().body(Wars.body("chess", "ft3", List.of(List.of(a), List.of(b))))
                .post("/v1/servers/" + server + "/wars").then().statusCode(400).body("type", endsWith("/actor-required"));
        // app keys read with wars:read, never write
        String reader = Api.createKey("wars-reader", "app", List.of("wars:read"), List.of(server));
        RestAssured.given().header("Authorization", "Bearer " + reader).get("/v1/wars/" + war).then().statusCode(200);
        RestAssured.given().header("Authorization", "Bearer " + reader).get("/v1/servers/" + server + "/wars").then()
                .statusCode(200).body("items", hasSize(1));
        RestAssured.given().header("Authorization", "Bearer " + reader).post("/v1/wars/" + war + "/accept").then().statusCode(403);
        String other = Api.createKey("servers-reader", "app", List.of("servers:read"), List.of(server));
        RestAssured.given().header("Authorization", "Bearer " + other).get("/v1/wars/" + war).then().statusCode(403);
        RestAssured.given().header("Authorization", "Bearer " + other)
                .get("/v1/servers/" + server + "/leaderboard?game=chess").then().statusCode(403);
        RestAssured.given().get("/v1/wars/" + war).then().statusCode(401);
        Wars.get(war).body("status", is("PENDING"));
    }

    @Test
    void stateConflictsAre409() {
        String a = Api.newUser(), b = Api.newUser();
        String server = Api.newServer(a);
        String war = Wars.create(server, a, "chess", "ft1", List.of(List.of(a), List.of(b)));
        Wars.accept(war, a).statusCode(409).contentType(PROBLEM).body("type", endsWith("/already-accepted"));
        Wars.report(war, a, 0).statusCode(409).body("type", endsWith("/not-active"));
        Wars.accept(war, b).statusCode(200);
        Wars.accept(war, b).statusCode(409).body("type", endsWith("/not-pending"));
        Wars.report(war, a, 0).statusCode(200).body("rounds[0].status", is("PENDING"));
        Wars.report(war, b, 0).statusCode(409).body("type", endsWith("/round-awaiting-confirmation"));
        Wars.confirm(war, a, 1).statusCode(403);
        Wars.confirm(war, b, 1).statusCode(200).body("status", is("FINISHED"));
        Wars.confirm(war, b, 1).statusCode(409).contentType(PROBLEM);
        Wars.accept(war, b).statusCode(409).body("type", endsWith("/war-finished"));
        Api.as(a).post("/v1/wars/" + war + "/cancel").then().statusCode(409);
    }

    @Test
    void declineAndCancel() throws Exception {
        String a = Api.newUser(), b = Api.newUser(), c = Api.newUser(), mod = Api.newUser();
        String server = Api.newServer(a);
        String declined = Wars.create(server, a, "chess", "ft3", List.of(List.of(a), List.of(b, c)));
        Wars.accept(declined, b).statusCode(200).body("status", is("PENDING"));
        Api.as(c).post("/v1/wars/" + declined + "/decline").then().statusCode(200)
                .body("status", is("DECLINED"), "endedAt", notNullValue());
        Wars.accept(declined, c).statusCode(409);

        String cancelled = Wars.create(server, a, "chess", "ft3", List.of(List.of(a), List.of(b)));
        Api.as(a).post("/v1/wars/" + cancelled + "/cancel").then().statusCode(200).body("status", is("CANCELLED"));

        String playing = Wars.active(server, a, b, "chess", "ft3");
        Wars.report(playing, b, 0).statusCode(200);
        Api.as(a).post("/v1/wars/" + playing + "/cancel").then().statusCode(403).body("detail", containsString("MANAGE_SERVER"));
        Api.as(mod, "MANAGE_SERVER").post("/v1/wars/" + playing + "/cancel").then().statusCode(200)
                .body("status", is("CANCELLED"), "ratingChanges", empty());
        Api.platform().get("/v1/servers/" + server + "/leaderboard?game=chess").then().body("items", empty());
        assertThat(Sql.audited(db, "war.declined", declined)).isEqualTo(1);
        assertThat(Sql.audited(db, "war.cancelled", cancelled)).isEqualTo(1);
        assertThat(Sql.audited(db, "war.cancelled", playing)).isEqualTo(1);
    }

    @Test
    void disputeResolveAndVoid() throws Exception {
        String a = Api.newUser(), b = Api.newUser(), mod = Api.newUser();
        String server = Api.newServer(a);
        String war = Wars.active(server, a, b, "chess", "ft2");
        Wars.report(war, a, 0).statusCode(200);
        Api.as(b).post("/v1/wars/" + war + "/rounds/1/dispute").then().statusCode(200)
                .body("status", is("DISPUTED"), "rounds[0].status", is("DISPUTED"), "rounds[0].disputedBy", is(b));
        Wars.report(war, a, 0).statusCode(409).body("type", endsWith("/war-disputed"));
        // only moderators resolve
        Api.as(a).body(Map.of("winner", 0)).post("/v1/wars/" + war + "/resolve").then().statusCode(403);
        Api.as(mod, "MANAGE_SERVER").body(Map.of("winner", 0, "void", true)).post("/v1/wars/" + war + "/resolve")
                .then().statusCode(400).contentType(PROBLEM);
        Api.as(mod, "MANAGE_SERVER").body(Map.of()).post("/v1/wars/" + war + "/resolve").then().statusCode(400);
        // the moderator finds b actually won round 1
        Api.as(mod, "MANAGE_SERVER").body(Map.of("round", 1, "winner", 1, "reason", "screenshot"))
                .post("/v1/wars/" + war + "/resolve").then().statusCode(200)
                .body("status", is("ACTIVE"), "rounds[0].status", is("CONFIRMED"), "rounds[0].winner", is(1),
                        "rounds[0].resolvedBy", is(mod), "sides[1].wins", is(1));
        Api.as(mod, "MANAGE_SERVER").body(Map.of("round", 1, "winner", 0)).post("/v1/wars/" + war + "/resolve")
                .then().statusCode(409).body("type", endsWith("/round-settled"));
        // a second dispute, struck out
        Wars.report(war, b, 1).statusCode(200);
        Api.as(a).post("/v1/wars/" + war + "/rounds/2/dispute").then().statusCode(200);
        Api.as(mod, "MANAGE_SERVER").body(Map.of("round", 2, "void", true)).post("/v1/wars/" + war + "/resolve")
                .then().statusCode(200).body("status", is("ACTIVE"), "rounds[1].status", is("VOIDED"), "sides[1].wins", is(1));
        // then the whole war voided: no winner, no rating change
        Api.as(mod, "MANAGE_SERVER").body(Map.of("void", true)).post("/v1/wars/" + war + "/resolve")
                .then().statusCode(200).body("status", is("VOIDED"), "winner", nullValue(), "ratingChanges", empty());
        Api.as(mod, "MANAGE_SERVER").body(Map.of("void", true)).post("/v1/wars/" + war + "/resolve").then().statusCode(409);
        Api.platform().get("/v1/servers/" + server + "/leaderboard?game=chess").then().body("items", empty());
        assertThat(Sql.audited(db, "war.disputed", war)).isEqualTo(2);
        assertThat(Sql.audited(db, "war.round-resolved", war)).isEqualTo(2);
        assertThat(Sql.audited(db, "war.voided", war)).isEqualTo(1);
    }

    @Test
    void aPlayerWithManageServerCannotSettleHisOwnWar() {
        String a = Api.newUser(), b = Api.newUser();
        String server = Api.newServer(Api.newUser());
        String war = Wars.create(server, a, "chess", "ft1", List.of(List.of(a), List.of(b)));
        Wars.accept(war, b).statusCode(200);
        Wars.report(war, a, 0).statusCode(200).body("rounds[0].status", is("PENDING"));
        // a holds MANAGE_SERVER, but plays: he cannot settle his own unconfirmed round, nor void the war
        Api.as(a, "MANAGE_SERVER").body(Map.of("winner", 0)).post("/v1/wars/" + war + "/resolve")
                .then().statusCode(403).contentType(PROBLEM);
        Api.as(b, "MANAGE_SERVER").body(Map.of("void", true)).post("/v1/wars/" + war + "/resolve")
                .then().statusCode(403).contentType(PROBLEM);
        Wars.get(war).statusCode(200).body("status", is("ACTIVE"), "rounds[0].status", is("PENDING"), "ratingChanges", empty());
    }

    @Test
    void anIdHasOneSpellingSoNobodyWarsHimself() {
        String a = Api.newUser();
        String zeroPadded = a.replace("discord:", "discord:0");
        String server = Api.newServer(Api.newUser());
        Api.as(a).body(Wars.body("chess", "ft1", List.of(List.of(a), List.of(zeroPadded))))
                .post("/v1/servers/" + server + "/wars").then().statusCode(400).contentType(PROBLEM);
        Api.as(zeroPadded).body(Wars.body("chess", "ft1", List.of(List.of(a), List.of(Api.newUser()))))
                .post("/v1/servers/" + server + "/wars").then().statusCode(400).body("errors.field", hasItem("X-Actor-Id"));
        Api.platform().get("/v1/servers/" + server.replace("discord:", "discord:0")).then().statusCode(400);
    }

    @Test
    void aReaderTailingTheWarListNeverMissesAWarASlowerTransactionCommitsLate() throws Exception {
        String a = Api.newUser(), b = Api.newUser();
        String server = Api.newServer(a);
        String url = "/v1/servers/" + server + "/wars";
        String first = Wars.create(server, a, "chess", "ft1", List.of(List.of(a), List.of(b)));
        UUID slowId = WarService.newId(); // created now, committed last
        List<String> firstRead;
        try (java.sql.Connection slow = db.getConnection()) {
            slow.setAutoCommit(false);
            try (var ps = slow.prepareStatement("""
                    insert into war (id, server, game, wins_needed, status, created_by, created_at, expires_at, players, sides)
                    values (?, ?, 'chess', 1, 'PENDING', ?, now(), now() + interval '1 hour', array[?, ?],
                            '[{"players":[{"user":"x","accepted":true}],"wins":0},{"players":[{"user":"y","accepted":false}],"wins":0}]')""")) {
                ps.setObject(1, slowId);
                ps.setString(2, server);
                ps.setString(3, a);
                ps.setString(4, a);
                ps.setString(5, b);
                ps.executeUpdate();
            }
            String fast = Wars.create(server, a, "chess", "ft1", List.of(List.of(a), List.of(b)));
            firstRead = Api.platform().get(url).then().statusCode(200).extract().path("items.id");
            assertThat(firstRead).as("a war committed after a slower, still open one waits for it").doesNotContain(fast);
            slow.commit();
        }
        List<String> now = Api.platform().get(url).then().statusCode(200).extract().path("items.id");
        assertThat(now.subList(0, now.indexOf(firstRead.get(0)))).hasSize(2).contains(slowId.toString());
        assertThat(now).endsWith(first);
    }

    @Test
    void aResolutionThatDecidesTheWarChangesRatings() {
        String a = Api.newUser(), b = Api.newUser(), mod = Api.newUser();
        String server = Api.newServer(a);
        String war = Wars.active(server, a, b, "chess", "ft1");
        Wars.report(war, b, 1).statusCode(200);
        Api.as(a).post("/v1/wars/" + war + "/rounds/1/dispute").then().statusCode(200);
        Api.as(mod, "MANAGE_SERVER").body(Map.of("winner", 1)).post("/v1/wars/" + war + "/resolve").then().statusCode(200)
                .body("status", is("FINISHED"), "winner", is(1),
                        "ratingChanges.find { it.user == '" + b + "' }.after", is(1016));
    }

    @Test
    void listFiltersAndCursor() {
        String a = Api.newUser(), b = Api.newUser(), c = Api.newUser();
        String server = Api.newServer(a);
        String w1 = Wars.create(server, a, "chess", "ft3", List.of(List.of(a), List.of(b)));
        String w2 = Wars.active(server, a, c, "go", "ft3");
        String w3 = Wars.create(server, b, "chess", "ft3", List.of(List.of(b), List.of(c)));
        String base = "/v1/servers/" + server + "/wars";
        Api.platform().get(base).then().statusCode(200).body("items.id", contains(w3, w2, w1), "nextCursor", nullValue());
        Api.platform().get(base + "?status=active").then().body("items.id", contains(w2));
        Api.platform().get(base + "?status=PENDING").then().body("items.id", contains(w3, w1));
        Api.platform().get(base + "?game=chess").then().body("items.id", contains(w3, w1));
        Api.platform().get(base + "?player=" + a).then().body("items.id", contains(w2, w1));
        Api.platform().get(base + "?player=" + c + "&game=go").then().body("items.id", contains(w2));
        Api.platform().get(base + "?status=FINISHED").then().body("items", empty());

        String cursor = Api.platform().get(base + "?limit=2").then().body("items.id", contains(w3, w2))
                .body("nextCursor", notNullValue()).extract().path("nextCursor");
        Api.platform().get(base + "?limit=2&cursor=" + cursor).then().body("items.id", contains(w1), "nextCursor", nullValue());
        // a player's wars page the same way
        String byA = Api.platform().get(base + "?player=" + a + "&limit=1").then().body("items.id", contains(w2))
                .extract().path("nextCursor");
        Api.platform().get(base + "?player=" + a + "&limit=1&cursor=" + byA).then().body("items.id", contains(w1), "nextCursor", nullValue());
        // another server's wars never show
        Api.platform().get("/v1/servers/" + Api.newServer(a) + "/wars").then().body("items", empty());
    }

    @Test
    void leaderboardOrderRanksAndPaging() {
        String p1 = Api.newUser(), p2 = Api.newUser(), p3 = Api.newUser(), p4 = Api.newUser();
        String server = Api.newServer(p1);
        Wars.win(Wars.active(server, p1, p2, "go", "ft1"), p2, 0, 1); // p1 1016, p2 984
        Wars.win(Wars.active(server, p3, p4, "go", "ft1"), p4, 0, 1); // p3 1016, p4 984
        Wars.win(Wars.active(server, p1, p3, "go", "ft1"), p3, 0, 1); // 1016 vs 1016: p1 1032, p3 1000
        Wars.win(Wars.active(server, p1, p2, "chess", "ft1"), p1, 1, 1); // another game's ladder is separate

        String board = "/v1/servers/" + server + "/leaderboard?game=go";
        // p2 and p4 tie at 984: they share rank 3 and are ordered by user id
        List<String> tied = p2.compareTo(p4) < 0 ? List.of(p2, p4) : List.of(p4, p2);
        Api.platform().get(board).then().statusCode(200)
                .body("items.user", contains(p1, p3, tied.get(0), tied.get(1)),
                        "items.rating", contains(1032, 1000, 984, 984),
                        "items.rank", contains(1, 2, 3, 3),
                        "items[0].wins", is(2), "items[0].losses", is(0), "items[0].played", is(2),
                        "items[1].wins", is(1), "items[1].losses", is(1));
        List<Integer> ranks = new java.util.ArrayList<>();
        List<String> users = new java.util.ArrayList<>();
        String cursor = null;
        do {
            Response page = Api.platform().get(board + "&limit=1" + (cursor == null ? "" : "&cursor=" + cursor));
            page.then().statusCode(200).body("items", hasSize(1));
            ranks.add(page.path("items[0].rank"));
            users.add(page.path("items[0].user"));
            cursor = page.path("nextCursor");
        } while (cursor != null);
        assertThat(ranks).containsExactly(1, 2, 3, 3);
        assertThat(users).containsExactly(p1, p3, tied.get(0), tied.get(1));
        Api.platform().get("/v1/servers/" + server + "/leaderboard?game=chess").then()
                .body("items.user", contains(p2, p1), "items.rating", contains(1016, 984));
    }

    @Test
    void playerProfile() {
        String p1 = Api.newUser(), p2 = Api.newUser(), p3 = Api.newUser();
        String server = Api.newServer(p1);
        Wars.win(Wars.active(server, p1, p2, "go", "ft1"), p2, 0, 1);
        Wars.win(Wars.active(server, p1, p3, "go", "ft1"), p3, 0, 1); // 1016 vs 1000: +15
        String lost = Wars.active(server, p1, p2, "chess", "ft1");
        Wars.win(lost, p1, 1, 1);
        String pending = Wars.create(server, p2, "chess", "ft1", List.of(List.of(p2), List.of(p1)));

        Api.platform().get("/v1/servers/" + server + "/players/" + p1).then().statusCode(200)
                .body("user", is(p1),
                        "ratings.game", contains("chess", "go"),
                        "ratings.find { it.game == 'go' }.rating", is(1031),
                        "ratings.find { it.game == 'go' }.wins", is(2),
                        "ratings.find { it.game == 'go' }.losses", is(0),
                        "ratings.find { it.game == 'go' }.streak", is(2),
                        "ratings.find { it.game == 'go' }.rank", is(1),
                        "ratings.find { it.game == 'chess' }.rating", is(984),
                        "ratings.find { it.game == 'chess' }.streak", is(-1),
                        "recentWars", hasSize(4),
                        "recentWars[0].id", is(pending),
                        "recentWars[1].id", is(lost));
        Api.platform().get("/v1/servers/" + server + "/players/" + Api.newUser()).then().statusCode(200)
                .body("ratings", empty(), "recentWars", empty());
        Api.platform().get("/v1/servers/" + server + "/players/bob").then().statusCode(400).contentType(PROBLEM);
    }

    @Test
    void creationCooldownIs429WithRetryAfter() {
        String owner = Api.newUser(), a = Api.newUser(), b = Api.newUser();
        String server = Api.newServer(owner);
        Api.asOwner(owner).contentType("application/merge-patch+json")
                .body(Map.of("cooldowns", Map.of("warCreate", "10s"))).patch("/v1/servers/" + server + "/config")
                .then().statusCode(200);
        Wars.create(server, a, "chess", "ft1", List.of(List.of(a), List.of(b)));
        Response refused = Api.as(a).body(Wars.body("chess", "ft1", List.of(List.of(a), List.of(b))))
                .post("/v1/servers/" + server + "/wars");
        refused.then().statusCode(429).contentType(PROBLEM).body("type", endsWith("/cooldown"), "status", is(429));
        assertThat(Integer.parseInt(refused.header("Retry-After"))).isBetween(1, 10);
        // the cooldown is per player: b may still challenge
        Wars.create(server, b, "chess", "ft1", List.of(List.of(b), List.of(a)));
        Api.platform().get("/v1/servers/" + server + "/wars?player=" + a).then().body("items", hasSize(2));
    }

    @Test
    void aRefusedCreationDoesNotStartTheCooldown() {
        String owner = Api.newUser(), a = Api.newUser(), b = Api.newUser();
        String server = Api.newServer(owner);
        Api.asOwner(owner).contentType("application/merge-patch+json")
                .body(Map.of("cooldowns", Map.of("warCreate", "1h"))).patch("/v1/servers/" + server + "/config")
                .then().statusCode(200);
        Api.as(a).body(Wars.body("chess", "ft1", List.of(List.of(a), List.of(a)))).post("/v1/servers/" + server + "/wars")
                .then().statusCode(422);
        Wars.create(server, a, "chess", "ft1", List.of(List.of(a), List.of(b)));
    }

    @Test
    void aReplayedCreateReturnsTheFirstWar() {
        String a = Api.newUser(), b = Api.newUser();
        String server = Api.newServer(a);
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = Wars.body("chess", "ft3", List.of(List.of(a), List.of(b)));
        Response first = Api.as(a).header("Idempotency-Key", key).body(body).post("/v1/servers/" + server + "/wars");
        first.then().statusCode(201);
        Response second = Api.as(a).header("Idempotency-Key", key).body(body).post("/v1/servers/" + server + "/wars");
        second.then().statusCode(201).header("Idempotent-Replayed", "true").header("Location", is(first.header("Location")))
                .body("id", is((String) first.path("id")));
        Api.platform().get("/v1/servers/" + server + "/wars").then().body("items", hasSize(1));
        Api.as(a).header("Idempotency-Key", key).body(Wars.body("go", "ft3", List.of(List.of(a), List.of(b))))
                .post("/v1/servers/" + server + "/wars").then().statusCode(422);
    }
}
