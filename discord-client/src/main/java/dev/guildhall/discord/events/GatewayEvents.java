package dev.guildhall.discord.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guildhall.discord.Actors;
import dev.guildhall.discord.Ids;
import dev.guildhall.discord.Json;
import dev.guildhall.discord.actions.ActionExecutor;
import dev.guildhall.discord.api.ActorInfo;
import dev.guildhall.discord.api.ApiRequest;
import dev.guildhall.discord.api.CallContext;
import dev.guildhall.discord.api.CoreApi;
import dev.guildhall.discord.api.Operation;
import net.dv8tion.jda.api.audit.ActionType;
import net.dv8tion.jda.api.audit.AuditLogEntry;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.Member;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/**
 * Gateway events forwarded to core-api: guild join → register the server; member join →
 * members/joined; message → automod check; a ban or kick done by hand (audit log) → a case.
 * Each call carries a key derived from the event so a redelivered event is recorded once.
 */
public final class GatewayEvents {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayEvents.class);

    private final CoreApi api;
    private final ActionExecutor actions;
    private final ExecutorService workers;
    private final boolean messageContent;

    public GatewayEvents(CoreApi api, ActionExecutor actions, ExecutorService workers, boolean messageContent) {
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
     * Bans and kicks done in Discord's own UI become cases. Those the bot did itself carried out a
     * case already (the audit entry's user is the bot), so they are not reported again; the
     * entry id as Idempotency-Key makes a redelivered event count once.
     */
    public CompletableFuture<JsonNode> auditLogEntry(Guild guild, AuditLogEntry entry) {
        String type = entry.getType() == ActionType.BAN ? "ban" : entry.getType() == ActionType.KICK ? "kick" : null;
        if (type == null || entry.getUserIdLong() == guild.getJDA().getSelfUser().getIdLong()) {
            return CompletableFuture.completedFuture(null);
        }
        Member moderator = guild.getMemberById(entry.getUserIdLong());
        ActorInfo actor = moderator != null ? Actors.of(moderator)
                : new ActorInfo(Ids.user(entry.getUserIdLong()), null, Set.of(), false, 0);
        ObjectNode body = Json.obj(
                "type", type,
                "target", Json.obj("user", Ids.user(entry.getTargetIdLong())),
                "reason", entry.getReason(),
                "external", true,
                "source", "discord-audit-log");
        String key = "audit-" + entry.getId();
        return call(guild, ApiRequest.of(Operation.CREATE_CASE, Map.of("server", Ids.server(guild.getIdLong())),
                body), new CallContext(actor, key, "discord-" + key), true);
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
