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

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;

/** Expiry: on time, exactly once even with several sweepers (instances) at once, never for final wars. */
@QuarkusTest
class WarExpiryTest {

    @Inject
    DataSource db;

    @Inject
    WarExpiry expiry;

    @Test
    void twoSweepersExpireEachDueWarExactlyOnce() throws Exception {
        String a = Api.newUser(), b = Api.newUser(), mod = Api.newUser();
        String server = Api.newServer(a);
        List<String> open = new ArrayList<>();
        for (int i = 0; i < 20; i++) open.add(Wars.create(server, a, "chess", "ft3", List.of(List.of(a), List.of(b))));
        String active = Wars.active(server, a, b, "chess", "ft3");
        String disputed = Wars.active(server, a, b, "chess", "ft3");
        Wars.report(disputed, a, 0).statusCode(200);
        Api.as(b).post("/v1/wars/" + disputed + "/rounds/1/dispute").then().statusCode(200);
        open.add(active);
        open.add(disputed);
        String finished = Wars.active(server, a, b, "chess", "ft1");
        Wars.win(finished, b, 0, 1);
        String voided = Wars.active(server, a, b, "chess", "ft1");
        Api.as(mod, "MANAGE_SERVER").body(java.util.Map.of("void", true)).post("/v1/wars/" + voided + "/resolve")
                .then().statusCode(200);

        Sql.update(db, "update war set expires_at = now() - interval '1 second' where server = ?", server);

        // two sweepers, as two instances would run them, each in its own transactions, small batches to interleave
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> sweepers = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                sweepers.add(pool.submit(() -> {
                    start.await();
                    // 0 can also mean "all due rows are locked by another sweeper" (the scheduled one runs too),
                    // so keep sweeping until none of this server's wars is due any more
                    int total = 0;
                    long giveUp = System.currentTimeMillis() + 10_000;
                    while (Sql.count(db, "select count(*) from war where server = ? and status in ('PENDING','ACTIVE','DISPUTED')"
                            + " and expires_at <= now()", server) > 0 && System.currentTimeMillis() < giveUp) {
                        total += expiry.expireDue(2);
                    }
                    return total;
                }));
            }
            start.countDown();
            for (Future<Integer> f : sweepers) f.get();
        } finally {
            pool.shutdownNow();
        }

        for (String war : open) {
            assertThat(Sql.text(db, "select status from war where id = cast(? as uuid)", war)).as(war).isEqualTo("EXPIRED");
            assertThat(Sql.audited(db, "war.expired", war))
                    .as("expiries of " + war).isEqualTo(1);
        }
        assertThat(Sql.text(db, "select status from war where id = cast(? as uuid)", finished)).isEqualTo("FINISHED");
        assertThat(Sql.text(db, "select status from war where id = cast(? as uuid)", voided)).isEqualTo("VOIDED");
        assertThat(Sql.audited(db, "war.expired", finished)).isZero();
        assertThat(Sql.text(db, "select previous from (select details->>'previousStatus' as previous from audit_log"
                + " where action = 'war.expired' and target = ?) x", disputed)).isEqualTo("DISPUTED");
        Wars.get(active).body("status", is("EXPIRED"), "endedAt", notNullValue(), "ratingChanges.size()", is(0));
        Wars.report(active, b, 0).statusCode(409).body("type", endsWith("/war-expired"));
        Wars.get(finished).body("status", is("FINISHED"));
    }

    @Test
    void theScheduledSweepExpiresOnTime() throws Exception {
        String a = Api.newUser(), b = Api.newUser();
        String server = Api.newServer(a);
        String war = Wars.create(server, a, "chess", "ft3", List.of(List.of(a), List.of(b)));
        Sql.update(db, "update war set expires_at = now() + interval '1 second' where server = ?", server);
        long deadline = System.currentTimeMillis() + 10_000;
        while (!"EXPIRED".equals(Sql.text(db, "select status from war where id = cast(? as uuid)", war))
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertThat(Sql.text(db, "select status from war where id = cast(? as uuid)", war)).isEqualTo("EXPIRED");
        // within about a second of the deadline (the sweep runs every second)
        assertThat(Double.parseDouble(Sql.text(db, "select extract(epoch from now() - expires_at) from war where id = cast(? as uuid)", war)))
                .isLessThan(5.0);
        assertThat(Sql.audited(db, "war.expired", war)).isEqualTo(1);
    }

    @Test
    void aWarPastItsDeadlineRefusesChangesEvenBeforeTheSweep() throws Exception {
        String a = Api.newUser(), b = Api.newUser();
        String server = Api.newServer(a);
        String war = Wars.create(server, a, "chess", "ft3", List.of(List.of(a), List.of(b)));
        Sql.update(db, "update war set expires_at = now() where server = ?", server);
        Wars.accept(war, b).statusCode(409).body("type", endsWith("/war-expired"));
        Wars.get(war).body("status", is("EXPIRED"));
        Api.platform().get("/v1/servers/" + server + "/wars?status=EXPIRED").then().body("items.id", org.hamcrest.Matchers.contains(war));
        Api.platform().get("/v1/servers/" + server + "/wars?status=PENDING").then().body("items.size()", is(0));
    }
}
