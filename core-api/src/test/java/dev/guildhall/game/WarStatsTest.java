package dev.guildhall.game;

import dev.guildhall.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.hamcrest.Matchers.is;

@QuarkusTest
class WarStatsTest {

    @Test
    void statsCountWarsByStatusAndGame() {
        String a = Api.newUser();
        String b = Api.newUser();
        String server = Api.newServer(a);
        Wars.create(server, a, "chess", "ft1", List.of(List.of(a), List.of(b)));
        String finished = Wars.active(server, a, b, "go", "ft1");
        Wars.win(finished, b, 0, 1);

        Api.platform().get("/v1/servers/" + server + "/stats").then().statusCode(200)
                .body("wars.total", is(2), "wars.byStatus.PENDING", is(1), "wars.byStatus.FINISHED", is(1),
                        "wars.byStatus.EXPIRED", is(0), "wars.byGame.chess", is(1), "wars.byGame.go", is(1));
    }
}
