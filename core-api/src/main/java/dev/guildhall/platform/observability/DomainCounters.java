package dev.guildhall.platform.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Domain counters, incremented by the services where each event is decided (so an idempotent replay,
 * which never reaches a service, is not counted again):
 * <ul>
 *   <li>{@code guildhall.wars.created} and {@code guildhall.wars.finished};</li>
 *   <li>{@code guildhall.cases.created{type}} — cases a moderator made or an adapter reported;</li>
 *   <li>{@code guildhall.automod.verdicts{verdict,rule}} — every {@code messages/check} decision;</li>
 *   <li>{@code guildhall.automod.over.budget} — texts whose regexes ran past their time budget (judged without them).</li>
 * </ul>
 * Tag values are kept to short lower-case words, so a bug can never blow up the number of series.
 */
@Singleton
public class DomainCounters {

    static final String WARS_CREATED = "guildhall.wars.created";
    static final String WARS_FINISHED = "guildhall.wars.finished";
    static final String CASES_CREATED = "guildhall.cases.created";
    static final String AUTOMOD_VERDICTS = "guildhall.automod.verdicts";
    static final String AUTOMOD_OVER_BUDGET = "guildhall.automod.over.budget";

    private final MeterRegistry registry;
    private final Map<Key, Counter> counters = new ConcurrentHashMap<>();

    /** A counter and its tag values; the map's key, so a count costs one small record, no string building. */
    private record Key(String name, String v1, String v2) {}

    public DomainCounters(MeterRegistry registry) {
        this.registry = registry;
    }

    public void warCreated() {
        count(WARS_CREATED, null, null, null, null);
    }

    public void warFinished() {
        count(WARS_FINISHED, null, null, null, null);
    }

    public void caseCreated(String type) {
        count(CASES_CREATED, "type", tag(type), null, null);
    }

    public void automodVerdict(String verdict, String rule) {
        count(AUTOMOD_VERDICTS, "verdict", tag(verdict), "rule", tag(rule));
    }

    public void automodOverBudget() {
        count(AUTOMOD_OVER_BUDGET, null, null, null, null);
    }

    /** {@code [a-z0-9_]{1,32}} as it is, anything else "other"; a loop, as messages/check counts every call. */
    static String tag(String value) {
        if (value == null) return "none";
        if (value.isEmpty() || value.length() > 32) return "other";
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_')) return "other";
        }
        return value;
    }

    private void count(String name, String k1, String v1, String k2, String v2) {
        counters.computeIfAbsent(new Key(name, v1, v2), ignored -> {
            Counter.Builder b = Counter.builder(name);
            if (k1 != null) b.tag(k1, v1);
            if (k2 != null) b.tag(k2, v2);
            return b.register(registry);
        }).increment();
    }
}
