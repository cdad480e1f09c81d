package dev.guildhall.game;

import dev.guildhall.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

/** Players acting at the same moment never finish a war twice nor change ratings twice. */
@QuarkusTest
class WarConcurrencyTest {

    static final int THREADS = 20;

    @Inject
    DataSource db;

    record Teams(String server, String war, List<String> side0, List<String> side1) {}

    /** A 5v5 war in {@code format}, every player accepted. */
    static Teams fiveVersusFive(String format) {
        List<String> side0 = new ArrayList<>(), side1 = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            side0.add(Api.newUser());
            side1.add(Api.newUser());
        }
        String server = Api.newServer(side0.get(0));
        String war = Wars.create(server, side0.get(0), "chess", format, List.of(side0, side1));
        for (String p : side0.subList(1, 5)) Wars.accept(war, p).statusCode(200);
        for (String p : side1) Wars.accept(war, p).statusCode(200);
        Wars.get(war).body("status", is("ACTIVE"));
        return new Teams(server, war, side0, side1);
    }

    /** Runs {@code call(i)} on {@value #THREADS} threads released together; answers the status codes. */
    static List<Integer> together(IntFunction<Integer> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> futures = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                int n = i;
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.apply(n);
                }));
            }
            start.countDown();
            List<Integer> codes = new ArrayList<>();
            for (Future<Integer> f : futures) codes.add(f.get());
            return codes;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void parallelConfirmationsOfTheDecidingRoundFinishOnce() throws Exception {
        Teams t = fiveVersusFive("ft1");
        Wars.report(t.war(), t.side0().get(0), 0).statusCode(200).body("rounds[0].status", is("PENDING"));
        List<Integer> codes = together(i -> Wars.confirm(t.war(), t.side1().get(i % 5), 1).extract().statusCode());
        assertThat(codes).containsOnly(200, 409);
        assertThat(codes).filteredOn(c -> c == 200).hasSize(1);
        assertFinishedOnce(t);
    }

    @Test
    void parallelLosingReportsFinishOnce() throws Exception {
        Teams t = fiveVersusFive("ft1");
        List<Integer> codes = together(i -> Wars.report(t.war(), t.side1().get(i % 5), 0).extract().statusCode());
        assertThat(codes).containsOnly(200, 409);
        assertThat(codes).filteredOn(c -> c == 200).hasSize(1);
        assertFinishedOnce(t);
        Wars.get(t.war()).body("rounds", hasSize(1));
    }

    @Test
    void parallelReportsNeverCountPastTheWinningRound() throws Exception {
        Teams t = fiveVersusFive("ft3");
        List<Integer> codes = together(i -> Wars.report(t.war(), t.side1().get(i % 5), 0).extract().statusCode());
        assertThat(codes).filteredOn(c -> c == 200).hasSize(3);
        assertThat(codes).filteredOn(c -> c == 409).hasSize(THREADS - 3);
        Wars.get(t.war()).body("rounds", hasSize(3), "sides[0].wins", is(3));
        assertFinishedOnce(t);
    }

    private void assertFinishedOnce(Teams t) throws Exception {
        Wars.get(t.war()).statusCode(200).body("status", is("FINISHED"), "winner", is(0), "ratingChanges", hasSize(10));
        assertThat(Sql.audited(db, "war.finished", t.war())).isEqualTo(1);
        // each player played exactly once and moved exactly 16 points
        assertThat(Sql.count(db, "select count(*) from rating where server = ? and wins + losses = 1", t.server())).isEqualTo(10);
        assertThat(Sql.count(db, "select count(*) from rating where server = ? and rating = 1016 and wins = 1", t.server())).isEqualTo(5);
        assertThat(Sql.count(db, "select count(*) from rating where server = ? and rating = 984 and losses = 1", t.server())).isEqualTo(5);
    }
}
