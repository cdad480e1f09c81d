package dev.guildhall.discord.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guildhall.discord.Actors;
import dev.guildhall.discord.Ids;
import dev.guildhall.discord.Json;
import dev.guildhall.discord.actions.ActionExecutor;
import dev.guildhall.discord.api.ApiRequest;
import dev.guildhall.discord.api.CallContext;
import dev.guildhall.discord.api.CoreApi;
import dev.guildhall.discord.api.Operation;
import net.dv8tion.jda.api.audit.AuditLogChange;
import net.dv8tion.jda.api.audit.AuditLogEntry;
import net.dv8tion.jda.api.audit.AuditLogKey;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.Member;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Gateway events forwarded to core-api: guild join → register the server; member join →
 * members/joined; message → automod check; a ban, kick or timeout done by hand (audit log) → a case.
 * Each call carries a key derived from the event so a redelivered event is recorded once.
 */
public final class GatewayEvents {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayEvents.class);

    private final CoreApi api;
    private final ActionExecutor actions;
    private final Executor workers;
    private final boolean messageContent;

    public GatewayEvents(CoreApi api, ActionExecutor actions, Executor workers, boolean messageContent) {
        this.api = api;
        this.actions = actions;
        this.workers = workers;
        this.messageContent = messageContent;
    }

    public CompletableFuture<JsonNode> registerServer(Guild guild, String eventKey) {
        JsonNode body = Json.obj("name", guild.getName(), "owner", Ids.user(guild.getOwnerIdLong()));
        return call(guild, ApiRequest.of(Operation.REGISTER_SERVER, Map.of("server", Ids.server(guild.getIdLong())),
                body), CallContext.system(null, "discord-" + eventKey), false);
    }

    public CompletableFuture<JsonNode> memberJoined(Member member) {
        Guild guild = member.getGuild();
        JsonNode body = Json.obj(
                "user", Ids.user(member.getIdLong()),
                "name", member.getUser().getName(),
                "accountCreatedAt", member.getUser().getTimeCreated().toInstant().toString());
        String key = "join-" + guild.getId() + "-" + member.getId() + "-" + member.getTimeJoined().toEpochSecond();
        return call(guild, ApiRequest.of(Operation.MEMBER_JOINED, Map.of("server", Ids.server(guild.getIdLong())),
                body), CallContext.system(key, "discord-" + key), true);
    }

    /** Automod needs the text: without the message-content intent nothing is sent. */
    public CompletableFuture<JsonNode> checkMessage(Message message) {
        if (!messageContent || !message.isFromGuild() || message.getMember() == null) {
            return CompletableFuture.completedFuture(null);
        }
        Guild guild = message.getGuild();
        Member author = message.getMember();
        ObjectNode body = Json.obj(
                "messageId", message.getId(),
                "channel", message.getChannel().getId(),
                "author", Json.obj("user", Ids.user(author.getIdLong()),
                        "roles", author.getRoles().stream().map(Role::getId).toList()),
                "content", message.getContentRaw(),
                "mentions", message.getMentions().getUsers().size() + message.getMentions().getRoles().size()
                        + (message.getMentions().mentionsEveryone() ? 1 : 0));
        String key = "check-" + message.getId();
        return call(guild, ApiRequest.of(Operation.CHECK_MESSAGE, Map.of("server", Ids.server(guild.getIdLong())),
                body), new CallContext(Actors.of(author), key, "discord-" + key), true);
    }

    /**
     * Bans, unbans, kicks and timeouts seen in the audit log are reported as observed actions, so
     * they become cases. Whether one is new is core-api's decision: it records an audit entry once
     * (the entry id is the {@code platformRef}, and also the Idempotency-Key) and recognises the echo
     * of an action Guildhall itself ordered, so the bot reports its own entries too.
     */
    public CompletableFuture<JsonNode> auditLogEntry(Guild guild, AuditLogEntry entry) {
        ObservedAction observed = ObservedAction.of(entry, Instant.now());
        if (observed == null) {
            return CompletableFuture.completedFuture(null);
        }
        ObjectNode body = Json.obj(
                "type", observed.type(),
                "target", Json.obj("user", Ids.user(entry.getTargetIdLong()),
                        "bot", entry.getTargetIdLong() == guild.getJDA().getSelfUser().getIdLong() ? true : null),
                "reason", entry.getReason(),
                "duration", observed.duration(),
                "observed", true,
                "platformRef", entry.getId(),
                "moderator", Ids.user(entry.getUserIdLong()));
        String key = "audit-" + entry.getId();
        return call(guild, ApiRequest.of(Operation.CREATE_CASE, Map.of("server", Ids.server(guild.getIdLong())),
                body), CallContext.system(key, "discord-" + key), true);
    }

    /** Which audit-log entries are moderation done on Discord, and as which case type. */
    record ObservedAction(String type, String duration) {
        static ObservedAction of(AuditLogEntry entry, Instant now) {
            return switch (entry.getType()) {
                case BAN -> new ObservedAction("ban", null);
                case UNBAN -> new ObservedAction("unban", null);
                case KICK -> new ObservedAction("kick", null);
                case MEMBER_UPDATE -> {
                    AuditLogChange timeout = entry.getChangeByKey(AuditLogKey.MEMBER_TIME_OUT);
                    if (timeout == null) yield null;
                    Object until = timeout.getNewValue();
                    if (until == null) yield new ObservedAction("untimeout", null);
                    long seconds = Duration.between(now, OffsetDateTime.parse(until.toString()).toInstant())
                            .getSeconds();
                    yield new ObservedAction("timeout", Math.max(1, seconds) + "s");
                }
                default -> null;
            };
        }
    }

    private CompletableFuture<JsonNode> call(Guild guild, ApiRequest request, CallContext ctx, boolean runActions) {
        return CompletableFuture.supplyAsync(() -> api.call(request, ctx), workers).whenComplete((answer, err) -> {
            if (err != null) {
                LOG.warn("{} for guild {} failed (request {}): {}", request.op(), guild.getId(), ctx.requestId(),
                        err.getMessage());
            } else if (runActions) {
                actions.executeAll(guild, answer);
            }
        });
    }
}
