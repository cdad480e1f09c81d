package dev.guildhall.slack.commands;

import dev.guildhall.slack.core.Call;
import dev.guildhall.slack.core.CoreApi;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The first command from a workspace registers it as the server {@code slack:T…}. Registration is an
 * idempotent {@code PUT} made with the adapter's own platform key (no actor: any member's first
 * command may be the one); the set below only saves repeating it, so losing it (restart, another
 * instance) costs one extra PUT and nothing else.
 */
public final class Workspaces {

    private final CoreApi core;
    private final Set<String> registered = ConcurrentHashMap.newKeySet();

    public Workspaces(CoreApi core) {
        this.core = core;
    }

    public void ensureRegistered(CommandContext ctx) {
        if (registered.contains(ctx.server())) return;
        core.registerServer(ctx.server(), ctx.teamName(), Call.system(null, ctx.requestId()));
        registered.add(ctx.server());
    }
}
