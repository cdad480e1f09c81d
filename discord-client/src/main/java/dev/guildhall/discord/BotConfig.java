package dev.guildhall.discord;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Everything the bot reads from its environment. See the module README for each variable.
 *
 * @param token            DISCORD_TOKEN, the bot token
 * @param apiUrl           GUILDHALL_API_URL, core-api's base URL
 * @param apiKey           GUILDHALL_API_KEY, a platform key
 * @param shardIds         DISCORD_SHARD_IDS ("0,1,2" or "0-3"); empty = all shards of the total
 * @param shardTotal       DISCORD_SHARD_TOTAL; -1 = Discord's recommendation from GET /gateway/bot
 * @param devGuild         DISCORD_DEV_GUILD: register commands on this guild only (instant updates)
 * @param messageContent   DISCORD_MESSAGE_CONTENT: use the privileged message-content intent
 *                         (legacy {@code gmbot …} grammar and automod); off = slash commands only
 * @param discordApiUrl    DISCORD_API_URL: Discord's REST base URL (a local fake in tests)
 * @param compressGateway  DISCORD_GATEWAY_COMPRESSION: zlib-compress the gateway (default true)
 * @param opsPort          DISCORD_HTTP_PORT: health and metrics endpoint (default 8081; 0 = any free port)
 * @param quickReplyMillis GUILDHALL_QUICK_REPLY_MS: how long to wait for core-api before deferring
 * @param drainSeconds     GUILDHALL_ACTIONS_POLL_SECONDS: how often to claim deferred actions (0 = never)
 */
public record BotConfig(String token, String apiUrl, String apiKey, List<Integer> shardIds, int shardTotal,
                        OptionalLong devGuild, boolean messageContent, String discordApiUrl,
                        boolean compressGateway, int opsPort, long quickReplyMillis, int drainSeconds) {

    public static final String DISCORD_API = "https://discord.com/api/v10/";

    public BotConfig {
        shardIds = List.copyOf(shardIds);
        if (!shardIds.isEmpty() && shardTotal < 1) {
            throw new IllegalArgumentException("DISCORD_SHARD_IDS needs DISCORD_SHARD_TOTAL");
        }
        for (int id : shardIds) {
            if (id < 0 || id >= shardTotal) {
                throw new IllegalArgumentException("shard id " + id + " is outside 0.." + (shardTotal - 1));
            }
        }
    }

    public static BotConfig fromEnv(Map<String, String> env) {
        int total = Integer.parseInt(env.getOrDefault("DISCORD_SHARD_TOTAL", "-1").trim());
        String dev = env.getOrDefault("DISCORD_DEV_GUILD", "").trim();
        return new BotConfig(
                required(env, "DISCORD_TOKEN"),
                required(env, "GUILDHALL_API_URL"),
                required(env, "GUILDHALL_API_KEY"),
                parseShardIds(env.getOrDefault("DISCORD_SHARD_IDS", "")),
                total,
                dev.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Long.parseUnsignedLong(dev)),
                Boolean.parseBoolean(env.getOrDefault("DISCORD_MESSAGE_CONTENT", "false").trim()),
                env.getOrDefault("DISCORD_API_URL", DISCORD_API).trim(),
                Boolean.parseBoolean(env.getOrDefault("DISCORD_GATEWAY_COMPRESSION", "true").trim()),
                Integer.parseInt(env.getOrDefault("DISCORD_HTTP_PORT", "8081").trim()),
                Long.parseLong(env.getOrDefault("GUILDHALL_QUICK_REPLY_MS", "1500").trim()),
                Integer.parseInt(env.getOrDefault("GUILDHALL_ACTIONS_POLL_SECONDS", "5").trim()));
    }

    /** "0,1,2", "0-3", "0-1,4" → shard ids; blank → empty (all). */
    static List<Integer> parseShardIds(String spec) {
        List<Integer> ids = new ArrayList<>();
        for (String part : spec.split(",")) {
            String p = part.trim();
            if (p.isEmpty()) continue;
            int dash = p.indexOf('-');
            if (dash > 0) {
                int from = Integer.parseInt(p.substring(0, dash).trim());
                int to = Integer.parseInt(p.substring(dash + 1).trim());
                if (to < from) throw new IllegalArgumentException("bad shard range " + p);
                for (int i = from; i <= to; i++) ids.add(i);
            } else {
                ids.add(Integer.parseInt(p));
            }
        }
        return ids;
    }

    private static String required(Map<String, String> env, String name) {
        String v = env.get(name);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException(name + " is required (see discord-client/README.md)");
        }
        return v.trim();
    }
}
