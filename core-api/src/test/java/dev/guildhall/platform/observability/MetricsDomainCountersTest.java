package dev.guildhall.platform.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The domain counters' series and tags; no HTTP, no database. */
class MetricsDomainCountersTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final DomainCounters counters = new DomainCounters(registry);

    @Test
    void automodVerdictsAreCountedByVerdictAndRule() {
        counters.automodVerdict("delete", "banned_words");
        counters.automodVerdict("delete", "banned_words");
        counters.automodVerdict("allow", null);

        assertThat(count(DomainCounters.AUTOMOD_VERDICTS, "verdict", "delete", "rule", "banned_words")).isEqualTo(2);
        assertThat(count(DomainCounters.AUTOMOD_VERDICTS, "verdict", "allow", "rule", "none")).isEqualTo(1);
    }

    @Test
    void warsAndCasesHaveTheirOwnSeries() {
        counters.warCreated();
        counters.warFinished();
        counters.caseCreated("ban");

        assertThat(registry.get(DomainCounters.WARS_CREATED).counter().count()).isEqualTo(1);
        assertThat(registry.get(DomainCounters.WARS_FINISHED).counter().count()).isEqualTo(1);
        assertThat(count(DomainCounters.CASES_CREATED, "type", "ban")).isEqualTo(1);
    }

    @Test
    void unexpectedTagValuesCannotCreateNewSeries() {
        counters.automodVerdict("Some Free Text " + System.nanoTime(), null);

        assertThat(count(DomainCounters.AUTOMOD_VERDICTS, "verdict", "other", "rule", "none")).isEqualTo(1);
    }

    @Test
    void tagValuesAreShortLowerCaseWords() {
        assertThat(DomainCounters.tag("duplicate_spam")).isEqualTo("duplicate_spam");
        assertThat(DomainCounters.tag("rule2")).isEqualTo("rule2");
        assertThat(DomainCounters.tag("a".repeat(32))).isEqualTo("a".repeat(32));
        assertThat(DomainCounters.tag("a".repeat(33))).isEqualTo("other");
        assertThat(DomainCounters.tag("")).isEqualTo("other");
        assertThat(DomainCounters.tag("Delete")).isEqualTo("other");
        assertThat(DomainCounters.tag("mention-spam")).isEqualTo("other");
        assertThat(DomainCounters.tag("délete")).isEqualTo("other");
        assertThat(DomainCounters.tag(null)).isEqualTo("none");
    }

    private double count(String name, String... tags) {
        Counter c = registry.find(name).tags(tags).counter();
        assertThat(c).as("counter %s %s", name, String.join(",", tags)).isNotNull();
        return c.count();
    }
}
