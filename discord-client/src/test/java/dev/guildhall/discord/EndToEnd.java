package dev.guildhall.discord;

import dev.guildhall.client.GuildhallClient;
import dev.guildhall.discord.fake.FakeDiscord;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The end-to-end set-up: a real core-api process, the fake Discord, and the real bot connected to both. */
final class EndToEnd implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(20);

    final CoreApiProcess coreApi;
    final FakeDiscord discord;
    final GuildhallClient client;
    final DiscordBot bot;

    private EndToEnd(CoreApiProcess coreApi, FakeDiscord discord, GuildhallClient client, DiscordBot bot) {
        this.coreApi = coreApi;
        this.discord = discord;
        this.client = client;
        this.bot = bot;
    }

    /** Starts everything; {@code drainSeconds} 0 turns the deferred-action drain off. */
    static EndToEnd start(int drainSeconds) throws Exception {
        CoreApiProcess coreApi = CoreApiProcess.start();
        GuildhallClient client = coreApi.client(coreApi.platformKey());
        FakeDiscord discord = new FakeDiscord();
        PrometheusMeterRegistry meters = DiscordBot.newRegistry();
        BotConfig config = new BotConfig("fake-token", coreApi.url(), "unused", List.of(), -1, OptionalLong.empty(),
                true, discord.restUrl(), false, 0, 1500, drainSeconds);
        DiscordBot bot = DiscordBot.start(config, DiscordMain.coreApi(client, meters), meters);
        EndToEnd env = new EndToEnd(coreApi, discord, client, bot);
        assertThat(discord.awaitReady(WAIT)).isTrue();
        bot.shards().getShardById(0).awaitReady();
        return env;
    }

    @Override
    public void close() {
        bot.close();
        discord.close();
        client.close();
        coreApi.close();
    }
}
