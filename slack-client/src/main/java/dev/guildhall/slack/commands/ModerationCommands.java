package dev.guildhall.slack.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guildhall.slack.actions.ActionExecutor;
import dev.guildhall.slack.actors.ActorResolver;
import dev.guildhall.slack.actors.SlackActor;
import dev.guildhall.slack.core.CoreApi;
import dev.guildhall.slack.format.Reply;
import dev.guildhall.slack.format.SlackFormat;
import dev.guildhall.slack.gm.GmCommand;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Moderation: warn, timeout, kick, ban, unban, note (each a case), case, cases, reason. Whether the
 * actor may do it, escalation and what must happen in Slack are core-api's answer; this family sends
 * the target's standing, shows the case and carries out the returned actions.
 */
public final class ModerationCommands implements CommandFamily {

    private final CoreApi core;
    private final ActorResolver actors;
    private final ActionExecutor actions;
    private final SlackFormat format;

    public ModerationCommands(CoreApi core, ActorResolver actors, ActionExecutor actions, SlackFormat format) {
        this.core = core;
        this.actors = actors;
        this.actions = actions;
        this.format = format;
    }

    @Override
    public Set<Class<? extends GmCommand>> commands() {
        return Set.of(GmCommand.Moderate.class, GmCommand.ShowCase.class, GmCommand.ListCases.class, GmCommand.Reason.class);
    }

    @Override
    public Reply handle(GmCommand command, CommandContext ctx) {
        if (command instanceof GmCommand.Moderate m) {
            SlackActor target = actors.resolve(ctx.teamId(), m.user(), null);
            JsonNode answer = core.createCase(ctx.server(), caseBody(m, target), ctx.call());
            actions.executeAll(answer.path("actions"), new ActionExecutor.Origin(ctx.teamId(), ctx.channelId()));
            return format.caseCreated(answer);
        }
        if (command instanceof GmCommand.ShowCase c) {
            return format.caseCard(core.getCase(ctx.server(), c.number(), ctx.read()));
        }
        if (command instanceof GmCommand.ListCases l) {
            Map<String, String> filters = new LinkedHashMap<>();
            if (l.user() != null) filters.put("target", "slack:" + l.user());
            return format.caseList(core.listCases(ctx.server(), filters, ctx.read()));
        }
        if (command instanceof GmCommand.Reason r) {
            ObjectNode patch = JsonNodeFactory.instance.objectNode().put("reason", r.reason());
            return format.caseCard(core.patchCase(ctx.server(), r.number(), patch, ctx.call()));
        }
        throw new IllegalArgumentException("not a moderation command: " + command);
    }

    static ObjectNode caseBody(GmCommand.Moderate m, SlackActor target) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("type", m.type());
        body.putObject("target").put("user", target.chatId()).put("owner", target.owner()).put("topRole", target.rank());
        if (m.reason() != null) body.put("reason", m.reason());
        if (m.duration() != null) body.put("duration", m.duration());
        if (m.deleteMessageDays() != null) body.put("deleteMessageDays", m.deleteMessageDays());
        return body;
    }
}
