package dev.guildhall.platform.observability;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The domain counters, read from answers shaped as DESIGN §4 promises; no HTTP, no database. */
class MetricsDomainCountersTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final DomainCounters counters = new DomainCounters(registry, new ObjectMapper());

    record Verdict(String verdict, String rule) {}

    @Test
    void automodVerdictsAreCountedByVerdictAndRule() {
        counters.record("POST", "/v1/servers/discord:9/messages/check", 200, new Verdict("delete", "banned_words"));
        counters.record("POST", "/v1/servers/discord:9/messages/check", 200, new Verdict("delete", "banned_words"));
        counters.record("POST", "/v1/servers/discord:9/messages/check", 200, new Verdict("allow", null));

        assertThat(count(DomainCounters.AUTOMOD_VERDICTS, "verdict", "delete", "rule", "banned_words")).isEqualTo(2);
        assertThat(count(DomainCounters.AUTOMOD_VERDICTS, "verdict", "allow", "rule", "none")).isEqualTo(1);
    }

    @Test
    void warsAndCasesAreCountedOnlyWhenCreated() {
        counters.record("POST", "/v1/servers/discord:9/wars", 201, Map.of("status", "PENDING"));
        counters.record("POST", "/v1/servers/discord:9/wars", 422, Map.of("title", "self-war"));
        counters.record("GET", "/v1/servers/discord:9/wars", 200, Map.of("items", java.util.List.of()));
        counters.record("POST", "/v1/servers/discord:9/cases", 201, Map.of("case", Map.of("type", "ban", "number", 12)));
        counters.record("POST", "/v1/wars/abc/rounds", 200, Map.of("status", "FINISHED"));
        counters.record("POST", "/v1/wars/abc/rounds", 200, Map.of("status", "ACTIVE"));

        assertThat(registry.get(DomainCounters.WARS_CREATED).counter().count()).isEqualTo(1);
        assertThat(count(DomainCounters.CASES_CREATED, "type", "ban")).isEqualTo(1);
        assertThat(registry.get(DomainCounters.WARS_FINISHED).counter().count()).isEqualTo(1);
    }

    @Test
    void unexpectedTagValuesCannotCreateNewSeries() {
        counters.record("POST", "/v1/servers/discord:9/messages/check", 200,
                Map.of("verdict", "Some Free Text " + System.nanoTime(), "rule", 42));

        assertThat(count(DomainCounters.AUTOMOD_VERDICTS, "verdict", "other", "rule", "none")).isEqualTo(1);
    }

    private double count(String name, String... tags) {
        Counter c = registry.find(name).tags(tags).counter();
        assertThat(c).as("counter %s %s", name, String.join(",", tags)).isNotNull();
        return c.count();
    }
}
