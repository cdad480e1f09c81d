package dev.guildhall.slack;

import dev.guildhall.client.CallOptions;
import dev.guildhall.client.GuildhallClient;
import dev.guildhall.slack.core.ReplayTracker;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The typed client of core-api sends a traceparent only with tracing on. */
class SlackWiringTest {

    private final MockWebServer coreApi = new MockWebServer();
    private final SlackWiring wiring = new SlackWiring();

    @BeforeEach
    void start() throws Exception {
        coreApi.start();
    }

    @AfterEach
    void stop() {
        wiring.stopWork();
        coreApi.close();
    }

    /** The OpenTelemetry Quarkus hands out: the SDK's own, which with otel.sdk.disabled still samples and propagates. */
    private static OpenTelemetrySdk sdk(boolean disabled) {
        return AutoConfiguredOpenTelemetrySdk.builder()
                .addPropertiesSupplier(() -> Map.of("otel.sdk.disabled", String.valueOf(disabled),
                        "otel.traces.exporter", "none", "otel.metrics.exporter", "none", "otel.logs.exporter", "none"))
                .disableShutdownHook().build().getOpenTelemetrySdk();
    }

    private RecordedRequest call(OpenTelemetry telemetry, boolean tracingOff) throws Exception {
        coreApi.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
                .body("{}").build());
        GuildhallSettings settings = new GuildhallSettings() {
            @Override
            public String apiUrl() {
                return coreApi.url("/").toString();
            }

            @Override
            public String apiKey() {
                return "key";
            }
        };
        try (GuildhallClient client = wiring.guildhallClient(settings, new ReplayTracker(), telemetry, tracingOff)) {
            client.servers().config("slack:T1", CallOptions.none());
        }
        return coreApi.takeRequest(5, TimeUnit.SECONDS);
    }

    @Test
    void tracingOffSendsNoTraceContext() throws Exception {
        try (OpenTelemetrySdk off = sdk(true)) {
            assertThat(call(off, true).getHeaders().get("traceparent")).isNull();
        }
    }

    @Test
    void tracingOnSendsTheCallsSpan() throws Exception {
        try (OpenTelemetrySdk on = sdk(false)) {
            assertThat(call(on, false).getHeaders().get("traceparent")).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
        }
    }
}
