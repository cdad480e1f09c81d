package dev.guildhall.game;

import dev.guildhall.auth.Actor;
import dev.guildhall.support.Api;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * War creation writes with plain JDBC (one autocommit statement on its own); inside a caller's transaction,
 * as for an idempotent request, it must be part of that transaction and vanish with its rollback.
 */
@QuarkusTest
class WarCreationTransactionTest {

    @Inject
    WarService wars;

    @Inject
    DataSource db;

    @Test
    void aCreationInsideARolledBackTransactionLeavesNothing() throws Exception {
        String a = Api.newUser(), b = Api.newUser();
        String server = Api.newServer(a);
        Actor actor = new Actor(a, a, EnumSet.noneOf(dev.guildhall.auth.Permission.class), false, 0);

        QuarkusTransaction.begin();
        War war = wars.create(server, actor, "chess", "ft1", "1h", List.of(List.of(a), List.of(b)));
        // seen from another thread (another connection) the war is not there before the commit
        assertThat(CompletableFuture.supplyAsync(() -> count("select count(*) from war where server = ?", server)).get()).isZero();
        QuarkusTransaction.rollback();
        assertThat(Sql.count(db, "select count(*) from war where id = cast(? as uuid)", war.id().toString())).isZero();

        War kept = wars.create(server, actor, "chess", "ft1", "1h", List.of(List.of(a), List.of(b)));
        assertThat(Sql.count(db, "select count(*) from war where id = cast(? as uuid)", kept.id().toString())).isOne();
    }

    @Test
    void withACooldownTheClaimRollsBackWithTheWar() throws Exception {
        String a = Api.newUser(), b = Api.newUser();
        String server = Api.newServer(a);
        Api.asOwner(a).contentType("application/merge-patch+json")
                .body(Map.of("cooldowns", Map.of("warCreate", "1h"))).patch("/v1/servers/" + server + "/config")
                .then().statusCode(200);
        Thread.sleep(900); // the cached config expires within a second
        Actor actor = new Actor(a, a, EnumSet.noneOf(dev.guildhall.auth.Permission.class), false, 0);

        QuarkusTransaction.begin();
        wars.create(server, actor, "chess", "ft1", "1h", List.of(List.of(a), List.of(b)));
        QuarkusTransaction.rollback();
        assertThat(Sql.count(db, "select count(*) from war_cooldown where server = ?", server)).isZero();

        // nothing was claimed, so the creator may create at once, and then not again within the hour
        Wars.create(server, a, "chess", "ft1", List.of(List.of(a), List.of(b)));
        Api.as(a).body(Wars.body("chess", "ft1", List.of(List.of(a), List.of(b)))).post("/v1/servers/" + server + "/wars")
                .then().statusCode(429);
    }

    private long count(String sql, String param) {
        try {
            return Sql.count(db, sql, param);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
