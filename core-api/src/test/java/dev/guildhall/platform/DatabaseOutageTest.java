package dev.guildhall.platform;

import dev.guildhall.support.PlainHttp;
import dev.guildhall.support.StoppableDatabase;
import dev.guildhall.support.TestDatabase;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

/**
 * The database goes away under a running API and comes back. Meanwhile every call that needs it is a fast 503
 * (problem+json, Retry-After), readiness is DOWN and liveness UP, housekeeping stays quiet; once it is back, calls
 * succeed and readiness is UP again within a couple of seconds, with nobody restarting anything. The database is
 * this test's own: the one the other tests share is never stopped.
 */
@QuarkusTest
@TestProfile(DatabaseOutageTest.OwnDatabase.class)
class DatabaseOutageTest {

    public static class OwnDatabase implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(StoppableDatabase.class));
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            // the profile's resource, not the shared TestDatabase, is this application's database; the transactions
            // under way when it goes log the failed rollback of their dead connections, expected here
            return Map.of("guildhall.admin-key", TestDatabase.ADMIN_KEY,
                    "quarkus.log.category.\"com.arjuna.ats.jta\".level", "ERROR",
                    // what the test reads: set here, as a level another profile set stays in the JVM's log manager
                    "quarkus.log.category.\"dev.guildhall.platform.DatabaseBreaker\".level", "INFO");
        }
    }

    /** Concurrent calls in the burst, as the outage finding measured them. */
    private static final int BURST = 80;

    StoppableDatabase database;

    @Inject
    DataSource dataSource;

    @TestHTTPResource("/")
    URI base;

    private final Logs logs = new Logs();
    private String key;
    private String server;

    @BeforeEach
    void databaseUpAndAServer() {
        database.startAgain();
        key = RestAssured.given().header("Authorization", "Bearer " + TestDatabase.ADMIN_KEY).contentType(ContentType.JSON)
                .body(Map.of("name", "outage-" + System.nanoTime(), "kind", "platform"))
                .post("/v1/admin/api-keys").then().statusCode(201).extract().path("key");
        server = "discord:" + System.nanoTime();
        call().body(Map.of("name", "Outage", "owner", "discord:1")).put("/v1/servers/" + server).then().statusCode(201);
        Logger.getLogger("").addHandler(logs);
    }

    @AfterEach
    void databaseBack() {
        Logger.getLogger("").removeHandler(logs);
        database.startAgain();
        database.thaw();
        await(Duration.ofSeconds(10), () -> ready() == 200);
    }

    @Test
    void callsAreFast503sWhileTheDatabaseIsStoppedAndSucceedOnceItIsBack() throws Exception {
        call().get("/v1/servers/" + server).then().statusCode(200);
        assertThat(ready()).isEqualTo(200);

        database.shutDown();
        long stopped = System.nanoTime();
        call().get("/v1/servers/" + server); // the first failures, which may meet the outage before the breaker does
        assertThat(await(Duration.ofSeconds(10), () -> ready() == 503)).as("readiness DOWN").isTrue();
        long foundOut = (System.nanoTime() - stopped) / 1_000_000;
        System.out.printf("stopped database found out after %d ms%n", foundOut);
        assertThat(foundOut).as("found out, ms").isLessThan(1000);
        Thread.sleep(1000); // past every cached key and server: from here on each call needs the database

        burstOfFast503s("stopped");
        RestAssured.get("/q/health/ready").then().statusCode(503).body("status", is("DOWN"));
        RestAssured.get("/q/health/live").then().statusCode(200).body("status", is("UP"));

        database.startAgain();
        recovers("stopped");
    }

    @Test
    void aDatabaseThatStopsAnsweringIsFoundOutAndNoCallHangsOnIt() throws Exception {
        call().get("/v1/servers/" + server).then().statusCode(200);

        database.freeze(); // a partition: connections are accepted and then never answered
        long frozen = System.nanoTime();
        // a call already waiting on the database: the connection it waits on is closed under it when the breaker opens
        PlainHttp connection = new PlainHttp(base);
        CompletableFuture<PlainHttp.Answer> caught = CompletableFuture.supplyAsync(() -> burstCall(connection, 1));
        assertThat(await(Duration.ofSeconds(10), () -> ready() == 503)).as("readiness DOWN").isTrue();
        long foundOut = (System.nanoTime() - frozen) / 1_000_000;
        PlainHttp.Answer answer = caught.get(10, TimeUnit.SECONDS);
        long answered = (System.nanoTime() - frozen) / 1_000_000;
        connection.close();
        System.out.printf("frozen database found out after %d ms; the call caught by it answered %d after %d ms%n",
                foundOut, answer.status(), answered);
        assertThat(foundOut).as("found out, ms").isLessThan(3000); // the next check, and its one-second read timeout
        assertThat(problemOf(answer)).as("the caught call's answer").isNull();
        assertThat(answered - foundOut).as("the caught call answered after the breaker opened, ms").isLessThan(1000);
        Thread.sleep(1000);

        burstOfFast503s("frozen");

        database.thaw();
        recovers("frozen");
    }

    /** {@link #BURST} calls at once, each needing the database: all fast 503 problems. */
    private void burstOfFast503s(String outage) throws Exception {
        List<PlainHttp> connections = new ArrayList<>();
        ExecutorService callers = Executors.newFixedThreadPool(BURST);
        try {
            for (int i = 0; i < BURST; i++) connections.add(new PlainHttp(base));
            // the first runs of the refusal's code are slow in the interpreter, here as in the first moments of any
            // outage: the burst measures the answer the API gives once it knows
            for (int i = 0; i < 200; i++) burstCall(connections.get(i % BURST), i);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Long>> calls = new ArrayList<>();
            ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();
            for (int i = 0; i < BURST; i++) {
                int n = i;
                calls.add(callers.submit(() -> {
                    go.await();
                    long start = System.nanoTime();
                    PlainHttp.Answer answer = burstCall(connections.get(n), n);
                    long took = (System.nanoTime() - start) / 1_000_000;
                    String problem = problemOf(answer);
                    if (problem != null) wrong.add("call " + n + ": " + problem);
                    return took;
                }));
            }
            go.countDown();
            long[] sorted = new long[BURST];
            for (int i = 0; i < BURST; i++) sorted[i] = calls.get(i).get(30, TimeUnit.SECONDS);
            Arrays.sort(sorted);
            System.out.printf("%s database, %d calls at once: p50 %d ms, p99 %d ms, max %d ms%n", outage, BURST,
                    sorted[BURST / 2], sorted[(int) Math.ceil(BURST * 0.99) - 1], sorted[BURST - 1]);
            assertThat(wrong).as("every call a 503 database-unavailable problem with Retry-After").isEmpty();
            // bounded, not a benchmark: each call fails at once rather than waiting for a connection it cannot make
            assertThat(sorted[BURST - 1]).as("slowest 503, ms").isLessThan(1000);
        } finally {
            callers.shutdownNow();
            connections.forEach(PlainHttp::close);
        }
    }

    /** Once the database is back, calls succeed and readiness is UP within a couple of seconds, by themselves. */
    private void recovers(String outage) {
        long back = System.nanoTime();
        boolean served = await(Duration.ofSeconds(5), () -> call().get("/v1/servers/" + server).statusCode() == 200);
        long servedAfter = (System.nanoTime() - back) / 1_000_000;
        boolean readyAgain = await(Duration.ofSeconds(5), () -> ready() == 200);
        long readyAfter = (System.nanoTime() - back) / 1_000_000;
        System.out.printf("%s database back: first call served after %d ms, ready after %d ms%n", outage, servedAfter, readyAfter);
        assertThat(served).as("calls succeed again").isTrue();
        assertThat(readyAgain).as("readiness UP again").isTrue();
        assertThat(Math.max(servedAfter, readyAfter)).as("recovered within a couple of seconds, ms").isLessThan(2000);
    }

    @Test
    void housekeepingWaitsOutAnOutageQuietlyAndGoesOnAfterIt() throws Exception {
        String war = call().header("X-Actor-Id", "discord:11")
                .body(Map.of("game", "chess", "format", "ft3", "duration", "1h",
                        "sides", List.of(List.of("discord:11"), List.of("discord:12"))))
                .post("/v1/servers/" + server + "/wars").then().statusCode(201).extract().path("id");
        sql("update war set expires_at = now() + interval '2 seconds' where id = cast(? as uuid)", war); // due meanwhile

        database.shutDown();
        call().get("/v1/servers/" + server);
        assertThat(await(Duration.ofSeconds(10), () -> ready() == 503)).as("readiness DOWN").isTrue();
        Thread.sleep(500); // the first failures (calls and transactions under way) may log what they met
        int settled = logs.records.size();
        for (int second = 0; second < 6; second++) { // every second's and every two seconds' job is due a few times
            call().get("/v1/servers/" + server).then().statusCode(503);
            Thread.sleep(1000);
        }
        database.startAgain();
        assertThat(await(Duration.ofSeconds(5), () -> ready() == 200)).as("readiness UP").isTrue();
        assertThat(await(Duration.ofSeconds(5), () -> "EXPIRED".equals(sql("select status from war where id = cast(? as uuid)", war))))
                .as("the war that fell due meanwhile is expired by the sweep, which runs again").isTrue();

        List<LogRecord> all = List.copyOf(logs.records);
        List<LogRecord> meanwhile = all.subList(settled, all.size());
        String seen = describe(meanwhile);
        assertThat(meanwhile).as("errors, or warnings with a stack trace, in:%n%s", seen)
                .noneMatch(r -> r.getLevel().intValue() >= Level.SEVERE.intValue() || r.getThrown() != null);
        // the breaker said it once; a line per job run or per call is noise that hides the news
        assertThat(meanwhile).as("warnings, in:%n%s", seen).noneMatch(r -> r.getLevel().intValue() >= Level.WARNING.intValue());
        assertThat(all).as("the outage and its end, each said once, in:%n%s", describe(all))
                .filteredOn(r -> r.getLoggerName().equals(DatabaseBreaker.class.getName()))
                .extracting(r -> r.getLevel().intValue())
                .containsExactly(Level.WARNING.intValue(), Level.INFO.intValue());
    }

    /** A statement on the application's database, for what the API does not let a test set: a war's deadline. */
    private String sql(String statement, String parameter) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(statement)) {
            ps.setString(1, parameter);
            if (!ps.execute()) return null;
            try (ResultSet rs = ps.getResultSet()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String describe(List<LogRecord> records) {
        StringBuilder lines = new StringBuilder();
        records.forEach(r -> lines.append(String.format("  %s %s %s%s%n", r.getLevel(), r.getLoggerName(), r.getMessage(),
                r.getThrown() == null ? "" : " [" + r.getThrown() + "]")));
        return lines.toString();
    }

    private io.restassured.specification.RequestSpecification call() {
        return RestAssured.given().header("Authorization", "Bearer " + key).contentType(ContentType.JSON);
    }

    /** One of the calls of the burst, each needing the database once no key and server is cached. */
    private PlainHttp.Answer burstCall(PlainHttp connection, int i) {
        Map<String, String> auth = Map.of("Authorization", "Bearer " + key);
        return switch (i % 3) {
            case 0 -> connection.call("GET", "/v1/servers/" + server, auth, null);
            case 1 -> connection.call("GET", "/v1/servers/" + server + "/leaderboard?game=chess", auth, null);
            default -> connection.call("POST", "/v1/servers/" + server + "/messages/check", auth,
                    "{\"author\":{\"user\":\"discord:2\"},\"content\":\"hello\"}");
        };
    }

    /** What is wrong with an answer that should be the database-unavailable problem, or null. */
    private static String problemOf(PlainHttp.Answer answer) {
        if (answer.status() != 503) return "status " + answer.status() + " " + answer.body();
        if (!answer.headers().getOrDefault("content-type", "").startsWith("application/problem+json")) {
            return "content type " + answer.headers().get("content-type");
        }
        if (!answer.headers().containsKey("retry-after")) return "no Retry-After";
        String type = JsonPath.from(answer.body()).getString("type");
        return type != null && type.endsWith("/database-unavailable") ? null : "type " + type;
    }

    private static int ready() {
        return RestAssured.get("/q/health/ready").statusCode();
    }

    private static boolean await(Duration atMost, BooleanSupplier condition) {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) return true;
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return condition.getAsBoolean();
    }

    /** The application's log records, INFO and up, from the test's start (its handler sits on the root logger). */
    static final class Logs extends Handler {
        final ConcurrentLinkedQueue<LogRecord> records = new ConcurrentLinkedQueue<>();

        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.INFO.intValue()) records.add(record);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    }
}
