package dev.guildhall.discord.actions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.guildhall.discord.Ids;
import dev.guildhall.discord.Json;
import dev.guildhall.discord.api.ApiRequest;
import dev.guildhall.discord.api.CallContext;
import dev.guildhall.discord.api.CoreApi;
import dev.guildhall.discord.api.Operation;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.sharding.ShardManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Drains deferred platform actions (e.g. a temp ban's expiry): claims a batch with a lease, carries
 * out those for guilds on this process's shards, and acks each one that succeeded. Unacked actions
 * come back when their lease ends (at-least-once), so a crash loses nothing. core-api's claim has no
 * server filter, so with shards split across processes an action for another process's guild is
 * left unacked here and reaches its owner after the lease, when that process claims it.
 */
public final class ActionDrainer implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(ActionDrainer.class);
    static final int BATCH = 25;

    private final CoreApi api;
    private final ActionExecutor executor;
    private final Supplier<ShardManager> shards;

    public ActionDrainer(CoreApi api, ActionExecutor executor, Supplier<ShardManager> shards) {
        this.api = api;
        this.executor = executor;
        this.shards = shards;
    }

    @Override
    public void run() {
        try {
            drainOnce();
        } catch (RuntimeException e) {
            LOG.warn("Claiming deferred actions failed: {}", e.getMessage());
        }
    }

    /** One claim/execute/ack round; returns how many actions were acked. */
    public int drainOnce() {
        ShardManager sm = shards.get();
        if (sm.getGuildCache().isEmpty()) return 0;
        String rid = "discord-claim-" + UUID.randomUUID();
        JsonNode claimed = api.call(ApiRequest.of(Operation.CLAIM_ACTIONS, Map.of("platform", Ids.PLATFORM),
                Json.obj("limit", BATCH)), CallContext.system(null, rid));
        JsonNode items = claimed.isArray() ? claimed : claimed.path("items");
        int acked = 0;
        for (JsonNode item : items) {
            String id = item.path("id").asText();
            JsonNode action = item.has("action") ? item.get("action") : item;
            long guildId = Ids.snowflake(item.path("server").asText(action.path("server").asText()));
            Guild guild = guildId < 0 ? null : sm.getGuildById(guildId);
            if (guild == null) continue; // another shard's guild: its lease runs out and it is claimed there
            try {
                executor.execute(guild, action).join();
                api.call(ApiRequest.of(Operation.ACK_ACTION, Map.of("platform", Ids.PLATFORM, "id", id), Json.obj()),
                        CallContext.system("ack-" + id, rid));
                acked++;
            } catch (RuntimeException e) {
                LOG.warn("Deferred action {} failed, it will be retried after its lease: {}", id, e.getMessage());
            }
        }
        return acked;
    }
}
