package dev.guildhall.slack.commands;

import dev.guildhall.slack.format.Reply;
import dev.guildhall.slack.format.SlackFormat;
import dev.guildhall.slack.gm.GmCommand;

import java.util.Set;

/** {@code /gm help [command]}: answered by the adapter alone, no core-api call. */
public final class HelpCommand implements CommandFamily {

    private final SlackFormat format;

    public HelpCommand(SlackFormat format) {
        this.format = format;
    }

    @Override
    public Set<Class<? extends GmCommand>> commands() {
        return Set.of(GmCommand.Help.class);
    }

    @Override
    public Reply handle(GmCommand command, CommandContext context) {
        return format.help(((GmCommand.Help) command).topic());
    }
}
