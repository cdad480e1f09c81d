package dev.guildhall.discord;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BotConfigTest {

    static final Map<String, String> BASE = Map.of("DISCORD_TOKEN", "t", "GUILDHALL_API_URL", "http://api",
            "GUILDHALL_API_KEY", "k");

    @Test
    void defaults() {
        BotConfig c = BotConfig.fromEnv(BASE);
        assertThat(c.shardIds()).isEmpty();
        assertThat(c.shardTotal()).isEqualTo(-1);
        assertThat(c.devGuild()).isEmpty();
        assertThat(c.messageContent()).isFalse();
        assertThat(c.discordApiUrl()).isEqualTo(BotConfig.DISCORD_API);
        assertThat(c.compressGateway()).isTrue();
    }

    @Test
    void shardsAreSplitAcrossProcesses() {
        Map<String, String> env = new java.util.HashMap<>(BASE);
        env.put("DISCORD_SHARD_IDS", "0-2, 5");
        env.put("DISCORD_SHARD_TOTAL", "8");
        env.put("DISCORD_DEV_GUILD", "81384788765712384");
        BotConfig c = BotConfig.fromEnv(env);
        assertThat(c.shardIds()).isEqualTo(List.of(0, 1, 2, 5));
        assertThat(c.shardTotal()).isEqualTo(8);
        assertThat(c.devGuild().getAsLong()).isEqualTo(81384788765712384L);
    }

    @Test
    void refusesWhatCannotWork() {
        assertThatThrownBy(() -> BotConfig.fromEnv(Map.of())).hasMessageContaining("DISCORD_TOKEN");
        Map<String, String> env = new java.util.HashMap<>(BASE);
        env.put("DISCORD_SHARD_IDS", "0,1");
        assertThatThrownBy(() -> BotConfig.fromEnv(env)).hasMessageContaining("DISCORD_SHARD_TOTAL");
        env.put("DISCORD_SHARD_TOTAL", "1");
        assertThatThrownBy(() -> BotConfig.fromEnv(env)).hasMessageContaining("outside");
    }
}
