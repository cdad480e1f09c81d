package dev.guildhall.discord.actions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.guildhall.discord.Ids;
import dev.guildhall.discord.format.Formatter;
import io.micrometer.core.instrument.MeterRegistry;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.UserSnowflake;
import net.dv8tion.jda.api.entities.channel.middleman.GuildMessageChannel;
import net.dv8tion.jda.api.requests.RestAction;
import net.dv8tion.jda.api.requests.restaction.AuditableRestAction;
import net.dv8tion.jda.api.sharding.ShardManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Carries out the platform actions core-api returns with JDA: {@code ban}, {@code unban}, {@code kick},
 * {@code timeout}, {@code untimeout}, {@code delete_message}, {@code dm}, {@code log} (mod-log post),
 * {@code message} (e.g. a welcome), {@code add_role}, {@code lockdown} (verification level to the
 * highest). JDA's rate limiter queues them within Discord's limits.
 */
public final class ActionExecutor {

    private static final Logger LOG = LoggerFactory.getLogger(ActionExecutor.class);

    private final Supplier<ShardManager> shards;
    private final Formatter formatter;
    private final MeterRegistry meters;

    public ActionExecutor(Supplier<ShardManager> shards, Formatter formatter, MeterRegistry meters) {
        this.shards = shards;
        this.formatter = formatter;
        this.meters = meters;
    }

    /** Runs every action of an answer's {@code actions} array; completes when all have finished. */
    public CompletableFuture<Void> executeAll(Guild guild, JsonNode answer) {
        JsonNode actions = answer == null ? null : answer.path("actions");
        if (actions == null || !actions.isArray() || actions.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        List<CompletableFuture<?>> all = new ArrayList<>();
        for (JsonNode action : actions) {
            all.add(execute(guild, action));
        }
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new));
    }

    /** Runs one action; a failure is logged and counted, and fails the returned future. */
    public CompletableFuture<?> execute(Guild guild, JsonNode action) {
        String type = action.path("type").asText("").toLowerCase(Locale.ROOT);
        RestAction<?> rest;
        try {
            rest = build(guild, type, action);
        } catch (RuntimeException e) {
            meters.counter("guildhall_actions", "type", type, "outcome", "invalid").increment();
            LOG.warn("Cannot carry out action {}: {}", action, e.toString());
            return CompletableFuture.failedFuture(e);
        }
        if (rest == null) {
            meters.counter("guildhall_actions", "type", type, "outcome", "unsupported").increment();
            LOG.warn("Ignoring unknown platform action {}", action);
            return CompletableFuture.completedFuture(null);
        }
        return rest.submit().whenComplete((ok, err) -> {
            meters.counter("guildhall_actions", "type", type, "outcome", err == null ? "ok" : "failed").increment();
            if (err != null) LOG.warn("Platform action {} failed: {}", action, err.toString());
        });
    }

    private RestAction<?> build(Guild guild, String type, JsonNode a) {
        String reason = a.hasNonNull("reason") ? a.get("reason").asText() : null;
        return switch (type) {
            case "ban" -> audit(guild.ban(user(a), a.path("deleteMessageDays").asInt(0), TimeUnit.DAYS), reason);
            case "unban" -> audit(guild.unban(user(a)), reason);
            case "kick" -> audit(guild.kick(user(a)), reason);
            case "timeout" -> a.hasNonNull("until")
                    ? audit(guild.timeoutUntil(user(a), Instant.parse(a.get("until").asText())), reason)
                    : a.hasNonNull("durationSeconds")
                    ? audit(guild.timeoutFor(user(a), Duration.ofSeconds(a.get("durationSeconds").asLong())), reason)
                    : audit(guild.timeoutFor(user(a), parseDuration(a.path("duration").asText())), reason);
            case "untimeout" -> audit(guild.removeTimeout(user(a)), reason);
            case "delete_message", "delete" -> channel(guild, a).deleteMessageById(
                    a.hasNonNull("messageId") ? a.get("messageId").asText() : a.path("message").asText());
            case "dm" -> shards.get().retrieveUserById(user(a).getIdLong())
                    .flatMap(u -> u.openPrivateChannel())
                    .flatMap(ch -> ch.sendMessage(text(a)));
            case "log" -> channel(guild, a).sendMessage(formatter.modLog(a.get("message")));
            case "message", "welcome" -> channel(guild, a).sendMessage(text(a));
            case "lockdown" -> audit(guild.getManager().setVerificationLevel(Guild.VerificationLevel.VERY_HIGH),
                    reason);
            case "add_role", "role" -> audit(guild.addRoleToMember(user(a),
                    java.util.Objects.requireNonNull(guild.getRoleById(a.path("role").asText()),
                            "unknown role " + a.path("role").asText())), reason);
            default -> null;
        };
    }

    private static <T> AuditableRestAction<T> audit(AuditableRestAction<T> action, String reason) {
        return reason == null ? action : action.reason(reason.length() > 512 ? reason.substring(0, 512) : reason);
    }

    private static UserSnowflake user(JsonNode a) {
        long id = Ids.snowflake(a.path("user").asText());
        if (id < 0) throw new IllegalArgumentException("not a Discord user: " + a.path("user"));
        return UserSnowflake.fromId(id);
    }

    private static GuildMessageChannel channel(Guild guild, JsonNode a) {
        String id = a.path("channel").asText();
        GuildMessageChannel ch = guild.getChannelById(GuildMessageChannel.class, id);
        if (ch == null) throw new IllegalArgumentException("unknown channel " + id + " in " + guild.getId());
        return ch;
    }

    private static String text(JsonNode a) {
        String t = a.hasNonNull("text") ? a.get("text").asText() : a.path("content").asText("");
        return t.length() > 2000 ? t.substring(0, 1999) + "…" : t;
    }

    /** {@code 30s}, {@code 10m}, {@code 12h}, {@code 7d} (DESIGN §4) or ISO-8601 ({@code PT1H}). */
    public static Duration parseDuration(String s) {
        String v = s.trim().toLowerCase(Locale.ROOT);
        if (v.startsWith("p")) return Duration.parse(v.toUpperCase(Locale.ROOT));
        long n = Long.parseLong(v.substring(0, v.length() - 1));
        return switch (v.charAt(v.length() - 1)) {
            case 's' -> Duration.ofSeconds(n);
            case 'm' -> Duration.ofMinutes(n);
            case 'h' -> Duration.ofHours(n);
            case 'd' -> Duration.ofDays(n);
            default -> throw new IllegalArgumentException("bad duration " + s);
        };
    }
}
