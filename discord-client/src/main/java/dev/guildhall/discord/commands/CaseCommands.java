package dev.guildhall.discord.commands;

import dev.guildhall.discord.Ids;
import dev.guildhall.discord.Json;
import dev.guildhall.discord.api.ApiRequest;
import dev.guildhall.discord.api.Operation;
import dev.guildhall.discord.format.View;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;

import java.util.List;
import java.util.Map;

/** {@code /case}, {@code /cases} and {@code /reason}: reading and amending case history (moderators only). */
public final class CaseCommands implements SlashCommandFamily {

    static final String NUMBER = "number";
    static final String USER = "user";
    static final String TYPE = "type";
    static final String REASON = "reason";

    @Override
    public List<SlashCommandData> commands() {
        return List.of(
                ModerationCommands.mod("case", "Show one case", Permission.MODERATE_MEMBERS)
                        .addOptions(number()),
                ModerationCommands.mod("cases", "List cases, newest first", Permission.MODERATE_MEMBERS)
                        .addOption(OptionType.USER, USER, "Only cases about this user")
                        .addOptions(new OptionData(OptionType.STRING, TYPE, "Only this type")
                                .addChoice("warn", "warn").addChoice("timeout", "timeout")
                                .addChoice("kick", "kick").addChoice("ban", "ban")
                                .addChoice("unban", "unban").addChoice("note", "note")),
                ModerationCommands.mod("reason", "Change a case's reason", Permission.MODERATE_MEMBERS)
                        .addOptions(number())
                        .addOptions(new OptionData(OptionType.STRING, REASON, "The new reason", true)
                                .setMaxLength(512)));
    }

    private static OptionData number() {
        return new OptionData(OptionType.INTEGER, NUMBER, "Case number", true).setMinValue(1);
    }

    @Override
    public Reply handle(CommandInput in) {
        String server = Ids.server(in.guildId());
        return switch (in.name()) {
            case "case" -> Reply.callEphemeral(ApiRequest.of(Operation.GET_CASE, Map.of("server", server,
                    "number", Long.toString(in.integer(NUMBER).orElseThrow()))), View.CASE);
            case "cases" -> Reply.callEphemeral(ApiRequest.of(Operation.LIST_CASES, Map.of("server", server))
                    .withQuery("target", in.user(USER).isPresent() ? Ids.user(in.user(USER).getAsLong()) : null)
                    .withQuery("type", in.string(TYPE).orElse(null)), View.CASE_LIST);
            case "reason" -> Reply.callEphemeral(ApiRequest.of(Operation.PATCH_CASE, Map.of("server", server,
                            "number", Long.toString(in.integer(NUMBER).orElseThrow())),
                    Json.obj("reason", in.string(REASON).orElseThrow())), View.CASE);
            default -> Reply.text("Unknown case command.");
        };
    }
}
