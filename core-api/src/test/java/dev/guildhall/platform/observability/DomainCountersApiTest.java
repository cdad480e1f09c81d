package dev.guildhall.platform.observability;

import dev.guildhall.support.Api;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The services count each event once where it is decided; an idempotent replay is not a new event. */
@QuarkusTest
class DomainCountersApiTest {

    @Inject
    MeterRegistry registry;

    @Test
    void aWarIsCountedOnceEvenWhenItsCreationIsReplayedAndOnceWhenItFinishes() {
        String a = Api.newUser();
        String b = Api.newUser();
        String server = Api.newServer(a);
        double created = count(DomainCounters.WARS_CREATED);
        double finished = count(DomainCounters.WARS_FINISHED);
        Map<String, Object> war = Map.of("game", "chess", "format", "ft1", "sides", List.of(List.of(a), List.of(b)));

        String id = Api.as(a).header("Idempotency-Key", "count-" + server).body(war).post("/v1/servers/" + server + "/wars")
                .then().statusCode(201).extract().path("id");
        Api.as(a).header("Idempotency-Key", "count-" + server).body(war).post("/v1/servers/" + server + "/wars")
                .then().statusCode(201);
        Api.as(b).post("/v1/wars/" + id + "/accept").then().statusCode(200);
        Api.as(b).body(Map.of("winner", 0)).post("/v1/wars/" + id + "/rounds").then().statusCode(200);

        assertThat(count(DomainCounters.WARS_CREATED) - created).isEqualTo(1);
        assertThat(count(DomainCounters.WARS_FINISHED) - finished).isEqualTo(1);
    }

    @Test
    void casesAndAutomodVerdictsAreCounted() {
        String owner = Api.newUser();
        String server = Api.newServer(owner);
        double notes = count(DomainCounters.CASES_CREATED, "type", "note");
        double allowed = count(DomainCounters.AUTOMOD_VERDICTS, "verdict", "allow", "rule", "none");

        Api.asOwner(owner).body(Map.of("type", "note", "target", Map.of("user", Api.newUser()), "reason", "watch"))
                .post("/v1/servers/" + server + "/cases").then().statusCode(201);
        Api.platform().body(Map.of("messageId", "1", "channel", "2", "author", Map.of("user", Api.newUser()),
                "content", "hello", "mentions", 0)).post("/v1/servers/" + server + "/messages/check").then().statusCode(200);

        assertThat(count(DomainCounters.CASES_CREATED, "type", "note") - notes).isEqualTo(1);
        assertThat(count(DomainCounters.AUTOMOD_VERDICTS, "verdict", "allow", "rule", "none") - allowed).isEqualTo(1);
    }

    private double count(String name, String... tags) {
        Counter c = registry.find(name).tags(tags).counter();
        return c == null ? 0 : c.count();
    }
}
