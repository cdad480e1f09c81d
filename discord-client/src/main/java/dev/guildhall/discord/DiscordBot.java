package dev.guildhall.discord;

import dev.guildhall.discord.actions.ActionDrainer;
import dev.guildhall.discord.actions.ActionExecutor;
import dev.guildhall.discord.api.CoreApi;
import dev.guildhall.discord.events.GatewayEvents;
import dev.guildhall.discord.format.Formatter;
import dev.guildhall.discord.ops.Logs;
import dev.guildhall.discord.ops.OpsServer;
import dev.guildhall.discord.ops.Tracing;
import io.opentelemetry.context.Context;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.requests.RestConfig;
import net.dv8tion.jda.api.sharding.DefaultShardManagerBuilder;
import net.dv8tion.jda.api.sharding.ShardManager;
import net.dv8tion.jda.api.utils.ChunkingFilter;
import net.dv8tion.jda.api.utils.Compression;
import net.dv8tion.jda.api.utils.MemberCachePolicy;
import net.dv8tion.jda.api.utils.cache.CacheFlag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.EnumSet;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The running bot: a ShardManager, the router, the deferred-action loop and the ops endpoint. */
public final class DiscordBot implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DiscordBot.class);

    private final ShardManager shards;
    private final OpsServer ops;
    private final ExecutorService workers;
    private final ScheduledExecutorService timer;
    private final PrometheusMeterRegistry meters;
    private final BotCore core;
    private final ActionDrainer drainer;

    private DiscordBot(ShardManager shards, OpsServer ops, ExecutorService workers, ScheduledExecutorService timer,
                       PrometheusMeterRegistry meters, BotCore core, ActionDrainer drainer) {
        this.shards = shards;
        this.ops = ops;
        this.workers = workers;
        this.timer = timer;
        this.meters = meters;
        this.core = core;
        this.drainer = drainer;
    }

    /** The gateway intents the bot asks for. GUILD_MEMBERS and MESSAGE_CONTENT are privileged. */
    public static EnumSet<GatewayIntent> intents(boolean messageContent) {
        EnumSet<GatewayIntent> intents = EnumSet.of(GatewayIntent.GUILD_MESSAGES, GatewayIntent.GUILD_MEMBERS,
                GatewayIntent.GUILD_MODERATION);
        if (messageContent) intents.add(GatewayIntent.MESSAGE_CONTENT);
        return intents;
    }

    public static DiscordBot start(BotConfig config, CoreApi api, PrometheusMeterRegistry meters)
            throws IOException {
        return start(config, api, meters, Tracing.off());
    }

    public static DiscordBot start(BotConfig config, CoreApi api, PrometheusMeterRegistry meters, Tracing tracing)
            throws IOException {
        ExecutorService workers = Executors.newFixedThreadPool(8, named("guildhall-call"));
        // the calls to core-api run on these workers: each task carries the trace and log context of its event
        Executor calls = Context.taskWrapping(Logs.carryingContext(workers));
        ScheduledExecutorService timer = Executors.newScheduledThreadPool(2, named("guildhall-timer"));
        ShardManager[] holder = new ShardManager[1];
        Formatter formatter = new Formatter();
        ActionExecutor actions = new ActionExecutor(() -> holder[0], formatter, meters);
        Responder responder = new Responder(api, formatter, actions, calls, timer, config.quickReplyMillis(), meters);
        GatewayEvents events = new GatewayEvents(api, actions, calls, config.messageContent());
        BotCore core = new BotCore(Features.createFeatures(), responder, events, config.devGuild(),
                config.messageContent(), tracing);

        DefaultShardManagerBuilder builder = DefaultShardManagerBuilder.create(config.token(),
                        intents(config.messageContent()))
                .disableCache(CacheFlag.VOICE_STATE, CacheFlag.EMOJI, CacheFlag.STICKER, CacheFlag.SCHEDULED_EVENTS,
                        CacheFlag.SOUNDBOARD_SOUNDS, CacheFlag.ACTIVITY, CacheFlag.CLIENT_STATUS, CacheFlag.ONLINE_STATUS)
                .setMemberCachePolicy(MemberCachePolicy.ALL)
                .setChunkingFilter(ChunkingFilter.NONE)
                .setRestConfig(new RestConfig().setBaseUrl(config.discordApiUrl()))
                .setCompression(config.compressGateway() ? Compression.ZLIB : Compression.NONE)
                .setEnableShutdownHook(false)
                .addEventListeners(core);
        if (config.shardTotal() > 0) {
            builder.setShardsTotal(config.shardTotal());
            if (!config.shardIds().isEmpty()) builder.setShards(config.shardIds());
        }
        ShardManager sm = builder.build();
        holder[0] = sm;
        meters.gauge("discord_shards_connected", sm,
                m -> m.getShardCache().stream().filter(s -> s.getStatus() == JDA.Status.CONNECTED).count());
        meters.gauge("discord_gateway_ping_ms", sm, ShardManager::getAverageGatewayPing);
        meters.gauge("discord_guilds", sm, m -> m.getGuildCache().size());

        ActionDrainer drainer = new ActionDrainer(api, actions, () -> holder[0]);
        if (config.drainSeconds() > 0) {
            timer.scheduleWithFixedDelay(drainer, config.drainSeconds(), config.drainSeconds(), TimeUnit.SECONDS);
        }
        OpsServer ops = new OpsServer(config.opsPort(), () -> holder[0], meters);
        LOG.info("Guildhall Discord adapter started; health and metrics on port {}", ops.port());
        return new DiscordBot(sm, ops, workers, timer, meters, core, drainer);
    }

    public static PrometheusMeterRegistry newRegistry() {
        return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    }

    public ShardManager shards() {
        return shards;
    }

    public int opsPort() {
        return ops.port();
    }

    /** The deferred-action loop (also scheduled every GUILDHALL_ACTIONS_POLL_SECONDS). */
    public ActionDrainer drainer() {
        return drainer;
    }

    public BotCore core() {
        return core;
    }

    @Override
    public void close() {
        ops.close();
        timer.shutdownNow();
        shards.shutdown();
        workers.shutdown();
        meters.close();
    }

    private static java.util.concurrent.ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
