package dev.guildhall.discord;

import dev.guildhall.discord.api.ActorInfo;
import dev.guildhall.discord.api.CallContext;
import dev.guildhall.discord.commands.ComponentId;
import dev.guildhall.discord.commands.LegacyGrammar;
import dev.guildhall.discord.commands.Reply;
import dev.guildhall.discord.commands.SlashCommandFamily;
import dev.guildhall.discord.events.GatewayEvents;
import dev.guildhall.discord.ops.Logs;
import dev.guildhall.discord.ops.Tracing;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.Member;
import net.dv8tion.jda.api.entities.User;
import net.dv8tion.jda.api.events.guild.GuildJoinEvent;
import net.dv8tion.jda.api.events.guild.GuildReadyEvent;
import net.dv8tion.jda.api.events.guild.GuildAuditLogEntryCreateEvent;
import net.dv8tion.jda.api.events.guild.member.GuildMemberJoinEvent;
import net.dv8tion.jda.api.events.interaction.command.CommandAutoCompleteInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.events.message.MessageReceivedEvent;
import net.dv8tion.jda.api.events.session.ReadyEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.interactions.Interaction;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;
import org.jetbrains.annotations.NotNull;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The one router (TJ-Bot's BotCore): looks slash commands up by name and buttons by their id
 * prefix, hands them to their family, and passes gateway events to {@link GatewayEvents}.
 * It also registers the commands with Discord — globally, or on the dev guild only.
 */
public final class BotCore extends ListenerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(BotCore.class);

    private final Map<String, SlashCommandFamily> byName = new HashMap<>();
    private final Map<String, SlashCommandFamily> byPrefix = new HashMap<>();
    private final List<SlashCommandData> allCommands = new ArrayList<>();
    private final Responder responder;
    private final GatewayEvents events;
    private final OptionalLong devGuild;
    private final boolean legacyGrammar;
    private final Tracing tracing;

    public BotCore(List<SlashCommandFamily> families, Responder responder, GatewayEvents events,
                   OptionalLong devGuild, boolean legacyGrammar, Tracing tracing) {
        for (SlashCommandFamily f : families) {
            for (SlashCommandData c : f.commands()) {
                if (byName.put(c.getName(), f) != null) throw new IllegalStateException("two /" + c.getName());
                allCommands.add(c);
            }
            if (f.componentPrefix() != null && byPrefix.put(f.componentPrefix(), f) != null) {
                throw new IllegalStateException("two button prefixes " + f.componentPrefix());
            }
        }
        this.responder = responder;
        this.events = events;
        this.devGuild = devGuild;
        this.legacyGrammar = legacyGrammar;
        this.tracing = tracing;
    }

    public List<SlashCommandData> commands() {
        return List.copyOf(allCommands);
    }

    // ---- command registration

    @Override
    public void onReady(@NotNull ReadyEvent event) {
        if (devGuild.isEmpty() && event.getJDA().getShardInfo().getShardId() == 0) {
            event.getJDA().updateCommands().addCommands(allCommands).queue(
                    ok -> LOG.info("Registered {} global commands", ok.size()),
                    err -> LOG.error("Registering global commands failed", err));
        }
    }

    @Override
    public void onGuildReady(@NotNull GuildReadyEvent event) {
        handle("discord guild ready", event.getGuild(), null, event.getGuild().getId(), () -> {
            if (devGuild.isPresent() && event.getGuild().getIdLong() == devGuild.getAsLong()) {
                event.getGuild().updateCommands().addCommands(allCommands).queue(
                        ok -> LOG.info("Registered {} commands on dev guild {}", ok.size(), event.getGuild().getId()),
                        err -> LOG.error("Registering dev-guild commands failed", err));
            }
            events.registerServer(event.getGuild(), "ready-" + event.getGuild().getId());
        });
    }

    // ---- interactions

    @Override
    public void onSlashCommandInteraction(@NotNull SlashCommandInteractionEvent event) {
        handle("discord /" + event.getName(), event.getGuild(), event.getUser(), event.getId(), () -> {
            SlashCommandFamily family = byName.get(event.getName());
            if (family == null || event.getGuild() == null) {
                event.reply("This command only works in a server.").setEphemeral(true).queue();
                return;
            }
            Reply reply;
            try {
                reply = family.handle(new JdaInput(event, event));
            } catch (RuntimeException e) {
                LOG.warn("/{} could not read its options: {}", event.getFullCommandName(), e.toString());
                reply = Reply.text("I could not read that command's options.");
            }
            responder.answer(event, event.getName(), reply, context(event));
        });
    }

    @Override
    public void onCommandAutoCompleteInteraction(@NotNull CommandAutoCompleteInteractionEvent event) {
        handle("discord autocomplete /" + event.getName(), event.getGuild(), event.getUser(), event.getId(), () -> {
            SlashCommandFamily family = byName.get(event.getName());
            SlashCommandFamily.ApiRequestForChoices read = family == null || event.getGuild() == null ? null
                    : family.autocomplete(new JdaInput(event, event), event.getFocusedOption().getName());
            if (read == null) {
                event.replyChoices().queue();
                return;
            }
            Member member = event.getMember();
            ActorInfo actor = member != null ? Actors.of(member) : Actors.of(event.getUser());
            responder.suggest(event, read.request(), read.kind(),
                    new CallContext(actor, null, "discord-" + event.getId()));
        });
    }

    @Override
    public void onButtonInteraction(@NotNull ButtonInteractionEvent event) {
        handle("discord button", event.getGuild(), event.getUser(), event.getId(), () -> {
            ComponentId id = ComponentId.parse(event.getComponentId());
            SlashCommandFamily family = byPrefix.get(id.prefix());
            if (family == null || event.getGuild() == null) {
                event.reply("This button is no longer supported.").setEphemeral(true).queue();
                return;
            }
            Reply reply = family.handleButton(id, new JdaInput(event, null));
            responder.answerInPlace(event, id.prefix() + "-" + id.action(), reply, context(event));
        });
    }

    /** Actor from the member's real permissions; the interaction id as Idempotency-Key and request id. */
    static CallContext context(Interaction interaction) {
        Member member = interaction.getMember();
        ActorInfo actor = member != null ? Actors.of(member) : Actors.of(interaction.getUser());
        return new CallContext(actor, interaction.getId(), "discord-" + interaction.getId());
    }

    // ---- gateway events

    @Override
    public void onMessageReceived(@NotNull MessageReceivedEvent event) {
        if (!event.isFromGuild() || event.getAuthor().isBot() || event.isWebhookMessage()) return;
        handle("discord message", event.getGuild(), event.getAuthor(), event.getMessageId(), () -> {
            events.checkMessage(event.getMessage());
            String content = event.getMessage().getContentRaw();
            if (legacyGrammar && LegacyGrammar.matches(content) && event.getMember() != null) {
                Reply reply = LegacyGrammar.parse(content, event.getGuild().getIdLong(), event.getAuthor().getIdLong());
                responder.answer(event.getMessage(), reply, new CallContext(Actors.of(event.getMember()),
                        "msg-" + event.getMessageId(), "discord-" + event.getMessageId()));
            }
        });
    }

    @Override
    public void onGuildJoin(@NotNull GuildJoinEvent event) {
        handle("discord guild join", event.getGuild(), null, event.getGuild().getId(),
                () -> events.registerServer(event.getGuild(), "join-" + event.getGuild().getId()));
    }

    @Override
    public void onGuildMemberJoin(@NotNull GuildMemberJoinEvent event) {
        handle("discord member join", event.getGuild(), event.getUser(), event.getMember().getId(),
                () -> events.memberJoined(event.getMember()));
    }

    @Override
    public void onGuildAuditLogEntryCreate(@NotNull GuildAuditLogEntryCreateEvent event) {
        handle("discord audit log entry", event.getGuild(), null, event.getEntry().getId(),
                () -> events.auditLogEntry(event.getGuild(), event.getEntry()));
    }

    /**
     * Handles one Discord event inside its span and its log context (request id, server, actor), which the calls it
     * starts on the bot's workers carry along. {@code id} is Discord's id of what the event is about.
     */
    private void handle(String name, Guild guild, User actor, String id, Runnable handler) {
        String server = guild == null ? null : Ids.server(guild.getIdLong());
        Logs.withContext("discord-" + id, server, actor == null ? null : Ids.user(actor.getIdLong()),
                () -> tracing.event(name, server, id, handler));
    }
}
