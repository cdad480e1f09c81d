package dev.guildhall.discord;

import dev.guildhall.client.GuildhallClient;
import dev.guildhall.discord.fake.FakeCollector;
import dev.guildhall.discord.fake.FakeDiscord;
import dev.guildhall.discord.ops.Tracing;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The end-to-end set-up: a real core-api process, the fake Discord, and the real bot connected to both; with a
 * {@link FakeCollector}, both services trace to it as configured in production.
 */
final class EndToEnd implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(20);

    final CoreApiProcess coreApi;
    final FakeDiscord discord;
    /** The test's own client of core-api (untraced). */
    final GuildhallClient client;
    final DiscordBot bot;
    private final GuildhallClient botClient;
    private final Tracing tracing;

    private EndToEnd(CoreApiProcess coreApi, FakeDiscord discord, GuildhallClient client, DiscordBot bot,
                     GuildhallClient botClient, Tracing tracing) {
        this.coreApi = coreApi;
        this.discord = discord;
        this.client = client;
        this.bot = bot;
        this.botClient = botClient;
        this.tracing = tracing;
    }

    /** Starts everything; {@code drainSeconds} 0 turns the deferred-action drain off. */
    static EndToEnd start(int drainSeconds) throws Exception {
        return start(drainSeconds, null);
    }

    /** The same, with tracing on in both services and exported to {@code collector} (null: tracing off). */
    static EndToEnd start(int drainSeconds, FakeCollector collector) throws Exception {
        CoreApiProcess coreApi = CoreApiProcess.start(collector == null ? Map.of() : Map.of(
                "QUARKUS_OTEL_SDK_DISABLED", "false",
                "QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", collector.endpoint(),
                "QUARKUS_OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "http/protobuf",
                "QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "100ms",
                "QUARKUS_DATASOURCE_JDBC_TELEMETRY_ENABLED", "true"));
        Tracing tracing = collector == null ? Tracing.off() : Tracing.configure(Map.of(
                "otel.sdk.disabled", "false",
                "otel.exporter.otlp.endpoint", collector.endpoint(),
                "otel.exporter.otlp.protocol", "http/protobuf",
                "otel.bsp.schedule.delay", "100"));
        String key = coreApi.platformKey();
        GuildhallClient client = coreApi.client(key);
        FakeDiscord discord = new FakeDiscord();
        PrometheusMeterRegistry meters = DiscordBot.newRegistry();
        BotConfig config = new BotConfig("fake-token", coreApi.url(), key, List.of(), -1, OptionalLong.empty(),
                true, discord.restUrl(), false, 0, 1500, drainSeconds);
        GuildhallClient botClient = DiscordMain.client(config, tracing);
        DiscordBot bot = DiscordBot.start(config, DiscordMain.coreApi(botClient, meters), meters, tracing);
        EndToEnd env = new EndToEnd(coreApi, discord, client, bot, botClient, tracing);
        assertThat(discord.awaitReady(WAIT)).isTrue();
        bot.shards().getShardById(0).awaitReady();
        return env;
    }

    @Override
    public void close() {
        bot.close();
        discord.close();
        botClient.close();
        client.close();
        tracing.close();
        coreApi.close();
    }
}
