package dev.guildhall.audit;

import dev.guildhall.support.Api;
import io.opentelemetry.api.OpenTelemetry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.persistence.PersistenceException;
import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.*;

@QuarkusTest
class AuditLogTest {

    @Inject
    AuditLog audit;

    @Inject
    DataSource db;

    @Test
    void anEntryLandsWithItsTransactionOrNotAtAll() {
        String owner = Api.newUser();
        String server = Api.newServer(owner);
        QuarkusTransaction.begin();
        audit.record(server, owner, "test.rolled_back", "x", Map.of("n", 1));
        QuarkusTransaction.rollback();
        QuarkusTransaction.requiringNew().run(() -> audit.record(server, owner, "test.committed", "x", Map.of("n", 2)));
        audit.record(server, owner, "test.alone", "x", null); // no transaction: one autocommit insert
        Api.platform().get("/v1/servers/" + server + "/audit-log").then().statusCode(200)
                .body("items.action", contains("test.alone", "test.committed", "server.registered"));
    }

    @Test
    void entriesAppendedAloneAreAllStoredInTheOrderEachThreadAppendedThem() throws Exception {
        String server = Api.newServer(Api.newUser());
        int threads = 4, each = 150; // 600 entries: more than one group statement carries
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<CompletableFuture<Void>> stored = new ArrayList<>();
        try {
            List<java.util.concurrent.Future<List<CompletionStage<Void>>>> appended = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                appended.add(pool.submit(() -> {
                    List<CompletionStage<Void>> mine = new ArrayList<>();
                    for (int i = 0; i < each; i++) {
                        mine.add(audit.appendAlone(server, null, "test.alone", "t" + thread, Map.of("i", i)));
                    }
                    return mine;
                }));
            }
            for (var f : appended) f.get(30, TimeUnit.SECONDS).forEach(s -> stored.add(s.toCompletableFuture()));
        } finally {
            pool.shutdown();
        }
        CompletableFuture.allOf(stored.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        // acknowledged means stored: every entry is readable once its stage completed
        assertThat(Api.platform().get("/v1/servers/" + server + "/stats").then().extract().<Integer>path("activity.byAction.'test.alone'"))
                .isEqualTo(threads * each);
        for (int t = 0; t < threads; t++) {
            List<Integer> order = new ArrayList<>();
            String cursor = null;
            do {
                var page = Api.platform().queryParam("limit", 100).queryParam("cursor", cursor == null ? "" : cursor)
                        .get("/v1/servers/" + server + "/audit-log?action=test.alone&target=t" + t).then().statusCode(200).extract();
                order.addAll(page.path("items.details.i"));
                cursor = page.path("nextCursor");
            } while (cursor != null);
            assertThat(order).hasSize(each).isSortedAccordingTo((a, b) -> b - a); // newest first: appended in order
        }
    }

    @Test
    void anEntryTheDatabaseCannotTakeFailsItsStageAndAStoppedLogTakesNone() throws Exception {
        PGSimpleDataSource nowhere = new PGSimpleDataSource();
        nowhere.setServerNames(new String[] {"127.0.0.1"});
        nowhere.setPortNumbers(new int[] {1}); // nothing listens: the connection is refused
        nowhere.setConnectTimeout(2);
        AuditLog away = new AuditLog(nowhere, new ObjectMapper(), OpenTelemetry.noop().getTracer("test"));
        assertThatThrownBy(() -> away.appendAlone("discord:1", null, "test.lost", "x", null).toCompletableFuture()
                .get(30, TimeUnit.SECONDS)).hasCauseInstanceOf(PersistenceException.class);
        away.stop(null);
        assertThatThrownBy(() -> away.appendAlone("discord:1", null, "test.late", "x", null).toCompletableFuture()
                .get(1, TimeUnit.SECONDS)).hasCauseInstanceOf(PersistenceException.class).hasMessageContaining("stopping");
    }

    @Test
    void everyModerationActionAndConfigChangeIsPagedNewestFirst() {
        String owner = Api.newUser(), mod = Api.newUser();
        String server = Api.newServer(owner);
        Api.config(server, owner, Map.of("modLogChannel", "1"));
        for (int i = 0; i < 5; i++) {
            Api.moderator(mod).body(Map.of("type", "warn", "target", Map.of("user", Api.newUser()), "reason", "r" + i))
                    .post("/v1/servers/" + server + "/cases").then().statusCode(201);
        }
        List<String> actions = new ArrayList<>();
        List<Integer> ids = new ArrayList<>();
        String cursor = null;
        do {
            var page = Api.platform().queryParam("limit", 3).queryParam("cursor", cursor == null ? "" : cursor)
                    .get("/v1/servers/" + server + "/audit-log").then().statusCode(200).extract();
            actions.addAll(page.path("items.action"));
            ids.addAll(page.path("items.id"));
            cursor = page.path("nextCursor");
        } while (cursor != null);
        assertThat(actions).containsExactly("case.warn", "case.warn", "case.warn", "case.warn", "case.warn",
                "config.changed", "server.registered");
        assertThat(ids).isSortedAccordingTo((a, b) -> b - a);
        Api.platform().get("/v1/servers/" + server + "/audit-log?action=case.warn&limit=1").then()
                .body("items[0].actor", is(mod), "items[0].details.number", is(5), "items[0].details.reason", is("r4"),
                        "items[0].requestId", notNullValue(), "items[0].createdAt", notNullValue());
        Api.platform().get("/v1/servers/" + server + "/audit-log?actor=" + mod).then().body("items", hasSize(5));
        Api.platform().get("/v1/servers/" + server + "/audit-log?cursor=bad").then().statusCode(400);
    }

    @Test
    void aReaderTailingTheLogNeverMissesAnEntryASlowerTransactionCommitsLate() throws Exception {
        String server = Api.newServer(Api.newUser());
        String url = "/v1/servers/" + server + "/audit-log";
        List<Integer> firstRead;
        try (Connection slow = db.getConnection()) {
            slow.setAutoCommit(false);
            // the slow writer takes the lower id and keeps its transaction open ...
            AuditLog.insert(slow, List.of(audit.entry(server, null, "test.slow", "s", null)));
            // ... while a faster one commits an entry with a higher id
            audit.record(server, null, "test.fast", "f", null);
            firstRead = Api.platform().get(url).then().statusCode(200).extract().path("items.id");
            slow.commit();
        }
        // a client tailing the log asks for what is newer than the newest entry it saw: both entries are
        List<Map<String, Object>> now = Api.platform().get(url).then().statusCode(200).extract().path("items");
        List<String> newer = new ArrayList<>();
        for (Map<String, Object> e : now) {
            if (e.get("id").equals(firstRead.get(0))) break;
            newer.add((String) e.get("action"));
        }
        assertThat(newer).containsExactlyInAnyOrder("test.fast", "test.slow");
        // and paging from the first read's cursor-free start finds every entry exactly once
        assertThat(now).extracting(e -> e.get("action")).containsExactly("test.fast", "test.slow", "server.registered");
    }

    @Test
    void statsCountCasesAndActivity() {
        String owner = Api.newUser(), mod = Api.newUser(), member = Api.newUser();
        String server = Api.newServer(owner);
        String url = "/v1/servers/" + server + "/cases";
        Api.moderator(mod).body(Map.of("type", "warn", "target", Map.of("user", member))).post(url).then().statusCode(201);
        Api.moderator(mod).body(Map.of("type", "warn", "target", Map.of("user", member))).post(url).then().statusCode(201);
        Api.moderator(mod).body(Map.of("type", "ban", "target", Map.of("user", member), "duration", "1d")).post(url)
                .then().statusCode(201);
        Api.platform().get("/v1/servers/" + server + "/stats").then().statusCode(200)
                .body("cases.total", is(3), "cases.byType.warn", is(2), "cases.byType.ban", is(1), "cases.byType.kick", is(0),
                        "cases.bySource.command", is(3), "cases.temporaryBansPending", is(1),
                        "activity.byAction.'case.warn'", is(2), "activity.byAction.'server.registered'", is(1));
    }

    @Test
    void readingNeedsTheAuditScope() {
        String server = Api.newServer(Api.newUser());
        String withScope = Api.createKey("auditor", "app", List.of("audit:read"), List.of(server));
        String without = Api.createKey("reader", "app", List.of("cases:read"), List.of(server));
        RestAssured.given().header("Authorization", "Bearer " + withScope).get("/v1/servers/" + server + "/audit-log")
                .then().statusCode(200);
        RestAssured.given().header("Authorization", "Bearer " + without).get("/v1/servers/" + server + "/audit-log")
                .then().statusCode(403).contentType("application/problem+json");
        RestAssured.given().header("Authorization", "Bearer " + without).get("/v1/servers/" + server + "/stats")
                .then().statusCode(403);
        Api.platform().get("/v1/servers/discord:" + Api.nextId() + "/audit-log").then().statusCode(404);
    }
}
