package dev.guildhall.slack.commands;

import dev.guildhall.slack.actors.SlackActor;
import dev.guildhall.slack.core.Call;

import java.util.function.Supplier;

/**
 * Where a command came from: workspace, channel, user, the Slack trigger id (the
 * {@code Idempotency-Key} of what it changes) and our request id. The actor's standing is read from
 * Slack only when a command needs it (help does not).
 */
public final class CommandContext {

    private final String teamId;
    private final String teamName;
    private final String channelId;
    private final String userId;
    private final String triggerId;
    private final String requestId;
    private final Supplier<SlackActor> actorLookup;
    private SlackActor actor;

    public CommandContext(String teamId, String teamName, String channelId, String userId, String triggerId,
                          String requestId, Supplier<SlackActor> actorLookup) {
        this.teamId = teamId;
        this.teamName = teamName;
        this.channelId = channelId;
        this.userId = userId;
        this.triggerId = triggerId;
        this.requestId = requestId;
        this.actorLookup = actorLookup;
    }

    /** The core-api server of this workspace: {@code slack:T…}. */
    public String server() { return "slack:" + teamId; }

    public String teamId() { return teamId; }

    public String teamName() { return teamName == null || teamName.isBlank() ? teamId : teamName; }

    public String channelId() { return channelId; }

    public String userId() { return userId; }

    public String triggerId() { return triggerId; }

    public String requestId() { return requestId; }

    public synchronized SlackActor actor() {
        if (actor == null) actor = actorLookup.get();
        return actor;
    }

    /** A call for the actor, keyed by the trigger id. */
    public Call call() {
        return actor().call(triggerId, requestId);
    }

    /** A read for the actor; reads carry no idempotency key. */
    public Call read() {
        return actor().call(null, requestId);
    }
}
