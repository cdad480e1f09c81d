package dev.guildhall.discord.ops;

import dev.guildhall.client.CallOptions;
import dev.guildhall.client.GuildhallClient;
import dev.guildhall.discord.BotConfig;
import dev.guildhall.discord.DiscordMain;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** What a call to core-api carries: the event's trace context with tracing on, nothing with it off (the default). */
class TracingTest {

    private final MockWebServer coreApi = new MockWebServer();

    @BeforeEach
    void start() throws Exception {
        coreApi.start();
    }

    @AfterEach
    void stop() {
        coreApi.close();
    }

    private RecordedRequest callDuringAnEvent(Tracing tracing) throws Exception {
        coreApi.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
                .body("{}").build());
        BotConfig config = new BotConfig("token", coreApi.url("/").toString(), "key", List.of(), -1,
                OptionalLong.empty(), false, BotConfig.DISCORD_API, false, 0, 1500, 0);
        try (tracing; GuildhallClient client = DiscordMain.client(config, tracing)) {
            tracing.event("discord message", "discord:9", "1", () -> client.servers().config("discord:9", CallOptions.none()));
        }
        return coreApi.takeRequest(5, TimeUnit.SECONDS);
    }

    @Test
    void offByDefaultSendsNoTraceContext() throws Exception {
        assertThat(Tracing.enabled(Map.of(), Map.of())).isFalse();
        assertThat(callDuringAnEvent(Tracing.configure(Map.of())).getHeaders().get("traceparent")).isNull();
    }

    @Test
    void onTheCallCarriesTheEventsTrace() throws Exception {
        assertThat(Tracing.enabled(Map.of(), Map.of("OTEL_SDK_DISABLED", "false"))).isTrue();
        Tracing on = Tracing.configure(Map.of("otel.sdk.disabled", "false", "otel.traces.exporter", "none"));
        assertThat(callDuringAnEvent(on).getHeaders().get("traceparent")).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
    }
}
