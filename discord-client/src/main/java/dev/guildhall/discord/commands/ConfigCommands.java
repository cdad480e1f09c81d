package dev.guildhall.discord.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guildhall.discord.Ids;
import dev.guildhall.discord.Json;
import dev.guildhall.discord.api.ApiRequest;
import dev.guildhall.discord.api.Operation;
import dev.guildhall.discord.format.View;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;
import net.dv8tion.jda.api.interactions.commands.build.SubcommandData;
import net.dv8tion.jda.api.interactions.commands.build.SubcommandGroupData;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * {@code /config …}: each subcommand becomes a JSON merge patch of the server config (DESIGN §4);
 * core-api validates it. Only options the moderator set are sent.
 */
public final class ConfigCommands implements SlashCommandFamily {

    @Override
    public List<SlashCommandData> commands() {
        return List.of(ModerationCommands.mod("config", "Server configuration", Permission.MANAGE_SERVER)
                .addSubcommands(
                        new SubcommandData("show", "Show the configuration"),
                        new SubcommandData("modlog", "Where moderation is logged")
                                .addOption(OptionType.CHANNEL, "channel", "The mod-log channel", true),
                        new SubcommandData("features", "Turn features on or off")
                                .addOption(OptionType.BOOLEAN, "wars", "Wars and ladders")
                                .addOption(OptionType.BOOLEAN, "moderation", "Moderation commands"),
                        new SubcommandData("automod", "Automatic moderation of messages")
                                .addOption(OptionType.BOOLEAN, "enabled", "On or off")
                                .addOption(OptionType.STRING, "banned-words", "Comma-separated list (replaces the list)")
                                .addOption(OptionType.BOOLEAN, "block-invites", "Remove invite links")
                                .addOption(OptionType.STRING, "allowed-links", "Comma-separated domains (replaces)")
                                .addOptions(new OptionData(OptionType.INTEGER, "max-mentions", "Most mentions per message")
                                        .setMinValue(1))
                                .addOptions(new OptionData(OptionType.NUMBER, "caps-ratio", "Most capital letters, 0-1")
                                        .setRequiredRange(0.0, 1.0))
                                .addOptions(new OptionData(OptionType.STRING, "action", "What a hit does")
                                        .addChoice("delete", "delete").addChoice("warn", "warn")
                                        .addChoice("timeout", "timeout")),
                        new SubcommandData("welcome", "Greeting for new members")
                                .addOption(OptionType.BOOLEAN, "enabled", "On or off")
                                .addOption(OptionType.CHANNEL, "channel", "Where to greet")
                                .addOption(OptionType.STRING, "template", "e.g. Welcome {user} to {server}!")
                                .addOption(OptionType.ROLE, "role", "Role given on join"),
                        new SubcommandData("raid", "Raid detection: J joins within T seconds")
                                .addOption(OptionType.BOOLEAN, "enabled", "On or off")
                                .addOptions(new OptionData(OptionType.INTEGER, "joins", "J").setMinValue(2))
                                .addOptions(new OptionData(OptionType.INTEGER, "seconds", "T").setMinValue(1))
                                .addOption(OptionType.BOOLEAN, "lockdown", "Lock the server down on a raid"),
                        new SubcommandData("cooldown", "War-creation cooldown per player")
                                .addOption(OptionType.STRING, "war-create", "e.g. 10s; 'off' to remove", true))
                .addSubcommandGroups(new SubcommandGroupData("escalation", "Automatic escalation of warnings")
                        .addSubcommands(
                                new SubcommandData("add", "Add a step: N warns within D days → action")
                                        .addOptions(new OptionData(OptionType.INTEGER, "warns", "N", true).setMinValue(1))
                                        .addOptions(new OptionData(OptionType.INTEGER, "within-days", "D", true)
                                                .setMinValue(1))
                                        .addOptions(new OptionData(OptionType.STRING, "action", "Then", true)
                                                .addChoice("timeout", "timeout").addChoice("kick", "kick")
                                                .addChoice("ban", "ban"))
                                        .addOption(OptionType.STRING, "duration", "For timeout/ban, e.g. 1h"),
                                new SubcommandData("clear", "Remove all steps"))));
    }

    @Override
    public Reply handle(CommandInput in) {
        Map<String, String> server = Map.of("server", Ids.server(in.guildId()));
        if ("escalation".equals(in.group())) {
            if ("clear".equals(in.subcommand())) {
                return patch(server, Json.obj("escalation", List.of()));
            }
            ObjectNode step = Json.obj("warns", in.integer("warns").orElseThrow(),
                    "withinDays", in.integer("within-days").orElseThrow(),
                    "action", in.string("action").orElseThrow(),
                    "duration", in.string("duration").orElse(null));
            // A merge patch replaces arrays: read the current steps, send them back with the new one.
            return new Reply.Plan(ApiRequest.of(Operation.GET_SERVER_CONFIG, server), current -> {
                ArrayNode steps = Json.MAPPER.createArrayNode();
                current.path("escalation").forEach(steps::add);
                steps.add(step);
                return ApiRequest.of(Operation.PATCH_SERVER_CONFIG, server, Json.obj("escalation", steps));
            }, View.CONFIG, true);
        }
        String sub = in.subcommand() == null ? "" : in.subcommand();
        return switch (sub) {
            case "show" -> Reply.callEphemeral(ApiRequest.of(Operation.GET_SERVER_CONFIG, server), View.CONFIG);
            case "modlog" -> patch(server, Json.obj("modLogChannel", channel(in, "channel")));
            case "features" -> patch(server, Json.obj("features", Json.obj(
                    "wars", in.bool("wars").orElse(null), "moderation", in.bool("moderation").orElse(null))));
            case "automod" -> patch(server, Json.obj("automod", Json.obj(
                    "enabled", in.bool("enabled").orElse(null),
                    "bannedWords", in.string("banned-words").map(ConfigCommands::csv).orElse(null),
                    "blockInvites", in.bool("block-invites").orElse(null),
                    "allowedLinks", in.string("allowed-links").map(ConfigCommands::csv).orElse(null),
                    "maxMentions", in.integer("max-mentions").isPresent() ? in.integer("max-mentions").getAsLong() : null,
                    "capsRatio", in.string("caps-ratio").map(Double::valueOf).orElse(null),
                    "action", in.string("action").orElse(null))));
            case "welcome" -> patch(server, Json.obj("welcome", Json.obj(
                    "enabled", in.bool("enabled").orElse(null),
                    "channel", channel(in, "channel"),
                    "template", in.string("template").orElse(null),
                    "role", in.role("role").isPresent() ? Long.toUnsignedString(in.role("role").getAsLong()) : null)));
            case "raid" -> patch(server, Json.obj("raid", Json.obj(
                    "enabled", in.bool("enabled").orElse(null),
                    "joins", in.integer("joins").isPresent() ? in.integer("joins").getAsLong() : null,
                    "seconds", in.integer("seconds").isPresent() ? in.integer("seconds").getAsLong() : null,
                    "lockdown", in.bool("lockdown").orElse(null))));
            case "cooldown" -> {
                String v = in.string("war-create").orElseThrow().trim();
                ObjectNode cooldowns = Json.obj();
                if (v.equalsIgnoreCase("off")) cooldowns.putNull("warCreate");
                else cooldowns.put("warCreate", v);
                yield patch(server, Json.obj("cooldowns", cooldowns));
            }
            default -> Reply.text("Unknown /config subcommand.");
        };
    }

    private static Reply patch(Map<String, String> server, JsonNode body) {
        return Reply.callEphemeral(ApiRequest.of(Operation.PATCH_SERVER_CONFIG, server, body), View.CONFIG);
    }

    private static String channel(CommandInput in, String option) {
        return in.channel(option).isPresent() ? Long.toUnsignedString(in.channel(option).getAsLong()) : null;
    }

    static List<String> csv(String s) {
        return Arrays.stream(s.split(",")).map(String::trim).filter(w -> !w.isEmpty()).toList();
    }
}
