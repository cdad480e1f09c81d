package dev.guildhall.slack.it;

import dev.guildhall.slack.support.FakeSlack;
import dev.guildhall.slack.support.SlackChat;
import dev.guildhall.slack.support.SlackTestEnvironment;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With tracing switched on as in production (only the exporter differs: spans kept in memory), a slash command
 * is one trace: Slack's request a server span, and the calls to core-api made for it — on the adapter's worker
 * threads — client spans under it. That each call sends its span as {@code traceparent} and core-api continues
 * the trace down to the database is the Discord end-to-end test's (DiscordPlayEndToEndTest).
 */
@QuarkusTest
@TestProfile(SlackTracingTest.TracingOn.class)
class SlackTracingTest {

    public static class TracingOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.otel.sdk.disabled", "false",
                    "quarkus.otel.exporter.otlp.enabled", "false",
                    "quarkus.otel.bsp.schedule.delay", "50ms");
        }
    }

    /** The exporter of this test's spans (a CDI span exporter, which Quarkus's SDK picks up). */
    @ApplicationScoped
    public static class InMemorySpans {
        @Produces
        @Singleton
        InMemorySpanExporter spans() {
            return InMemorySpanExporter.create();
        }
    }

    private static final AttributeKey<String> URL = AttributeKey.stringKey("url.full");

    @Inject
    InMemorySpanExporter exported;

    private final FakeSlack slack = SlackTestEnvironment.slack();
    private final SlackChat chat = new SlackChat(slack);

    @Test
    void aSlashCommandAndItsCallsToCoreApiAreOneTrace() throws Exception {
        slack.standing.put("UTRACE", "admin");
        chat.gm("TTRACE", "UTRACE", "config");
        int corePort = URI.create(SlackTestEnvironment.core().url()).getPort();

        SpanData command = await(s -> s.getKind() == SpanKind.SERVER && s.getName().contains("/slack/commands"));
        SpanData call = await(s -> s.getKind() == SpanKind.CLIENT
                && s.getTraceId().equals(command.getTraceId())
                && Optional.ofNullable(s.getAttributes().get(URL)).orElse("").contains(":" + corePort + "/v1/"));
        assertThat(ancestors(call)).contains(command.getSpanId());
    }

    private SpanData await(Predicate<SpanData> match) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            for (SpanData s : exported.getFinishedSpanItems()) if (match.test(s)) return s;
            if (System.nanoTime() > end) throw new AssertionError("no such span in " + exported.getFinishedSpanItems());
            Thread.sleep(50);
        }
    }

    /** The ids of the span's parent, its parent's parent … as far as they were exported. */
    private List<String> ancestors(SpanData span) throws InterruptedException {
        List<String> ids = new ArrayList<>();
        SpanData s = span;
        while (s.getParentSpanContext().isValid()) {
            String parent = s.getParentSpanContext().getSpanId();
            ids.add(parent);
            s = await(p -> p.getSpanId().equals(parent));
        }
        return ids;
    }
}
