package dev.guildhall.discord.commands;

import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;

import java.util.List;

/**
 * One family of slash commands (TJ-Bot style): declares its commands and options, maps input to a
 * {@link Reply}. It reads Discord input and names core-api calls; it holds no game or moderation rule.
 */
public interface SlashCommandFamily {

    /** The top-level commands this family owns (with options, permissions, contexts). */
    List<SlashCommandData> commands();

    /** Maps one slash command of this family to a reply. */
    Reply handle(CommandInput input);

    /**
     * The core-api read whose answer suggests values while the user types {@code option}
     * (autocomplete), or null for none.
     */
    default ApiRequestForChoices autocomplete(CommandInput input, String option) {
        return null;
    }

    /** A read for autocomplete and how its answer turns into choices. */
    record ApiRequestForChoices(dev.guildhall.discord.api.ApiRequest request, dev.guildhall.discord.format.Choices kind) {}

    /** The first part of the component ids this family's buttons carry, or null for none. */
    default String componentPrefix() {
        return null;
    }

    /** Maps a click on one of this family's buttons; {@code id} is the component id split on ':'. */
    default Reply handleButton(ComponentId id, CommandInput input) {
        return Reply.text("This button is no longer supported.");
    }
}
