package dev.guildhall.moderation;

import dev.guildhall.support.Api;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.*;

/** Cases through the API against the real database: every type, every refusal, numbering under concurrency. */
@QuarkusTest
class CaseTest {

    private static final String PROBLEM = "application/problem+json";

    @Inject
    EntityManager em;

    static Map<String, Object> target(String user) {
        return Map.of("user", user, "owner", false, "topRole", 1);
    }

    static Map<String, Object> body(String type, String user, Object... more) {
        Map<String, Object> b = new HashMap<>();
        b.put("type", type);
        b.put("target", target(user));
        b.put("reason", "because " + type);
        for (int i = 0; i < more.length; i += 2) b.put((String) more[i], more[i + 1]);
        return b;
    }

    static ValidatableResponse post(String server, String mod, Map<String, Object> body) {
        return Api.moderator(mod).body(body).post("/v1/servers/" + server + "/cases").then();
    }

    @Test
    void everyCaseTypeIsRecordedWithItsPlatformActions() {
        String owner = Api.newUser(), mod = Api.newUser(), member = Api.newUser();
        String server = Api.newServer(owner);
        Api.config(server, owner, Map.of("modLogChannel", "555"));

        post(server, mod, body("warn", member)).statusCode(201)
                .header("Location", endsWith("/cases/1"))
                .body("case.number", is(1), "case.type", is("warn"), "case.target", is(member),
                        "case.moderator", is(mod), "case.automatic", is(false), "escalation", nullValue(),
                        "actions.type", contains("dm", "log"), "actions[1].channel", is("555"),
                        "actions[1].message.title", is("Case 1 · warn"));
        post(server, mod, body("timeout", member, "duration", "1h")).statusCode(201)
                .body("case.number", is(2), "case.duration", is("1h"), "case.expiresAt", notNullValue(),
                        "actions.type", contains("dm", "timeout", "log"), "actions[1].durationSeconds", is(3600));
        post(server, mod, body("untimeout", member)).statusCode(201)
                .body("case.number", is(3), "actions.type", contains("untimeout", "dm", "log"));
        post(server, mod, body("kick", member)).statusCode(201)
                .body("case.number", is(4), "actions.type", contains("dm", "kick", "log"));
        post(server, mod, body("ban", member, "duration", "7d", "deleteMessageDays", 1)).statusCode(201)
                .body("case.number", is(5), "case.duration", is("7d"), "case.deleteMessageDays", is(1),
                        "actions.type", contains("dm", "ban", "log"), "actions[1].deleteMessageDays", is(1),
                        "actions[1].caseNumber", is(5));
        post(server, mod, body("unban", member)).statusCode(201)
                .body("case.number", is(6), "actions.type", contains("unban", "log"));
        post(server, mod, body("note", member)).statusCode(201)
                .body("case.number", is(7), "actions.type", contains("log"));
        // a case about a message deletes it first
        post(server, mod, body("warn", member, "channel", "66", "messageId", "77")).statusCode(201)
                .body("case.number", is(8), "case.expiresAt", nullValue(), "actions.type", contains("delete_message", "dm", "log"),
                        "actions[0].channel", is("66"), "actions[0].messageId", is("77"));

        Api.platform().get("/v1/servers/" + server + "/cases").then().statusCode(200)
                .body("items.number", contains(8, 7, 6, 5, 4, 3, 2, 1));
        Api.platform().get("/v1/servers/" + server + "/cases/5").then().statusCode(200)
                .body("type", is("ban"), "reasonEdits", empty());
        Api.platform().get("/v1/servers/" + server + "/audit-log").then().statusCode(200)
                .body("items.action", hasItems("case.warn", "case.ban", "case.note"));
    }

    @Test
    void permissionAndHierarchyRefusalsAre403() {
        String owner = Api.newUser(), mod = Api.newUser(), member = Api.newUser();
        String server = Api.newServer(owner);
        String url = "/v1/servers/" + server + "/cases";

        Api.as(mod, "KICK_MEMBERS").header("X-Actor-Top-Role", "10").body(body("ban", member)).post(url)
                .then().statusCode(403).contentType(PROBLEM).body("detail", containsString("BAN_MEMBERS"));
        Api.as(mod, "BAN_MEMBERS").header("X-Actor-Top-Role", "10").body(body("warn", member)).post(url)
                .then().statusCode(403).body("detail", containsString("MODERATE_MEMBERS"));
        post(server, mod, body("warn", mod)).statusCode(403).contentType(PROBLEM).body("detail", containsString("yourself"));
        post(server, mod, body("kick", owner)).statusCode(403).body("detail", containsString("owner"));
        post(server, mod, Map.of("type", "kick", "target", Map.of("user", member, "owner", true))).statusCode(403);
        post(server, mod, Map.of("type", "ban", "target", Map.of("user", member, "bot", true))).statusCode(403)
                .body("detail", containsString("bot"));
        post(server, mod, Map.of("type", "kick", "target", Map.of("user", member, "topRole", 10))).statusCode(403)
                .body("detail", containsString("top role"));
        // the owner is above every role
        Api.asOwner(owner).body(Map.of("type", "kick", "target", Map.of("user", member, "topRole", 50))).post(url)
                .then().statusCode(201);
        // no actor at all
        Api.platform().body(body("warn", member)).post(url).then().statusCode(400).body("type", endsWith("/actor-required"));
        // an app key cannot write
        String app = Api.createKey("reader", "app", List.of("cases:read"), List.of(server));
        io.restassured.RestAssured.given().header("Authorization", "Bearer " + app).contentType("application/json")
                .body(body("warn", member)).post(url).then().statusCode(403);
        io.restassured.RestAssured.given().header("Authorization", "Bearer " + app).get(url).then().statusCode(200)
                .body("items", hasSize(1));
        // refused cases used no number
        post(server, mod, body("warn", member)).statusCode(201).body("case.number", is(2));
    }

    @Test
    void invalidInputIs400WithFieldErrors() {
        String owner = Api.newUser(), mod = Api.newUser(), member = Api.newUser();
        String server = Api.newServer(owner);
        post(server, mod, body("smite", member)).statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("type"));
        post(server, mod, body("timeout", member)).statusCode(400).body("errors.field", hasItem("duration"));
        post(server, mod, body("timeout", member, "duration", "29d")).statusCode(400).body("errors.field", hasItem("duration"));
        post(server, mod, body("ban", member, "deleteMessageDays", 8)).statusCode(400).body("errors.field", hasItem("deleteMessageDays"));
        post(server, mod, body("kick", member, "deleteMessageDays", 1)).statusCode(400);
        post(server, mod, body("warn", member, "duration", "1h")).statusCode(400);
        post(server, mod, body("warn", "slack:U123")).statusCode(400).body("errors.field", hasItem("target.user"));
        post(server, mod, Map.of("type", "note", "target", target(member))).statusCode(400).body("errors.field", hasItem("reason"));
        post(server, mod, body("ban", member, "observed", true)).statusCode(400).body("errors.field", hasItem("platformRef"));
        post(server, mod, body("warn", member, "observed", true, "platformRef", "1")).statusCode(400);
        post(server, mod, body("warn", member, "messageId", "1")).statusCode(400).body("errors.field", hasItem("channel"));
        Api.moderator(mod).body("{\"type\":\"warn\",\"target\":\"nope\"}").post("/v1/servers/" + server + "/cases")
                .then().statusCode(400).body("errors[0].field", is("target"));
        post("discord:" + Api.nextId(), mod, body("warn", member)).statusCode(404).contentType(PROBLEM);
        Api.platform().get("/v1/servers/" + server + "/cases/99").then().statusCode(404).contentType(PROBLEM);
        Api.platform().get("/v1/servers/" + server + "/cases/x").then().statusCode(404);
        Api.platform().get("/v1/servers/" + server + "/cases?type=smite").then().statusCode(400);
    }

    @Test
    void anObservedCaseFromAChatUserPassesTheChecksOfACommand() {
        String owner = Api.newUser(), mod = Api.newUser(), member = Api.newUser(), nobody = Api.newUser();
        String server = Api.newServer(owner);
        String url = "/v1/servers/" + server + "/cases";
        // a user without permissions cannot record a ban "observed" on the platform, of the owner or of anyone
        Api.as(nobody).body(body("ban", owner, "observed", true, "platformRef", "p1")).post(url)
                .then().statusCode(403).contentType(PROBLEM);
        Api.as(nobody).body(body("ban", member, "observed", true, "platformRef", "p2")).post(url)
                .then().statusCode(403).contentType(PROBLEM);
        // nor credit it to someone else
        Api.as(nobody).body(body("ban", member, "observed", true, "platformRef", "p3", "moderator", mod)).post(url)
                .then().statusCode(400).body("errors.field", hasItem("moderator"));
        // a moderator reporting a ban of a member above them is refused like the command would be
        Api.moderator(mod).body(Map.of("type", "ban", "target", Map.of("user", member, "topRole", 20),
                "observed", true, "platformRef", "p4")).post(url).then().statusCode(403);
        // nothing was recorded: the real ban goes through
        post(server, mod, body("ban", member)).statusCode(201).body("case.number", is(1), "case.moderator", is(mod));
        // the platform key itself still reports what happened on the platform, credited as reported
        Api.platform().body(body("kick", nobody, "observed", true, "platformRef", "p5", "moderator", mod)).post(url)
                .then().statusCode(201).body("case.moderator", is(mod), "case.observed", is(true));
    }

    @Test
    void stateConflictsAre409AndDisabledModerationIs422() {
        String owner = Api.newUser(), mod = Api.newUser(), member = Api.newUser();
        String server = Api.newServer(owner);
        post(server, mod, body("unban", member)).statusCode(201); // no record: maybe banned before Guildhall
        post(server, mod, body("unban", member)).statusCode(409).contentType(PROBLEM).body("type", endsWith("/not-banned"));
        post(server, mod, body("ban", member)).statusCode(201);
        post(server, mod, body("ban", member)).statusCode(409).body("type", endsWith("/already-banned"));
        post(server, mod, body("kick", member)).statusCode(409).body("type", endsWith("/target-banned"));
        post(server, mod, body("timeout", member, "duration", "1h")).statusCode(409);
        String other = Api.newUser();
        post(server, mod, body("untimeout", other)).statusCode(201);
        post(server, mod, body("untimeout", other)).statusCode(409).body("type", endsWith("/not-timed-out"));

        Api.config(server, owner, Map.of("features", Map.of("moderation", false)));
        post(server, mod, body("warn", other)).statusCode(422).contentType(PROBLEM).body("type", endsWith("/moderation-disabled"));
    }

    @Test
    void fiftyParallelWarnsGetNumbersOneToFiftyWithoutGaps() throws Exception {
        String owner = Api.newUser(), mod = Api.newUser();
        String server = Api.newServer(owner);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<Integer>> futures = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                String member = Api.newUser();
                futures.add(pool.submit(() -> post(server, mod, body("warn", member)).statusCode(201)
                        .extract().<Integer>path("case.number")));
            }
            List<Integer> numbers = new ArrayList<>();
            for (Future<Integer> f : futures) numbers.add(f.get());
            assertThat(numbers).containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, 50).boxed().toList());
        } finally {
            pool.shutdown();
        }
        List<Integer> listed = new ArrayList<>();
        String cursor = null;
        do {
            var page = Api.platform().queryParam("limit", 20).queryParam("cursor", cursor == null ? "" : cursor)
                    .get("/v1/servers/" + server + "/cases").then().statusCode(200).extract();
            listed.addAll(page.path("items.number"));
            cursor = page.path("nextCursor");
        } while (cursor != null);
        assertThat(listed).isEqualTo(IntStream.rangeClosed(1, 50).map(i -> 51 - i).boxed().toList());
    }

    @Test
    void twoModeratorsBanningAtOnceGetOneCaseAndOneConflict() throws Exception {
        String owner = Api.newUser(), mod1 = Api.newUser(), mod2 = Api.newUser(), member = Api.newUser();
        String server = Api.newServer(owner);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Integer> a = pool.submit(() -> post(server, mod1, body("ban", member)).extract().statusCode());
            Future<Integer> b = pool.submit(() -> post(server, mod2, body("ban", member)).extract().statusCode());
            assertThat(List.of(a.get(), b.get())).containsExactlyInAnyOrder(201, 409);
        } finally {
            pool.shutdown();
        }
        Api.platform().get("/v1/servers/" + server + "/cases").then().body("items.number", contains(1));
    }

    @Test
    void parallelWarningsOfOneMemberAreEachCountedByTheEscalationPolicy() throws Exception {
        String owner = Api.newUser(), mod = Api.newUser(), member = Api.newUser();
        String server = Api.newServer(owner);
        Api.config(server, owner, Map.of("escalation", List.of(Map.of("warns", 3, "withinDays", 30, "action", "timeout",
                "duration", "1h"))));
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Future<Integer>> escalations = new ArrayList<>();
        try {
            for (int i = 0; i < 6; i++) {
                escalations.add(pool.submit(() -> post(server, mod, body("warn", member)).statusCode(201)
                        .extract().<Integer>path("escalation.number")));
            }
            // each warning sees every earlier one: the 3rd to the 6th each bring a timeout, whatever the order
            long escalated = 0;
            for (Future<Integer> f : escalations) if (f.get() != null) escalated++;
            assertThat(escalated).isEqualTo(4);
        } finally {
            pool.shutdown();
        }
        Api.platform().queryParam("limit", 20).get("/v1/servers/" + server + "/cases").then()
                .body("items.number", contains(10, 9, 8, 7, 6, 5, 4, 3, 2, 1));
        Api.platform().get("/v1/servers/" + server + "/cases?type=timeout").then().body("items", hasSize(4));
    }

    @Test
    void escalationAppliesInTheSameRequestAndOldWarningsDecay() {
        String owner = Api.newUser(), mod = Api.newUser(), member = Api.newUser();
        String server = Api.newServer(owner);
        Api.config(server, owner, Map.of("escalation", List.of(
                Map.of("warns", 3, "withinDays", 30, "action", "timeout", "duration", "1h"),
                Map.of("warns", 5, "withinDays", 30, "action", "ban"))));
        post(server, mod, body("warn", member)).statusCode(201).body("escalation", nullValue());
        post(server, mod, body("warn", member)).statusCode(201).body("escalation", nullValue());
        post(server, mod, body("warn", member)).statusCode(201)
                .body("case.number", is(3), "escalation.number", is(4), "escalation.type", is("timeout"),
                        "escalation.duration", is("1h"), "escalation.automatic", is(true), "escalation.moderator", nullValue(),
                        "escalation.source", is("escalation"), "escalation.escalatedFrom", is(3),
                        "actions.type", contains("dm", "dm", "timeout"));
        post(server, mod, body("warn", member)).statusCode(201).body("escalation.type", is("timeout"));
        post(server, mod, body("warn", member)).statusCode(201).body("escalation.type", is("ban"), "escalation.duration", nullValue());

        // another member: two warnings 40 days old no longer count
        String other = Api.newUser();
        int first = post(server, mod, body("warn", other)).statusCode(201).extract().path("case.number");
        int second = post(server, mod, body("warn", other)).statusCode(201).extract().path("case.number");
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                        "update mod_case set created_at = now() - interval '40 days' where server = :s and number in (:a, :b)")
                .setParameter("s", server).setParameter("a", first).setParameter("b", second).executeUpdate());
        post(server, mod, body("warn", other)).statusCode(201).body("escalation", nullValue());
        post(server, mod, body("warn", other)).statusCode(201).body("escalation", nullValue());
        post(server, mod, body("warn", other)).statusCode(201).body("escalation.type", is("timeout"));
    }

    @Test
    void reasonEditsKeepWhoChangedWhatAndWhen() {
        String owner = Api.newUser(), mod = Api.newUser(), mod2 = Api.newUser(), member = Api.newUser();
        String server = Api.newServer(owner);
        post(server, mod, body("kick", member)).statusCode(201);
        String url = "/v1/servers/" + server + "/cases/1";
        Api.moderator(mod2).body(Map.of("reason", "raiding", "version", 1)).patch(url).then().statusCode(200)
                .body("reason", is("raiding"), "version", is(2), "reasonEdits", hasSize(1),
                        "reasonEdits[0].editor", is(mod2), "reasonEdits[0].before", is("because kick"),
                        "reasonEdits[0].after", is("raiding"), "reasonEdits[0].editedAt", notNullValue());
        // a second moderator who still saw version 1 does not overwrite silently
        Api.moderator(mod).body(Map.of("reason", "spam", "version", 1)).patch(url).then().statusCode(409)
                .contentType(PROBLEM).body("type", endsWith("/case-changed"));
        Api.moderator(mod).body(Map.of("reason", "spam")).patch(url).then().statusCode(200)
                .body("reasonEdits", hasSize(2), "reason", is("spam"));
        Api.as(mod, "MODERATE_MEMBERS").body(Map.of("reason", "x")).patch(url).then().statusCode(403);
        Api.moderator(mod).body(Map.of("reason", " ")).patch(url).then().statusCode(400);
        Api.moderator(mod).body(Map.of("reason", "x")).patch("/v1/servers/" + server + "/cases/9").then().statusCode(404);
        Api.platform().get("/v1/servers/" + server + "/audit-log").then()
                .body("items.action", hasItem("case.reason_edited"));
    }

    @Test
    void aRetriedRequestWithTheSameIdempotencyKeyDoesNotOpenASecondCase() {
        String owner = Api.newUser(), mod = Api.newUser(), member = Api.newUser();
        String server = Api.newServer(owner);
        String key = "interaction-" + Api.nextId();
        Api.moderator(mod).header("Idempotency-Key", key).body(body("kick", member))
                .post("/v1/servers/" + server + "/cases").then().statusCode(201).body("case.number", is(1));
        Api.moderator(mod).header("Idempotency-Key", key).body(body("kick", member))
                .post("/v1/servers/" + server + "/cases").then().statusCode(201)
                .header("Idempotent-Replayed", "true").body("case.number", is(1));
        Api.platform().get("/v1/servers/" + server + "/cases").then().body("items", hasSize(1));
    }

    @Test
    void listFiltersByTargetAndType() {
        String owner = Api.newUser(), mod = Api.newUser(), a = Api.newUser(), b = Api.newUser();
        String server = Api.newServer(owner);
        post(server, mod, body("warn", a)).statusCode(201);
        post(server, mod, body("note", a)).statusCode(201);
        post(server, mod, body("warn", b)).statusCode(201);
        Api.platform().get("/v1/servers/" + server + "/cases?target=" + a).then().body("items.number", contains(2, 1));
        Api.platform().get("/v1/servers/" + server + "/cases?type=warn").then().body("items.number", contains(3, 1));
        Api.platform().get("/v1/servers/" + server + "/cases?type=warn&target=" + b).then().body("items.number", contains(3));
        Api.platform().get("/v1/servers/" + server + "/cases?moderator=" + mod + "&limit=1").then()
                .body("items.number", contains(3), "nextCursor", notNullValue());
    }
}
