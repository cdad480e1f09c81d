package dev.guildhall.moderation;

import dev.guildhall.support.Api;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static dev.guildhall.moderation.CaseTest.body;
import static dev.guildhall.moderation.CaseTest.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.*;

/**
 * Temp-ban expiry, the supersede rule, the claim/ack lease of deferred actions and observed
 * platform actions. Each test claims with a key limited to its own server, so queues never mix.
 */
@QuarkusTest
class CaseExpiryTest {

    @Inject
    EntityManager em;

    @Inject
    TempBanSweeper sweeper;

    private void makeDue(String server, int number) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                        "update mod_case set expires_at = now() - interval '1 second' where server = :s and number = :n")
                .setParameter("s", server).setParameter("n", number).executeUpdate());
    }

    private List<Integer> numbersOf(String server, String type) {
        return Api.platform().get("/v1/servers/" + server + "/cases?type=" + type).then().statusCode(200)
                .extract().path("items.number");
    }

    private static io.restassured.specification.RequestSpecification adapter(String key) {
        return RestAssured.given().header("Authorization", "Bearer " + key).contentType("application/json");
    }

    @Test
    void dueTempBanIsLiftedOnceThroughTheQueue() {
        String owner = Api.newUser(), mod = Api.newUser(), member = Api.newUser();
        String server = Api.newServer(owner);
        Api.config(server, owner, Map.of("modLogChannel", "777"));
        post(server, mod, body("ban", member, "duration", "1d")).statusCode(201).body("case.number", is(1));
        makeDue(server, 1);
        sweeper.sweep();
        sweeper.sweep();
        assertThat(numbersOf(server, "unban")).containsExactly(2);
        Api.platform().get("/v1/servers/" + server + "/cases/2").then()
                .body("source", is("expiry"), "automatic", is(true), "moderator", nullValue(), "reason", containsString("case 1"));

        String key = Api.createKey("adapter", "platform", List.of(), List.of(server));
        adapter(key).body(Map.of("limit", 10, "leaseSeconds", 60)).post("/v1/platforms/discord/actions/claim").then()
                .statusCode(200)
                .body("items", hasSize(2), "items[0].action.type", is("unban"), "items[0].action.user", is(member),
                        "items[0].server", is(server), "items[0].caseNumber", is(2), "items[0].attempts", is(1),
                        "items[1].action.type", is("log"), "items[1].action.channel", is("777"));
    }

    @Test
    void twoSweepersAtOnceLiftABanOnlyOnce() throws Exception {
        String owner = Api.newUser(), mod = Api.newUser(), member = Api.newUser();
        String server = Api.newServer(owner);
        post(server, mod, body("ban", member, "duration", "1h")).statusCode(201);
        makeDue(server, 1);
        CompletableFuture<Integer> a = CompletableFuture.supplyAsync(sweeper::sweep);
        CompletableFuture<Integer> b = CompletableFuture.supplyAsync(sweeper::sweep);
        a.get();
        b.get();
        sweeper.sweep();
        assertThat(numbersOf(server, "unban")).hasSize(1);
        String key = Api.createKey("adapter", "platform", List.of(), List.of(server));
        adapter(key).body(Map.of()).post("/v1/platforms/discord/actions/claim").then()
                .body("items.action.type", contains("unban"));
    }

    @Test
    void expiryNeverUndoesALaterBanOrUnban() {
        String owner = Api.newUser(), mod = Api.newUser(), banned = Api.newUser(), unbanned = Api.newUser();
        String server = Api.newServer(owner);
        // banned again, permanently, while the temp ban ran
        post(server, mod, body("ban", banned, "duration", "1h")).statusCode(201).body("case.number", is(1));
        post(server, mod, body("ban", banned)).statusCode(201).body("case.number", is(2));
        // unbanned by hand meanwhile
        post(server, mod, body("ban", unbanned, "duration", "1h")).statusCode(201).body("case.number", is(3));
        post(server, mod, body("unban", unbanned)).statusCode(201).body("case.number", is(4));
        makeDue(server, 1);
        makeDue(server, 3);
        sweeper.sweep();
        assertThat(numbersOf(server, "unban")).containsExactly(4);
        assertThat(numbersOf(server, "ban")).containsExactly(3, 2, 1);
        String key = Api.createKey("adapter", "platform", List.of(), List.of(server));
        adapter(key).body(Map.of()).post("/v1/platforms/discord/actions/claim").then().body("items", empty());
        // the longer ban still stands
        post(server, mod, body("ban", banned)).statusCode(409);
    }

    @Test
    void anUnackedActionComesBackAfterItsLeaseAndAckRemovesIt() throws Exception {
        String owner = Api.newUser(), mod = Api.newUser(), member = Api.newUser();
        String server = Api.newServer(owner);
        post(server, mod, body("ban", member, "duration", "1h")).statusCode(201);
        makeDue(server, 1);
        sweeper.sweep();
        String key = Api.createKey("adapter", "platform", List.of(), List.of(server));
        String id = adapter(key).body(Map.of("limit", 1, "leaseSeconds", 1)).post("/v1/platforms/discord/actions/claim")
                .then().statusCode(200).body("items", hasSize(1), "items[0].attempts", is(1)).extract().path("items[0].id");
        // leased: nobody else gets it meanwhile
        adapter(key).body(Map.of("limit", 1)).post("/v1/platforms/discord/actions/claim").then().body("items", empty());
        Thread.sleep(1300);
        adapter(key).body(Map.of("limit", 1, "leaseSeconds", 30)).post("/v1/platforms/discord/actions/claim").then()
                .body("items[0].id", is(id), "items[0].attempts", is(2));
        adapter(key).post("/v1/platforms/discord/actions/" + id + "/ack").then().statusCode(204);
        adapter(key).post("/v1/platforms/discord/actions/" + id + "/ack").then().statusCode(404)
                .contentType("application/problem+json");
        Thread.sleep(1300);
        adapter(key).body(Map.of("limit", 1)).post("/v1/platforms/discord/actions/claim").then().body("items", empty());
    }

    @Test
    void onlyTheKeyHoldingTheLeaseAcknowledgesAnAction() {
        String owner = Api.newUser(), mod = Api.newUser(), member = Api.newUser();
        String server = Api.newServer(owner);
        post(server, mod, body("ban", member, "duration", "1h")).statusCode(201);
        makeDue(server, 1);
        sweeper.sweep();
        String holder = Api.createKey("holder", "platform", List.of(), List.of(server));
        String other = Api.createKey("other", "platform", List.of(), List.of(server));
        String id = adapter(holder).body(Map.of("limit", 1)).post("/v1/platforms/discord/actions/claim")
                .then().statusCode(200).body("items", hasSize(1)).extract().path("items[0].id");
        adapter(other).post("/v1/platforms/discord/actions/" + id + "/ack").then().statusCode(409)
                .contentType("application/problem+json").body("type", endsWith("/action-leased-elsewhere"));
        adapter(holder).post("/v1/platforms/discord/actions/" + id + "/ack").then().statusCode(204);
    }

    @Test
    void claimRefusals() {
        String owner = Api.newUser(), mod = Api.newUser(), member = Api.newUser();
        String server = Api.newServer(owner);
        post(server, mod, body("ban", member, "duration", "1h")).statusCode(201);
        makeDue(server, 1);
        sweeper.sweep();
        Long id = QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select min(id) from platform_action where server = :s").setParameter("s", server).getSingleResult()).longValue());
        String key = Api.createKey("adapter", "platform", List.of(), List.of(server));
        adapter(key).post("/v1/platforms/discord/actions/" + id + "/ack").then().statusCode(409)
                .body("type", endsWith("/action-not-claimed"));
        String otherKey = Api.createKey("other", "platform", List.of(), List.of("discord:1"));
        adapter(otherKey).post("/v1/platforms/discord/actions/" + id + "/ack").then().statusCode(404);
        adapter(key).body(Map.of("limit", 0)).post("/v1/platforms/discord/actions/claim").then().statusCode(400);
        adapter(key).body(Map.of("leaseSeconds", 0)).post("/v1/platforms/discord/actions/claim").then().statusCode(400);
        adapter(key).body(Map.of()).post("/v1/platforms/irc/actions/claim").then().statusCode(404);
        Api.admin().body(Map.of()).post("/v1/platforms/discord/actions/claim").then().statusCode(403);
        adapter(key).post("/v1/platforms/discord/actions/abc/ack").then().statusCode(404);
    }

    @Test
    void anObservedBanIsRecordedOnceAndACommandedBanIsNotRecordedTwice() {
        String owner = Api.newUser(), mod = Api.newUser(), handMod = Api.newUser(), a = Api.newUser(), b = Api.newUser();
        String server = Api.newServer(owner);
        String url = "/v1/servers/" + server + "/cases";
        // a ban done by hand in the platform, reported twice (adapter retry, two shards …)
        Map<String, Object> observed = Map.of("type", "ban", "target", Map.of("user", a), "reason", "by hand",
                "observed", true, "platformRef", "audit-1", "moderator", handMod);
        Api.platform().body(observed).post(url).then().statusCode(201)
                .body("case.number", is(1), "case.observed", is(true), "case.moderator", is(handMod),
                        "case.source", is("observed"), "recorded", is(true), "actions.type", not(hasItem("ban")));
        Api.platform().body(observed).post(url).then().statusCode(200)
                .body("case.number", is(1), "recorded", is(false), "actions", empty());

        // a ban Guildhall ordered, then seen in the platform's audit log
        post(server, mod, body("ban", b)).statusCode(201).body("case.number", is(2));
        Api.platform().body(Map.of("type", "ban", "target", Map.of("user", b), "observed", true, "platformRef", "audit-2"))
                .post(url).then().statusCode(200).body("case.number", is(2), "recorded", is(false),
                        "case.platformRef", is("audit-2"), "case.observed", is(false));
        Api.platform().body(Map.of("type", "ban", "target", Map.of("user", b), "observed", true, "platformRef", "audit-2"))
                .post(url).then().statusCode(200).body("case.number", is(2));

        // an observed kick right after a commanded kick is its echo too; a later unban by hand is new
        post(server, mod, body("kick", a + "0")).statusCode(201).body("case.number", is(3));
        Api.platform().body(Map.of("type", "kick", "target", Map.of("user", a + "0"), "observed", true, "platformRef", "audit-3"))
                .post(url).then().statusCode(200).body("case.number", is(3));
        Api.platform().body(Map.of("type", "unban", "target", Map.of("user", b), "observed", true, "platformRef", "audit-4"))
                .post(url).then().statusCode(201).body("case.number", is(4), "case.observed", is(true));
        Api.platform().get(url).then().body("items.number", contains(4, 3, 2, 1));
    }
}
