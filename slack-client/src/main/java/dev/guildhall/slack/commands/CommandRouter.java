package dev.guildhall.slack.commands;

import dev.guildhall.slack.core.CoreApiException;
import dev.guildhall.slack.core.CoreUnavailableException;
import dev.guildhall.slack.format.Reply;
import dev.guildhall.slack.format.SlackFormat;
import dev.guildhall.slack.gm.GmCommand;
import dev.guildhall.slack.gm.GmParser;
import dev.guildhall.slack.gm.GmSyntaxException;
import io.micrometer.core.instrument.MeterRegistry;
import org.jboss.logging.Logger;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The one router: text or button → {@link GmCommand} → its family → a {@link Reply}. Every failure
 * becomes a friendly ephemeral answer: a syntax error says which part and shows an example, a refusal
 * shows core-api's reason, an unreachable core-api asks to try again.
 */
public final class CommandRouter {

    private static final Logger LOG = Logger.getLogger(CommandRouter.class);

    private final GmParser parser;
    private final Map<Class<? extends GmCommand>, CommandFamily> families = new HashMap<>();
    private final Workspaces workspaces;
    private final SlackFormat format;
    private final MeterRegistry metrics;

    public CommandRouter(GmParser parser, List<CommandFamily> all, Workspaces workspaces, SlackFormat format,
                         MeterRegistry metrics) {
        this.parser = parser;
        this.workspaces = workspaces;
        this.format = format;
        this.metrics = metrics;
        for (CommandFamily family : all) {
            for (Class<? extends GmCommand> c : family.commands()) {
                if (families.put(c, family) != null) throw new IllegalStateException(c.getSimpleName() + " has two families");
            }
        }
        for (Class<?> c : GmCommand.class.getPermittedSubclasses()) {
            if (!families.containsKey(c)) throw new IllegalStateException(c.getSimpleName() + " has no family");
        }
    }

    /** A slash command's text. */
    public Reply handle(String text, CommandContext ctx) {
        GmCommand command;
        try {
            command = parser.parse(text);
        } catch (GmSyntaxException e) {
            count("syntax_error", "refused");
            return format.syntaxError(e);
        }
        return handle(command, ctx);
    }

    public Reply handle(GmCommand command, CommandContext ctx) {
        String name = command.getClass().getSimpleName().toLowerCase(Locale.ROOT);
        try {
            if (!(command instanceof GmCommand.Help)) workspaces.ensureRegistered(ctx);
            Reply reply = families.get(command.getClass()).handle(command, ctx);
            count(name, "ok");
            return reply;
        } catch (CoreApiException e) {
            count(name, "refused");
            return format.refused(e);
        } catch (CoreUnavailableException e) {
            LOG.warnf("core-api unavailable for %s: %s", name, e.getMessage());
            count(name, "unavailable");
            return format.unavailable();
        }
    }

    private void count(String command, String outcome) {
        if (metrics != null) metrics.counter("slack.commands", "command", command, "outcome", outcome).increment();
    }
}
