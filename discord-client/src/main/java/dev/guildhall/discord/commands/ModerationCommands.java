package dev.guildhall.discord.commands;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guildhall.discord.Ids;
import dev.guildhall.discord.Json;
import dev.guildhall.discord.api.ApiRequest;
import dev.guildhall.discord.api.Operation;
import dev.guildhall.discord.format.View;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.interactions.InteractionContextType;
import net.dv8tion.jda.api.interactions.commands.DefaultMemberPermissions;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;

import java.util.List;
import java.util.Map;

/**
 * {@code /warn /timeout /kick /ban /unban /note}: each becomes a case in core-api, which checks the
 * actor's permissions and role hierarchy and answers with the platform actions to carry out.
 * Default member permissions hide them from members who could not use them anyway.
 */
public final class ModerationCommands implements SlashCommandFamily {

    static final String USER = "user";
    static final String REASON = "reason";
    static final String DURATION = "duration";
    static final String DELETE_DAYS = "delete-days";
    static final String TEXT = "text";

    @Override
    public List<SlashCommandData> commands() {
        return List.of(
                mod("warn", "Warn a member", Permission.MODERATE_MEMBERS)
                        .addOption(OptionType.USER, USER, "Who", true)
                        .addOptions(reason(true)),
                mod("timeout", "Time a member out (at most 28 days)", Permission.MODERATE_MEMBERS)
                        .addOption(OptionType.USER, USER, "Who", true)
                        .addOption(OptionType.STRING, DURATION, "How long, e.g. 10m, 1h, 7d", true)
                        .addOptions(reason(false)),
                mod("kick", "Kick a member", Permission.KICK_MEMBERS)
                        .addOption(OptionType.USER, USER, "Who", true)
                        .addOptions(reason(false)),
                mod("ban", "Ban a user, optionally for a time", Permission.BAN_MEMBERS)
                        .addOption(OptionType.USER, USER, "Who", true)
                        .addOptions(reason(false))
                        .addOption(OptionType.STRING, DURATION, "Temporary ban, e.g. 7d (default: permanent)")
                        .addOptions(new OptionData(OptionType.INTEGER, DELETE_DAYS,
                                "Delete this many days of their messages").setRequiredRange(0, 7)),
                mod("unban", "Lift a ban", Permission.BAN_MEMBERS)
                        .addOption(OptionType.USER, USER, "Who (user id works too)", true)
                        .addOptions(reason(false)),
                mod("note", "Add a private moderator note about a member", Permission.MODERATE_MEMBERS)
                        .addOption(OptionType.USER, USER, "Who", true)
                        .addOptions(new OptionData(OptionType.STRING, TEXT, "The note", true).setMaxLength(1000)));
    }

    static SlashCommandData mod(String name, String description, Permission permission) {
        return Commands.slash(name, description)
                .setContexts(InteractionContextType.GUILD)
                .setDefaultPermissions(DefaultMemberPermissions.enabledFor(permission));
    }

    private static OptionData reason(boolean required) {
        return new OptionData(OptionType.STRING, REASON, "Why (shown in the case and the mod log)", required)
                .setMaxLength(512);
    }

    @Override
    public Reply handle(CommandInput in) {
        String type = in.name();
        if (!List.of("warn", "timeout", "kick", "ban", "unban", "note").contains(type)) {
            return Reply.text("Unknown moderation command.");
        }
        long target = in.user(USER).orElseThrow();
        ObjectNode targetNode = Json.obj("user", Ids.user(target));
        in.member(USER).ifPresent(m -> {
            targetNode.put("owner", m.owner());
            targetNode.put("topRole", m.topRole());
            if (m.self()) targetNode.put("bot", true);
        });
        ObjectNode body = Json.obj("type", type, "target", targetNode);
        String reason = type.equals("note") ? in.string(TEXT).orElse(null) : in.string(REASON).orElse(null);
        if (reason != null) body.put("reason", reason);
        in.string(DURATION).ifPresent(d -> body.put("duration", d.trim()));
        in.integer(DELETE_DAYS).ifPresent(d -> body.put("deleteMessageDays", d));
        // Notes are for moderators only; the rest is announced in the channel like any moderation.
        ApiRequest request = ApiRequest.of(Operation.CREATE_CASE, Map.of("server", Ids.server(in.guildId())), body);
        return type.equals("note") ? Reply.callEphemeral(request, View.CASE) : Reply.call(request, View.CASE);
    }
}
