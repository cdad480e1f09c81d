package dev.guildhall.discord.commands;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * What a command reads from an interaction, without Discord types: the JDA implementation wraps a
 * slash or button interaction, tests use {@link MapInput}.
 */
public interface CommandInput {

    /** Top-level command name, e.g. {@code war}. */
    String name();

    /** Subcommand group, or null. */
    String group();

    /** Subcommand, or null. */
    String subcommand();

    Optional<String> string(String option);

    OptionalLong integer(String option);

    Optional<Boolean> bool(String option);

    /** A user option's snowflake. */
    OptionalLong user(String option);

    /** The guild member behind a user option, if the user is in the guild. */
    Optional<MemberFacts> member(String option);

    /** A channel option's snowflake. */
    OptionalLong channel(String option);

    /** A role option's snowflake. */
    OptionalLong role(String option);

    long guildId();

    long userId();

    /**
     * Facts about a member core-api's permission rules need: owner flag, top role position, and
     * whether it is this bot.
     */
    record MemberFacts(long id, boolean owner, int topRole, boolean self) {}
}
