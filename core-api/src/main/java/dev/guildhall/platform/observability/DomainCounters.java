package dev.guildhall.platform.observability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Domain counters derived from the public API's answers (the shapes promised in DESIGN §4), so the
 * feature packages need no metrics code of their own:
 * <ul>
 *   <li>{@code guildhall.wars.created} — {@code POST /v1/servers/{s}/wars} answered 201;</li>
 *   <li>{@code guildhall.wars.finished} — a {@code POST /v1/wars/{id}/…} whose answer has status FINISHED;</li>
 *   <li>{@code guildhall.cases.created{type}} — {@code POST /v1/servers/{s}/cases} answered 201;</li>
 *   <li>{@code guildhall.automod.verdicts{verdict,rule}} — every {@code messages/check} answer.</li>
 * </ul>
 * Tag values come from the answer and are kept to short lower-case words, so a bug can never blow up
 * the number of series.
 */
@Singleton
public class DomainCounters {

    static final String WARS_CREATED = "guildhall.wars.created";
    static final String WARS_FINISHED = "guildhall.wars.finished";
    static final String CASES_CREATED = "guildhall.cases.created";
    static final String AUTOMOD_VERDICTS = "guildhall.automod.verdicts";

    private static final Pattern TAG_VALUE = Pattern.compile("[a-z0-9_]{1,32}");

    private final MeterRegistry registry;
    private final ObjectMapper mapper;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    public DomainCounters(MeterRegistry registry, ObjectMapper mapper) {
        this.registry = registry;
        this.mapper = mapper;
    }

    /** Looks at one answered request; cheap for every request that is none of the above (a few string checks). */
    public void record(String method, String path, int status, Object entity) {
        if (!"POST".equals(method) || status < 200 || status >= 300 || path == null) {
            return;
        }
        if (path.startsWith("/v1/servers/")) {
            if (path.endsWith("/messages/check")) {
                JsonNode answer = tree(entity);
                count(AUTOMOD_VERDICTS, "verdict", text(answer, "verdict"), "rule", text(answer, "rule"));
            } else if (status == 201 && path.endsWith("/wars")) {
                count(WARS_CREATED, null, null, null, null);
            } else if (status == 201 && path.endsWith("/cases")) {
                count(CASES_CREATED, "type", text(tree(entity).path("case"), "type"), null, null);
            }
        } else if (path.startsWith("/v1/wars/")) {
            if ("FINISHED".equals(tree(entity).path("status").asText(null))) {
                count(WARS_FINISHED, null, null, null, null);
            }
        }
    }

    private JsonNode tree(Object entity) {
        if (entity == null) return mapper.missingNode();
        if (entity instanceof JsonNode node) return node;
        try {
            return mapper.valueToTree(entity);
        } catch (IllegalArgumentException e) {
            return mapper.missingNode();
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (!value.isTextual()) return "none";
        String s = value.asText();
        return TAG_VALUE.matcher(s).matches() ? s : "other";
    }

    private void count(String name, String k1, String v1, String k2, String v2) {
        String key = name + '|' + v1 + '|' + v2;
        counters.computeIfAbsent(key, ignored -> {
            Counter.Builder b = Counter.builder(name);
            if (k1 != null) b.tag(k1, v1);
            if (k2 != null) b.tag(k2, v2);
            return b.register(registry);
        }).increment();
    }
}
