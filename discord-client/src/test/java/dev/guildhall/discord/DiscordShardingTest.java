package dev.guildhall.discord;

import dev.guildhall.discord.fake.FakeDiscord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;

/** DISCORD_SHARD_IDS/TOTAL reach the gateway's IDENTIFY; DISCORD_DEV_GUILD registers commands on that guild only. */
class DiscordShardingTest {

    @Test
    void aProcessRunsItsShardsAndRegistersCommandsOnTheDevGuild() throws Exception {
        try (FakeDiscord discord = new FakeDiscord()) {
            BotConfig config = new BotConfig("fake-token", "http://127.0.0.1:1", "key", List.of(1), 2,
                    OptionalLong.of(FakeDiscord.GUILD_ID), false, discord.restUrl(), false, 0, 1000, 0);
            DiscordBot bot = DiscordBot.start(config, (r, c) -> Json.obj(), DiscordBot.newRegistry());
            try {
                assertThat(discord.awaitReady(Duration.ofSeconds(15))).isTrue();
                assertThat(discord.identify().path("shard").toString()).isEqualTo("[1,2]");
                long intents = discord.identify().path("intents").asLong();
                assertThat(intents & (1 << 15)).as("no MESSAGE_CONTENT unless asked for").isZero();
                assertThat(bot.shards().getShardsTotal()).isEqualTo(2);
                assertThat(bot.shards().getShardById(1)).isNotNull();
                assertThat(bot.shards().getShardById(0)).isNull();

                FakeDiscord.Call put = discord.await(0, c -> c.method().equals("PUT") && c.path().endsWith("/commands"),
                        Duration.ofSeconds(15));
                assertThat(put.path()).isEqualTo("/applications/" + FakeDiscord.APP_ID + "/guilds/"
                        + FakeDiscord.GUILD_ID + "/commands");
                Thread.sleep(500);
                assertThat(discord.calls()).noneMatch(c -> c.line().equals("PUT /applications/" + FakeDiscord.APP_ID
                        + "/commands"));
            } finally {
                bot.close();
            }
        }
    }
}
