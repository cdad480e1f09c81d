package dev.guildhall.slack.commands;

import dev.guildhall.slack.format.Reply;
import dev.guildhall.slack.gm.GmCommand;

import java.util.Set;

/** One family of {@code /gm} commands (wars, moderation, config, help): builds the call, makes it, formats the answer. */
public interface CommandFamily {

    /** The commands this family answers; the router checks every command has exactly one family. */
    Set<Class<? extends GmCommand>> commands();

    Reply handle(GmCommand command, CommandContext context);
}
